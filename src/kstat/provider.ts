/**
 * A provider maps one kind of source reading to kstats (one file per module family under
 * providers/). The chain (chain.ts) calls every provider to learn the set of kstats, and
 * calls one provider again to read one kstat: providers do no I/O of their own, they ask
 * the source, so the same providers serve the live kernel, a tree, a snapshot or a
 * remote host.
 */
import type { Issue } from '../errors.js';
import type { Source } from '../sources/source.js';
import type { ProvidedKstat } from './types.js';

export interface Collected {
  readonly kstats: ProvidedKstat[];
  readonly issues: Issue[];
}

export interface KstatProvider {
  /** Short name for docs and errors ("link", "cpu"). */
  readonly name: string;
  /** Modules whose kstats this provider makes: how `read(ks)` finds the provider again. */
  readonly modules: readonly string[];
  /**
   * One reading of everything this provider makes. A record kind the source does not
   * have (E_UNAVAILABLE) yields no kstats, not an error: a namespace simply lacks them.
   */
  collect(source: Source): Promise<Collected>;
}
