/**
 * Tokenizer for the per-CPU tables of /proc/interrupts and /proc/softirqs: a header of
 * CPU names (`CPU0 CPU1 ...`, printed "CPU%-8d"), then rows `label: count count ...`
 * with one count per header column. Both files are printed from the same mould
 * (kernel/irq/proc.c show_interrupts, fs/proc/softirqs.c show_softirqs).
 */
import { issue, type Issue } from '../../../errors.js';
import { parseUnsignedCounter } from './counter.js';
import { fields, forEachLine } from './lines.js';

const CPU_NAME = /^CPU\d+$/;

/** The CPU names of a header line, or undefined when the line is not such a header. */
export function cpuHeader(line: string): string[] | undefined {
  const names = fields(line);
  return names.length > 0 && names.every((n) => CPU_NAME.test(n)) ? names : undefined;
}

/** A row split at its first colon: the label before it and the tokens after it. */
export interface LabelledRow {
  readonly label: string;
  readonly tokens: string[];
}

export function labelledRow(line: string): LabelledRow | undefined {
  const colon = line.indexOf(':');
  if (colon <= 0) return undefined;
  const label = line.slice(0, colon).trim();
  if (label === '' || /\s/.test(label)) return undefined;
  return { label, tokens: fields(line.slice(colon + 1)) };
}

/** The leading unsigned decimal tokens, at most `max` of them, as bigints. */
export function leadingCounts(tokens: readonly string[], max: number): bigint[] {
  const out: bigint[] = [];
  for (let i = 0; i < tokens.length && out.length < max; i++) {
    const v = parseUnsignedCounter(tokens[i] as string);
    if (v === undefined) break;
    out.push(v);
  }
  return out;
}

/**
 * Why a row has fewer counts than CPUs: `bad-number` when the token that stopped the
 * counts looks like a damaged number (starts with a digit or sign), else `short-line`.
 */
export function missingCountsCode(tokens: readonly string[], counted: number): 'bad-number' | 'short-line' {
  const stop = tokens[counted];
  return stop !== undefined && /^[-+]?\d/.test(stop) ? 'bad-number' : 'short-line';
}

/**
 * Walks a per-CPU table: the header's CPU names, then every non-blank row split at its label.
 * A missing header, an empty file and a row without "LABEL:" (`labelWord` names it in the
 * issue) are issues; `row` gets every other row. Returns the CPU names ([] without a header).
 */
export function forEachCpuRow(
  text: string,
  file: string,
  issues: Issue[],
  labelWord: string,
  row: (split: LabelledRow, cpuCount: number, lineNumber: number, line: string) => void,
): string[] {
  let cpus: string[] | undefined;
  forEachLine(text, (line, lineNumber) => {
    if (cpus === undefined) {
      cpus = cpuHeader(line) ?? [];
      if (cpus.length === 0) issues.push(issue(file, lineNumber, 'bad-header', 'first line is not a CPU header (CPU0 CPU1 ...)', line));
      return;
    }
    if (cpus.length === 0 || line.trim() === '') return;
    const split = labelledRow(line);
    if (split === undefined) {
      issues.push(issue(file, lineNumber, 'unknown-format', `line does not start with "${labelWord}:"`, line));
      return;
    }
    row(split, cpus.length, lineNumber, line);
  });
  if (cpus === undefined) issues.push(issue(file, undefined, 'bad-header', 'empty file: no CPU header'));
  return cpus ?? [];
}
