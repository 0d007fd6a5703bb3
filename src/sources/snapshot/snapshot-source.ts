/**
 * A Source over a snapshot file (.kss): every netstat view is the Reading saved in its RAW
 * kstat `netstat:0:<view>` (protocol/netstat-readings.ts), decoded back — data, issues,
 * unavailable parts, takenAt and via exactly as saved, `source` naming the source the
 * snapshot was taken from. A view the snapshot lacks is E_UNAVAILABLE. Socket and route
 * queries are applied here, at read time, with the same matching functions every source
 * uses (the snapshot holds every socket and every route table). Nothing is read from the
 * machine: a snapshot source is the file only.
 *
 * The system views (cpu, memoryInfo, disks, interrupts, scheduler) come the same way
 * from the RAW kstats `system:0:<view>` (system-views.ts).
 *
 * Owning processes are not saved (an owner scan walks the live process table), so
 * `sockets({ processes: true })` answers with them listed as unavailable.
 */
import { KstatError } from '../../errors.js';
import type { Reading, Source, SourceClock, SourceInfo, Unavailable } from '../source.js';
import { matchesSocket, validateSocketQuery, type SocketQuery } from '../socket-query.js';
import { matchesRouteQuery, tableIdOf, wantsFamily, type RouteQuery } from '../route-query.js';
import { decodeViewReading, type NetstatView, type NetstatViewData } from '../../protocol/netstat-readings.js';
import type { Snapshot } from '../../protocol/snapshot/format.js';
import type { KstatWithData } from '../../protocol/kstat-x/codec.js';
import { decodeSystemViewReading, type SystemView, type SystemViewData } from './system-views.js';

/** The saved chain, as kstatOpen({ snapshot }) replays it (kstat/saved-chain.ts). */
export interface SavedKstats {
  readonly chainId: number;
  readonly bootTimeNs: bigint;
  readonly kstats: readonly KstatWithData[];
}

const NOT_SAVED: Unavailable = { what: 'owning processes', reason: 'not saved in a snapshot (the owner scan reads the live process table)' };

/** Reads, checks and decodes a snapshot file (E_PARSE naming the byte offset when damaged). */
export async function openSnapshotSource(path: string): Promise<SnapshotSource> {
  const { loadSnapshotFile } = await import('./snapshot-file.js');
  return new SnapshotSource(await loadSnapshotFile(path), path);
}

export class SnapshotSource implements Source {
  readonly info: SourceInfo;
  readonly snapshot: Snapshot;
  private readonly path: string;

  constructor(snapshot: Snapshot, path: string) {
    this.snapshot = snapshot;
    this.path = path;
    this.info = { kind: 'snapshot', label: `snapshot ${path} (${snapshot.source.label})` };
  }

  async sockets(query: SocketQuery = {}): Promise<Reading<NetstatViewData['sockets']>> {
    validateSocketQuery(query);
    const r = this.view('sockets');
    const unavailable = query.processes === true ? [...r.unavailable, NOT_SAVED] : r.unavailable;
    return { ...r, data: r.data.filter((s) => matchesSocket(query, s)), unavailable };
  }

  async listenQueues() {
    return this.view('listen-queues');
  }

  async interfaces() {
    return this.view('interfaces');
  }

  async memory() {
    return this.view('memory');
  }

  async packetSockets(options: { processes?: boolean } = {}) {
    const r = this.view('packet-sockets');
    return options.processes === true ? { ...r, unavailable: [...r.unavailable, NOT_SAVED] } : r;
  }

  /**
   * The saved reading holds every table (saved with `table: 'all'`). Routes whose table the
   * original source could not tell (procfs IPv6) match only 'all', as everywhere; a query
   * for one table then says so in `unavailable` instead of guessing.
   */
  async routes(query: RouteQuery = {}) {
    const r = this.view('routes');
    const data = r.data.filter((route) => matchesRouteQuery(route, query));
    const untold = tableIdOf(query.table) === undefined ? 0 : r.data.filter((x) => x.table === undefined && wantsFamily(query, x.family)).length;
    const unavailable = untold === 0 ? r.unavailable : [...r.unavailable, { what: `${untold} saved routes whose table the original source could not tell`, reason: 'they match only table "all"' }];
    return { ...r, data, unavailable };
  }

  async routeStats() {
    return this.view('route-stats');
  }

  async multicast() {
    return this.view('multicast');
  }

  async protocolStats() {
    return this.view('protocol-stats');
  }

  async cpu() {
    return this.systemView('cpu');
  }

  async memoryInfo() {
    return this.systemView('memory-info');
  }

  async disks() {
    return this.systemView('disks');
  }

  async interrupts() {
    return this.systemView('interrupts');
  }

  async scheduler() {
    return this.systemView('scheduler');
  }

  /**
   * The saved clock: now is the latest snaptime in the snapshot (the source's own clock at
   * its last read before saving), boot time as saved (0n when the source did not know it).
   */
  async clock(): Promise<SourceClock> {
    let latest = 0n;
    for (const k of this.snapshot.kstats) if (k.snaptime > latest) latest = k.snaptime;
    return { sinceBootNs: latest, bootTimeNs: this.snapshot.bootTimeNs ?? 0n };
  }

  /** The saved chain, for kstatOpen({ snapshot }) (kstat/saved-chain.ts). */
  savedKstats(): SavedKstats {
    return { chainId: this.snapshot.chainId, bootTimeNs: this.snapshot.bootTimeNs ?? 0n, kstats: this.snapshot.kstats };
  }

  async close(): Promise<void> {
    // The file was read whole when the source was opened; nothing is held.
  }

  /** Decodes a view's saved Reading afresh (callers may change what they get). */
  private view<V extends NetstatView>(view: V): Reading<NetstatViewData[V]> {
    return this.decode('netstat', view, (raw) => decodeViewReading(view, raw));
  }

  private systemView<V extends SystemView>(view: V): Reading<SystemViewData[V]> {
    return this.decode('system', view, (raw) => decodeSystemViewReading(view, raw));
  }

  private decode<T>(module: string, view: string, decode: (raw: Uint8Array) => T): T {
    const k = this.snapshot.kstats.find((x) => x.module === module && x.instance === 0 && x.name === view);
    if (k === undefined || k.data.type !== 'RAW') {
      throw new KstatError('E_UNAVAILABLE', `${view} is not available from ${this.info.label}: the snapshot has no ${module}:0:${view} kstat`, { file: this.path });
    }
    try {
      return decode(k.data.raw);
    } catch (err) {
      if (KstatError.is(err)) throw new KstatError(err.code, `${this.path}: ${module}:0:${view}: ${err.message}`, { file: this.path, cause: err });
      throw err;
    }
  }
}
