/**
 * The chain of a snapshot source: rebuilt exactly as it was saved (kids, chain id,
 * crtime, the header's snaptime/ndata/dataSize) with the saved data kept aside, so that
 * `read()` on a snapshot gives what was saved, stamped with the time it was saved.
 */
import type { Source } from '../sources/source.js';
import type { SavedKstats } from '../sources/snapshot/snapshot-source.js';
import type { KstatData } from './types.js';
import { Chain, ChainKstat } from './chain.js';

export interface SavedChain {
  readonly chain: Chain;
  readonly bootTimeNs: bigint;
  readonly data: ReadonlyMap<number, { readonly data: KstatData; readonly snaptime: bigint }>;
}

interface ReplayingSource {
  savedKstats(): SavedKstats;
}

function replays(source: Source): source is Source & ReplayingSource {
  return typeof (source as Partial<ReplayingSource>).savedKstats === 'function';
}

/** The saved chain when `source` replays one, else undefined. */
export function savedChainOf(source: Source): SavedChain | undefined {
  if (!replays(source)) return undefined;
  const saved = source.savedKstats();
  const data = new Map<number, { data: KstatData; snaptime: bigint }>();
  const kstats = saved.kstats.map((h) => {
    const k = new ChainKstat(h.kid, h, h.crtime, -1, h.flags);
    k.snaptime = h.snaptime;
    k.ndata = h.ndata;
    k.dataSize = h.dataSize;
    data.set(h.kid, { data: h.data, snaptime: h.snaptime });
    return k;
  });
  const headersCrtime = saved.kstats.find((k) => k.kid === 0)?.crtime ?? 0n;
  return { chain: Chain.restore(saved.chainId, headersCrtime, kstats), bootTimeNs: saved.bootTimeNs, data };
}
