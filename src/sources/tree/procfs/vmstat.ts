/**
 * /proc/vmstat — virtual-memory counters and gauges, one `name value` per line.
 *
 * Printed by mm/vmstat.c vmstat_show() from vmstat_text[]: zone and node page counts
 * (nr_*, in PAGES of the source machine), NUMA counters (numa_*), event counters
 * (pgfault, pgmajfault, pswpin, ...; many depend on kernel config) and, since 2.6.x, the
 * dirty thresholds. Names are added, renamed and removed freely between kernels
 * (nr_alloc_batch went away in 4.10, nr_zone_* arrived in 4.8, ...), so the parser
 * knows no names at all: every line is kept under the kernel's name. The kernel prints
 * them unsigned ("%lu"); per-CPU drift can make a gauge briefly huge, never negative.
 *
 * Rules (from the shared `name value` tokenizer): one token → `short-line`, more than
 * two → `width-mismatch`, a name that is not an identifier → `unknown-format`, a value
 * that is not decimal → `bad-number`; each such line is skipped.
 */
import type { ParseResult } from './parse-result.js';
import { parseKeyValueLines, type KeyValueLine } from '../text/key-value-lines.js';

export type VmstatRow = KeyValueLine;

export function parseVmstat(text: string, file: string): ParseResult<VmstatRow> {
  return parseKeyValueLines(text, file);
}
