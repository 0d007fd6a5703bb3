/**
 * /proc/net/softnet_stat — per-CPU packet-receive (softirq backlog) statistics.
 *
 * Printed by net/core/net-procfs.c softnet_seq_show() (net/core/dev.c before 4.x): one
 * line per ONLINE CPU, no header, every column "%08x" (hex, 32 bits). The kernel has only
 * ever appended columns, so the meaning of a position never changed. Widths by kernel:
 *
 *   pos  kernel name        width  since
 *   0    processed            9    2.6 (sd->processed, packets taken off the backlog)
 *   1    dropped              9    2.6 (backlog full: netdev_max_backlog)
 *   2    time_squeeze         9    2.6 (net_rx_action ran out of budget or time)
 *   3    throttled            9    always 0 since 2.6.x
 *   4-7  fastroute_*          9    always 0 ("was fastroute")
 *   8    cpu_collision        9    0 in current kernels ("was cpu_collision")
 *   9    received_rps        10    2.6.35 (RPS: IPIs received to process a backlog)
 *   10   flow_limit_count    11    3.11 (packets dropped by the RPS flow limit)
 *   11   backlog_len         13    5.10 (input_pkt_queue + process_queue length, a gauge)
 *   12   index               13    5.10 (the CPU id of the row; "%08x" of an int)
 *   13   input_qlen          15    6.4  (input_pkt_queue length)
 *   14   process_qlen        15    6.4  (process_queue length)
 *
 * So 9, 10, 11, 13 and 15 are the widths real kernels print (12 and 14 never existed).
 * Rules: fewer than 9 columns → `short-line`, row skipped (procfs-fixtures
 * softnet_stat.broken has 4). Width 12 or 14 → `unknown-format`, the longest known
 * layout that fits (11, 13) is read and the rest kept in `extra`. Wider than 15 → a newer
 * kernel: the 15 known positions are read and the rest kept in `extra` as column<N>
 * (1-based), without an issue. A cell that is not hex → `bad-number`, row skipped.
 * Rows are in online-CPU order; before 5.10 the CPU id is not printed and the row
 * position is not the CPU id when CPUs are offline. The counters are 32-bit in the kernel
 * and wrap at 2^32.
 */
import { issue, type Issue } from '../../../errors.js';
import type { ParseResult } from './parse-result.js';
import { parseHexCounter } from '../text/counter.js';
import { fields, forEachLine } from '../text/lines.js';
import { setCounter } from '../text/header-value-pairs.js';

/** Kernel names of the positions, in order (see the table above). */
export const SOFTNET_COLUMNS = [
  'processed',
  'dropped',
  'time_squeeze',
  'throttled',
  'fastroute_hit',
  'fastroute_success',
  'fastroute_defer',
  'fastroute_deferred_out',
  'cpu_collision',
  'received_rps',
  'flow_limit_count',
  'backlog_len',
  'index',
  'input_qlen',
  'process_qlen',
] as const;

export type SoftnetColumn = (typeof SOFTNET_COLUMNS)[number];

/** Widths real kernels print, widest first. */
export const SOFTNET_WIDTHS = [15, 13, 11, 10, 9] as const;

export interface SoftnetStatRow {
  /** 0-based position among the printed rows (online-CPU order). */
  readonly row: number;
  /** Number of columns the line had. */
  readonly width: number;
  /** Known columns present in this line, by kernel name. */
  readonly values: Partial<Record<SoftnetColumn, bigint>>;
  /** Columns beyond the known layout: column<N> (1-based position) → value. */
  readonly extra: Record<string, bigint>;
  readonly line: number;
}

function decode(tokens: string[]): bigint[] | undefined {
  const out: bigint[] = [];
  for (const t of tokens) {
    const v = t.length <= 8 ? parseHexCounter(t) : undefined;
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}

function toRow(cells: bigint[], row: number, line: number): SoftnetStatRow {
  const known = SOFTNET_WIDTHS.find((w) => w <= cells.length) as number;
  const values: Partial<Record<SoftnetColumn, bigint>> = {};
  const extra: Record<string, bigint> = {};
  cells.forEach((v, i) => {
    if (i < known) values[SOFTNET_COLUMNS[i] as SoftnetColumn] = v;
    else setCounter(extra, `column${i + 1}`, v);
  });
  return { row, width: cells.length, values, extra, line };
}

export function parseNetSoftnetStat(text: string, file: string): ParseResult<SoftnetStatRow> {
  const rows: SoftnetStatRow[] = [];
  const issues: Issue[] = [];
  let printed = 0; // rows seen, valid or not, so `row` stays the printed position
  forEachLine(text, (line, lineNumber) => {
    const tokens = fields(line);
    if (tokens.length === 0) return;
    const position = printed++;
    if (tokens.length < 9) {
      issues.push(issue(file, lineNumber, 'short-line', `${tokens.length} columns; every kernel prints at least 9`, line));
      return;
    }
    const cells = decode(tokens);
    if (cells === undefined) {
      issues.push(issue(file, lineNumber, 'bad-number', 'a column is not a hex number of at most 8 digits', line));
      return;
    }
    if (tokens.length < 15 && !(SOFTNET_WIDTHS as readonly number[]).includes(tokens.length)) {
      const kept = SOFTNET_WIDTHS.find((w) => w <= tokens.length);
      const msg = `${tokens.length} columns is no known kernel layout; read the ${kept}-column layout, kept the rest as extra`;
      issues.push(issue(file, lineNumber, 'unknown-format', msg, line));
    }
    rows.push(toRow(cells, position, lineNumber));
  });
  return { rows, issues };
}
