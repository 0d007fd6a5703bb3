/**
 * A session: one source, the typed network views over it, and `close()`. Each view is
 * one coherent, time-stamped reading (see `Reading`). After `close()` every view rejects
 * with `E_CLOSED`.
 */
import { KstatError } from '../errors.js';
import type { Reading, SocketBatchHandler, Source, SourceInfo } from '../sources/source.js';
import type { SocketQuery } from '../sources/socket-query.js';
import type { RouteQuery } from '../sources/route-query.js';
import { readOptional } from '../sources/optional-kind.js';
import { asOneBatch } from '../sources/one-batch.js';
import type { NamesQuery } from '../records/system-names.js';

export class Session {
  private readonly source: Source;
  private closed = false;

  constructor(source: Source) {
    this.source = source;
  }

  /** Which source this session reads (kind and a label for headers). */
  get info(): SourceInfo {
    return this.source.info;
  }

  /** Inet (tcp, udp, udplite, raw, icmp; v4+v6) and unix sockets, filtered by `query`. */
  sockets(query: SocketQuery = {}) {
    return this.guard(() => this.source.sockets(query));
  }

  /**
   * The sockets of sockets(query), handed to `onBatch` in batches as they are read (from
   * the live kernel, a few hundred at a time while the kernel is still dumping the rest),
   * so a consumer that prints, counts or forwards them never holds 100k records. The reading
   * says where they came from, with `data` the number handed on. Batches come in the order
   * sockets() lists them; `onBatch` may keep a batch, and is awaited before the next.
   */
  streamSockets(query: SocketQuery, onBatch: SocketBatchHandler): Promise<Reading<number>> {
    return this.guard(() => {
      const source = this.source;
      return source.streamSockets !== undefined ? source.streamSockets(query, onBatch) : asOneBatch(source.sockets(query), onBatch);
    });
  }

  /** Per TCP listener: accept queue, incomplete (SYN_RECV) count, backlog where known. */
  listenQueues() {
    return this.guard(() => this.source.listenQueues());
  }

  interfaces() {
    return this.guard(() => this.source.interfaces());
  }

  /** Socket-buffer memory: sockstat, per-protocol memory and pressure, limits, softnet. */
  memory() {
    return this.guard(() => this.source.memory());
  }

  packetSockets(options: { processes?: boolean } = {}) {
    return this.guard(() => this.source.packetSockets(options));
  }

  routes(query: RouteQuery = {}) {
    return this.guard(() => this.source.routes(query));
  }

  /** The neighbour cache (ARP and IPv6 neighbour discovery): what `ip neigh show` lists. */
  neighbours() {
    return this.guard(() => this.source.neighbours());
  }

  routeStats() {
    return this.guard(() => this.source.routeStats());
  }

  multicast() {
    return this.guard(() => this.source.multicast());
  }

  /** Every counter of snmp, snmp6 and netstat by the kernel's own names. */
  protocolStats() {
    return this.guard(() => this.source.protocolStats());
  }

  /** CPU time per CPU and in total, and the system counters of /proc/stat. */
  cpu() {
    return this.guard(() => readOptional(this.source, 'cpu'));
  }

  /** System memory: /proc/meminfo and /proc/vmstat (not socket memory: see memory()). */
  memoryInfo() {
    return this.guard(() => readOptional(this.source, 'memoryInfo'));
  }

  /** Block devices (whole disks and partitions) of /proc/diskstats. */
  disks() {
    return this.guard(() => readOptional(this.source, 'disks'));
  }

  /** Hardware interrupts and softirqs, per CPU. */
  interrupts() {
    return this.guard(() => readOptional(this.source, 'interrupts'));
  }

  /** Per-CPU run-queue statistics of /proc/schedstat (CONFIG_SCHEDSTATS kernels). */
  scheduler() {
    return this.guard(() => readOptional(this.source, 'scheduler'));
  }

  /**
   * Service names (etc/services) and user names (etc/passwd) of the source itself: the
   * live system's /etc, a captured tree's DIR/etc, a pid's /proc/<pid>/root/etc. Never DNS.
   * E_UNAVAILABLE when the source has neither file (a tree without etc/, a snapshot, a
   * remote host).
   */
  names(query: NamesQuery = {}) {
    return this.guard(() => {
      const source = this.source;
      if (source.names === undefined) return Promise.reject(new KstatError('E_UNAVAILABLE', `service and user names are not available from ${source.info.label}`));
      return source.names(query);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.source.close();
  }

  private guard<T>(run: () => Promise<Reading<T>>): Promise<Reading<T>> {
    if (this.closed) return Promise.reject(new KstatError('E_CLOSED', `session on ${this.source.info.label} is closed`));
    return run();
  }
}
