/**
 * The fast decoder for one row of an internet socket table (see inet-socket-table.ts) in the
 * column order every kernel since 2.6 prints:
 *
 *   "%4d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08lX %08X %5u %8d %lu %d %pK" + tail
 *
 * where the tail is nothing (udp before 2.6.27, TIME_WAIT and request rows), " %u" (drops)
 * or, for TCP full sockets, " %lu %lu %u %u %d" (rto ato quick/pingpong cwnd ssthresh).
 * The table parser uses it only when the header says the columns are in this order.
 *
 * Why a separate straight-line decoder: a 100k-socket /proc/net/tcp is ~15 MB, and on a
 * slow core even one generic look at every character costs tens of milliseconds. This
 * reads the fixed-width hex fields at their known offsets, never scans the padding inside
 * them, checks every separator, and gives up (returns undefined) at the first surprise —
 * a 16-digit timer, an extra column, a bad digit — so the generic decoder can handle the
 * line or report it. Scanners need no bounds checks: the character after a line is '\n'
 * (or NaN past the end of the text), which is neither a digit, a hex digit nor a space.
 */
import { hexDigit, hexWord, ipv4FromWord, ipv6FromWords, type ByteOrder } from '../text/hex-address.js';
import type { InetSocketRow } from './inet-socket-table.js';

/** What the fast path carries from row to row of one file. */
export interface RowState {
  readonly order: ByteOrder;
  /** Address width in hex digits, 8 or 32; 0 until known (then the fast path is not used). */
  width: number;
  /** 0: nothing after the pointer; 1: drops; 2: the five TCP fields (optional per row). */
  readonly tail: 0 | 1 | 2;
  /** One-entry memo per address column: busy tables repeat the same address row after row. */
  readonly local: AddressMemo;
  readonly remote: AddressMemo;
  /** Scratch outputs of the scanners. */
  n: number;
  port: number;
}

/** The last address decoded in one column: its printed words, and its text. */
export interface AddressMemo {
  w0: number;
  w1: number;
  w2: number;
  w3: number;
  text: string;
}

export function newAddressMemo(): AddressMemo {
  return { w0: -1, w1: -1, w2: -1, w3: -1, text: '' };
}

export function newRow(line: number): InetSocketRow {
  return {
    line, sl: 0, local_address: '', local_port: 0, rem_address: '', rem_port: 0, st: 0, tx_queue: 0, rx_queue: 0, tr: 0,
    tm_when: 0n, retrnsmt: 0, uid: 0, timeout: 0, inode: 0, ref: undefined, pointer: undefined, rto: undefined,
    ato: undefined, quick_pingpong: undefined, cwnd: undefined, ssthresh: undefined, drops: undefined, extra: undefined,
  };
}

/** The row in the standard layout, or undefined when the line is anything else. */
export function decodeStandardRow(text: string, start: number, end: number, line: number, s: RowState): InetSocketRow | undefined {
  let i = skipSpaces(text, start);
  let j = decimal(text, i, s);
  if (j < 0 || text.charCodeAt(j) !== 58 || text.charCodeAt(j + 1) !== 32) return undefined;
  const row = newRow(line);
  row.sl = s.n;
  if ((i = address(text, j + 2, s, true)) < 0) return undefined;
  row.local_address = s.local.text;
  row.local_port = s.port;
  if ((i = address(text, i + 1, s, false)) < 0) return undefined;
  row.rem_address = s.remote.text;
  row.rem_port = s.port;
  i++;
  row.st = hex(text, i, 2);
  row.tx_queue = hex(text, i + 3, 8);
  row.rx_queue = hex(text, i + 12, 8);
  row.tr = hex(text, i + 21, 2);
  const when = hex(text, i + 24, 8);
  row.retrnsmt = hex(text, i + 33, 8);
  if ((row.st | row.tx_queue | row.rx_queue | row.tr | when | row.retrnsmt) < 0 && !allValid(row, when)) return undefined;
  if (!separators(text, i)) return undefined;
  row.tm_when = when === 0 ? 0n : BigInt(when);
  return decodeOwnerPart(text, i + 41, end, row, s);
}

/** uid, timeout, inode, ref, pointer and the tail. */
function decodeOwnerPart(text: string, i: number, end: number, row: InetSocketRow, s: RowState): InetSocketRow | undefined {
  if ((i = decimal(text, skipSpaces(text, i), s)) < 0) return undefined;
  row.uid = s.n;
  if ((i = decimal(text, skipSpaces(text, i), s)) < 0) return undefined;
  row.timeout = s.n;
  if ((i = decimal(text, skipSpaces(text, i), s)) < 0) return undefined;
  row.inode = s.n;
  if (text.charCodeAt(i) !== 32 || (i = decimal(text, i + 1, s)) < 0) return undefined;
  row.ref = s.n;
  if (text.charCodeAt(i) !== 32) return undefined;
  // The pointer is an opaque token (%pK), up to a space or the line's end; a tab would end
  // it for the generic decoder, so a tab sends the line there.
  const p = i + 1;
  for (i = p; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) break;
    if (c === 9) return undefined;
  }
  if (i === p) return undefined;
  row.pointer = text.slice(p, i);
  if (s.tail === 1) {
    if (text.charCodeAt(i) !== 32 || (i = decimal(text, i + 1, s)) < 0) return undefined;
    row.drops = s.n === 0 ? 0n : BigInt(s.n);
  } else if (s.tail === 2 && !atLineEnd(text, i, end)) {
    if ((i = decodeTcpTail(text, i, row, s)) < 0) return undefined;
  }
  return atLineEnd(text, i, end) ? row : undefined;
}

/** " rto ato quick/pingpong cwnd ssthresh" (ssthresh signed). */
function decodeTcpTail(text: string, i: number, row: InetSocketRow, s: RowState): number {
  if (text.charCodeAt(i) !== 32 || (i = decimal(text, i + 1, s)) < 0) return -1;
  row.rto = s.n;
  if (text.charCodeAt(i) !== 32 || (i = decimal(text, i + 1, s)) < 0) return -1;
  row.ato = s.n;
  if (text.charCodeAt(i) !== 32 || (i = decimal(text, i + 1, s)) < 0) return -1;
  row.quick_pingpong = s.n;
  if (text.charCodeAt(i) !== 32 || (i = decimal(text, i + 1, s)) < 0) return -1;
  row.cwnd = s.n;
  if (text.charCodeAt(i) !== 32) return -1;
  const negative = text.charCodeAt(i + 1) === 45;
  const from = negative ? i + 2 : i + 1;
  if ((i = decimal(text, from, s)) < 0 || (negative && (s.n > 0x80000000 || i - from > 10))) return -1;
  row.ssthresh = negative ? -s.n : s.n;
  return i;
}

/** The separators between st, queues, timer and retrnsmt (offsets from st). */
function separators(text: string, i: number): boolean {
  return (
    text.charCodeAt(i + 2) === 32 && text.charCodeAt(i + 11) === 58 && text.charCodeAt(i + 20) === 32 &&
    text.charCodeAt(i + 23) === 58 && text.charCodeAt(i + 32) === 32 && text.charCodeAt(i + 41) === 32
  );
}

function allValid(row: InetSocketRow, when: number): boolean {
  return row.st >= 0 && row.tx_queue >= 0 && row.rx_queue >= 0 && row.tr >= 0 && when >= 0 && row.retrnsmt >= 0;
}

/** `ADDR:PORT` at i (width from the state) → the column's memo; returns the index of the following space, or -1. */
function address(text: string, i: number, s: RowState, local: boolean): number {
  const colon = i + s.width;
  if (s.width === 0 || text.charCodeAt(colon) !== 58 || text.charCodeAt(colon + 5) !== 32) return -1;
  if ((s.port = hex(text, colon + 1, 4)) < 0) return -1;
  const m = local ? s.local : s.remote;
  const w0 = hexWord(text, i);
  if (s.width === 8) {
    if (w0 < 0) return -1;
    if (w0 !== m.w0) {
      m.w0 = w0;
      m.text = ipv4FromWord(w0, s.order);
    }
    return colon + 5;
  }
  const w1 = hexWord(text, i + 8);
  const w2 = hexWord(text, i + 16);
  const w3 = hexWord(text, i + 24);
  if (w0 < 0 || w1 < 0 || w2 < 0 || w3 < 0) return -1;
  if (w0 !== m.w0 || w1 !== m.w1 || w2 !== m.w2 || w3 !== m.w3) {
    m.w0 = w0;
    m.w1 = w1;
    m.w2 = w2;
    m.w3 = w3;
    m.text = ipv6FromWords(w0, w1, w2, w3, s.order);
  }
  return colon + 5;
}

/** Exactly `digits` hex digits at i → value, or -1. */
function hex(text: string, i: number, digits: number): number {
  let value = 0;
  for (let k = i + digits; i < k; i++) {
    const d = hexDigit(text.charCodeAt(i));
    if (d < 0) return -1;
    value = value * 16 + d;
  }
  return value;
}

/**
 * 1..11 decimal digits at i, at most 2^32 - 1 → s.n; returns the index after them, or -1.
 * The generic decoder takes these columns as 32-bit values (and drops of any size), so a
 * larger one goes its way: read exactly, or reported.
 */
function decimal(text: string, i: number, s: RowState): number {
  let value = 0;
  let j = i;
  for (let d = text.charCodeAt(j) - 48; d >= 0 && d <= 9; d = text.charCodeAt(++j) - 48) value = value * 10 + d;
  s.n = value;
  return j === i || j - i > 11 || value > 0xffffffff ? -1 : j;
}

function skipSpaces(text: string, i: number): number {
  while (text.charCodeAt(i) === 32) i++;
  return i;
}

/** Only padding (the kernel pads tcp lines to 149 characters) up to the end of the line. */
function atLineEnd(text: string, i: number, end: number): boolean {
  while (i < end && text.charCodeAt(i) === 32) i++;
  return i === end;
}
