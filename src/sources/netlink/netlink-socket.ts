/**
 * One netlink socket to the kernel, and a request/dump over it: send one message,
 * receive until the kernel says done, hand each data message to a visitor.
 *
 * The receive buffers are reused for every dump: visitors must take what they need from
 * the bytes before returning (the parsers in protocol/netlink copy values out, never
 * keep a view). A socket belongs to the network namespace it was created in, for its
 * whole life — which is how a session reads another namespace without staying in it.
 */
import { openSync, closeSync, constants as fsConstants } from 'node:fs';
import { KstatError } from '../../errors.js';
import { walkMessages, buildMessage, endsReply } from '../../protocol/netlink/message.js';
import { NLM_F_DUMP, NLM_F_REQUEST } from '../../protocol/netlink/constants.js';
import { HOST_LITTLE_ENDIAN } from '../../protocol/netlink/host-order.js';
import { loadLibc, type Libc } from './libc.js';
import { ReceiveBatch } from './receive-batch.js';

const AF_NETLINK = 16;
const SOCK_RAW = 3;
const SOCK_CLOEXEC = 0o2000000;
const SOL_SOCKET = 1;
const SO_RCVBUF = 8;
const SO_RCVTIMEO = 20;
const SOL_NETLINK = 270;
const NETLINK_EXT_ACK = 11;
const CLONE_NEWNET = 0x40000000;
const EINTR = 4;
const EAGAIN = 11;
const EPERM = 1;
const ENOSYS = 38;

/**
 * The kernel fills at most ~32 KiB per reply buffer of a dump (larger ones are not filled
 * further); 64 KiB leaves room for the rare single message that needs more (min_dump_alloc).
 */
const BUFFER_BYTES = 64 * 1024;
/** Buffers per recvmmsg: one call takes up to this many of a dump's replies (≈ 2,000 sockets). */
const BATCH_BUFFERS = 8;
/** A dump that stalls this long is a kernel or seccomp problem, not a slow table: give up rather than hang. */
const RECEIVE_TIMEOUT_SECONDS = 5;
/** Bounds a dump of a table that keeps changing: no reading needs more replies than this (≈ 32 GiB). */
const MAX_RECEIVES = 1 << 20;
/** recvmmsg: block for the first reply only, then take what is queued. */
const MSG_WAITFORONE = 0x10000;

export interface DumpResult {
  /** The kernel marked the dump interrupted (NLM_F_DUMP_INTR): its table changed while being dumped. */
  readonly interrupted: boolean;
  readonly messages: number;
}

/** Sees one data message: its payload is bytes[start, end), valid only during the call. */
export type DumpVisitor = (bytes: Uint8Array, view: DataView, type: number, start: number, end: number) => void;

export interface DumpOptions {
  /**
   * Called after each reply buffer (~300 TCP sockets) has been visited, and awaited: a
   * streaming reader hands on what it made. Per buffer rather than per recvmmsg batch so the
   * records a consumer has not yet dropped stay few: V8's young-generation collections then
   * copy little and promote nothing (per batch of 8 buffers, GC took ~45 ms of a cold
   * 100k-socket listing; per buffer, ~13). The next batch is being received meanwhile.
   */
  readonly onBatch?: () => void | Promise<void>;
  /** Sees a copy of every received buffer: how test fixtures of real replies are captured. */
  readonly onReceive?: (chunk: Uint8Array) => void;
}

export class NetlinkSocket {
  private fd: number;
  private seq = 0;
  /** Two sets of receive buffers: the kernel fills one while the other is parsed. Made on first use. */
  private readonly batches: (ReceiveBatch | undefined)[] = [undefined, undefined];
  /** Dumps on one socket run one after another (a second request would interleave replies). */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly libc: Libc,
    fd: number,
    /** What the socket talks to, for error messages: "sock_diag", "rtnetlink". */
    readonly name: string,
  ) {
    this.fd = fd;
  }

  /** Load the FFI the sockets need (see NetlinkSockets.preload). */
  static async preload(): Promise<void> {
    await loadLibc();
  }

  /**
   * A netlink socket of `protocol` (NETLINK_ROUTE, NETLINK_SOCK_DIAG). With `netnsPath`
   * (a namespace file: /run/netns/NAME, /proc/PID/ns/net) it is created inside that
   * network namespace, and this thread is switched straight back.
   */
  static async open(protocol: number, name: string, netnsPath?: string): Promise<NetlinkSocket> {
    const libc = await loadLibc();
    const fd = netnsPath === undefined ? makeSocket(libc, protocol, name) : inNamespace(libc, netnsPath, () => makeSocket(libc, protocol, name));
    return new NetlinkSocket(libc, fd, name);
  }

  /**
   * Send one dump request (`payload` after the netlink header) and receive the whole
   * reply, handing each data message to `visit`.
   *
   * Pipelined: the first batch of replies is received on this thread (a small dump —
   * most of them — ends there); while a batch is parsed, the next one is received on a
   * pool thread, so the kernel's work of filling it overlaps ours of reading the last one.
   */
  dump(type: number, payload: Uint8Array, visit: DumpVisitor, options: DumpOptions = {}): Promise<DumpResult> {
    const run = this.queue.then(() => this.run(type, payload, visit, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Close after the dumps under way: a pool thread may be receiving into the buffers. */
  async close(): Promise<void> {
    await this.queue;
    if (this.fd < 0) return;
    this.libc.close(this.fd);
    this.fd = -1;
    for (const batch of this.batches) batch?.free();
    this.batches.fill(undefined);
  }

  private async run(type: number, payload: Uint8Array, visit: DumpVisitor, options: DumpOptions): Promise<DumpResult> {
    if (this.fd < 0) throw new KstatError('E_CLOSED', `${this.name}: netlink socket is closed`);
    const seq = (this.seq = (this.seq + 1) >>> 0);
    this.send(buildMessage(type, NLM_F_REQUEST | NLM_F_DUMP, seq, payload));
    let interrupted = false;
    let messages = 0;
    let current = 0;
    let batch = this.batch(current);
    let received = this.receiveNow(batch);
    for (let total = received; total <= MAX_RECEIVES; ) {
      let ends = false;
      for (let i = 0; i < received && !ends; i++) ends = endsReply(batch.bytes[i]!, batch.length(i), seq);
      const next = ends ? undefined : this.receiveLater(this.batch(1 - current));
      try {
        for (let i = 0; i < received; i++) {
          if (batch.truncated(i)) throw new KstatError('E_LIMIT', `${this.name}: a message larger than ${BUFFER_BYTES} bytes`);
          const bytes = batch.bytes[i]!;
          const view = batch.views[i]!;
          const length = batch.length(i);
          options.onReceive?.(bytes.slice(0, length));
          const walk = walkMessages(bytes, length, seq, (t, _flags, start, end) => visit(bytes, view, t, start, end));
          interrupted ||= walk.interrupted;
          messages += walk.messages;
          const outcome = walk.outcome;
          if (outcome.kind === 'error') throw kernelError(this.name, type, outcome.errno);
          if (outcome.kind === 'malformed') throw new KstatError('E_PARSE', `${this.name}: reply to message type ${type} is malformed at byte ${outcome.offset}: ${outcome.message}`);
          // Also for the buffer that ends the dump: the kernel may put the last data messages beside NLMSG_DONE.
          await options.onBatch?.();
          if (outcome.kind === 'done') break;
        }
      } catch (err) {
        // The other buffers may be under a pool thread's receive: wait for it, then leave the
        // socket ready for the next request (a dump still running refuses new ones).
        if (next !== undefined) await next.catch(() => 0);
        if (next !== undefined || !ends) this.drain(seq);
        throw err;
      }
      if (next === undefined) return { interrupted, messages };
      current = 1 - current;
      batch = this.batch(current);
      received = await next;
      total += received;
    }
    this.drain(seq);
    throw new KstatError('E_LIMIT', `${this.name}: dump of message type ${type} did not end after ${MAX_RECEIVES} replies`);
  }

  private batch(i: number): ReceiveBatch {
    return (this.batches[i] ??= new ReceiveBatch(this.libc, BATCH_BUFFERS, BUFFER_BYTES));
  }

  private send(message: Uint8Array): void {
    const address = new Uint8Array(12); // struct sockaddr_nl: family AF_NETLINK (host order), pid 0 = the kernel, groups 0
    new DataView(address.buffer).setUint16(0, AF_NETLINK, HOST_LITTLE_ENDIAN);
    for (;;) {
      const sent = Number(this.libc.sendto(this.fd, message, message.length, 0, address, address.length));
      if (sent === message.length) return;
      const errno = this.libc.errno();
      if (sent < 0 && errno === EINTR) continue;
      throw new KstatError('E_SOURCE_IO', `${this.name}: sendto failed: ${errnoName(errno)}`);
    }
  }

  /** Receive into `batch` on this thread: the number of buffers filled (at least one). */
  private receiveNow(batch: ReceiveBatch): number {
    for (;;) {
      const n = this.libc.recvmmsg(this.fd, batch.vector, batch.count, MSG_WAITFORONE);
      if (n > 0) return n;
      const errno = n === 0 ? 0 : this.libc.errno();
      if (errno === EINTR) continue;
      if (errno === 0) throw new KstatError('E_SOURCE_IO', `${this.name}: the kernel closed the reply early`);
      if (errno === EAGAIN) throw new KstatError('E_SOURCE_IO', `${this.name}: no reply within ${RECEIVE_TIMEOUT_SECONDS} s`);
      // A kernel or seccomp filter without recvmmsg: netlink cannot serve, procfs can.
      const refused = errno === ENOSYS || errno === EPERM;
      throw new KstatError(refused ? 'E_UNAVAILABLE' : 'E_SOURCE_IO', `${this.name}: recvmmsg failed: ${errnoName(errno)}`);
    }
  }

  /** Receive into `batch` on a pool thread. A failure there is retried here, where errno can be read. */
  private receiveLater(batch: ReceiveBatch): Promise<number> {
    return new Promise((resolve, reject) => {
      this.libc.recvmmsgAsync(this.fd, batch.vector, batch.count, MSG_WAITFORONE, (err, n) => {
        if (err === null && n > 0) resolve(n);
        else {
          try {
            resolve(this.receiveNow(batch));
          } catch (e) {
            reject(e);
          }
        }
      });
    });
  }

  /** Read and drop the rest of reply `seq` (best effort), so the socket can take the next request. */
  private drain(seq: number): void {
    const batch = this.batch(0);
    try {
      for (let total = 0; total < MAX_RECEIVES; ) {
        const received = this.receiveNow(batch);
        for (let i = 0; i < received; i++) if (endsReply(batch.bytes[i]!, batch.length(i), seq)) return;
        total += received;
      }
    } catch {
      // nothing more to read, or the socket failed: the next request will say so
    }
  }
}

function makeSocket(libc: Libc, protocol: number, name: string): number {
  const fd = libc.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
  if (fd < 0) throw new KstatError('E_UNAVAILABLE', `${name}: cannot open a netlink socket: ${errnoName(libc.errno())}`);
  const int = (v: number) => {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setInt32(0, v, HOST_LITTLE_ENDIAN);
    return b;
  };
  libc.setsockopt(fd, SOL_SOCKET, SO_RCVBUF, int(1 << 20), 4); // room for a dump's burst; best effort
  libc.setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, int(1), 4); // error messages carry the kernel's reason; best effort
  const timeout = new Uint8Array(16); // struct timeval { tv_sec, tv_usec } (64-bit longs)
  new DataView(timeout.buffer).setBigInt64(0, BigInt(RECEIVE_TIMEOUT_SECONDS), HOST_LITTLE_ENDIAN);
  libc.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeout, 16);
  return fd;
}

/**
 * Run `make` with this thread inside the network namespace at `path`, then switch back.
 * Synchronous from start to end: no other JavaScript can run in between (see libc.ts).
 */
function inNamespace<T>(libc: Libc, path: string, make: () => T): T {
  const target = openNamespace(path);
  let home: number | undefined;
  try {
    home = openNamespace('/proc/thread-self/ns/net');
    if (libc.setns(target, CLONE_NEWNET) !== 0) {
      const errno = libc.errno();
      const code = errno === 1 ? 'E_UNAVAILABLE' : 'E_SOURCE_IO';
      throw new KstatError(code, `cannot enter network namespace ${path}: ${errnoName(errno)}${errno === 1 ? ' (needs CAP_SYS_ADMIN)' : ''}`);
    }
    try {
      return make();
    } finally {
      // Failing to come back would leave every later socket of this process in the wrong namespace.
      if (libc.setns(home, CLONE_NEWNET) !== 0) {
        process.emitWarning(`kstat: could not return to the original network namespace: ${errnoName(libc.errno())}`);
        process.exit(70);
      }
    }
  } finally {
    closeSync(target);
    if (home !== undefined) closeSync(home);
  }
}

function openNamespace(path: string): number {
  try {
    return openSync(path, fsConstants.O_RDONLY);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    // Absent or not ours to enter (a protected pid 1, another user's process): netlink cannot
    // serve this source, and a source that allows it falls back to procfs.
    const unavailable = code === 'ENOENT' || code === 'EACCES' || code === 'EPERM';
    throw new KstatError(unavailable ? 'E_UNAVAILABLE' : 'E_SOURCE_IO', `network namespace ${path}: ${code ?? (cause as Error).message}`, { cause });
  }
}

function kernelError(name: string, type: number, errno: number): KstatError {
  // EOPNOTSUPP / ENOENT / EINVAL from a diag family means the kernel lacks that module or request form.
  const unsupported = errno === 95 || errno === 2 || errno === 22 || errno === 93 || errno === 97;
  return new KstatError(unsupported ? 'E_UNAVAILABLE' : 'E_SOURCE_IO', `${name}: the kernel refused message type ${type}: ${errnoName(errno)}`);
}

const ERRNO_NAMES: Readonly<Record<number, string>> = {
  1: 'EPERM', 2: 'ENOENT', 4: 'EINTR', 9: 'EBADF', 11: 'EAGAIN', 12: 'ENOMEM', 13: 'EACCES', 14: 'EFAULT', 16: 'EBUSY',
  22: 'EINVAL', 24: 'EMFILE', 38: 'ENOSYS', 93: 'EPROTONOSUPPORT', 95: 'EOPNOTSUPP', 97: 'EAFNOSUPPORT', 105: 'ENOBUFS',
};

export function errnoName(errno: number): string {
  return ERRNO_NAMES[errno] ?? `errno ${errno}`;
}
