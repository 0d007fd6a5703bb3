/**
 * /proc/softirqs — softirq (deferred interrupt work) counts per type and per CPU.
 *
 * Printed by fs/proc/softirqs.c show_softirqs() since 2.6.31: a header of "CPU%-8d" for
 * every POSSIBLE CPU (not only online ones, unlike /proc/interrupts), then one row per
 * softirq type, "%12s:" and one "%10u" per CPU. The types are the kernel's
 * softirq_to_name[]: HI TIMER NET_TX NET_RX BLOCK IRQ_POLL TASKLET SCHED HRTIMER RCU
 * (IRQ_POLL was BLOCK_IOPOLL before 4.10). The counts are 32-bit (unsigned int) and wrap.
 *
 * Rows are kept under whatever name the kernel prints. Rules, each an Issue at its line
 * and the row skipped: no CPU header on the first line → `bad-header` and nothing read;
 * a row without `NAME:` → `unknown-format`; fewer counts than CPUs → `short-line` (or
 * `bad-number` when the token that stops the counts starts with a digit or sign); text
 * after the counts → `width-mismatch`, the counts are kept.
 */
import { issue, type Issue } from '../../../errors.js';
import type { ParseResult } from './parse-result.js';
import { forEachCpuRow, leadingCounts, missingCountsCode } from '../text/cpu-columns.js';

export interface SoftirqRow {
  /** The softirq type as printed: HI, TIMER, NET_RX, ... */
  readonly name: string;
  /** One count per header CPU, in header order. */
  readonly counts: bigint[];
  readonly line: number;
}

export interface SoftirqsResult extends ParseResult<SoftirqRow> {
  /** Header CPU names in order; empty when the header is missing. */
  readonly cpus: string[];
}

export function parseSoftirqs(text: string, file: string): SoftirqsResult {
  const rows: SoftirqRow[] = [];
  const issues: Issue[] = [];
  const cpus = forEachCpuRow(text, file, issues, 'NAME', (split, cpuCount, lineNumber, line) => {
    const counts = leadingCounts(split.tokens, cpuCount);
    if (counts.length < cpuCount) {
      issues.push(issue(file, lineNumber, missingCountsCode(split.tokens, counts.length), `${split.label}: ${counts.length} counts for ${cpuCount} CPUs`, line));
      return;
    }
    if (split.tokens.length > cpuCount) {
      issues.push(issue(file, lineNumber, 'width-mismatch', `${split.label}: ${split.tokens.length - cpuCount} tokens after the counts`, line));
    }
    rows.push({ name: split.label, counts, line: lineNumber });
  });
  return { rows, issues, cpus };
}
