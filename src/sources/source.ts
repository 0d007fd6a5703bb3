/**
 * The one interface every source implements, and the `Reading` it answers with.
 *
 * A source answers "give me a consistent reading of X" for the record kinds it can
 * produce. Each reading carries where it came from, when it was taken (wall clock and
 * the monotonic clock), which path served it (`via`), the located issues met on the way,
 * and the parts of X that this source cannot give. A record kind the source lacks
 * entirely is a `KstatError` with code `E_UNAVAILABLE`, never an empty list.
 */
import type { Socket } from '../records/socket.js';
import type { ListenQueue } from '../records/listen-queue.js';
import type { Interface } from '../records/interface.js';
import type { SocketMemory } from '../records/socket-memory.js';
import type { PacketSocket } from '../records/packet-socket.js';
import type { Route } from '../records/route.js';
import type { Neighbour } from '../records/neighbour.js';
import type { RouteStats } from '../records/route-stats.js';
import type { Multicast } from '../records/multicast.js';
import type { ProtocolStats } from '../records/protocol-counters.js';
import type { CpuStats } from '../records/cpu.js';
import type { MemoryInfo } from '../records/memory-info.js';
import type { Disk } from '../records/disk.js';
import type { Interrupts } from '../records/interrupt.js';
import type { SchedulerStats } from '../records/scheduler.js';
import type { NamesQuery, SystemNames } from '../records/system-names.js';
import type { SocketQuery } from './socket-query.js';
import type { RouteQuery } from './route-query.js';

export type { SourceKind, SourceInfo, Unavailable, Reading } from '../records/reading.js';
import type { SourceInfo, Reading } from '../records/reading.js';

/**
 * The source's clock, for kstat times (crtime, snaptime): nanoseconds since the source's
 * boot, and the wall-clock time of that boot (ns since the epoch) to place them. Live:
 * CLOCK_MONOTONIC now and /proc/stat btime; a captured tree: its proc/uptime (constant:
 * a capture is one instant) or 0; a snapshot: the saved values. `bootTimeNs` is 0n when
 * the source cannot tell.
 */
export interface SourceClock {
  readonly sinceBootNs: bigint;
  readonly bootTimeNs: bigint;
}

/**
 * What every source answers. Each method is one coherent reading of one record kind.
 * A kind the source cannot give at all rejects with `KstatError` code `E_UNAVAILABLE`.
 */
/** Takes one batch of a streamed socket reading; awaited before the next batch is handed on. */
export type SocketBatchHandler = (batch: Socket[]) => void | Promise<void>;

export interface Source {
  readonly info: SourceInfo;
  sockets(query?: SocketQuery): Promise<Reading<Socket[]>>;
  /**
   * The same sockets handed to `onBatch` while they are read, for a consumer that prints or
   * forwards them without holding them all. `data` is how many were handed on. Optional:
   * the session serves a source without it from one sockets() reading, as one batch.
   */
  streamSockets?(query: SocketQuery, onBatch: SocketBatchHandler): Promise<Reading<number>>;
  listenQueues(): Promise<Reading<ListenQueue[]>>;
  interfaces(): Promise<Reading<Interface[]>>;
  memory(): Promise<Reading<SocketMemory>>;
  packetSockets(options?: { processes?: boolean }): Promise<Reading<PacketSocket[]>>;
  routes(query?: RouteQuery): Promise<Reading<Route[]>>;
  neighbours(): Promise<Reading<Neighbour[]>>;
  routeStats(): Promise<Reading<RouteStats>>;
  multicast(): Promise<Reading<Multicast>>;
  protocolStats(): Promise<Reading<ProtocolStats>>;
  /** The source's clock now (see SourceClock). */
  clock(): Promise<SourceClock>;
  /*
   * System (non-network) kinds, docs/adding-a-subsystem.md. Optional: a source without
   * the method (a snapshot, a remote or SNMP source that does not carry them) lacks the
   * kind entirely, and the session rejects with E_UNAVAILABLE for it.
   */
  cpu?(): Promise<Reading<CpuStats>>;
  memoryInfo?(): Promise<Reading<MemoryInfo>>;
  disks?(): Promise<Reading<Disk[]>>;
  interrupts?(): Promise<Reading<Interrupts>>;
  scheduler?(): Promise<Reading<SchedulerStats>>;
  /**
   * Service and user names from the source's own etc/services and etc/passwd (never DNS,
   * never the reading host's files for another source). Optional like the system kinds:
   * a snapshot or remote source has none, and callers then show numbers.
   */
  names?(query?: NamesQuery): Promise<Reading<SystemNames>>;
  close(): Promise<void>;
}
