/**
 * /proc/stat — CPU time per CPU and in total, and system-wide event counters.
 *
 * Printed by fs/proc/stat.c show_stat(). No header line: each line starts with its own
 * name. The lines of current kernels, in order:
 *
 *   cpu  user nice system idle iowait irq softirq steal guest guest_nice   (all CPUs)
 *   cpuN ...same columns...                                                (one per ONLINE CPU)
 *   intr <total> <count of IRQ 0> <count of IRQ 1> ...                     (sum over CPUs)
 *   ctxt <context switches since boot>
 *   btime <boot time, seconds since the epoch>
 *   processes <forks since boot>
 *   procs_running <runnable tasks now>      (2.5.45)
 *   procs_blocked <tasks in uninterruptible I/O wait now>   (2.5.45)
 *   softirq <total> <HI> <TIMER> <NET_TX> <NET_RX> <BLOCK> <IRQ_POLL> <TASKLET> <SCHED> <HRTIMER> <RCU>  (2.6.31)
 *
 * CPU columns are clock ticks of USER_HZ (1/100 s on every mainstream architecture; the
 * kernel converts with nsec_to_clock_t before printing). They grew over time and were
 * only ever appended: user nice system idle (2.4), iowait irq softirq (2.5.41), steal
 * (2.6.11), guest (2.6.24), guest_nice (2.6.33). A column a kernel does not print is
 * absent from `ticks`, never 0; columns beyond guest_nice (a newer kernel) are kept in
 * `extra` as column<N> (1-based position after the name). guest and guest_nice are
 * already counted in user and nice (account_guest_time adds to both).
 *
 * Rows: `cpu` rows for the cpu lines, `values` rows for every other line (name + its
 * numbers, whatever the name, so a line a new kernel adds is kept). Problems, each an
 * Issue at its line and the line skipped: a cpu line with fewer than the 4 columns every
 * kernel prints → `short-line`; a name with no number → `short-line`; a value that is
 * not unsigned decimal → `bad-number`; a `cpu…` name that is not cpu or cpuN →
 * `unknown-format`.
 */
import { issue, type Issue } from '../../../errors.js';
import type { ParseResult } from './parse-result.js';
import { parseUnsignedCounter } from '../text/counter.js';
import { fields, forEachLine } from '../text/lines.js';
import { unsignedCounters } from '../text/counter-list.js';
import { setCounter } from '../text/header-value-pairs.js';

/** Kernel names of the cpu-line columns, in printed order. */
export const CPU_COLUMNS = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal', 'guest', 'guest_nice'] as const;
export type CpuColumn = (typeof CPU_COLUMNS)[number];

/** One `cpu` or `cpuN` line. */
export interface StatCpuRow {
  readonly kind: 'cpu';
  /** N of `cpuN`; undefined for the all-CPU `cpu` line. */
  readonly cpu: number | undefined;
  /** Clock ticks (USER_HZ) per printed column, by kernel name. */
  readonly ticks: Partial<Record<CpuColumn, bigint>>;
  /** Columns beyond guest_nice, as column<N>. */
  readonly extra: Record<string, bigint>;
  readonly line: number;
}

/** Any other line: its name and its numbers in printed order. */
export interface StatValuesRow {
  readonly kind: 'values';
  /** intr, ctxt, btime, processes, procs_running, procs_blocked, softirq, or a new one. */
  readonly name: string;
  readonly values: bigint[];
  readonly line: number;
}

export type StatRow = StatCpuRow | StatValuesRow;

const CPU_NAME = /^cpu(\d*)$/;

function cpuRow(cpuText: string, values: bigint[], line: number): StatCpuRow {
  const ticks: Partial<Record<CpuColumn, bigint>> = {};
  const extra: Record<string, bigint> = {};
  values.forEach((v, i) => {
    if (i < CPU_COLUMNS.length) ticks[CPU_COLUMNS[i] as CpuColumn] = v;
    else setCounter(extra, `column${i + 1}`, v);
  });
  return { kind: 'cpu', cpu: cpuText === '' ? undefined : Number(cpuText), ticks, extra, line };
}

export function parseStat(text: string, file: string): ParseResult<StatRow> {
  const rows: StatRow[] = [];
  const issues: Issue[] = [];
  forEachLine(text, (line, lineNumber) => {
    const tokens = fields(line);
    if (tokens.length === 0) return;
    const name = tokens[0] as string;
    if (tokens.length < 2) {
      issues.push(issue(file, lineNumber, 'short-line', `${name}: no value`, line));
      return;
    }
    const values = unsignedCounters(tokens, 1);
    if (values === undefined) {
      issues.push(issue(file, lineNumber, 'bad-number', `${name}: a value is not an unsigned decimal integer`, line));
      return;
    }
    if (!name.startsWith('cpu')) {
      rows.push({ kind: 'values', name, values, line: lineNumber });
      return;
    }
    const m = CPU_NAME.exec(name);
    if (m === null || (m[1] as string).length > 6) {
      issues.push(issue(file, lineNumber, 'unknown-format', `not a cpu line name: ${name}`, line));
    } else if (values.length < 4) {
      issues.push(issue(file, lineNumber, 'short-line', `${name}: ${values.length} columns; every kernel prints at least 4`, line));
    } else {
      rows.push(cpuRow(m[1] as string, values, lineNumber));
    }
  });
  return { rows, issues };
}

/**
 * The `btime` line alone: the source's boot time in seconds since the epoch, for the
 * source clock (kstat times are placed in wall-clock time with it). Finds the line
 * without parsing the long `intr` line. One row when found; none, with an Issue, when the
 * line is missing (`unknown-format`) or not a number (`bad-number`).
 */
export function parseStatBtime(text: string, file: string): ParseResult<bigint> {
  const at = text.startsWith('btime ') ? 0 : text.indexOf('\nbtime ') + 1;
  if (at === 0 && !text.startsWith('btime ')) return { rows: [], issues: [issue(file, undefined, 'unknown-format', 'no btime line')] };
  const end = text.indexOf('\n', at);
  const line = text.slice(at, end === -1 ? text.length : end);
  let lineNumber = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) lineNumber++;
  const tokens = fields(line);
  const value = tokens.length === 2 ? parseUnsignedCounter(tokens[1] as string) : undefined;
  if (value === undefined) return { rows: [], issues: [issue(file, lineNumber, 'bad-number', 'btime is not one unsigned decimal integer', line)] };
  return { rows: [value], issues: [] };
}
