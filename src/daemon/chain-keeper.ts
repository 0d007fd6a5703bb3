/**
 * The daemon's one KstatCtl and the rule that keeps a flood of calls from re-reading
 * /proc for each one.
 *
 * CONSISTENCY RULE (docs/kstatd.md): every answer comes from the latest chain update,
 * which reads every provider once; a call arriving when that update is older than
 * `refreshMs` first runs a new one (calls arriving meanwhile wait for the same update:
 * at most one update runs at a time). So a READ or READ_BATCH reply is at most
 * `refreshMs` (plus one update's duration) old, kstats of one READ_BATCH — and of any
 * calls answered from the same update — are one consistent reading, and the header
 * snaptime says exactly when. refreshMs 0 updates for every call.
 */
import type { KstatCtl, KstatReading } from '../kstat/kstat-ctl.js';
import type { Kstat } from '../kstat/chain.js';
import type { SourceClock } from '../sources/source.js';

export interface KeptChain {
  readonly chainId: number;
  readonly kstats: readonly Kstat[];
  /** kid → kstat of this chain. */
  readonly byKid: ReadonlyMap<number, Kstat>;
  /** The data of this update (undefined: the provider failed or lacked it this time). */
  reading(ks: Kstat): KstatReading | undefined;
  /** The source's clock when the update started. */
  readonly clock: SourceClock;
}

export interface ChainKeeperOptions {
  readonly refreshMs: number;
  /** The source's clock (the ctl's source). */
  readonly clock: () => Promise<SourceClock>;
  /** Milliseconds, monotonic (tests pass their own). */
  readonly now?: () => number;
  readonly onUpdateError?: (err: unknown) => void;
}

export class ChainKeeper {
  private readonly ctl: KstatCtl;
  private readonly options: ChainKeeperOptions;
  private readonly now: () => number;
  private kept: KeptChain | undefined;
  private keptAt = -Infinity;
  private pending: Promise<KeptChain> | undefined;
  /** Chain updates run so far (for tests and logs). */
  updates = 0;

  constructor(ctl: KstatCtl, options: ChainKeeperOptions) {
    this.ctl = ctl;
    this.options = options;
    this.now = options.now ?? (() => performance.now());
  }

  /** The current chain: the kept one when fresh enough, else a new update (shared). */
  async current(): Promise<KeptChain> {
    if (this.kept !== undefined && this.now() - this.keptAt < this.options.refreshMs) return this.kept;
    this.pending ??= this.update().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async update(): Promise<KeptChain> {
    const started = this.now();
    const clock = await this.options.clock();
    // The first update ran in KstatCtl.over(); later ones re-read every provider.
    if (this.updates > 0 || this.kept !== undefined) await this.ctl.chainUpdate();
    this.updates++;
    const ctl = this.ctl;
    const kstats = [...ctl.chain];
    const readings = new Map<number, KstatReading>();
    for (const k of kstats) {
      const r = ctl.peek(k);
      if (r !== undefined) readings.set(k.kid, r);
    }
    const kept: KeptChain = {
      chainId: ctl.chainId,
      kstats,
      byKid: new Map(kstats.map((k) => [k.kid, k])),
      reading: (ks) => readings.get(ks.kid),
      clock,
    };
    this.kept = kept;
    this.keptAt = started;
    return kept;
  }
}
