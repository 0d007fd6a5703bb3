/**
 * /proc/net/route — the IPv4 main routing table, printed by fib_route_seq_show in
 * net/ipv4/fib_trie.c (net/ipv4/fib_hash.c before 2.6.39; same columns since 2.2).
 *
 * Header: `Iface Destination Gateway Flags RefCnt Use Metric Mask MTU Window IRTT`
 * (tab-separated, "Gateway " with a trailing space and a double tab before MTU; every
 * line is space-padded to 127 characters). Read by header name.
 *
 * Quirks:
 * - Only table 254 (main); broadcast and multicast routes are skipped; a multipath
 *   route shows its first next hop only.
 * - Destination, Gateway and Mask are `%08X` of a `__be32`: byte-reversed on a
 *   little-endian host (`010200C0` = 192.0.2.1).
 * - Metric and MTU are `%d` of unsigned values, so a metric above 2^31-1 prints
 *   negative; we give back the unsigned value.
 * - RefCnt and Use are printed as constant 0; MTU is fib_advmss + 40 (0 when unset),
 *   IRTT is the rtt metric >> 3 (ms); 0 in MTU/Window/IRTT means "metric not set".
 * - A route without a device (unreachable, prohibit, blackhole) prints Iface `*`.
 */
import { issue, type Issue } from '../../../errors.js';
import { fields, forEachLine } from '../text/lines.js';
import { parseHex32, parseSmallInt, parseUnsignedCounter } from '../text/counter.js';
import { ipv4FromHostOrderHex } from '../text/hex-inet-address.js';
import type { ParseResult } from './parse-result.js';

export interface NetRouteRow {
  readonly iface: string;
  readonly destination: string;
  readonly gateway: string;
  readonly flags: number;
  readonly metric: number;
  readonly mask: string;
  readonly prefixLength: number;
  readonly refCnt?: number;
  readonly use?: bigint;
  readonly mtu?: number;
  readonly window?: number;
  readonly irtt?: number;
  /** Columns this parser does not know, by header name, text as printed. */
  readonly extra: Record<string, string>;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Parsed = { value: unknown } | { error: 'bad-number' | 'bad-address'; message: string };
type Column = { key: keyof NetRouteRow; required: boolean; parse: (text: string) => Parsed };

const u32 = (text: string): Parsed => {
  const n = parseSmallInt(text);
  // %d of an unsigned field: a negative value is the same 32 bits.
  return n === undefined ? { error: 'bad-number', message: `not a 32-bit integer: ${text}` } : { value: n >>> 0 };
};
const hexFlags = (text: string): Parsed => {
  const n = parseHex32(text);
  return n === undefined ? { error: 'bad-number', message: `flags are not hex: ${text}` } : { value: n };
};
const address = (text: string): Parsed => {
  const a = ipv4FromHostOrderHex(text);
  return a === undefined ? { error: 'bad-address', message: `not an 8-digit hex IPv4 address: ${text}` } : { value: a };
};
const counter = (text: string): Parsed => {
  const v = parseUnsignedCounter(text);
  return v === undefined ? { error: 'bad-number', message: `not an unsigned number: ${text}` } : { value: v };
};

const COLUMNS: Readonly<Record<string, Column>> = {
  Iface: { key: 'iface', required: true, parse: (text) => ({ value: text }) },
  Destination: { key: 'destination', required: true, parse: address },
  Gateway: { key: 'gateway', required: true, parse: address },
  Flags: { key: 'flags', required: true, parse: hexFlags },
  RefCnt: { key: 'refCnt', required: false, parse: u32 },
  Use: { key: 'use', required: false, parse: counter },
  Metric: { key: 'metric', required: true, parse: u32 },
  Mask: { key: 'mask', required: true, parse: address },
  MTU: { key: 'mtu', required: false, parse: u32 },
  Window: { key: 'window', required: false, parse: u32 },
  IRTT: { key: 'irtt', required: false, parse: u32 },
};

/** Prefix length of a contiguous dotted-quad netmask, or undefined when it has holes. */
export function prefixLengthOfMask(mask: string): number | undefined {
  const value = mask.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
  for (let length = 0; length <= 32; length++) {
    if (value === 2 ** 32 - 2 ** (32 - length)) return length;
  }
  return undefined;
}

export function parseNetRoute(text: string, file: string): ParseResult<NetRouteRow> {
  const rows: NetRouteRow[] = [];
  const issues: Issue[] = [];
  let header: string[] | undefined;
  forEachLine(text, (line, lineNo) => {
    const cols = fields(line);
    if (cols.length === 0) return;
    if (header === undefined) {
      header = cols;
      const missing = Object.keys(COLUMNS).filter((name) => COLUMNS[name]?.required && !cols.includes(name));
      if (missing.length > 0) {
        issues.push(issue(file, lineNo, 'bad-header', `header lacks ${missing.join(', ')}`, line));
        header = [];
      }
      return;
    }
    if (header.length === 0) return; // unusable header, already reported
    const row = parseRow(header, cols, file, lineNo, line, issues);
    if (row !== undefined) rows.push(row);
  });
  return { rows, issues };
}

function parseRow(header: string[], cols: string[], file: string, lineNo: number, line: string, issues: Issue[]): NetRouteRow | undefined {
  if (cols.length !== header.length) {
    const code = cols.length < header.length ? 'short-line' : 'width-mismatch';
    issues.push(issue(file, lineNo, code, `${cols.length} fields, header has ${header.length}`, line));
    return undefined;
  }
  const row: Partial<Mutable<NetRouteRow>> & { extra: Record<string, string> } = { extra: {} };
  for (let i = 0; i < header.length; i++) {
    const name = header[i] as string;
    const value = cols[i] as string;
    const column = COLUMNS[name];
    if (column === undefined) {
      row.extra[name] = value;
      continue;
    }
    const parsed = column.parse(value);
    if ('error' in parsed) {
      issues.push(issue(file, lineNo, parsed.error, `${name}: ${parsed.message}`, line));
      return undefined;
    }
    (row as Record<string, unknown>)[column.key] = parsed.value;
  }
  const prefixLength = prefixLengthOfMask(row.mask as string);
  if (prefixLength === undefined) {
    issues.push(issue(file, lineNo, 'bad-address', `Mask ${row.mask} is not a contiguous netmask`, line));
    return undefined;
  }
  row.prefixLength = prefixLength;
  return row as NetRouteRow;
}
