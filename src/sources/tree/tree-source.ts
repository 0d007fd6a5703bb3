/**
 * The procfs/sysfs source: answers each record kind by running its assembler over one
 * TreeReader and stamping the result with the time it was taken. All files of one call
 * are read in that call (coherent per call); nothing is cached between calls.
 */
import type { Reading, SocketBatchHandler, SourceInfo } from '../source.js';
import { asOneBatch } from '../one-batch.js';
import type { Source } from '../source.js';
import type { TreeReader } from './reader.js';
import type { Part } from './assemble/part.js';
import type { SocketQuery } from '../socket-query.js';
import type { RouteQuery } from '../route-query.js';
import type { Socket } from '../../records/socket.js';
import type { Interface } from '../../records/interface.js';
import type { PacketSocket } from '../../records/packet-socket.js';
import type { ProcessOwner } from '../../records/process-owner.js';
import type { NamesQuery } from '../../records/system-names.js';

/*
 * Assemblers are imported when a view is first used, not at start-up: a command that
 * lists sockets should not pay for parsing-code it never runs (Node's start-up is a
 * large part of a short command's time).
 */

export class TreeSource implements Source {
  readonly info: SourceInfo;
  private readonly reader: TreeReader;
  private bootTimeNs: Promise<bigint> | undefined;

  constructor(reader: TreeReader, info: SourceInfo) {
    this.reader = reader;
    this.info = info;
  }

  sockets(query: SocketQuery = {}) {
    return this.stamp(async () => {
      const part = await (await import('./assemble/sockets.js')).readSockets(this.reader, query);
      if (query.processes === true) await this.attachOwners(part);
      return part;
    });
  }

  /**
   * The socket tables streamed chunk by chunk: the records of each chunk of a /proc/net file
   * go on as soon as they are decoded. With owning processes the list is read whole first
   * (one /proc scan attributes them all) and handed on as one batch.
   */
  streamSockets(query: SocketQuery, onBatch: SocketBatchHandler): Promise<Reading<number>> {
    if (query.processes === true) return asOneBatch(this.sockets(query), onBatch);
    return this.stamp(async () => {
      let count = 0;
      const part = await (await import('./assemble/sockets.js')).readSockets(this.reader, query, (batch) => {
        count += batch.length;
        return onBatch(batch);
      });
      return { ...part, data: count };
    });
  }

  listenQueues() {
    return this.stamp(async () => (await import('./assemble/listen-queues.js')).readListenQueues(this.reader));
  }

  interfaces() {
    return this.stamp(async () => (await import('./assemble/interfaces.js')).readInterfaces(this.reader));
  }

  memory() {
    return this.stamp(async () => (await import('./assemble/memory.js')).readSocketMemory(this.reader));
  }

  packetSockets(options: { processes?: boolean } = {}) {
    return this.stamp(async () => {
      const part = await (await import('./assemble/packet-sockets.js')).readPacketSockets(this.reader, { interfaceNames: await this.interfaceNames() });
      if (options.processes === true) await this.attachOwners(part);
      return part;
    });
  }

  /** IPv4 only (/proc/net/arp); IPv6 neighbours are an `unavailable` part. */
  neighbours() {
    return this.stamp(async () => (await import('./assemble/neighbours.js')).readNeighbours(this.reader));
  }

  routes(query: RouteQuery = {}) {
    return this.stamp(async () => (await import('./assemble/routes.js')).readRoutes(this.reader, query));
  }

  routeStats() {
    return this.stamp(async () => (await import('./assemble/route-stats.js')).readRouteStats(this.reader));
  }

  multicast() {
    return this.stamp(async () => (await import('./assemble/multicast.js')).readMulticast(this.reader));
  }

  protocolStats() {
    return this.stamp(async () => (await import('./assemble/protocol-stats.js')).readProtocolStats(this.reader));
  }

  cpu() {
    return this.stamp(async () => (await import('./assemble/cpu.js')).readCpuStats(this.reader));
  }

  memoryInfo() {
    return this.stamp(async () => (await import('./assemble/memory-info.js')).readMemoryInfo(this.reader));
  }

  disks() {
    return this.stamp(async () => (await import('./assemble/disks.js')).readDisks(this.reader));
  }

  interrupts() {
    return this.stamp(async () => (await import('./assemble/interrupts.js')).readInterrupts(this.reader));
  }

  scheduler() {
    return this.stamp(async () => (await import('./assemble/scheduler.js')).readScheduler(this.reader));
  }

  /**
   * Service and user names from the source's own etc/services and etc/passwd (through the
   * layout: never the reading host's files for a captured tree). `via` is "files", as
   * nsswitch.conf names this backend.
   */
  names(query: NamesQuery = {}) {
    return this.stamp(async () => (await import('./assemble/names.js')).readNames(this.reader, query), 'files');
  }

  /** ns since boot and boot time (assemble/clock.ts); boot time is read once per source. */
  async clock() {
    const clock = await import('./assemble/clock.js');
    this.bootTimeNs ??= clock.readBootTimeNs(this.reader);
    return clock.readClock(this.reader, this.info, this.bootTimeNs);
  }

  async close(): Promise<void> {
    // Nothing held open between calls: every read opens and closes its files.
  }

  /** ifindex → name in this source, for views whose kernel file prints only the index. */
  private async interfaceNames(): Promise<Map<number, string> | undefined> {
    try {
      const { data } = await (await import('./assemble/interfaces.js')).readInterfaces(this.reader);
      return new Map(data.flatMap((i) => (i.index === undefined ? [] : [[i.index, i.name] as const])));
    } catch {
      return undefined; // names are a convenience; the view stands without them
    }
  }

  /**
   * Public for the kernel source, whose interfaces come from rtnetlink: what only sysfs and
   * procfs give (speed, duplex, tx timeouts, per-interface IPv6 counters) for those interfaces.
   */
  async interfaceExtras(interfaces: readonly Pick<Interface, 'name' | 'index'>[]): Promise<Part<Map<string, Partial<Interface>>>> {
    return (await import('./assemble/interfaces.js')).readInterfaceExtras(this.reader, interfaces);
  }

  /**
   * The owner scan, started now for a later attachOwners: the reader thread's lane at once, this
   * thread's lane once `mainLaneAfter` settles. The kernel source starts it before its netlink
   * dump, during which the reader thread would otherwise wait idle. Every socket's owners are
   * kept (which ones the part needs is not known yet).
   */
  startOwnerScan(mainLaneAfter: Promise<unknown>): Promise<Part<Map<number, ProcessOwner[]>>> {
    const scan = import('./process-owners.js').then((m) => m.scanSocketOwners(this.reader, undefined, mainLaneAfter));
    scan.catch(() => undefined); // awaited by attachOwners; not an unhandled rejection if the dump fails first
    return scan;
  }

  /**
   * Owners are scanned only when asked: it walks every process's fd table. Public for the
   * kernel source, which reads sockets through netlink and may have started the scan
   * (startOwnerScan) before its dump.
   */
  async attachOwners(part: Part<(Socket | PacketSocket)[]>, started?: Promise<Part<Map<number, ProcessOwner[]>>>): Promise<void> {
    const wanted = new Set<number>();
    for (const s of part.data) if (s.inode !== undefined && s.inode !== 0) wanted.add(s.inode);
    const owners = await (started ?? import('./process-owners.js').then((m) => m.scanSocketOwners(this.reader, wanted)));
    // A scan started before the sockets were known, for none that a process can hold: what it
    // met (processes it may not inspect) concerns no socket of this reading, as when not scanned.
    if (started !== undefined && wanted.size === 0) owners.issues.length = owners.unavailable.length = 0;
    part.issues.push(...owners.issues);
    part.unavailable.push(...owners.unavailable);
    // After a scan that could run, a socket no process holds gets [] (e.g. TIME_WAIT);
    // where the source has no process table at all, `processes` stays undefined.
    const scanned = owners.data.size > 0 || owners.unavailable.length === 0;
    if (!scanned) return;
    for (const s of part.data) s.processes = (s.inode === undefined ? undefined : owners.data.get(s.inode)) ?? [];
  }

  private async stamp<T>(run: () => Promise<Part<T>>, via = 'procfs'): Promise<Reading<T>> {
    const takenAt = new Date();
    const monotonicNs = process.hrtime.bigint();
    const part = await run();
    return { source: this.info, takenAt, monotonicNs, via, data: part.data, issues: part.issues, unavailable: part.unavailable };
  }
}
