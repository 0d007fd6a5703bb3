/**
 * /proc/net/rt6_stats — IPv6 routing (fib6) statistics, printed by rt6_stats_seq_show in
 * net/ipv6/route.c, unchanged since 2.6.x:
 *   "%04x %04x %04x %04x %04x %04x %04x\n"
 *   fib_nodes fib_route_nodes fib_rt_alloc fib_rt_entries fib_rt_cache
 *   dst_entries(ip6_dst_ops) fib_discarded_routes
 * One line, no header, hex. `%04x` is a minimum width: values above 0xffff print wider.
 * dst entries is a percpu counter sum (an int): a transiently negative sum would print
 * as ffffffff-ish; we keep the printed bits. Extra fields a future kernel might add are
 * kept by position (`field8`, ...), since the file has no names for them.
 */
import { issue, type Issue } from '../../../errors.js';
import { fields, forEachLine } from '../text/lines.js';
import { parseHexCounter } from '../text/counter.js';
import type { ParseResult } from './parse-result.js';

export interface NetRt6StatsRow {
  readonly fibNodes: bigint;
  readonly fibRouteNodes: bigint;
  readonly fibRtAlloc: bigint;
  readonly fibRtEntries: bigint;
  readonly fibRtCache: bigint;
  readonly dstEntries: bigint;
  readonly fibDiscardedRoutes: bigint;
  /** Fields after the seventh, by 1-based position (`field8`). */
  readonly extra: Record<string, bigint>;
}

const NAMES = ['fibNodes', 'fibRouteNodes', 'fibRtAlloc', 'fibRtEntries', 'fibRtCache', 'dstEntries', 'fibDiscardedRoutes'] as const;

export function parseNetRt6Stats(text: string, file: string): ParseResult<NetRt6StatsRow> {
  const rows: NetRt6StatsRow[] = [];
  const issues: Issue[] = [];
  forEachLine(text, (line, lineNo) => {
    const cols = fields(line);
    if (cols.length === 0) return;
    if (rows.length > 0) {
      issues.push(issue(file, lineNo, 'unknown-format', 'more than one line; only the first is used', line));
      return;
    }
    if (cols.length < NAMES.length) {
      issues.push(issue(file, lineNo, 'short-line', `${cols.length} fields, expected ${NAMES.length}`, line));
      return;
    }
    const values: bigint[] = [];
    for (let i = 0; i < cols.length; i++) {
      const v = parseHexCounter(cols[i] as string);
      if (v === undefined) {
        issues.push(issue(file, lineNo, 'bad-number', `field ${i + 1} is not hex: ${cols[i]}`, line));
        return;
      }
      values.push(v);
    }
    const row: Record<string, unknown> = { extra: {} };
    NAMES.forEach((name, i) => (row[name] = values[i]));
    for (let i = NAMES.length; i < values.length; i++) (row.extra as Record<string, bigint>)[`field${i + 1}`] = values[i] as bigint;
    rows.push(row as unknown as NetRt6StatsRow);
  });
  return { rows, issues };
}
