/**
 * The live kernel (or one of its network namespaces) read the way `ss` and `ip` read it:
 * through netlink (sock_diag, rtnetlink) for the kinds netlink serves — sockets, listen
 * queues, packet sockets, interfaces, routes, neighbours, multicast routing — and through
 * procfs for the rest and whenever netlink cannot serve a kind (koffi missing, seccomp, an
 * old kernel lacking a diag module). The choice is made per record kind and per reading;
 * `via` on each reading says which path served it and `fallback` why procfs did when
 * netlink was preferred. Records are the same either way where both paths have the data
 * (docs/netlink.md lists the fields, and for multicast routing the tables, only netlink fills).
 */
import { KstatError } from '../../errors.js';
import type { Reading, SocketBatchHandler, Source, SourceInfo } from '../source.js';
import type { SocketQuery } from '../socket-query.js';
import { filesForQuery, validateSocketQuery } from '../socket-query.js';
import type { RouteQuery } from '../route-query.js';
import type { TreeSource } from '../tree/tree-source.js';
import { appendAll, mergePart, type Part } from '../tree/assemble/part.js';
import { asOneBatch } from '../one-batch.js';
import type { Socket } from '../../records/socket.js';
import type { Interface } from '../../records/interface.js';
import type { Multicast } from '../../records/multicast.js';
import { MULTICAST_ROUTING_FILES } from '../tree/assemble/multicast-parts.js';
import type { NetlinkChannel } from './channel.js';
import type { NamespaceThread } from './namespace-thread.js';
import type { ReadPath } from './read-path.js';

type Kind = 'sockets' | 'listenQueues' | 'interfaces' | 'packetSockets' | 'routes' | 'neighbours' | 'multicast';

export class KernelSource implements Source {
  readonly info: SourceInfo;
  /** Kinds netlink could not serve, with why: not retried in this source's life. */
  private readonly failed = new Map<Kind, string>();

  constructor(
    private readonly procfs: TreeSource,
    private readonly channel: NetlinkChannel & { close(): Promise<void> },
    private readonly path: ReadPath,
    private readonly thread?: NamespaceThread,
  ) {
    this.info = procfs.info;
  }

  sockets(query: SocketQuery = {}): Promise<Reading<Socket[]>> {
    validateSocketQuery(query);
    return this.either('sockets', () => this.socketsByNetlink(query), () => this.procfs.sockets(query));
  }

  /**
   * Inet sockets stream batch by batch as sock_diag delivers them; unix sockets and what
   * procfs adds follow as one batch each. With owning processes the whole list is read
   * first (the /proc scan attributes all of them at once) and handed on as one batch.
   */
  async streamSockets(query: SocketQuery, onBatch: SocketBatchHandler): Promise<Reading<number>> {
    validateSocketQuery(query);
    if (query.processes === true) return asOneBatch(this.sockets(query), onBatch);
    let count = 0;
    const deliver = (batch: Socket[]): void | Promise<void> => {
      count += batch.length;
      return onBatch(batch);
    };
    const reading = await this.either(
      'sockets',
      async () => {
        try {
          return { ...(await this.socketsByNetlink(query, deliver)), data: [] as Socket[] };
        } catch (err) {
          // Netlink failing after batches went out (unix_diag missing where inet_diag is not)
          // cannot fall back: procfs would hand the same sockets on again.
          if (count === 0 || !KstatError.is(err) || err.code !== 'E_UNAVAILABLE') throw err;
          throw new KstatError('E_SOURCE_IO', `${err.message} (after ${count} sockets were handed on from netlink)`, { cause: err });
        }
      },
      // Reached only before anything was handed on (see above).
      async () => ({ ...(await this.procfs.streamSockets(query, deliver)), data: [] as Socket[] }),
    );
    return { ...reading, data: count };
  }

  listenQueues() {
    return this.either('listenQueues', async () => (await import('./listen-queues.js')).readListenQueues(this.channel), () => this.procfs.listenQueues());
  }

  interfaces() {
    return this.either('interfaces', () => this.interfacesByNetlink(), () => this.procfs.interfaces());
  }

  packetSockets(options: { processes?: boolean } = {}) {
    return this.either(
      'packetSockets',
      async () => {
        const names = await this.interfaceNames();
        const part = await (await import('./packet-sockets.js')).readPacketSockets(this.channel, names === undefined ? {} : { interfaceNames: names });
        if (options.processes === true) await this.procfs.attachOwners(part);
        return part;
      },
      () => this.procfs.packetSockets(options),
    );
  }

  routes(query: RouteQuery = {}) {
    return this.either('routes', async () => (await import('./routes.js')).readRoutes(this.channel, query), () => this.procfs.routes(query));
  }

  /** Both families by rtnetlink; procfs has IPv4 only. */
  neighbours() {
    return this.either(
      'neighbours',
      async () => {
        const names = await this.interfaceNames();
        return (await import('./neighbours.js')).readNeighbours(this.channel, names === undefined ? {} : { interfaceNames: names });
      },
      () => this.procfs.neighbours(),
    );
  }

  memory() {
    return this.procfs.memory();
  }
  routeStats() {
    return this.procfs.routeStats();
  }
  /** Memberships and source filters from procfs (netlink has no dump of them); multicast routing of every table by rtnetlink. */
  multicast() {
    return this.either('multicast', () => this.multicastByNetlink(), () => this.procfs.multicast());
  }
  protocolStats() {
    return this.procfs.protocolStats();
  }
  clock() {
    return this.procfs.clock();
  }
  cpu() {
    return this.procfs.cpu();
  }
  memoryInfo() {
    return this.procfs.memoryInfo();
  }
  disks() {
    return this.procfs.disks();
  }
  interrupts() {
    return this.procfs.interrupts();
  }
  scheduler() {
    return this.procfs.scheduler();
  }
  /** etc/services and etc/passwd, through the procfs layout. */
  names(...query: Parameters<TreeSource['names']>) {
    return this.procfs.names(...query);
  }

  async close(): Promise<void> {
    await this.channel.close();
    await this.thread?.close();
    await this.procfs.close();
  }

  /**
   * Inet sockets by sock_diag, unix sockets by unix_diag. Tables sock_diag cannot dump —
   * ping sockets (no ping_diag in the kernel), raw sockets without raw_diag — come back as
   * `unavailable` "<table> sockets" entries; those tables are read from procfs in the same
   * call, and the reading says "netlink+procfs".
   */
  private async socketsByNetlink(query: SocketQuery, deliver?: SocketBatchHandler): Promise<Part<Socket[]> & { via?: string }> {
    const files = filesForQuery(query);
    // Owners: the scan starts now in the reader thread, which would wait idle during the dump;
    // this thread's lane joins once the dump is read. Measured cold at 100k sockets: 10% less
    // time than scanning after the dump (631 -> 563 ms); with this thread's lane in the dump
    // too, 6% more than that, its synchronous reads holding up the dump's replies.
    let dumped = (): void => {};
    const owners = query.processes === true ? this.procfs.startOwnerScan(new Promise<void>((resolve) => (dumped = resolve))) : undefined;
    let part: Part<Socket[]> & { via?: string };
    try {
      part = await this.dumpSockets(query, files, deliver);
    } finally {
      dumped();
    }
    if (owners !== undefined) await this.procfs.attachOwners(part, owners);
    return part;
  }

  private async dumpSockets(query: SocketQuery, files: ReturnType<typeof filesForQuery>, deliver: SocketBatchHandler | undefined): Promise<Part<Socket[]> & { via?: string }> {
    const part: Part<Socket[]> & { via?: string } = { data: [], issues: [], unavailable: [] };
    // Streaming: every part goes to `deliver` as soon as it is read instead of into part.data.
    const add = async (more: Part<Socket[]>): Promise<void> => {
      if (deliver !== undefined && more.data.length > 0) await deliver(more.data);
      mergePart(part, deliver === undefined ? more : { ...more, data: [] });
    };
    if (files.some((f) => f.protocol !== 'unix')) {
      const options = { internals: query.internals === true, memory: query.memory === true, ...(deliver === undefined ? {} : { onBatch: deliver }) };
      await add(await (await import('./inet-sockets.js')).readInetSockets(this.channel, query, options));
    }
    if (files.some((f) => f.protocol === 'unix')) await add(await (await import('./unix-sockets.js')).readUnixSockets(this.channel, query));
    // With via 'netlink' they stay `unavailable`: that path never reads procfs.
    const missing = this.path === 'netlink' ? [] : files.filter((f) => part.unavailable.some((u) => u.what === `${f.name} sockets`));
    if (missing.length > 0) {
      const missingWhat = new Set(missing.map((f) => `${f.name} sockets`));
      part.unavailable = part.unavailable.filter((u) => !missingWhat.has(u.what));
      const fromProcfs = await this.procfs.sockets({ ...query, processes: false, protocol: [...new Set(missing.map((f) => f.protocol))] });
      const wanted = new Set(missing.map((f) => `${f.protocol}/${f.family}`));
      await add({ ...fromProcfs, data: fromProcfs.data.filter((s) => wanted.has(`${s.protocol}/${s.family}`)) });
      part.via = 'netlink+procfs';
    }
    return part;
  }

  /** rtnetlink links and addresses, with what only sysfs/procfs give (speed, duplex, tx timeouts, per-interface IPv6 counters) read for those links. */
  private async interfacesByNetlink(): Promise<Part<Interface[]> & { via?: string }> {
    const part: Part<Interface[]> & { via?: string } = await (await import('./interfaces.js')).readInterfaces(this.channel);
    const extras = await this.procfs.interfaceExtras(part.data);
    appendAll(part.issues, extras.issues);
    appendAll(part.unavailable, extras.unavailable);
    for (const record of part.data) {
      const other = extras.data.get(record.name) as Record<string, unknown> | undefined;
      if (other === undefined) continue;
      const target = record as Record<string, unknown>;
      for (const [key, value] of Object.entries(other)) if (target[key] === undefined && value !== undefined) target[key] = value;
    }
    part.via = 'netlink+procfs';
    return part;
  }

  /**
   * The procfs reading with its routing part taken from rtnetlink, family by family: IPv4
   * when the kernel has IPv4 multicast routing, IPv6 when procfs has its forwarding cache
   * (which numbers the IPv6 entries; the mifs stay procfs's). Neither family served:
   * E_UNAVAILABLE, so the reading falls back to procfs (or, with via 'netlink', fails) and
   * says why.
   */
  private async multicastByNetlink(): Promise<Part<Multicast> & { via?: string }> {
    const base = await this.procfsMulticastOrNone();
    const { inetVifs, inetCache, inet6Cache } = MULTICAST_ROUTING_FILES;
    const has = (what: string) => !base.unavailable.some((u) => u.what === what);
    const ofFamily = <T extends { family: string }>(list: readonly T[], family: string) => list.filter((r) => r.family === family);
    const names = await this.interfaceNames();
    const routing = await (await import('./multicast-routing.js')).readMulticastRouting(this.channel, {
      ...(names === undefined ? {} : { interfaceNames: names }),
      defaultTables: {
        ...(has(inetCache.what) ? { inet: ofFamily(base.data.forwardingCache, 'inet') } : {}),
        ...(has(inet6Cache.what) ? { inet6: ofFamily(base.data.forwardingCache, 'inet6') } : {}),
      },
    });
    const { inet, inet6 } = routing.data;
    if (inet === undefined && inet6 === undefined) throw new KstatError('E_UNAVAILABLE', 'multicast routing over rtnetlink: the kernel has no IPv4 multicast routing tables and procfs no IPv6 forwarding cache');
    // Parts netlink served: procfs's absence of them no longer holds. procfs's issues go only
    // with ip_mr_vif, whose records netlink replaced (the cache files' entries are still used).
    const served = [...(inet === undefined ? [] : [inetVifs, inetCache]), ...(inet6 === undefined ? [] : [inet6Cache])];
    const data: Multicast = {
      ...base.data,
      vifs: [...(inet?.vifs ?? ofFamily(base.data.vifs, 'inet')), ...ofFamily(base.data.vifs, 'inet6')],
      forwardingCache: [...(inet?.forwardingCache ?? ofFamily(base.data.forwardingCache, 'inet')), ...(inet6?.forwardingCache ?? ofFamily(base.data.forwardingCache, 'inet6'))],
    };
    if (inet !== undefined) data.routingTables = inet.routingTables;
    return {
      data,
      issues: [...base.issues.filter((i) => inet === undefined || i.file !== inetVifs.file), ...routing.issues],
      unavailable: [...base.unavailable.filter((u) => !served.some((r) => r.what === u.what)), ...routing.unavailable],
      via: 'netlink+procfs',
    };
  }

  /** procfs's multicast reading; when procfs has none of its files, an empty one saying so (netlink may still serve the routing part). */
  private async procfsMulticastOrNone(): Promise<Part<Multicast>> {
    try {
      return await this.procfs.multicast();
    } catch (err) {
      if (!KstatError.is(err) || err.code !== 'E_UNAVAILABLE') throw err;
      const { inetVifs, inet6Vifs, inetCache, inet6Cache } = MULTICAST_ROUTING_FILES;
      const unavailable = [{ what: 'multicast memberships and source filters', reason: err.message }, ...[inetVifs, inet6Vifs, inetCache, inet6Cache].map((f) => ({ what: f.what, reason: err.message }))];
      return { data: { memberships: [], sourceFilters: [], vifs: [], forwardingCache: [] }, issues: [], unavailable };
    }
  }

  private async interfaceNames(): Promise<Map<number, string> | undefined> {
    try {
      return (await (await import('./interfaces.js')).readLinkNames(this.channel)).data;
    } catch {
      return undefined; // names are a convenience; the view stands without them
    }
  }

  /** Serve `kind` by netlink when the path allows and it works, else by procfs. */
  private async either<T>(kind: Kind, netlink: () => Promise<Part<T> & { via?: string }>, procfs: () => Promise<Reading<T>>): Promise<Reading<T>> {
    if (this.path === 'procfs') return procfs();
    if (!this.failed.has(kind)) {
      const takenAt = new Date();
      const monotonicNs = process.hrtime.bigint();
      try {
        const part = await netlink();
        return { source: this.info, takenAt, monotonicNs, via: part.via ?? 'netlink', data: part.data, issues: part.issues, unavailable: part.unavailable };
      } catch (err) {
        if (this.path === 'netlink' || !KstatError.is(err) || err.code !== 'E_UNAVAILABLE') throw err;
        this.failed.set(kind, err.message);
      }
    }
    const reading = await procfs();
    return { ...reading, fallback: this.failed.get(kind) };
  }
}
