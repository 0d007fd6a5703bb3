/**
 * The chain of a remote source (kstatOpen({ host })), as libkstat builds it from
 * /dev/kstat and rpc.kstatd from its procedures: the chain is the daemon's — kids, chain
 * id, crtime and flags from READ(0) (every header, kid order) — never one we number
 * ourselves; `read(ks)` is READ(kid). A chain update re-reads the headers; kstats that
 * keep their kid and identity keep their object (and its data), as a local merge does.
 * Reading many kstats uses one READ_BATCH by kids (version 2: one consistent reading),
 * or pipelined READs on a version 1 server.
 */
import type { Source } from '../sources/source.js';
import type { KstatRpc } from '../sources/remote/kstat-rpc.js';
import { statusError } from '../sources/remote/kstat-rpc.js';
import { RpcReplyError } from '../sources/remote/transport.js';
import { KSTAT_STATUS } from '../protocol/kstat-x/status.js';
import { KSTAT_BATCH_KIDS_MAX } from '../protocol/kstat-x/procedures.js';
import type { KstatWithData } from '../protocol/kstat-x/codec.js';
import { Chain, ChainKstat, kstatKey } from './chain.js';
import type { KstatData } from './types.js';

interface RemoteChainSource {
  remoteKstats(): KstatRpc;
}

/** The RPC client when `source` is a remote kstatd, else undefined. */
export function remoteRpcOf(source: Source): KstatRpc | undefined {
  const s = source as Partial<RemoteChainSource>;
  return typeof s.remoteKstats === 'function' ? s.remoteKstats() : undefined;
}

export interface RemoteChainUpdate {
  readonly chain: Chain;
  readonly added: readonly ChainKstat[];
  readonly deleted: readonly ChainKstat[];
}

/** The daemon's chain now; survivors of `previous` (same kid, same identity) are kept. */
export async function fetchRemoteChain(rpc: KstatRpc, previous?: Chain): Promise<RemoteChainUpdate> {
  const { chainId, headers } = await rpc.headers();
  const added: ChainKstat[] = [];
  const kstats = headers.map((h) => {
    const old = previous?.byKidOf(h.kid);
    if (old !== undefined && kstatKey(old) === kstatKey(h) && old.type === h.type && old.class === h.class) return old;
    const k = new ChainKstat(h.kid, h, h.crtime, -1, h.flags);
    k.snaptime = h.snaptime;
    k.ndata = h.ndata;
    k.dataSize = h.dataSize;
    if (previous !== undefined) added.push(k);
    return k;
  });
  const kept = new Set(kstats);
  const deleted = (previous?.kstats ?? []).filter((k) => !kept.has(k));
  const headersCrtime = headers.find((h) => h.kid === 0)?.crtime ?? 0n;
  return { chain: Chain.restore(chainId, headersCrtime, kstats), added, deleted };
}

/** Whether the server serves READ_BATCH; learnt from the first refusal. */
const noBatch = new WeakSet<KstatRpc>();

/** The data of each kid (one reading when the server serves READ_BATCH); kids gone from the chain are in `gone`. */
export async function readRemoteKids(rpc: KstatRpc, kids: readonly number[]): Promise<{ found: Map<number, KstatWithData>; gone: Set<number> }> {
  const found = new Map<number, KstatWithData>();
  const gone = new Set<number>();
  if (!noBatch.has(rpc)) {
    try {
      for (let at = 0; at < kids.length; at += KSTAT_BATCH_KIDS_MAX) {
        const res = await rpc.batch({ by: 'kids', kids: kids.slice(at, at + KSTAT_BATCH_KIDS_MAX) });
        for (const k of res.kstats) found.set(k.kid, k);
        for (const kid of res.gone) gone.add(kid);
      }
      return { found, gone };
    } catch (err) {
      if (!(err instanceof RpcReplyError) || (err.reply.stat !== 'PROG_MISMATCH' && err.reply.stat !== 'PROC_UNAVAIL')) throw err;
      noBatch.add(rpc);
    }
  }
  await Promise.all(
    kids.map(async (kid) => {
      const res = await rpc.read(kid);
      if (res.ok) found.set(kid, res.kstat);
      else if (res.status === KSTAT_STATUS.KSTAT_ENXIO) gone.add(kid);
      else throw statusError(res.status, `${rpc.client.label}: READ of kid ${kid}`);
    }),
  );
  return { found, gone };
}

/**
 * Reads `own` (one READ_BATCH, or READs) into the chain's kstats and hands each reading to
 * `remember`; returns the kstats gone from the daemon (or whose identity or type changed).
 */
export async function readRemoteInto(rpc: KstatRpc, own: readonly ChainKstat[], remember: (kid: number, reading: { data: KstatData; snaptime: bigint }) => void): Promise<ChainKstat[]> {
  const { found } = await readRemoteKids(rpc, own.map((k) => k.kid));
  const gone: ChainKstat[] = [];
  for (const k of own) {
    const r = found.get(k.kid);
    if (r === undefined || r.data.type !== k.type || kstatKey(r) !== kstatKey(k)) {
      gone.push(k);
      continue;
    }
    k.fill(r.data, r.snaptime);
    remember(k.kid, { data: r.data, snaptime: r.snaptime });
  }
  return gone;
}
