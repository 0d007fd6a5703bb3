/**
 * sock_diag for internet sockets (include/uapi/linux/inet_diag.h): the dump request
 * (struct inet_diag_req_v2) and one reply message (struct inet_diag_msg + attributes).
 *
 * Which handler answers a request is chosen by `sdiag_protocol` (or, when present, the
 * INET_DIAG_REQ_PROTOCOL attribute, which exists for protocol numbers above 255 such as
 * MPTCP's 262): tcp_diag (6), udp_diag (17, and 136 for UDP-Lite), raw_diag (255). raw_diag
 * is chosen by IPPROTO_RAW alone and its dump lists the raw sockets of EVERY IP protocol of
 * the family (net/ipv4/raw_diag.c filters a dump by family and ports only; the request's
 * `sdiag_raw_protocol` byte is read for single-socket lookups, never for a dump), each
 * message naming its protocol in INET_DIAG_PROTOCOL. There is no handler for ping (ICMP
 * echo) sockets: a request for protocol 1 or 58 ends with NLMSG_DONE carrying -ENOENT, as
 * does a raw request on a kernel built without CONFIG_INET_RAW_DIAG.
 *
 * Two readers of a reply message, over the same layout:
 * - `decodeInetDiagHeader` + `scanInetDiagAttributes` fill a reused `InetDiagRow` with
 *   numbers and attribute offsets and allocate nothing: the per-message work of a 100k-socket
 *   dump, for callers that build their own record straight from the row;
 * - `parseInetDiagMessage` returns a fresh, fully decoded `InetDiagSocket` with issues:
 *   for tests, tools and small dumps.
 * Neither keeps a view into the bytes (the receive buffer is reused): values are copied out,
 * attribute payloads are offsets valid only until the visitor returns.
 *
 * Ports and addresses are network byte order inside the struct; every other number is host
 * order. Pure: no I/O.
 */
import { issue, type Issue, type IssueCode } from '../../errors.js';
import { AF_INET, NLA_HDRLEN, NLA_TYPE_MASK, align4 } from './constants.js';
import { HOST_LITTLE_ENDIAN } from './host-order.js';
import { readDiagCookie } from './diag-cookie.js';
import { SK_MEMINFO_NAMES, readSkMeminfo } from './sk-meminfo.js';
import { parseTcpInfo } from './tcp-info.js';

/** sizeof(struct inet_diag_req_v2) and sizeof(struct inet_diag_msg). */
export const INET_DIAG_REQ_V2_BYTES = 56;
export const INET_DIAG_MSG_BYTES = 72;

/** Offsets in struct inet_diag_msg (the sockid is at 4: sport, dport, src[4], dst[4], if, cookie[2]). */
export const IDIAG_FAMILY = 0;
export const IDIAG_STATE = 1;
export const IDIAG_TIMER = 2;
export const IDIAG_RETRANS = 3;
export const IDIAG_SPORT = 4;
export const IDIAG_DPORT = 6;
export const IDIAG_SRC = 8;
export const IDIAG_DST = 24;
export const IDIAG_IF = 40;
export const IDIAG_COOKIE = 44;
export const IDIAG_EXPIRES = 52;
export const IDIAG_RQUEUE = 56;
export const IDIAG_WQUEUE = 60;
export const IDIAG_UID = 64;
export const IDIAG_INODE = 68;

/** Reply attributes (enum INET_DIAG_*). */
export const INET_DIAG_MEMINFO = 1;
export const INET_DIAG_INFO = 2;
export const INET_DIAG_VEGASINFO = 3;
export const INET_DIAG_CONG = 4;
export const INET_DIAG_TOS = 5;
export const INET_DIAG_TCLASS = 6;
export const INET_DIAG_SKMEMINFO = 7;
export const INET_DIAG_SHUTDOWN = 8;
export const INET_DIAG_DCTCPINFO = 9;
export const INET_DIAG_PROTOCOL = 10;
export const INET_DIAG_SKV6ONLY = 11;
export const INET_DIAG_LOCALS = 12;
export const INET_DIAG_PEERS = 13;
export const INET_DIAG_PAD = 14;
export const INET_DIAG_MARK = 15;
export const INET_DIAG_BBRINFO = 16;
export const INET_DIAG_CLASS_ID = 17;
export const INET_DIAG_MD5SIG = 18;
export const INET_DIAG_ULP_INFO = 19;
export const INET_DIAG_SK_BPF_STORAGES = 20;
export const INET_DIAG_CGROUP_ID = 21;
export const INET_DIAG_SOCKOPT = 22;

/** Request attribute: the handler's protocol as a u32, for protocols that do not fit sdiag_protocol. */
export const INET_DIAG_REQ_PROTOCOL = 3;

/**
 * The idiag_ext bit that asks for reply attribute `attribute` (only MEMINFO..SHUTDOWN, 1..8,
 * fit the u8; CLASS_ID comes with TCLASS, the congestion-control infos with VEGASINFO).
 */
export function inetDiagExt(attribute: number): number {
  return attribute >= 1 && attribute <= 8 ? 1 << (attribute - 1) : 0;
}

/** Kernel TCP state codes (include/net/tcp_states.h) that requests and replies use. */
export const TCP_SYN_RECV = 3;
export const TCP_LISTEN = 10;
export const TCP_NEW_SYN_RECV = 12;
export const TCP_BOUND_INACTIVE = 13;

export interface InetDiagRequest {
  /** AF_INET or AF_INET6 (sock_diag has no handler for AF_UNSPEC). */
  readonly family: number;
  /** IPPROTO_TCP, IPPROTO_UDP, IPPROTO_UDPLITE or IPPROTO_RAW (which lists raw sockets of every protocol). */
  readonly protocol: number;
  /** idiag_ext: the attributes asked for, an OR of inetDiagExt(...). */
  readonly ext?: number;
  /** idiag_states: bit N set = sockets in state N (1 << TCP_LISTEN, ...); the kernel filters. */
  readonly states: number;
  /** Sent as INET_DIAG_REQ_PROTOCOL when set: the handler for a protocol number above 255. */
  readonly protocolAttribute?: number;
}

/** The payload of a SOCK_DIAG_BY_FAMILY dump request (the socket id is all zeros: no lookup). */
export function buildInetDiagRequest(r: InetDiagRequest): Uint8Array {
  const withAttribute = r.protocolAttribute !== undefined;
  const out = new Uint8Array(INET_DIAG_REQ_V2_BYTES + (withAttribute ? NLA_HDRLEN + 4 : 0));
  const view = new DataView(out.buffer);
  out[0] = r.family;
  out[1] = r.protocol;
  out[2] = r.ext ?? 0;
  view.setUint32(4, r.states >>> 0, HOST_LITTLE_ENDIAN);
  if (withAttribute) {
    view.setUint16(INET_DIAG_REQ_V2_BYTES, NLA_HDRLEN + 4, HOST_LITTLE_ENDIAN);
    view.setUint16(INET_DIAG_REQ_V2_BYTES + 2, INET_DIAG_REQ_PROTOCOL, HOST_LITTLE_ENDIAN);
    view.setUint32(INET_DIAG_REQ_V2_BYTES + NLA_HDRLEN, r.protocolAttribute! >>> 0, HOST_LITTLE_ENDIAN);
  }
  return out;
}

/**
 * The older request that still dumps TCP (netlink message type TCPDIAG_GETSOCK, struct
 * inet_diag_req): the kernel answers it for both address families in one walk of its socket
 * hash (inet_diag_dump_compat asks for AF_UNSPEC), where a SOCK_DIAG_BY_FAMILY request per
 * family walks the whole hash twice. Replies are the same inet_diag_msg messages, with the
 * request's message type. TCP only (the v1 interface has no other protocol worth asking).
 */
export const TCPDIAG_GETSOCK = 18;
export const INET_DIAG_REQ_V1_BYTES = 60;

/** The payload of a TCPDIAG_GETSOCK dump request: `ext` and `states` as in buildInetDiagRequest. */
export function buildTcpDiagCompatRequest(r: { readonly ext?: number; readonly states: number }): Uint8Array {
  const out = new Uint8Array(INET_DIAG_REQ_V1_BYTES);
  out[0] = AF_INET; // idiag_family: ignored for a dump (every family is listed)
  out[3] = r.ext ?? 0;
  new DataView(out.buffer).setUint32(52, r.states >>> 0, HOST_LITTLE_ENDIAN); // after the 4 bytes and the 48-byte socket id
  return out;
}

/**
 * One reply message as numbers and attribute offsets, reused from message to message.
 * Addresses are four big-endian words each (the first address byte in the top bits of
 * word 0; IPv4 uses word 0 only). -1 means "the kernel did not send this attribute";
 * offsets point into the receive buffer and are valid only while its message is visited.
 */
export class InetDiagRow {
  family = 0;
  state = 0;
  timer = 0;
  retrans = 0;
  sport = 0;
  dport = 0;
  src0 = 0;
  src1 = 0;
  src2 = 0;
  src3 = 0;
  dst0 = 0;
  dst1 = 0;
  dst2 = 0;
  dst3 = 0;
  ifIndex = 0;
  /** idiag_cookie[0] and [1]: the low and high halves of the 64-bit cookie. */
  cookieLow = 0;
  cookieHigh = 0;
  expiresMs = 0;
  rqueue = 0;
  wqueue = 0;
  uid = 0;
  inode = 0;
  // Attributes: values of the small ones, payload offsets of the others.
  shutdown = -1;
  v6Only = -1;
  protocol = -1;
  tos = -1;
  tclass = -1;
  mark = -1;
  classId = -1;
  sockopt = -1;
  cgroupIdAt = -1;
  congStart = -1;
  congEnd = -1;
  infoStart = -1;
  infoEnd = -1;
  memInfoAt = -1;
  skMemStart = -1;
  skMemEnd = -1;
  /** Attributes not decoded here: known kinds kept as bytes by parseInetDiagMessage, and unknown numbers. */
  otherAttributes = 0;
  /** Attributes whose payload is shorter than their value (left absent). */
  shortAttributes = 0;
  /** Where the attribute walk stopped on a bad length, undefined when every attribute held together. */
  attributeError: string | undefined = undefined;
}

/** The header of the message in [start, end) into `row`; false (row untouched) when the message is shorter than the struct. */
export function decodeInetDiagHeader(view: DataView, start: number, end: number, row: InetDiagRow): boolean {
  if (end - start < INET_DIAG_MSG_BYTES) return false;
  const le = HOST_LITTLE_ENDIAN;
  row.family = view.getUint8(start);
  row.state = view.getUint8(start + IDIAG_STATE);
  row.timer = view.getUint8(start + IDIAG_TIMER);
  row.retrans = view.getUint8(start + IDIAG_RETRANS);
  row.sport = view.getUint16(start + IDIAG_SPORT, false);
  row.dport = view.getUint16(start + IDIAG_DPORT, false);
  row.src0 = view.getUint32(start + IDIAG_SRC, false);
  row.src1 = view.getUint32(start + IDIAG_SRC + 4, false);
  row.src2 = view.getUint32(start + IDIAG_SRC + 8, false);
  row.src3 = view.getUint32(start + IDIAG_SRC + 12, false);
  row.dst0 = view.getUint32(start + IDIAG_DST, false);
  row.dst1 = view.getUint32(start + IDIAG_DST + 4, false);
  row.dst2 = view.getUint32(start + IDIAG_DST + 8, false);
  row.dst3 = view.getUint32(start + IDIAG_DST + 12, false);
  row.ifIndex = view.getUint32(start + IDIAG_IF, le);
  row.cookieLow = view.getUint32(start + IDIAG_COOKIE, le);
  row.cookieHigh = view.getUint32(start + IDIAG_COOKIE + 4, le);
  row.expiresMs = view.getUint32(start + IDIAG_EXPIRES, le);
  row.rqueue = view.getUint32(start + IDIAG_RQUEUE, le);
  row.wqueue = view.getUint32(start + IDIAG_WQUEUE, le);
  row.uid = view.getUint32(start + IDIAG_UID, le);
  row.inode = view.getUint32(start + IDIAG_INODE, le);
  return true;
}

/**
 * The cookie of the decoded row (the kernel's 64-bit socket id), from the halves already read:
 * one BigInt while the id fits 32 bits, which it does until 2^32 sockets were ever created.
 */
export function rowCookie(row: InetDiagRow): bigint {
  return row.cookieHigh === 0 ? BigInt(row.cookieLow) : (BigInt(row.cookieHigh) << 32n) | BigInt(row.cookieLow);
}

/**
 * The attributes after the struct of the message in [start, end), into `row` (every attribute
 * field is reset first). A walk that meets a bad length stops there and says so in
 * `row.attributeError`; what came before it is kept. Inline loop, no visitor: this runs once
 * per socket of a large dump.
 */
export function scanInetDiagAttributes(view: DataView, start: number, end: number, row: InetDiagRow): void {
  row.shutdown = row.v6Only = row.protocol = row.tos = row.tclass = row.mark = row.classId = row.sockopt = -1;
  row.cgroupIdAt = row.congStart = row.congEnd = row.infoStart = row.infoEnd = row.memInfoAt = row.skMemStart = row.skMemEnd = -1;
  row.otherAttributes = 0;
  row.shortAttributes = 0;
  row.attributeError = undefined;
  const le = HOST_LITTLE_ENDIAN;
  let at = start + INET_DIAG_MSG_BYTES;
  while (end - at >= NLA_HDRLEN) {
    const len = view.getUint16(at, le);
    if (len < NLA_HDRLEN || len > end - at) {
      row.attributeError = `attribute at byte ${at}: length ${len} ${len < NLA_HDRLEN ? 'is shorter than its header' : `runs past the ${end - at} bytes left`}`;
      return;
    }
    const type = view.getUint16(at + 2, le) & NLA_TYPE_MASK;
    const p = at + NLA_HDRLEN;
    const size = len - NLA_HDRLEN;
    switch (type) {
      case INET_DIAG_SHUTDOWN:
        if (size >= 1) row.shutdown = view.getUint8(p);
        else row.shortAttributes++;
        break;
      case INET_DIAG_SKV6ONLY:
        if (size >= 1) row.v6Only = view.getUint8(p);
        else row.shortAttributes++;
        break;
      case INET_DIAG_PROTOCOL:
        if (size >= 1) row.protocol = view.getUint8(p);
        else row.shortAttributes++;
        break;
      case INET_DIAG_TOS:
        if (size >= 1) row.tos = view.getUint8(p);
        else row.shortAttributes++;
        break;
      case INET_DIAG_TCLASS:
        if (size >= 1) row.tclass = view.getUint8(p);
        else row.shortAttributes++;
        break;
      case INET_DIAG_MARK:
        if (size >= 4) row.mark = view.getUint32(p, le);
        else row.shortAttributes++;
        break;
      case INET_DIAG_CLASS_ID:
        if (size >= 4) row.classId = view.getUint32(p, le);
        else row.shortAttributes++;
        break;
      case INET_DIAG_SOCKOPT:
        // struct inet_diag_sockopt: 16 bits of socket-option flags (recverr, freebind, ...)
        if (size >= 2) row.sockopt = view.getUint16(p, le);
        else row.shortAttributes++;
        break;
      case INET_DIAG_CGROUP_ID:
        if (size >= 8) row.cgroupIdAt = p;
        else row.shortAttributes++;
        break;
      case INET_DIAG_CONG:
        row.congStart = p;
        row.congEnd = p + size;
        break;
      case INET_DIAG_INFO:
        row.infoStart = p;
        row.infoEnd = p + size;
        break;
      case INET_DIAG_MEMINFO:
        if (size >= 16) row.memInfoAt = p;
        else row.shortAttributes++;
        break;
      case INET_DIAG_SKMEMINFO:
        row.skMemStart = p;
        row.skMemEnd = p + size;
        break;
      case INET_DIAG_PAD:
        break; // alignment filler before a 64-bit attribute
      default:
        row.otherAttributes++;
    }
    at += align4(len);
  }
}

/** Index of the receive-drop counter (sk_drops) in the SK_MEMINFO array (sk-meminfo.ts names the slots). */
export const SK_MEMINFO_DROPS = SK_MEMINFO_NAMES.indexOf('drops');

/** The congestion-control name (NUL-terminated ASCII) in [start, end). */
export function decodeCongestion(bytes: Uint8Array, start: number, end: number): string {
  let name = '';
  for (let i = start; i < end && bytes[i] !== 0; i++) name += String.fromCharCode(bytes[i]!);
  return name;
}

/** struct inet_diag_meminfo (INET_DIAG_MEMINFO), the older memory summary. */
export interface InetDiagMemInfo {
  readonly rmem: number;
  readonly wmem: number;
  readonly fmem: number;
  readonly tmem: number;
}

/** One reply message, fully decoded: the struct by kernel meaning, and every attribute. */
export interface InetDiagSocket {
  readonly family: number;
  /** idiag_state: a TCP state code (request sockets come as TCP_SYN_RECV, TIME_WAIT entries as their substate). */
  readonly state: number;
  readonly timer: number;
  readonly retrans: number;
  readonly sourcePort: number;
  readonly destinationPort: number;
  /** 16 bytes; an IPv4 address is the first 4. */
  readonly source: Uint8Array;
  readonly destination: Uint8Array;
  readonly interfaceIndex: number;
  readonly cookie: bigint;
  readonly expiresMs: number;
  readonly rqueue: number;
  readonly wqueue: number;
  readonly uid: number;
  readonly inode: number;
  readonly shutdown?: number;
  readonly v6Only?: boolean;
  readonly protocol?: number;
  readonly tos?: number;
  readonly tclass?: number;
  readonly mark?: number;
  readonly classId?: number;
  readonly sockopt?: number;
  readonly cgroupId?: bigint;
  readonly congestion?: string;
  readonly memInfo?: InetDiagMemInfo;
  readonly skMemInfo?: Record<string, bigint>;
  readonly tcpInfo?: Record<string, bigint>;
  /** Attributes not decoded above (congestion-control infos, MD5 keys, ULP info, unknown numbers), payload bytes by type. */
  readonly otherAttributes: ReadonlyMap<number, Uint8Array>;
}

export interface ParsedInetDiagMessage {
  /** Undefined when the message is too short to hold the struct. */
  readonly socket: InetDiagSocket | undefined;
  readonly issues: Issue[];
}

/** A located issue: `file` is a logical name such as "sock_diag tcp6", the offset is the message's byte in the buffer. */
export function inetDiagIssue(file: string, offset: number, code: IssueCode, message: string): Issue {
  return { ...issue(file, undefined, code, message), offset };
}

/** Decode the message payload in bytes[start, end) completely. Never throws. */
export function parseInetDiagMessage(bytes: Uint8Array, view: DataView, start: number, end: number, file: string): ParsedInetDiagMessage {
  const row = new InetDiagRow();
  if (!decodeInetDiagHeader(view, start, end, row)) {
    return { socket: undefined, issues: [inetDiagIssue(file, start, 'truncated', `message at byte ${start}: ${end - start} bytes, shorter than struct inet_diag_msg (${INET_DIAG_MSG_BYTES})`)] };
  }
  scanInetDiagAttributes(view, start, end, row);
  const issues: Issue[] = [];
  if (row.attributeError !== undefined) issues.push(inetDiagIssue(file, start, 'bad-length', `message at byte ${start}: ${row.attributeError}; later attributes not read`));
  if (row.shortAttributes > 0) issues.push(inetDiagIssue(file, start, 'truncated', `message at byte ${start}: ${row.shortAttributes} attribute(s) shorter than their value, left out`));
  const other = new Map<number, Uint8Array>();
  if (row.otherAttributes > 0) collectOtherAttributes(bytes, view, start, end, other);
  const opt = (v: number): number | undefined => (v < 0 ? undefined : v);
  const socket: InetDiagSocket = {
    family: row.family,
    state: row.state,
    timer: row.timer,
    retrans: row.retrans,
    sourcePort: row.sport,
    destinationPort: row.dport,
    source: bytes.slice(start + IDIAG_SRC, start + IDIAG_SRC + 16),
    destination: bytes.slice(start + IDIAG_DST, start + IDIAG_DST + 16),
    interfaceIndex: row.ifIndex,
    cookie: readDiagCookie(view, start + IDIAG_COOKIE),
    expiresMs: row.expiresMs,
    rqueue: row.rqueue,
    wqueue: row.wqueue,
    uid: row.uid,
    inode: row.inode,
    shutdown: opt(row.shutdown),
    v6Only: row.v6Only < 0 ? undefined : row.v6Only !== 0,
    protocol: opt(row.protocol),
    tos: opt(row.tos),
    tclass: opt(row.tclass),
    mark: opt(row.mark),
    classId: opt(row.classId),
    sockopt: opt(row.sockopt),
    cgroupId: row.cgroupIdAt < 0 ? undefined : view.getBigUint64(row.cgroupIdAt, HOST_LITTLE_ENDIAN),
    congestion: row.congStart < 0 ? undefined : decodeCongestion(bytes, row.congStart, row.congEnd),
    memInfo:
      row.memInfoAt < 0
        ? undefined
        : {
            rmem: view.getUint32(row.memInfoAt, HOST_LITTLE_ENDIAN),
            wmem: view.getUint32(row.memInfoAt + 4, HOST_LITTLE_ENDIAN),
            fmem: view.getUint32(row.memInfoAt + 8, HOST_LITTLE_ENDIAN),
            tmem: view.getUint32(row.memInfoAt + 12, HOST_LITTLE_ENDIAN),
          },
    skMemInfo: row.skMemStart < 0 ? undefined : readSkMeminfo(view, row.skMemStart, row.skMemEnd),
    tcpInfo: row.infoStart < 0 ? undefined : parseTcpInfo(view, row.infoStart, row.infoEnd),
    otherAttributes: other,
  };
  return { socket, issues };
}

/** Attribute types scanInetDiagAttributes decodes itself (everything else is kept as bytes). */
const DECODED = new Set([
  INET_DIAG_SHUTDOWN, INET_DIAG_SKV6ONLY, INET_DIAG_PROTOCOL, INET_DIAG_TOS, INET_DIAG_TCLASS, INET_DIAG_MARK, INET_DIAG_CLASS_ID,
  INET_DIAG_SOCKOPT, INET_DIAG_CGROUP_ID, INET_DIAG_CONG, INET_DIAG_INFO, INET_DIAG_MEMINFO, INET_DIAG_SKMEMINFO, INET_DIAG_PAD,
]);

function collectOtherAttributes(bytes: Uint8Array, view: DataView, start: number, end: number, into: Map<number, Uint8Array>): void {
  const le = HOST_LITTLE_ENDIAN;
  let at = start + INET_DIAG_MSG_BYTES;
  while (end - at >= NLA_HDRLEN) {
    const len = view.getUint16(at, le);
    if (len < NLA_HDRLEN || len > end - at) return;
    const type = view.getUint16(at + 2, le) & NLA_TYPE_MASK;
    if (!DECODED.has(type)) into.set(type, bytes.slice(at + NLA_HDRLEN, at + len));
    at += align4(len);
  }
}
