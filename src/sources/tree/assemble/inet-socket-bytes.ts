/**
 * The fast decoder of the streaming socket-table reader (inet-socket-stream.ts): one line of
 * /proc/net/{tcp,udp,udplite,raw,icmp}[6] as BYTES, in the column order every kernel since
 * 2.6 prints (the format is spelled out in procfs/inet-socket-row.ts, which does the same
 * over text for parseInetSocketTable), straight to its `InetSocket` record: no line string,
 * no row object, no slice per field. The record is built only when the query's filter keeps
 * the row, and after the whole line has been checked, so a filtered query reports exactly
 * the issues an unfiltered one does.
 *
 * It gives up (-1) at the first surprise — an unknown state or timer code, a 16-digit
 * timer, an extra column, a tab, a bad digit — and the stream hands that line to the
 * header-driven decoder, which builds the same record or reports the issue. Bounds: the
 * caller passes `limit`, the index of a '\n' at or after the line's end. Nothing past it is
 * read: fixed-width fields are checked to fit first (and every byte of them is checked, so
 * a short line fails on its own '\n'), and the scanners stop at any '\n'.
 */
import { INET_STATES, TIMER_NAMES, type InetSocket } from '../../../records/socket.js';
import type { AddressTexts } from '../text/hex-address.js';
import { keepsInetSocket, type InetSocketFilter } from './inet-socket-filter.js';
import { lineSocket } from './inet-socket-record.js';

const SPACE = 32;
const TAB = 9;
const COLON = 58;
const NEWLINE = 10;
const MINUS = 45;
const ZERO = 48;
/** What %pK prints when kptr_restrict hides pointers: one string shared by every row. */
const HIDDEN_POINTER = '0000000000000000';

/** Hex digit values by byte, -1 for anything else. */
const HEX = new Int8Array(256).fill(-1);
for (let d = 0; d < 16; d++) {
  HEX['0123456789ABCDEF'.charCodeAt(d)] = d;
  HEX['0123456789abcdef'.charCodeAt(d)] = d;
}

/** The file's constants, and the fields of the line being decoded. */
export interface LineState {
  readonly protocol: InetSocket['protocol'];
  readonly family: InetSocket['family'];
  /** Address width in hex digits: 8 (IPv4) or 32 (IPv6). */
  readonly width: number;
  /** 0: nothing after the pointer; 1: drops; 2: the five TCP fields (optional per row). */
  readonly tail: 0 | 1 | 2;
  readonly addresses: AddressTexts;
  readonly filter: InetSocketFilter;
  /** The record of the line just decoded; null when the filter left it out. */
  record: InetSocket | null;
  n: number;
  text: string;
  port: number;
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  st: number;
  tx: number;
  rx: number;
  tr: number;
  when: number;
  retrnsmt: number;
  uid: number;
  timeout: number;
  inode: number;
  ref: number;
  pointer: string;
  /** The TCP trailer was printed (full sockets; not TIME_WAIT or request entries). */
  trailer: boolean;
  rto: number;
  ato: number;
  qp: number;
  cwnd: number;
  ssthresh: number;
  drops: number;
}

export function newLineState(constants: Pick<LineState, 'protocol' | 'family' | 'width' | 'tail' | 'addresses' | 'filter'>): LineState {
  return {
    ...constants, record: null, n: 0, text: '', port: 0, localAddress: '', localPort: 0, remoteAddress: '', remotePort: 0,
    st: 0, tx: 0, rx: 0, tr: 0, when: 0, retrnsmt: 0, uid: 0, timeout: 0, inode: 0, ref: 0, pointer: '', trailer: false,
    rto: 0, ato: 0, qp: 0, cwnd: 0, ssthresh: 0, drops: 0,
  };
}

/** Decodes the line at `start` into `s.record`; returns the index of its '\n', or -1 when the line is not in the standard layout. */
export function decodeLine(b: Uint8Array, start: number, limit: number, s: LineState): number {
  let i = decimal(b, skipSpaces(b, start), s); // sl
  if (i < 0 || b[i] !== COLON || b[i + 1] !== SPACE || (i = address(b, i + 2, limit, s)) < 0) return -1;
  s.localAddress = s.text;
  s.localPort = s.port;
  if ((i = address(b, i + 1, limit, s)) < 0) return -1;
  s.remoteAddress = s.text;
  s.remotePort = s.port;
  if ((i = counters(b, i + 1, limit, s)) < 0 || (i = owner(b, i, s)) < 0 || (i = tail(b, i, s)) < 0) return -1;
  while (b[i] === SPACE) i++; // the kernel pads tcp lines to 149 characters
  const state = INET_STATES[s.st - 1];
  const timer = TIMER_NAMES[s.tr];
  // An unknown code goes the general way: it reports the state, keeps the timer in extra.
  if (b[i] !== NEWLINE || state === undefined || timer === undefined) return -1;
  s.record = keepsInetSocket(s.filter, s.st, s.localPort, s.remotePort) ? lineSocket(s, state, timer) : null;
  return i;
}

/** `ADDR:PORT` at p → s.text, s.port; returns the index of the space after it, or -1. */
function address(b: Uint8Array, p: number, limit: number, s: LineState): number {
  const colon = p + s.width;
  if (colon + 5 > limit || b[colon] !== COLON || b[colon + 5] !== SPACE || (s.port = hex(b, colon + 1, 4)) < 0) return -1;
  const w0 = hex(b, p, 8);
  if (s.width === 8) {
    if (w0 < 0) return -1;
    s.text = s.addresses.ipv4(w0);
    return colon + 5;
  }
  const w1 = hex(b, p + 8, 8);
  const w2 = hex(b, p + 16, 8);
  const w3 = hex(b, p + 24, 8);
  if (w0 < 0 || w1 < 0 || w2 < 0 || w3 < 0) return -1;
  s.text = s.addresses.ipv6(w0, w1, w2, w3);
  return colon + 5;
}

/** "st tx_queue:rx_queue tr:tm->when retrnsmt " at i (fixed widths); returns i + 41, or -1. */
function counters(b: Uint8Array, i: number, limit: number, s: LineState): number {
  if (i + 41 > limit) return -1;
  if (b[i + 2] !== SPACE || b[i + 11] !== COLON || b[i + 20] !== SPACE || b[i + 23] !== COLON || b[i + 32] !== SPACE || b[i + 41] !== SPACE) return -1;
  const st = (s.st = hex(b, i, 2));
  const tx = (s.tx = hex(b, i + 3, 8));
  const rx = (s.rx = hex(b, i + 12, 8));
  const tr = (s.tr = hex(b, i + 21, 2));
  const when = (s.when = hex(b, i + 24, 8));
  const re = (s.retrnsmt = hex(b, i + 33, 8));
  // One test for the usual case; values above 2^31 turn the OR negative too, hence the second look.
  if ((st | tx | rx | tr | when | re) < 0 && (st < 0 || tx < 0 || rx < 0 || tr < 0 || when < 0 || re < 0)) return -1;
  return i + 41;
}

/** " uid timeout inode ref pointer" at i; returns the index after the pointer, or -1. */
function owner(b: Uint8Array, i: number, s: LineState): number {
  if ((i = decimal(b, skipSpaces(b, i), s)) < 0) return -1;
  s.uid = s.n;
  if ((i = decimal(b, skipSpaces(b, i), s)) < 0) return -1;
  s.timeout = s.n;
  if ((i = decimal(b, skipSpaces(b, i), s)) < 0) return -1;
  s.inode = s.n;
  if (b[i] !== SPACE || (i = decimal(b, i + 1, s)) < 0 || b[i] !== SPACE) return -1;
  s.ref = s.n;
  // The pointer is an opaque token (%pK), kept as printed; a tab would end it for the generic decoder.
  const p = i + 1;
  for (i = p; b[i] !== SPACE && b[i] !== NEWLINE; i++) if (b[i] === TAB) return -1;
  if (i === p) return -1;
  s.pointer = pointerText(b, p, i);
  return i;
}

/** What follows the pointer: drops, the TCP trailer (optional per row), or nothing. */
function tail(b: Uint8Array, i: number, s: LineState): number {
  s.trailer = false;
  if (s.tail === 1) {
    if (b[i] !== SPACE || (i = decimal(b, i + 1, s)) < 0) return -1;
    s.drops = s.n;
  } else if (s.tail === 2 && !atLineEnd(b, i)) {
    s.trailer = true;
    return tcpTrailer(b, i, s);
  }
  return i;
}

/** " rto ato quick/pingpong cwnd ssthresh" (ssthresh signed). */
function tcpTrailer(b: Uint8Array, i: number, s: LineState): number {
  if (b[i] !== SPACE || (i = decimal(b, i + 1, s)) < 0) return -1;
  s.rto = s.n;
  if (b[i] !== SPACE || (i = decimal(b, i + 1, s)) < 0) return -1;
  s.ato = s.n;
  if (b[i] !== SPACE || (i = decimal(b, i + 1, s)) < 0) return -1;
  s.qp = s.n;
  if (b[i] !== SPACE || (i = decimal(b, i + 1, s)) < 0) return -1;
  s.cwnd = s.n;
  if (b[i] !== SPACE) return -1;
  const negative = b[i + 1] === MINUS;
  const from = negative ? i + 2 : i + 1;
  // As a 32-bit value the generic decoder reads it: -2^31 .. 2^32 - 1, at most 11 characters.
  if ((i = decimal(b, from, s)) < 0 || (negative && (s.n > 0x80000000 || i - from > 10))) return -1;
  s.ssthresh = negative ? -s.n : s.n;
  return i;
}

/** Exactly `digits` hex digits at i (known to lie before the limit) → value, or -1. */
function hex(b: Uint8Array, i: number, digits: number): number {
  let value = 0;
  for (const end = i + digits; i < end; i++) {
    const d = HEX[b[i]!]!;
    if (d < 0) return -1;
    value = value * 16 + d;
  }
  return value;
}

/** 1..11 decimal digits at i, at most 2^32 - 1 (see procfs/inet-socket-row.ts) → s.n; returns the index after them, or -1. */
function decimal(b: Uint8Array, i: number, s: LineState): number {
  let value = 0;
  let j = i;
  for (let d = b[j]! - ZERO; d >= 0 && d <= 9; d = b[++j]! - ZERO) value = value * 10 + d;
  s.n = value;
  return j === i || j - i > 11 || value > 0xffffffff ? -1 : j;
}

function skipSpaces(b: Uint8Array, i: number): number {
  while (b[i] === SPACE) i++;
  return i;
}

function atLineEnd(b: Uint8Array, i: number): boolean {
  while (b[i] === SPACE) i++;
  return b[i] === NEWLINE;
}

const fromCharCode = String.fromCharCode;

/** The pointer token as text: 16 digits on 64-bit kernels (one call, no intermediate), else any width. */
function pointerText(b: Uint8Array, p: number, end: number): string {
  if (end - p !== 16) return fromCharCode(...b.subarray(p, end));
  let k = p;
  while (k < end && b[k] === ZERO) k++;
  if (k === end) return HIDDEN_POINTER;
  return fromCharCode(
    b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!, b[p + 4]!, b[p + 5]!, b[p + 6]!, b[p + 7]!,
    b[p + 8]!, b[p + 9]!, b[p + 10]!, b[p + 11]!, b[p + 12]!, b[p + 13]!, b[p + 14]!, b[p + 15]!,
  );
}
