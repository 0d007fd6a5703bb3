/**
 * packet_diag: the sock_diag family that lists AF_PACKET sockets
 * (include/uapi/linux/packet_diag.h).
 *
 * Request: struct packet_diag_req (20 bytes) — family AF_PACKET, protocol 0 (the kernel
 * refuses any other), an inode (ignored by a dump), which attributes to show, a cookie.
 * Reply, per socket: struct packet_diag_msg (16 bytes: family, type, protocol as a host-order
 * ethertype, inode, cookie) followed by attributes.
 *
 * What the kernel sends depends on what was asked and who asks: PACKET_DIAG_UID comes with
 * PACKET_SHOW_INFO; rings and fanout only when the socket has them; PACKET_DIAG_FILTER is
 * absent when no filter is attached and EMPTY when the reader lacks CAP_NET_ADMIN in the
 * socket's namespace (the kernel hides the program) — hence `filterHidden`.
 *
 * Pure: every value is copied out of the caller's buffer; nothing throws; malformed parts
 * become issues naming the byte offset in that buffer.
 */
import { issue, type Issue } from '../../errors.js';
import { readI32, readU32, walkAttributes } from './attributes.js';
import { AF_PACKET } from './constants.js';
import { readDiagCookie, writeDiagCookie } from './diag-cookie.js';
import { HOST_LITTLE_ENDIAN } from './host-order.js';
import { readSkMeminfo } from './sk-meminfo.js';

/** pdiag_show bits. */
export const PACKET_SHOW_INFO = 0x01;
export const PACKET_SHOW_MCLIST = 0x02;
export const PACKET_SHOW_RING_CFG = 0x04;
export const PACKET_SHOW_FANOUT = 0x08;
export const PACKET_SHOW_MEMINFO = 0x10;
export const PACKET_SHOW_FILTER = 0x20;

/** Attribute types of a reply. */
export const PACKET_DIAG_INFO = 0;
export const PACKET_DIAG_MCLIST = 1;
export const PACKET_DIAG_RX_RING = 2;
export const PACKET_DIAG_TX_RING = 3;
export const PACKET_DIAG_FANOUT = 4;
export const PACKET_DIAG_UID = 5;
export const PACKET_DIAG_MEMINFO = 6;
export const PACKET_DIAG_FILTER = 7;

/** pdi_flags bits. */
export const PDI_RUNNING = 0x01;
export const PDI_AUXDATA = 0x02;
export const PDI_ORIGDEV = 0x04;
export const PDI_VNETHDR = 0x08;
export const PDI_LOSS = 0x10;

export const PACKET_DIAG_REQUEST_BYTES = 20;
export const PACKET_DIAG_MESSAGE_BYTES = 16;
/** struct packet_diag_info: six u32. */
const INFO_BYTES = 24;
/** struct packet_diag_ring: seven u32. */
const RING_BYTES = 28;
/** struct packet_diag_mclist: index, count (u32), type, alen (u16), addr[MAX_ADDR_LEN = 32]. */
const MCLIST_ENTRY_BYTES = 44;
/** struct sock_filter: code u16, jt u8, jf u8, k u32. */
const SOCK_FILTER_BYTES = 8;

export const PACKET_DIAG_FILE = 'sock_diag packet';

export interface PacketDiagRequest {
  /** pdiag_show bits; default none. */
  readonly show?: number;
  readonly inode?: number;
  readonly cookie?: bigint;
}

export function buildPacketDiagRequest(request: PacketDiagRequest = {}): Uint8Array {
  const out = new Uint8Array(PACKET_DIAG_REQUEST_BYTES);
  const view = new DataView(out.buffer);
  out[0] = AF_PACKET;
  view.setUint32(4, (request.inode ?? 0) >>> 0, HOST_LITTLE_ENDIAN);
  view.setUint32(8, (request.show ?? 0) >>> 0, HOST_LITTLE_ENDIAN);
  writeDiagCookie(view, 12, request.cookie ?? 0n);
  return out;
}

/** PACKET_DIAG_INFO. */
export interface PacketDiagInfo {
  /** Bound interface: 0 none, -1 the device went away (the kernel's int, sent as u32). */
  ifindex: number;
  /** TPACKET_V1 0, V2 1, V3 2. */
  version: number;
  reserve: number;
  copyThreshold: number;
  /** PACKET_TIMESTAMP flags (SOF_TIMESTAMPING_*). */
  timestamp: number;
  flags: number;
  running: boolean;
  auxData: boolean;
  origDev: boolean;
  vnetHeader: boolean;
  /** PACKET_LOSS: a TX ring skips malformed frames instead of stopping. */
  loss: boolean;
}

/** PACKET_DIAG_RX_RING / TX_RING; the last three are 0 below TPACKET_V3. */
export interface PacketDiagRing {
  blockSize: number;
  blocks: number;
  frameSize: number;
  frames: number;
  retireTimeoutMs: number;
  sizeofPriv: number;
  features: number;
}

/** One PACKET_ADD_MEMBERSHIP entry. */
export interface PacketDiagMembership {
  ifindex: number;
  /** How many times it was added. */
  count: number;
  /** PACKET_MR_MULTICAST 0, PROMISC 1, ALLMULTI 2, UNICAST 3. */
  type: number;
  /** The address, lowercase hex bytes joined by ":" (alen bytes; empty when alen is 0). */
  address: string;
}

/** PACKET_DIAG_FANOUT: one u32, group id in the low 16 bits, mode above. */
export interface PacketDiagFanout {
  id: number;
  /** PACKET_FANOUT_HASH 0 … EBPF 7. */
  mode: number;
  /** Bits 24..31 of the value: 0 from every kernel so far (flags are not reported). */
  high: number;
}

/** One socket as packet_diag reports it. */
export interface PacketDiagMessage {
  /** SOCK_DGRAM 2, SOCK_RAW 3, SOCK_PACKET 10. */
  type: number;
  /** Ethertype, host order (the kernel converts before sending). */
  protocol: number;
  inode: number;
  cookie: bigint;
  info?: PacketDiagInfo;
  uid?: number;
  memberships?: PacketDiagMembership[];
  rxRing?: PacketDiagRing;
  txRing?: PacketDiagRing;
  fanout?: PacketDiagFanout;
  memory?: Record<string, bigint>;
  /** Instructions of the attached classic BPF filter; undefined when none is attached or it is hidden. */
  filterInstructions?: number;
  /** The kernel sent an empty filter attribute: a filter may be attached but the reader may not see it. */
  filterHidden?: boolean;
  /** Attributes of a newer kernel, by type number, copied. */
  unknown?: Record<number, Uint8Array>;
}

/**
 * Parse one reply message's payload bytes[start, end). Undefined (with an issue) when the
 * fixed header is short or not AF_PACKET; otherwise the message, with an issue per
 * malformed attribute (that part stays undefined).
 */
export function parsePacketDiagMessage(bytes: Uint8Array, view: DataView, start: number, end: number, issues: Issue[]): PacketDiagMessage | undefined {
  if (end - start < PACKET_DIAG_MESSAGE_BYTES) {
    issues.push(issue(PACKET_DIAG_FILE, undefined, 'truncated', `message at byte ${start}: ${end - start} bytes, packet_diag_msg needs ${PACKET_DIAG_MESSAGE_BYTES}`));
    return undefined;
  }
  const family = view.getUint8(start);
  if (family !== AF_PACKET) {
    issues.push(issue(PACKET_DIAG_FILE, undefined, 'unknown-format', `message at byte ${start}: family ${family}, not AF_PACKET`));
    return undefined;
  }
  const le = HOST_LITTLE_ENDIAN;
  const message: PacketDiagMessage = {
    type: view.getUint8(start + 1),
    protocol: view.getUint16(start + 2, le),
    inode: view.getUint32(start + 4, le),
    cookie: readDiagCookie(view, start + 8),
  };
  const problem = walkAttributes(view, start + PACKET_DIAG_MESSAGE_BYTES, end, (type, s, e) => readAttribute(message, bytes, view, type, s, e, issues));
  if (problem !== undefined) issues.push(issue(PACKET_DIAG_FILE, undefined, 'bad-length', `socket ${message.inode}: ${problem}`));
  return message;
}

function readAttribute(m: PacketDiagMessage, bytes: Uint8Array, view: DataView, type: number, s: number, e: number, issues: Issue[]): void {
  const short = (need: number, what: string): boolean => {
    if (e - s >= need) return false;
    issues.push(issue(PACKET_DIAG_FILE, undefined, 'truncated', `socket ${m.inode}: ${what} at byte ${s - 4} has ${e - s} bytes, needs ${need}`));
    return true;
  };
  const notMultiple = (unit: number, what: string): void => {
    if ((e - s) % unit !== 0) {
      issues.push(issue(PACKET_DIAG_FILE, undefined, 'bad-length', `socket ${m.inode}: ${what} at byte ${s - 4} has ${e - s} bytes, not a multiple of ${unit}`));
    }
  };
  switch (type) {
    case PACKET_DIAG_INFO:
      if (!short(INFO_BYTES, 'PACKET_DIAG_INFO')) m.info = readInfo(view, s);
      return;
    case PACKET_DIAG_UID:
      if (!short(4, 'PACKET_DIAG_UID')) m.uid = readU32(view, s, e);
      return;
    case PACKET_DIAG_MCLIST: {
      notMultiple(MCLIST_ENTRY_BYTES, 'PACKET_DIAG_MCLIST');
      const list: PacketDiagMembership[] = [];
      for (let p = s; p + MCLIST_ENTRY_BYTES <= e; p += MCLIST_ENTRY_BYTES) list.push(readMembership(bytes, view, p));
      m.memberships = list;
      return;
    }
    case PACKET_DIAG_RX_RING:
      if (!short(RING_BYTES, 'PACKET_DIAG_RX_RING')) m.rxRing = readRing(view, s);
      return;
    case PACKET_DIAG_TX_RING:
      if (!short(RING_BYTES, 'PACKET_DIAG_TX_RING')) m.txRing = readRing(view, s);
      return;
    case PACKET_DIAG_FANOUT: {
      if (short(4, 'PACKET_DIAG_FANOUT')) return;
      const value = readU32(view, s, e)!;
      m.fanout = { id: value & 0xffff, mode: (value >>> 16) & 0xff, high: value >>> 24 };
      return;
    }
    case PACKET_DIAG_MEMINFO:
      m.memory = readSkMeminfo(view, s, e);
      return;
    case PACKET_DIAG_FILTER:
      if (e === s) {
        m.filterHidden = true;
        return;
      }
      notMultiple(SOCK_FILTER_BYTES, 'PACKET_DIAG_FILTER');
      m.filterInstructions = Math.floor((e - s) / SOCK_FILTER_BYTES);
      return;
    default:
      (m.unknown ??= {})[type] = bytes.slice(s, e);
  }
}

function readInfo(view: DataView, s: number): PacketDiagInfo {
  const le = HOST_LITTLE_ENDIAN;
  const flags = view.getUint32(s + 20, le);
  return {
    ifindex: view.getInt32(s, le),
    version: view.getUint32(s + 4, le),
    reserve: view.getUint32(s + 8, le),
    copyThreshold: view.getUint32(s + 12, le),
    timestamp: view.getUint32(s + 16, le),
    flags,
    running: (flags & PDI_RUNNING) !== 0,
    auxData: (flags & PDI_AUXDATA) !== 0,
    origDev: (flags & PDI_ORIGDEV) !== 0,
    vnetHeader: (flags & PDI_VNETHDR) !== 0,
    loss: (flags & PDI_LOSS) !== 0,
  };
}

function readRing(view: DataView, s: number): PacketDiagRing {
  const le = HOST_LITTLE_ENDIAN;
  return {
    blockSize: view.getUint32(s, le),
    blocks: view.getUint32(s + 4, le),
    frameSize: view.getUint32(s + 8, le),
    frames: view.getUint32(s + 12, le),
    retireTimeoutMs: view.getUint32(s + 16, le),
    sizeofPriv: view.getUint32(s + 20, le),
    features: view.getUint32(s + 24, le),
  };
}

function readMembership(bytes: Uint8Array, view: DataView, p: number): PacketDiagMembership {
  const le = HOST_LITTLE_ENDIAN;
  const alen = Math.min(view.getUint16(p + 10, le), MCLIST_ENTRY_BYTES - 12);
  const parts: string[] = [];
  for (let i = 0; i < alen; i++) parts.push(bytes[p + 12 + i]!.toString(16).padStart(2, '0'));
  return { ifindex: readI32(view, p, p + 4)!, count: view.getUint32(p + 4, le), type: view.getUint16(p + 8, le), address: parts.join(':') };
}
