/**
 * /proc/net/stat/rt_cache — IPv4 routing statistics per possible CPU, printed by
 * rt_cpu_seq_show in net/ipv4/route.c.
 *
 * Header (since 2.6.x; spacing realigned in 5.14, names unchanged):
 *   entries in_hit in_slow_tot in_slow_mc in_no_route in_brd in_martian_dst
 *   in_martian_src out_hit out_slow_tot out_slow_mc gc_total gc_ignored gc_goal_miss
 *   gc_dst_overflow in_hlist_search out_hlist_search
 * then one line per possible CPU, every value `%08x` (32-bit, wraps). Read by header
 * name: every column is kept under its kernel name, so a new column needs no code.
 *
 * Quirks:
 * - `entries` is the global IPv4 dst count (dst_entries_get_slow), repeated on every
 *   CPU line: it is not per CPU and must not be summed.
 * - Since the route cache was removed (3.6) in_hit, out_hit and the gc_* columns are
 *   printed as 0 or never incremented.
 * - The lines carry no CPU number; they are the possible CPUs in order (`cpu` here is
 *   the 0-based line position, which equals the CPU number unless possible CPUs are sparse).
 * - The counters are global, not per network namespace: a namespace shows the same lines.
 */
import { issue, type Issue } from '../../../errors.js';
import { fields, forEachLine } from '../text/lines.js';
import { parseHexCounter } from '../text/counter.js';
import type { ParseResult } from './parse-result.js';

export interface NetStatRtCacheRow {
  /** 0-based position among the CPU lines. */
  readonly cpu: number;
  /** Every column by its header name. */
  readonly values: Record<string, bigint>;
}

export function parseNetStatRtCache(text: string, file: string): ParseResult<NetStatRtCacheRow> {
  const rows: NetStatRtCacheRow[] = [];
  const issues: Issue[] = [];
  let header: string[] | undefined;
  let cpu = 0;
  forEachLine(text, (line, lineNo) => {
    const cols = fields(line);
    if (cols.length === 0) return;
    if (header === undefined) {
      header = cols;
      if (cols.some((c) => parseHexCounter(c) !== undefined && /^[0-9a-fA-F]{8}$/.test(c))) {
        issues.push(issue(file, lineNo, 'bad-header', 'first line looks like values, not column names', line));
        header = [];
      }
      return;
    }
    const position = cpu++;
    if (header.length === 0) return;
    if (cols.length !== header.length) {
      const code = cols.length < header.length ? 'short-line' : 'width-mismatch';
      issues.push(issue(file, lineNo, code, `${cols.length} fields, header has ${header.length}`, line));
      return;
    }
    const values: Record<string, bigint> = {};
    for (let i = 0; i < cols.length; i++) {
      const v = parseHexCounter(cols[i] as string);
      if (v === undefined) {
        issues.push(issue(file, lineNo, 'bad-number', `${header[i]}: not hex: ${cols[i]}`, line));
        return;
      }
      values[header[i] as string] = v;
    }
    rows.push({ cpu: position, values });
  });
  return { rows, issues };
}
