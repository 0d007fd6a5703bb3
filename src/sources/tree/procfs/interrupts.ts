/**
 * /proc/interrupts — hardware interrupt counts per IRQ line and per CPU.
 *
 * Printed by kernel/irq/proc.c show_interrupts() for numbered IRQs and by the
 * architecture's arch_show_interrupts() (x86: arch/x86/kernel/irq.c) for the rest:
 *
 *              CPU0       CPU1                       header: "CPU%-8d" per ONLINE CPU
 *    24:          1          0  IO-APIC   5-edge      ACPI:Ged
 *   NMI:          0          0   Non-maskable interrupts
 *   ERR:          0                                   one machine-wide value, no text
 *
 * A numbered row is the IRQ number, one "%10u" count per header CPU, then the irq_chip
 * name, the hardware IRQ number joined by "-" to the flow handler name (desc->name:
 * "edge", "fasteoi"; 3.x+ — 2.6 kernels printed e.g. "IO-APIC-edge" with no hwirq), and
 * the names of the actions (devices) sharing the line, separated by ", ". Architectures
 * with GENERIC_IRQ_SHOW_LEVEL (arm, arm64, ...) print the hwirq alone and then the
 * trigger as a word: "GICv3  27 Level  arch_timer".
 * An architecture row (NMI, LOC, RES, ...) is a short name, the counts, and a
 * description. ERR and MIS (x86) print one machine-wide count and nothing else.
 *
 * Rows keep the label as printed, the counts in header order and the rest of the line
 * as `text` (single-spaced); for numbered rows the text is also split into `chip`,
 * `hwirq` with `handler` ("N-name") or `trigger` ("N Level"), and `actions`. Counts are 32-bit
 * in the kernel (unsigned int) and wrap. Rules, each an Issue at its line and the row
 * skipped: no CPU header on the first line → `bad-header` and nothing read; a row
 * without `label:` → `unknown-format`; fewer counts than CPUs (other than the
 * single-value form) → `short-line`, or `bad-number` when the token that stops the
 * counts starts with a digit or sign.
 */
import { issue, type Issue } from '../../../errors.js';
import type { ParseResult } from './parse-result.js';
import { forEachCpuRow, leadingCounts, missingCountsCode } from '../text/cpu-columns.js';

export interface InterruptRow {
  /** As printed before the colon: "24", "NMI", "LOC", "ERR". */
  readonly label: string;
  /** True when the label is an IRQ number. */
  readonly numbered: boolean;
  /** One count per header CPU, in header order; undefined for single-value rows. */
  readonly counts: bigint[] | undefined;
  /** The one machine-wide value of ERR/MIS-style rows; undefined otherwise. */
  readonly single: bigint | undefined;
  /** Everything after the counts, single-spaced ("" when nothing). */
  readonly text: string;
  readonly chip?: string;
  readonly hwirq?: string;
  readonly handler?: string;
  readonly trigger?: string;
  readonly actions?: string;
  readonly line: number;
}

export interface InterruptsResult extends ParseResult<InterruptRow> {
  /** Header CPU names in order (CPU0, CPU1, ...); empty when the header is missing. */
  readonly cpus: string[];
}

// x86 prints these with one machine-wide count; on a 1-CPU machine that looks like a count row.
const SINGLE_VALUE = new Set(['ERR', 'MIS']);
const HWIRQ_HANDLER = /^(\d+)-(.+)$/;

/** chip, hwirq (with handler, or followed by a trigger word) and actions of a numbered row's words. */
function splitNumbered(words: string[]): Pick<InterruptRow, 'chip' | 'hwirq' | 'handler' | 'trigger' | 'actions'> {
  const out: { chip?: string; hwirq?: string; handler?: string; trigger?: string; actions?: string } = {};
  if (words.length === 0) return out;
  out.chip = words[0] as string;
  let rest = 1;
  const second = words[1];
  const m = second === undefined ? null : HWIRQ_HANDLER.exec(second);
  if (m !== null) {
    out.hwirq = m[1] as string;
    out.handler = m[2] as string;
    rest = 2;
  } else if (second !== undefined && /^\d+$/.test(second)) {
    out.hwirq = second; // GENERIC_IRQ_SHOW_LEVEL architectures: "GICv3  27 Level  arch_timer"
    rest = 2;
    if (words[2] === 'Level' || words[2] === 'Edge') {
      out.trigger = words[2];
      rest = 3;
    }
  }
  if (words.length > rest) out.actions = words.slice(rest).join(' ');
  return out;
}

function rowOf(label: string, tokens: string[], cpus: number, line: number, file: string, issues: Issue[], raw: string): InterruptRow | undefined {
  const counts = leadingCounts(tokens, cpus);
  const numbered = /^\d+$/.test(label);
  if (counts.length === 1 && tokens.length === 1 && (cpus > 1 || SINGLE_VALUE.has(label))) {
    return { label, numbered, counts: undefined, single: counts[0], text: '', line };
  }
  if (counts.length < cpus) {
    issues.push(issue(file, line, missingCountsCode(tokens, counts.length), `${label}: ${counts.length} counts for ${cpus} CPUs`, raw));
    return undefined;
  }
  const words = tokens.slice(cpus);
  const base = { label, numbered, counts, single: undefined, text: words.join(' '), line };
  return numbered ? { ...base, ...splitNumbered(words) } : base;
}

export function parseInterrupts(text: string, file: string): InterruptsResult {
  const rows: InterruptRow[] = [];
  const issues: Issue[] = [];
  const cpus = forEachCpuRow(text, file, issues, 'label', (split, cpuCount, lineNumber, line) => {
    const row = rowOf(split.label, split.tokens, cpuCount, lineNumber, file, issues, line);
    if (row !== undefined) rows.push(row);
  });
  return { rows, issues, cpus };
}
