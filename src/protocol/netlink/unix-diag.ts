/**
 * unix_diag: the sock_diag family that lists AF_UNIX sockets (include/uapi/linux/unix_diag.h).
 *
 * Request: struct unix_diag_req (24 bytes) after the netlink header — family AF_UNIX,
 * protocol 0, a bitmask of wanted sk_state values (1 << state), an inode (for single-socket
 * queries; a dump ignores it), which attributes to show, and a cookie.
 * Reply, per socket: struct unix_diag_msg (16 bytes: family, type, sk_state, pad, inode,
 * cookie as two u32) followed by attributes.
 *
 * The kernel's dump leaves out sockets without an inode (an accepted connection still
 * waiting in a listener's queue has no file yet): /proc/net/unix lists them, this does not.
 *
 * Pure: parsing copies every value out of the caller's buffer (the socket reuses it) and
 * never throws; malformed parts become issues naming the byte offset in that buffer.
 */
import { issue, type Issue } from '../../errors.js';
import { walkAttributes } from './attributes.js';
import { AF_UNIX } from './constants.js';
import { readDiagCookie, writeDiagCookie } from './diag-cookie.js';
import { HOST_LITTLE_ENDIAN } from './host-order.js';
import { readSkMeminfo } from './sk-meminfo.js';

/** udiag_show bits: which attributes the kernel adds to each message. */
export const UDIAG_SHOW_NAME = 0x01;
export const UDIAG_SHOW_VFS = 0x02;
export const UDIAG_SHOW_PEER = 0x04;
export const UDIAG_SHOW_ICONS = 0x08;
export const UDIAG_SHOW_RQLEN = 0x10;
export const UDIAG_SHOW_MEMINFO = 0x20;
export const UDIAG_SHOW_UID = 0x40;

/** Attribute types of a reply. UNIX_DIAG_SHUTDOWN comes unasked. */
export const UNIX_DIAG_NAME = 0;
export const UNIX_DIAG_VFS = 1;
export const UNIX_DIAG_PEER = 2;
export const UNIX_DIAG_ICONS = 3;
export const UNIX_DIAG_RQLEN = 4;
export const UNIX_DIAG_MEMINFO = 5;
export const UNIX_DIAG_SHUTDOWN = 6;
export const UNIX_DIAG_UID = 7;

/** sk_state values an AF_UNIX socket takes (include/net/tcp_states.h numbering). */
export const UNIX_SK_ESTABLISHED = 1;
export const UNIX_SK_CLOSE = 7;
export const UNIX_SK_LISTEN = 10;

export const UNIX_DIAG_REQUEST_BYTES = 24;
export const UNIX_DIAG_MESSAGE_BYTES = 16;

/** The logical name issues carry. */
export const UNIX_DIAG_FILE = 'sock_diag unix';

export interface UnixDiagRequest {
  /** Bitmask of 1 << sk_state; default every state. */
  readonly states?: number;
  /** udiag_show bits; default none. */
  readonly show?: number;
  /** Only meaningful for a single-socket (non-dump) request. */
  readonly inode?: number;
  readonly cookie?: bigint;
}

export function buildUnixDiagRequest(request: UnixDiagRequest = {}): Uint8Array {
  const out = new Uint8Array(UNIX_DIAG_REQUEST_BYTES);
  const view = new DataView(out.buffer);
  const le = HOST_LITTLE_ENDIAN;
  out[0] = AF_UNIX;
  out[1] = 0; // sdiag_protocol: the kernel refuses anything else
  view.setUint32(4, (request.states ?? 0xffffffff) >>> 0, le);
  view.setUint32(8, (request.inode ?? 0) >>> 0, le);
  view.setUint32(12, (request.show ?? 0) >>> 0, le);
  writeDiagCookie(view, 16, request.cookie ?? 0n);
  return out;
}

/**
 * One socket as unix_diag reports it: the kernel's numbers, not yet a record. Every key is
 * always present (undefined when the kernel sent no such attribute), so all messages share
 * one object shape — a dump of 100k sockets stays on V8's fast path.
 */
export interface UnixDiagMessage {
  /** SOCK_STREAM 1, SOCK_DGRAM 2, SOCK_SEQPACKET 5. */
  type: number;
  /** sk_state: UNIX_SK_ESTABLISHED, UNIX_SK_CLOSE or UNIX_SK_LISTEN. */
  state: number;
  inode: number;
  cookie: bigint;
  /** UNIX_DIAG_NAME in /proc/net/unix's text form (see unixNameText); undefined when unbound or not asked. */
  name: string | undefined;
  /** UNIX_DIAG_VFS: the bound file's inode and device (kernel dev_t encoding). */
  vfsInode: number | undefined;
  vfsDevice: number | undefined;
  /** UNIX_DIAG_PEER: the peer socket's inode; the kernel sends none when there is no peer. */
  peerInode: number | undefined;
  /** UNIX_DIAG_ICONS (listeners): per queued connection, the connecting socket's inode (0 when it has none). */
  pendingConnections: number[] | undefined;
  /** UNIX_DIAG_RQLEN: listeners: queued connections and the backlog limit; others: bytes queued in and out. */
  receiveQueue: number | undefined;
  sendQueue: number | undefined;
  /** UNIX_DIAG_MEMINFO by SK_MEMINFO name. */
  memory: Record<string, bigint> | undefined;
  /** UNIX_DIAG_SHUTDOWN: sk_shutdown bits (1 = no more receives, 2 = no more sends). */
  shutdown: number | undefined;
  /** UNIX_DIAG_UID. */
  uid: number | undefined;
  /** Attributes of a newer kernel, by type number, copied. */
  unknown: Record<number, Uint8Array> | undefined;
}

/**
 * Parse one reply message's payload bytes[start, end). Returns undefined (with an issue)
 * when the fixed header is short or not AF_UNIX; otherwise the message, with an issue per
 * malformed attribute (that field stays undefined).
 */
export function parseUnixDiagMessage(bytes: Uint8Array, view: DataView, start: number, end: number, issues: Issue[]): UnixDiagMessage | undefined {
  if (end - start < UNIX_DIAG_MESSAGE_BYTES) {
    issues.push(issue(UNIX_DIAG_FILE, undefined, 'truncated', `message at byte ${start}: ${end - start} bytes, unix_diag_msg needs ${UNIX_DIAG_MESSAGE_BYTES}`));
    return undefined;
  }
  const family = view.getUint8(start);
  if (family !== AF_UNIX) {
    issues.push(issue(UNIX_DIAG_FILE, undefined, 'unknown-format', `message at byte ${start}: family ${family}, not AF_UNIX`));
    return undefined;
  }
  const le = HOST_LITTLE_ENDIAN;
  const message: UnixDiagMessage = {
    type: view.getUint8(start + 1),
    state: view.getUint8(start + 2),
    inode: view.getUint32(start + 4, le),
    cookie: readDiagCookie(view, start + 8),
    name: undefined,
    vfsInode: undefined,
    vfsDevice: undefined,
    peerInode: undefined,
    pendingConnections: undefined,
    receiveQueue: undefined,
    sendQueue: undefined,
    memory: undefined,
    shutdown: undefined,
    uid: undefined,
    unknown: undefined,
  };
  const problem = walkAttributes(view, start + UNIX_DIAG_MESSAGE_BYTES, end, (type, s, e) => readAttribute(message, bytes, view, type, s, e, issues));
  if (problem !== undefined) issues.push(issue(UNIX_DIAG_FILE, undefined, 'bad-length', `socket ${message.inode}: ${problem}`));
  return message;
}

/** Fixed sizes of the attributes that have one. */
const FIXED: Readonly<Record<number, [number, string]>> = {
  [UNIX_DIAG_VFS]: [8, 'UNIX_DIAG_VFS'],
  [UNIX_DIAG_PEER]: [4, 'UNIX_DIAG_PEER'],
  [UNIX_DIAG_RQLEN]: [8, 'UNIX_DIAG_RQLEN'],
  [UNIX_DIAG_SHUTDOWN]: [1, 'UNIX_DIAG_SHUTDOWN'],
  [UNIX_DIAG_UID]: [4, 'UNIX_DIAG_UID'],
};

function readAttribute(m: UnixDiagMessage, bytes: Uint8Array, view: DataView, type: number, s: number, e: number, issues: Issue[]): void {
  const fixed = FIXED[type];
  if (fixed !== undefined && e - s < fixed[0]) {
    issues.push(issue(UNIX_DIAG_FILE, undefined, 'truncated', `socket ${m.inode}: ${fixed[1]} at byte ${s - 4} has ${e - s} bytes, needs ${fixed[0]}`));
    return;
  }
  const le = HOST_LITTLE_ENDIAN;
  switch (type) {
    case UNIX_DIAG_NAME:
      m.name = unixNameText(bytes, s, e);
      return;
    case UNIX_DIAG_VFS:
      m.vfsInode = view.getUint32(s, le);
      m.vfsDevice = view.getUint32(s + 4, le);
      return;
    case UNIX_DIAG_PEER:
      m.peerInode = view.getUint32(s, le);
      return;
    case UNIX_DIAG_ICONS: {
      if ((e - s) % 4 !== 0) issues.push(issue(UNIX_DIAG_FILE, undefined, 'bad-length', `socket ${m.inode}: UNIX_DIAG_ICONS at byte ${s - 4} has ${e - s} bytes, not a whole number of u32`));
      const list: number[] = [];
      for (let p = s; p + 4 <= e; p += 4) list.push(view.getUint32(p, le));
      m.pendingConnections = list;
      return;
    }
    case UNIX_DIAG_RQLEN:
      m.receiveQueue = view.getUint32(s, le);
      m.sendQueue = view.getUint32(s + 4, le);
      return;
    case UNIX_DIAG_MEMINFO:
      m.memory = readSkMeminfo(view, s, e);
      return;
    case UNIX_DIAG_SHUTDOWN:
      m.shutdown = view.getUint8(s);
      return;
    case UNIX_DIAG_UID:
      m.uid = view.getUint32(s, le);
      return;
    default:
      (m.unknown ??= {})[type] = bytes.slice(s, e);
  }
}

/**
 * A bound name as /proc/net/unix prints it (af_unix.c unix_seq_show), so both paths give
 * the same text: an abstract name (leading NUL) becomes "@" + the rest; a filesystem path
 * loses its terminating NUL (the kernel counts it in the address length); any NUL left
 * inside prints as "@". Bytes decode as UTF-8, as the procfs reader decodes the file.
 * Undefined when nothing is left (procfs then prints no name either).
 */
export function unixNameText(bytes: Uint8Array, start: number, end: number): string | undefined {
  if (end > start && bytes[start] !== 0) end--;
  if (end <= start) return undefined;
  let text = '';
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b >= 0x80) return decodeWithAt(bytes, start, end);
    text += b === 0 ? '@' : String.fromCharCode(b);
  }
  return text;
}

const utf8 = new TextDecoder('utf-8');

function decodeWithAt(bytes: Uint8Array, start: number, end: number): string {
  const copy = bytes.slice(start, end);
  for (let i = 0; i < copy.length; i++) if (copy[i] === 0) copy[i] = 0x40;
  return utf8.decode(copy);
}
