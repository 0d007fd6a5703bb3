/**
 * A Source whose every view is the XDR Reading held by a RAW kstat — `netstat:0:<view>`
 * (protocol/netstat-readings.ts) or `system:0:<view>` (snapshot/system-views.ts). Two
 * sources work this way: a snapshot file (the kstats saved in it) and a remote kstatd
 * (the kstats read over RPC). This class does what they share: decode each view, apply
 * socket and route queries at read time with the same matching functions every source
 * uses (the RAW kstats hold every socket and every route table), and say what the RAW
 * readings cannot carry (owning processes). Subclasses only fetch the bytes.
 */
import { KstatError } from '../errors.js';
import type { Reading, Source, SourceClock, SourceInfo, Unavailable } from './source.js';
import { matchesSocket, validateSocketQuery, type SocketQuery } from './socket-query.js';
import { matchesRouteQuery, tableIdOf, wantsFamily, type RouteQuery } from './route-query.js';
import { decodeViewReading, type NetstatView, type NetstatViewData } from '../protocol/netstat-readings.js';
import { decodeSystemViewReading, type SystemView, type SystemViewData } from './snapshot/system-views.js';

export type RawViewModule = 'netstat' | 'system';

export abstract class RawViewSource implements Source {
  abstract readonly info: SourceInfo;
  /** Why owning processes are missing (the owner scan walks the live process table of the source's host). */
  protected abstract readonly noOwners: Unavailable;
  /** What `unavailable` calls routes of an untold table ("saved routes" in a snapshot). */
  protected readonly routesNoun: string = 'routes';

  /** The bytes of the RAW kstat `<module>:0:<view>`; E_UNAVAILABLE when the source has none. */
  protected abstract rawView(module: RawViewModule, view: string): Promise<Uint8Array>;
  /** Context for a decoding failure: a message prefix and the file, if any. */
  protected abstract where(module: RawViewModule, view: string): { readonly prefix: string; readonly file?: string };
  abstract clock(): Promise<SourceClock>;
  abstract close(): Promise<void>;

  async sockets(query: SocketQuery = {}): Promise<Reading<NetstatViewData['sockets']>> {
    validateSocketQuery(query);
    const r = await this.view('sockets');
    const unavailable = query.processes === true ? [...r.unavailable, this.noOwners] : r.unavailable;
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
    const r = await this.view('packet-sockets');
    return options.processes === true ? { ...r, unavailable: [...r.unavailable, this.noOwners] } : r;
  }

  /**
   * The RAW reading holds every table (read with `table: 'all'`). Routes whose table the
   * original source could not tell (procfs IPv6) match only 'all', as everywhere; a query
   * for one table then says so in `unavailable` instead of guessing.
   */
  async routes(query: RouteQuery = {}) {
    const r = await this.view('routes');
    const data = r.data.filter((route) => matchesRouteQuery(route, query));
    const untold = tableIdOf(query.table) === undefined ? 0 : r.data.filter((x) => x.table === undefined && wantsFamily(query, x.family)).length;
    const unavailable = untold === 0 ? r.unavailable : [...r.unavailable, { what: `${untold} ${this.routesNoun} whose table the original source could not tell`, reason: 'they match only table "all"' }];
    return { ...r, data, unavailable };
  }

  async neighbours() {
    return this.view('neighbours');
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

  /** Decodes a view's Reading afresh (callers may change what they get). */
  protected async view<V extends NetstatView>(view: V): Promise<Reading<NetstatViewData[V]>> {
    return this.decode('netstat', view, (raw) => decodeViewReading(view, raw));
  }

  protected async systemView<V extends SystemView>(view: V): Promise<Reading<SystemViewData[V]>> {
    return this.decode('system', view, (raw) => decodeSystemViewReading(view, raw));
  }

  private async decode<T>(module: RawViewModule, view: string, decode: (raw: Uint8Array) => T): Promise<T> {
    const raw = await this.rawView(module, view);
    try {
      return decode(raw);
    } catch (err) {
      if (!KstatError.is(err)) throw err;
      const { prefix, file } = this.where(module, view);
      throw new KstatError(err.code, `${prefix}: ${module}:0:${view}: ${err.message}`, { ...(file === undefined ? {} : { file }), cause: err });
    }
  }
}
