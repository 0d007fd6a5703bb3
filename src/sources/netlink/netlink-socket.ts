/**
 * One netlink socket to the kernel, and a request/dump over it: send one message,
 * receive until the kernel says done, hand each data message to a visitor.
 *
 * The receive buffer is reused for every recv: visitors must take what they need from
 * the bytes before returning (the parsers in protocol/netlink copy values out, never
 * keep a view). A socket belongs to the network namespace it was created in, for its
 * whole life — which is how a session reads another namespace without staying in it.
 */
import { openSync, closeSync, constants as fsConstants } from 'node:fs';
import { KstatError } from '../../errors.js';
import { walkMessages, buildMessage, type MessageVisitor } from '../../protocol/netlink/message.js';
import { NLM_F_DUMP, NLM_F_REQUEST } from '../../protocol/netlink/constants.js';
import { HOST_LITTLE_ENDIAN } from '../../protocol/netlink/host-order.js';
import { loadLibc, type Libc } from './libc.js';

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

/** 32 KiB is what the kernel fills per recv of a dump (larger buffers are not filled further); 64 KiB leaves headroom. */
const RECEIVE_BUFFER_BYTES = 64 * 1024;
/** A dump that stalls this long is a kernel or seccomp problem, not a slow table: give up rather than hang. */
const RECEIVE_TIMEOUT_SECONDS = 5;
/** Bounds a dump of a table that keeps changing: no reading needs more receives than this (≈ 64 GiB). */
const MAX_RECEIVES = 1 << 20;

export interface DumpResult {
  /** The kernel marked the dump interrupted (NLM_F_DUMP_INTR): its table changed while being dumped. */
  readonly interrupted: boolean;
  readonly messages: number;
}

export class NetlinkSocket {
  private fd: number;
  private seq = 0;
  private readonly buffer = new Uint8Array(RECEIVE_BUFFER_BYTES);

  private constructor(
    private readonly libc: Libc,
    fd: number,
    /** What the socket talks to, for error messages: "sock_diag", "rtnetlink". */
    readonly name: string,
  ) {
    this.fd = fd;
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
   * reply. `visit` sees each data message's payload range in `bytes`/`view`, valid only
   * during the call.
   */
  dump(
    type: number,
    payload: Uint8Array,
    visit: (bytes: Uint8Array, view: DataView, type: number, start: number, end: number) => void,
    /** Sees a copy of every received buffer: how test fixtures of real replies are captured. */
    onReceive?: (chunk: Uint8Array) => void,
  ): DumpResult {
    if (this.fd < 0) throw new KstatError('E_CLOSED', `${this.name}: netlink socket is closed`);
    const seq = (this.seq = (this.seq + 1) >>> 0);
    this.send(buildMessage(type, NLM_F_REQUEST | NLM_F_DUMP, seq, payload));
    const bytes = this.buffer;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const onMessage: MessageVisitor = (t, _flags, start, end) => visit(bytes, view, t, start, end);
    let interrupted = false;
    let messages = 0;
    for (let i = 0; i < MAX_RECEIVES; i++) {
      const n = this.receive();
      onReceive?.(bytes.slice(0, n));
      const walk = walkMessages(bytes, n, seq, onMessage);
      interrupted ||= walk.interrupted;
      messages += walk.messages;
      const outcome = walk.outcome;
      if (outcome.kind === 'done') return { interrupted, messages };
      if (outcome.kind === 'error') throw kernelError(this.name, type, outcome.errno);
      if (outcome.kind === 'malformed') throw new KstatError('E_PARSE', `${this.name}: reply to message type ${type} is malformed at byte ${outcome.offset}: ${outcome.message}`);
    }
    throw new KstatError('E_LIMIT', `${this.name}: dump of message type ${type} did not end after ${MAX_RECEIVES} receives`);
  }

  close(): void {
    if (this.fd < 0) return;
    this.libc.close(this.fd);
    this.fd = -1;
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

  private receive(): number {
    for (;;) {
      const n = Number(this.libc.recv(this.fd, this.buffer, this.buffer.length, 0));
      if (n > this.buffer.length) throw new KstatError('E_LIMIT', `${this.name}: a message larger than ${this.buffer.length} bytes`);
      if (n > 0) return n;
      if (n === 0) throw new KstatError('E_SOURCE_IO', `${this.name}: the kernel closed the reply early`);
      const errno = this.libc.errno();
      if (errno === EINTR) continue;
      if (errno === EAGAIN) throw new KstatError('E_SOURCE_IO', `${this.name}: no reply within ${RECEIVE_TIMEOUT_SECONDS} s`);
      throw new KstatError('E_SOURCE_IO', `${this.name}: recv failed: ${errnoName(errno)}`);
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
  22: 'EINVAL', 24: 'EMFILE', 93: 'EPROTONOSUPPORT', 95: 'EOPNOTSUPP', 97: 'EAFNOSUPPORT', 105: 'ENOBUFS',
};

export function errnoName(errno: number): string {
  return ERRNO_NAMES[errno] ?? `errno ${errno}`;
}
