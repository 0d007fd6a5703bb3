/**
 * /proc/schedstat — per-CPU scheduler statistics (CONFIG_SCHEDSTATS kernels only; the
 * file is absent otherwise, as on the machine these tests were written on).
 *
 * Printed by kernel/sched/stats.c show_schedstat(): "version N", "timestamp <jiffies>",
 * then per ONLINE CPU one line
 *
 *   cpu<N> yld_count 0 sched_count sched_goidle ttwu_count ttwu_local rq_cpu_time run_delay pcount
 *
 * followed by one "domain<M> ..." line per scheduling domain of that CPU. The cpu line
 * has kept these 9 values in this order from version 15 through 17: 16 swapped two
 * idle-type column groups of the domain lines, 17 added a domain name and load-balance
 * columns to them. Version 15 itself had dropped three yield counters from the cpu line,
 * so version 14 and older put the values elsewhere and are not read. The second value is the
 * O(1) scheduler's array-expiration count, kept "for ABI compatibility" and always 0.
 * rq_cpu_time and run_delay are NANOSECONDS (sched_clock deltas since 2.6.23; the
 * kernel's sched-stats document still says jiffies, which is out of date): the time
 * tasks ran on this CPU, and the time tasks spent runnable on its run queue waiting for
 * it. pcount counts the times a task got this CPU (sched_info_arrive), i.e. timeslices.
 * `timestamp` is in jiffies (the kernel's HZ, not USER_HZ).
 *
 * Domain lines are recognised and not read (their layout changes with every version).
 * Rules: version below 15 (a different cpu-line layout) → `unknown-format` at the version
 * line and no cpu rows; above 17 → `unknown-format` once, cpu lines still read (new
 * values are appended, so the 9 known stay in place; extras kept as column<N>). A cpu
 * line with fewer than 9 values → `short-line`; a value that is not unsigned decimal →
 * `bad-number`; any other unknown line → `unknown-format`. Each such line is skipped.
 */
import { issue, type Issue } from '../../../errors.js';
import type { ParseResult } from './parse-result.js';
import { parseSmallInt, parseUnsignedCounter } from '../text/counter.js';
import { fields, forEachLine } from '../text/lines.js';
import { unsignedCounters } from '../text/counter-list.js';
import { setCounter } from '../text/header-value-pairs.js';

/** Kernel names (struct rq fields) of the cpu-line values, in printed order. */
export const SCHEDSTAT_CPU_COLUMNS = [
  'yld_count',
  'array_exp',
  'sched_count',
  'sched_goidle',
  'ttwu_count',
  'ttwu_local',
  'rq_cpu_time',
  'run_delay',
  'pcount',
] as const;
export type SchedstatCpuColumn = (typeof SCHEDSTAT_CPU_COLUMNS)[number];

export const SCHEDSTAT_VERSIONS = { oldest: 15, newest: 17 } as const;

export type SchedstatRow =
  | { readonly kind: 'version'; readonly value: number; readonly line: number }
  | { readonly kind: 'timestamp'; readonly value: bigint; readonly line: number }
  | {
      readonly kind: 'cpu';
      readonly cpu: number;
      readonly values: Record<SchedstatCpuColumn, bigint>;
      /** Values beyond the 9 known, as column<N> (1-based position after the name). */
      readonly extra: Record<string, bigint>;
      readonly line: number;
    };

function cpuRow(cpu: number, tokens: string[], line: number): SchedstatRow | 'short' | 'bad' {
  if (tokens.length - 1 < SCHEDSTAT_CPU_COLUMNS.length) return 'short';
  const cells = unsignedCounters(tokens, 1);
  if (cells === undefined) return 'bad';
  const values: Partial<Record<SchedstatCpuColumn, bigint>> = {};
  const extra: Record<string, bigint> = {};
  cells.forEach((v, i) => {
    if (i < SCHEDSTAT_CPU_COLUMNS.length) values[SCHEDSTAT_CPU_COLUMNS[i] as SchedstatCpuColumn] = v;
    else setCounter(extra, `column${i + 1}`, v);
  });
  return { kind: 'cpu', cpu, values: values as Record<SchedstatCpuColumn, bigint>, extra, line };
}

export function parseSchedstat(text: string, file: string): ParseResult<SchedstatRow> {
  const rows: SchedstatRow[] = [];
  const issues: Issue[] = [];
  let readable = true; // false after a version whose cpu lines we cannot read
  forEachLine(text, (line, lineNumber) => {
    const tokens = fields(line);
    const head = tokens[0];
    if (head === undefined || head.startsWith('domain')) return;
    const bad = (code: 'short-line' | 'bad-number' | 'unknown-format', message: string): void => {
      issues.push(issue(file, lineNumber, code, message, line));
    };
    if (head === 'version' || head === 'timestamp') {
      const value = tokens.length === 2 ? parseUnsignedCounter(tokens[1] as string) : undefined;
      if (value === undefined) return bad('bad-number', `${head} is not one unsigned decimal integer`);
      if (head === 'timestamp') return void rows.push({ kind: 'timestamp', value, line: lineNumber });
      const version = Number(value);
      if (version < SCHEDSTAT_VERSIONS.oldest) {
        readable = false;
        bad('unknown-format', `schedstat version ${version}: cpu lines before version 15 have another layout; not read`);
      } else if (version > SCHEDSTAT_VERSIONS.newest) {
        bad('unknown-format', `schedstat version ${version} is newer than 17; the 9 known cpu values are read, the rest kept`);
      }
      return void rows.push({ kind: 'version', value: version, line: lineNumber });
    }
    const cpu = /^cpu\d+$/.test(head) ? parseSmallInt(head.slice(3)) : undefined;
    if (cpu === undefined) return bad('unknown-format', `not a schedstat line: ${head}`);
    if (!readable) return;
    const row = cpuRow(cpu, tokens, lineNumber);
    if (row === 'short') return bad('short-line', `${head}: ${tokens.length - 1} values; version 15+ prints 9`);
    if (row === 'bad') return bad('bad-number', `${head}: a value is not an unsigned decimal integer`);
    rows.push(row);
  });
  return { rows, issues };
}
