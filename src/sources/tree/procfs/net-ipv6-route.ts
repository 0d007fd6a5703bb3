/**
 * /proc/net/ipv6_route — every IPv6 routing table, printed by ipv6_route_native_seq_show
 * in net/ipv6/ip6_fib.c (rt6_info_route in net/ipv6/route.c before 3.x).
 *
 * No header. Ten space-separated fields per line, read by position after a width check:
 *   dest(%pi6) dest_plen(%02x) src(%pi6) src_plen(%02x) next_hop(%pi6)
 *   metric(%08x) refcnt(%08x) use(%08x) flags(%08x) device(%8s)
 * All numbers are hex, the prefix lengths too (`40` = /64, `80` = /128).
 *
 * Quirks:
 * - There is no table column: the file walks all tables (main, local, custom) one
 *   after another, so which table a line came from is lost.
 * - Each table's empty tree root prints as `:: /0 ... metric ffffffff flags 00200200 lo`
 *   (fib6_null_entry, RTF_REJECT|RTF_NONEXTHOP). `ip route` skips it; this parser keeps
 *   it (it is what the kernel printed) and the assembler drops it.
 * - src is the source prefix of a source-specific route (CONFIG_IPV6_SUBTREES); without
 *   that option the kernel prints zeros.
 * - use is a constant 0 since the fib6_info rework (5.2); earlier kernels printed dst.__use.
 * - A route without a device prints `%8s` of "" — eight spaces — so the line has nine
 *   fields; the device is then undefined.
 * - Multipath siblings print as separate lines; with nexthop objects only the first path.
 */
import { issue, type Issue } from '../../../errors.js';
import { fields, forEachLine } from '../text/lines.js';
import { parseHex32, parseHexCounter } from '../text/counter.js';
import { ipv6FromHex } from '../text/hex-inet-address.js';
import type { ParseResult } from './parse-result.js';

export interface NetIpv6RouteRow {
  readonly destination: string;
  readonly destinationPrefixLength: number;
  readonly source: string;
  readonly sourcePrefixLength: number;
  readonly nextHop: string;
  readonly metric: number;
  readonly refCnt: number;
  readonly use: bigint;
  readonly flags: number;
  /** Undefined when the kernel printed no device name. */
  readonly device?: string;
}

const ADDRESS_FIELDS = [0, 2, 4] as const;
const NUMBER_FIELDS = [1, 3, 5, 6, 8] as const;

export function parseNetIpv6Route(text: string, file: string): ParseResult<NetIpv6RouteRow> {
  const rows: NetIpv6RouteRow[] = [];
  const issues: Issue[] = [];
  forEachLine(text, (line, lineNo) => {
    const cols = fields(line);
    if (cols.length === 0) return;
    if (cols.length < 9 || cols.length > 10) {
      const code = cols.length < 9 ? 'short-line' : 'width-mismatch';
      issues.push(issue(file, lineNo, code, `${cols.length} fields, expected 10 (9 without a device)`, line));
      return;
    }
    const row = parseRow(cols, file, lineNo, line, issues);
    if (row !== undefined) rows.push(row);
  });
  return { rows, issues };
}

function parseRow(cols: string[], file: string, lineNo: number, line: string, issues: Issue[]): NetIpv6RouteRow | undefined {
  const addresses: string[] = [];
  for (const i of ADDRESS_FIELDS) {
    const a = ipv6FromHex(cols[i] as string);
    if (a === undefined) {
      issues.push(issue(file, lineNo, 'bad-address', `field ${i + 1} is not a 32-digit hex IPv6 address: ${cols[i]}`, line));
      return undefined;
    }
    addresses.push(a);
  }
  const numbers: number[] = [];
  for (const i of NUMBER_FIELDS) {
    const n = parseHex32(cols[i] as string);
    if (n === undefined) {
      issues.push(issue(file, lineNo, 'bad-number', `field ${i + 1} is not hex: ${cols[i]}`, line));
      return undefined;
    }
    numbers.push(n);
  }
  const use = parseHexCounter(cols[7] as string);
  if (use === undefined) {
    issues.push(issue(file, lineNo, 'bad-number', `field 8 (use) is not hex: ${cols[7]}`, line));
    return undefined;
  }
  const [destinationPrefixLength, sourcePrefixLength, metric, refCnt, flags] = numbers as [number, number, number, number, number];
  if (destinationPrefixLength > 128 || sourcePrefixLength > 128) {
    issues.push(issue(file, lineNo, 'bad-number', 'prefix length above 128', line));
    return undefined;
  }
  const [destination, source, nextHop] = addresses as [string, string, string];
  const row: NetIpv6RouteRow = { destination, destinationPrefixLength, source, sourcePrefixLength, nextHop, metric, refCnt, use, flags };
  return cols.length === 10 ? { ...row, device: cols[9] as string } : row;
}
