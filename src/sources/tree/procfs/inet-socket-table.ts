/**
 * /proc/net/{tcp,tcp6,udp,udp6,udplite,udplite6,raw,raw6,icmp,icmp6}: the one table format
 * every internet socket family prints (also /proc/<pid>/net/..., the same per-namespace files).
 *
 * Printed by net/ipv4/tcp_ipv4.c (get_tcp4_sock, get_timewait4_sock, get_openreq4),
 * net/ipv6/tcp_ipv6.c (get_tcp6_sock, get_timewait6_sock, get_openreq6), net/ipv4/udp.c
 * udp4_format_sock and net/ipv6/datagram.c __ip6_dgram_sock_seq_show (udp, udplite, raw6,
 * icmp6), net/ipv4/raw.c raw_sock_seq_show and net/ipv4/ping.c ping_v4_format_sock.
 *
 * Layout quirks (all handled from the header, see `planColumns`):
 * - The header names more columns than a row has fields: `tx_queue rx_queue` are one field
 *   (`%08X:%08X`) and so are `tr tm->when` (`%02X:%08lX`).
 * - `ref pointer` are unnamed in tcp headers (and in udp before 2.6.27, when the udp header
 *   gained `ref pointer drops`); they always follow `inode`.
 * - TCP full sockets carry five more unnamed fields after the pointer: rto, ato,
 *   (quick << 1 | pingpong), cwnd, and ssthresh (for LISTEN: the fast-open queue limit).
 *   TIME_WAIT and request (SYN_RECV) entries stop at the pointer. Which file a text came from
 *   is the only thing that says these five are TCP fields, so the file's name is used for that
 *   (and nothing else); for an unknown file they land in `extra` as fieldN.
 * - Numbers are hex except uid, timeout, inode, ref and the trailing TCP/drops fields.
 * Rows keep the kernel's names (tm->when as tm_when). Speed: lines in the kernel's usual
 * column order go through the straight-line decoder of inet-socket-row.ts; any other line
 * (another column order, an unknown column, a 16-digit timer, a bad field) through the
 * generic, header-driven one here, which also writes the issue. The socket view does not
 * hold the text at all: it streams the file's bytes (assemble/inet-socket-stream.ts) and
 * uses this file's column plan and generic decoder for the lines its byte decoder declines.
 */
import { issue, type Issue, type IssueCode } from '../../../errors.js';
import type { InetProtocol } from '../../../records/socket.js';
import { parseCounter, parseHexCounter, parseSmallInt, parseUnsignedCounter } from '../text/counter.js';
import { decodeHexSocketAddress, type ByteOrder } from '../text/hex-address.js';
import { fields } from '../text/lines.js';
import { decodeStandardRow, newAddressMemo, newRow, type RowState } from './inet-socket-row.js';
import type { ParseResult } from './parse-result.js';

/** The files this parser serves. `name` is the last path segment (so /proc/<pid>/net/tcp works too). */
export const INET_SOCKET_FILES = [
  { name: 'tcp', file: 'proc/net/tcp', protocol: 'tcp', family: 'inet' },
  { name: 'tcp6', file: 'proc/net/tcp6', protocol: 'tcp', family: 'inet6' },
  { name: 'udp', file: 'proc/net/udp', protocol: 'udp', family: 'inet' },
  { name: 'udp6', file: 'proc/net/udp6', protocol: 'udp', family: 'inet6' },
  { name: 'udplite', file: 'proc/net/udplite', protocol: 'udplite', family: 'inet' },
  { name: 'udplite6', file: 'proc/net/udplite6', protocol: 'udplite', family: 'inet6' },
  { name: 'raw', file: 'proc/net/raw', protocol: 'raw', family: 'inet' },
  { name: 'raw6', file: 'proc/net/raw6', protocol: 'raw', family: 'inet6' },
  { name: 'icmp', file: 'proc/net/icmp', protocol: 'icmp', family: 'inet' },
  { name: 'icmp6', file: 'proc/net/icmp6', protocol: 'icmp', family: 'inet6' },
] as const satisfies readonly { name: string; file: string; protocol: InetProtocol; family: 'inet' | 'inet6' }[];
export type InetSocketFile = (typeof INET_SOCKET_FILES)[number];

export function inetSocketFile(file: string): InetSocketFile | undefined {
  const name = file.slice(file.lastIndexOf('/') + 1);
  return INET_SOCKET_FILES.find((f) => f.name === name);
}

/** One row, kernel-shaped. Fields the row or header does not have are undefined. */
export interface InetSocketRow {
  line: number;
  sl: number;
  local_address: string;
  local_port: number;
  rem_address: string;
  rem_port: number;
  st: number;
  tx_queue: number;
  rx_queue: number;
  tr: number;
  tm_when: bigint;
  retrnsmt: number;
  uid: number;
  timeout: number;
  inode: number;
  ref: number | undefined;
  pointer: string | undefined;
  /** TCP full sockets only (unnamed trailing fields). */
  rto: number | undefined;
  ato: number | undefined;
  quick_pingpong: number | undefined;
  cwnd: number | undefined;
  ssthresh: number | undefined;
  drops: bigint | undefined;
  /** Unknown columns by header name, or fieldN (1-based) when unnamed. */
  extra: Record<string, bigint> | undefined;
}

export interface InetSocketTableOptions {
  /** Byte order of the machine that printed the file (see text/hex-address.ts). Default little. */
  readonly byteOrder?: ByteOrder;
}

// Column roles, from the header.
const SL = 0, LOCAL = 1, REMOTE = 2, ST = 3, QUEUES = 4, TIMER = 5, RETRNSMT = 6, UID = 7, TIMEOUT = 8;
const INODE = 9, REF = 10, POINTER = 11, DROPS = 12, RTO = 13, ATO = 14, QP = 15, CWND = 16, SSTHRESH = 17, EXTRA = 18;

const NAMED: Readonly<Record<string, number>> = {
  sl: SL, local_address: LOCAL, rem_address: REMOTE, remote_address: REMOTE, st: ST, retrnsmt: RETRNSMT,
  uid: UID, timeout: TIMEOUT, inode: INODE, ref: REF, pointer: POINTER, drops: DROPS,
};
/** Header names printed over one `a:b` field. */
const PAIRS: Readonly<Record<string, [string, number]>> = { tx_queue: ['rx_queue', QUEUES], tr: ['tm->when', TIMER] };
const STANDARD = [SL, LOCAL, REMOTE, ST, QUEUES, TIMER, RETRNSMT, UID, TIMEOUT, INODE, REF, POINTER];
const TCP_TRAILER = [RTO, ATO, QP, CWND, SSTHRESH];

export interface ColumnPlan {
  readonly roles: readonly number[];
  readonly names: readonly string[];
  /** Fields a row must have: every header-named one. */
  readonly required: number;
  /** Tail of the standard layout (see RowState), or -1 when the fast decoder does not apply. */
  readonly tail: -1 | 0 | 1 | 2;
}

/** Column plan from the header line; undefined when the header is not this format. */
export function planColumns(header: string, isTcp: boolean): ColumnPlan | undefined {
  const words = fields(header);
  const roles: number[] = [];
  const names: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const pair = PAIRS[words[i]!];
    if (pair !== undefined && words[i + 1] !== pair[0]) return undefined;
    roles.push(pair !== undefined ? pair[1] : (NAMED[words[i]!] ?? EXTRA));
    names.push(words[i]!);
    if (pair !== undefined) i++;
  }
  if (STANDARD.slice(0, INODE + 1).some((role) => !roles.includes(role))) return undefined;
  const required = roles.length;
  if (!roles.includes(REF) && roles[roles.length - 1] === INODE) roles.push(REF, POINTER);
  if (isTcp) roles.push(...TCP_TRAILER);
  return { roles, names, required, tail: standardTail(roles) };
}

function standardTail(roles: number[]): ColumnPlan['tail'] {
  if (STANDARD.some((role, k) => roles[k] !== role)) return -1;
  const rest = roles.slice(STANDARD.length).join();
  return rest === '' ? 0 : rest === String(DROPS) ? 1 : rest === TCP_TRAILER.join() ? 2 : -1;
}

export function parseInetSocketTable(text: string, file: string, options: InetSocketTableOptions = {}): ParseResult<InetSocketRow> {
  const rows: InetSocketRow[] = [];
  const issues: Issue[] = [];
  const known = inetSocketFile(file);
  let plan: ColumnPlan | undefined;
  let state: RowState | undefined;
  const reported = new Set<string>();
  let pos = 0;
  let line = 0;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    line++;
    if (state !== undefined && plan !== undefined) {
      const row = (plan.tail >= 0 ? decodeStandardRow(text, pos, end, line, state) : undefined) ?? genericRow(text.slice(pos, end), line, { plan, state, file, issues, reported });
      if (row !== undefined) rows.push(row);
    } else if (end > pos) {
      plan = planColumns(text.slice(pos, end), known?.protocol === 'tcp');
      if (plan === undefined) {
        issues.push(issue(file, line, 'bad-header', 'not a socket table header (sl local_address ... inode)', text.slice(pos, end)));
        return { rows, issues };
      }
      const width = known === undefined ? 0 : known.family === 'inet' ? 8 : 32;
      state = { order: options.byteOrder ?? 'little', width, tail: plan.tail < 0 ? 0 : (plan.tail as 0 | 1 | 2), local: newAddressMemo(), remote: newAddressMemo(), n: 0, port: 0 };
    }
    pos = end + 1;
  }
  if (plan === undefined) issues.push(issue(file, undefined, 'bad-header', 'empty file: no header line'));
  return { rows, issues };
}

/** Decodes one token into the row; false when it does not decode. */
type Decoder = (row: InetSocketRow, token: string, state: RowState) => boolean;

const u32 = (t: string) => { const n = parseSmallInt(t); return n !== undefined && n >= 0 ? n : undefined; };
const hex32 = (t: string) => (/^[0-9A-Fa-f]{1,8}$/.test(t) ? Number.parseInt(t, 16) : undefined);

const DECODERS: Record<number, Decoder> = {
  [SL]: (r, t) => t.endsWith(':') && (r.sl = u32(t.slice(0, -1))!) !== undefined,
  [LOCAL]: (r, t, s) => { const a = address(t, s); if (a) [r.local_address, r.local_port] = [a.address, a.port]; return a !== undefined; },
  [REMOTE]: (r, t, s) => { const a = address(t, s); if (a) [r.rem_address, r.rem_port] = [a.address, a.port]; return a !== undefined; },
  [ST]: (r, t) => (r.st = hex32(t)!) !== undefined,
  [QUEUES]: (r, t) => { const [a = '', b = ''] = t.split(':'); return (r.tx_queue = hex32(a)!) !== undefined && (r.rx_queue = hex32(b)!) !== undefined; },
  [TIMER]: (r, t) => { const [a = '', b = ''] = t.split(':'); return (r.tr = hex32(a)!) !== undefined && (r.tm_when = ticks(b)!) !== undefined; },
  [RETRNSMT]: (r, t) => (r.retrnsmt = hex32(t)!) !== undefined,
  [UID]: (r, t) => (r.uid = u32(t)!) !== undefined,
  [TIMEOUT]: (r, t) => (r.timeout = u32(t)!) !== undefined,
  [INODE]: (r, t) => (r.inode = u32(t)!) !== undefined,
  [REF]: (r, t) => (r.ref = u32(t)) !== undefined,
  [POINTER]: (r, t) => (r.pointer = t) !== undefined, // opaque (%pK), kept as printed
  [DROPS]: (r, t) => (r.drops = parseUnsignedCounter(t)) !== undefined,
  [RTO]: (r, t) => (r.rto = u32(t)) !== undefined,
  [ATO]: (r, t) => (r.ato = u32(t)) !== undefined,
  [QP]: (r, t) => (r.quick_pingpong = u32(t)) !== undefined,
  [CWND]: (r, t) => (r.cwnd = u32(t)) !== undefined,
  [SSTHRESH]: (r, t) => (r.ssthresh = parseSmallInt(t)) !== undefined,
};

/** `%08lX` clock ticks; 16 digits are a 64-bit long (an overdue timer on kernels before ~3.7 prints negative). */
function ticks(t: string): bigint | undefined {
  const v = t.length <= 16 ? parseHexCounter(t) : undefined;
  return v !== undefined && t.length === 16 ? BigInt.asIntN(64, v) : v;
}

function address(token: string, s: RowState): { address: string; port: number } | undefined {
  const a = decodeHexSocketAddress(token, 0, token.length, s.order);
  const width = a === undefined ? 0 : a.family === 'inet' ? 8 : 32;
  if (a === undefined || (s.width !== 0 && s.width !== width)) return undefined;
  s.width = width; // an unknown file: the first row fixes the family
  return a;
}

export interface Generic {
  readonly plan: ColumnPlan;
  readonly state: RowState;
  readonly file: string;
  readonly issues: Issue[];
  /** Unknown columns already reported as not decimal (once per file, not once per line). */
  readonly reported: Set<string>;
}

/** The header-driven decoder: any column order, unknown columns, and the issue for a bad line. */
export function genericRow(line: string, lineNo: number, g: Generic): InetSocketRow | undefined {
  const { plan, state: s, file, issues } = g;
  const tokens = fields(line);
  if (tokens.length === 0) return undefined;
  const fail = (code: IssueCode, message: string) => void issues.push(issue(file, lineNo, code, message, line));
  if (tokens.length < plan.required) return fail('short-line', `${tokens.length} fields, the header names ${plan.required}`);
  const row = newRow(lineNo);
  for (let k = 0; k < tokens.length; k++) {
    const role = plan.roles[k] ?? EXTRA;
    const name = plan.names[k] ?? `field${k + 1}`;
    if (role === EXTRA) {
      const value = parseCounter(tokens[k]!);
      if (value !== undefined) (row.extra ??= {})[name] = value;
      else if (!g.reported.has(name)) {
        g.reported.add(name); // the row is kept; only this value is left out
        issues.push(issue(file, lineNo, 'bad-number', `unknown column ${name} is not decimal, left out (not reported again in this file)`, line));
      }
    } else if (!DECODERS[role]!(row, tokens[k]!, s)) {
      return fail(role === LOCAL || role === REMOTE ? 'bad-address' : 'bad-number', `field ${k + 1} (${name}) does not decode: "${tokens[k]}"`);
    }
  }
  return row;
}
