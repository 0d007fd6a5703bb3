/**
 * Owning processes never leave the daemon unless --expose-processes: a local user sees
 * only their own processes' fds, and a remote client is not even a local user.
 *
 * The daemon's providers read sockets without owners (the default of netstat-views.ts),
 * so on a live, netns or tree source there is nothing to strip; a snapshot file can
 * carry owners (saved by a privileged `kstat --save`), so the two views that have a
 * `processes` field are decoded and, when any record has one, re-encoded without it.
 * The result is cached per reading (the same bytes are served until the next update).
 * Undecodable bytes are served as they are: they cannot be decoded by clients either.
 */
import type { Kstat } from '../kstat/chain.js';
import type { SourceKind } from '../records/reading.js';
import type { KstatData } from '../kstat/types.js';
import { decodeViewReading, encodeViewReading, type NetstatView } from '../protocol/netstat-readings.js';
import { XdrError } from '../protocol/xdr/types.js';

const VIEWS_WITH_OWNERS: readonly NetstatView[] = ['sockets', 'packet-sockets'];

/**
 * Sources whose socket views the daemon's providers read themselves, without owners
 * unless --expose-processes (the owner scan runs only when asked): nothing to strip.
 * A snapshot (saved data, possibly with owners) or anything else may carry them.
 */
const READ_WITHOUT_OWNERS: ReadonlySet<SourceKind> = new Set<SourceKind>(['live', 'pid', 'netns', 'tree']);

export function ownersMayBeIn(kind: SourceKind): boolean {
  return !READ_WITHOUT_OWNERS.has(kind);
}
const cache = new WeakMap<Uint8Array, Uint8Array>();

export function redactProcesses(ks: Pick<Kstat, 'module' | 'instance' | 'name'>, data: KstatData): KstatData {
  if (data.type !== 'RAW' || ks.module !== 'netstat' || ks.instance !== 0) return data;
  const view = VIEWS_WITH_OWNERS.find((v) => v === ks.name);
  if (view === undefined) return data;
  const known = cache.get(data.raw);
  if (known !== undefined) return { type: 'RAW', raw: known };
  const raw = stripped(view, data.raw);
  cache.set(data.raw, raw);
  return { type: 'RAW', raw };
}

function stripped(view: NetstatView, raw: Uint8Array): Uint8Array {
  let reading;
  try {
    reading = decodeViewReading(view, raw);
  } catch (err) {
    if (err instanceof XdrError) return raw;
    throw err;
  }
  const records = reading.data as { processes?: unknown }[];
  if (!records.some((r) => r.processes !== undefined)) return raw;
  const data = records.map((r) => {
    const { processes: _drop, ...rest } = r;
    return rest;
  });
  return encodeViewReading(view, { ...reading, data } as never);
}
