/**
 * /proc/uptime — "<uptime> <idle>": seconds since boot (CLOCK_BOOTTIME, so including
 * suspend) and the summed idle time of all CPUs, each printed with exactly two decimals
 * (fs/proc/uptime.c uptime_proc_show, "%lu.%02lu %lu.%02lu\n"; 2.6 onwards).
 *
 * The row gives both as integer nanoseconds, parsed from the digits (never a float):
 * "2672.08" → 2672080000000n. Any fractional digit count is accepted (a tool may have
 * written more), extra digits beyond 9 are cut, not rounded. A line that is not two such
 * numbers → `bad-number` (or `short-line`) and no row.
 */
import { issue } from '../../../errors.js';
import type { ParseResult } from './parse-result.js';
import { fields, forEachLine } from '../text/lines.js';

export interface UptimeRow {
  readonly uptimeNs: bigint;
  readonly idleNs: bigint;
}

const SECONDS = /^(\d+)(?:\.(\d+))?$/;

/** "12.34" → 12340000000n; undefined when not digits[.digits]. */
export function parseSecondsToNs(text: string): bigint | undefined {
  const m = SECONDS.exec(text);
  if (m === null) return undefined;
  const fraction = (m[2] ?? '').slice(0, 9).padEnd(9, '0');
  return BigInt(m[1]!) * 1_000_000_000n + BigInt(fraction);
}

export function parseUptime(text: string, file: string): ParseResult<UptimeRow> {
  const rows: UptimeRow[] = [];
  const issues: ParseResult<UptimeRow>['issues'] = [];
  forEachLine(text, (line, lineNo) => {
    if (lineNo !== 1) return;
    const cells = fields(line);
    if (cells.length < 2) {
      issues.push(issue(file, lineNo, 'short-line', 'expected "<uptime> <idle>"', line));
      return;
    }
    const uptimeNs = parseSecondsToNs(cells[0]!);
    const idleNs = parseSecondsToNs(cells[1]!);
    if (uptimeNs === undefined || idleNs === undefined) issues.push(issue(file, lineNo, 'bad-number', 'uptime and idle must be seconds with decimals', line));
    else rows.push({ uptimeNs, idleNs });
  });
  return { rows, issues };
}
