/**
 * /proc/diskstats — I/O statistics per block device (whole disks and partitions).
 *
 * Printed by block/genhd.c diskstats_show(): "%4d %7d %pg" (major, minor, name) then
 * the counters, no header. Documentation/admin-guide/iostats.rst numbers the fields
 * including major, minor and name, so "14 fields" means 11 counters:
 *
 *   pos  name here               meaning                                   since
 *   1    reads_completed         reads completed successfully              2.6.0
 *   2    reads_merged            adjacent reads merged                     2.6.0
 *   3    sectors_read            512-byte sectors read                     2.6.0
 *   4    time_reading_ms         ms spent by all reads                     2.6.0
 *   5-8  writes_completed, writes_merged, sectors_written, time_writing_ms  2.6.0
 *   9    ios_in_progress         I/Os in flight now (a gauge)              2.6.0
 *   10   time_io_ms              ms the device had I/O in flight (busy)    2.6.0
 *   11   weighted_time_io_ms     ms of I/O time × queue depth              2.6.0
 *   12-15 discards_completed, discards_merged, sectors_discarded,
 *         time_discarding_ms    ("18 fields")                             4.18
 *   16-17 flushes_completed, time_flushing_ms ("20 fields")                5.5
 *
 * Partitions before 2.6.25 printed only 4 counters: reads, sectors read, writes,
 * sectors written (positions 1, 3, 5, 7 of the full layout) — read as such. Sectors are
 * always the kernel's 512-byte unit, whatever the device's sector size. The ms fields are
 * printed "%u" (32-bit, they wrap); the others are unsigned long.
 *
 * Rules, each an Issue at its line: fewer than 3 + 4 fields, or a counter count other
 * than 4 below 11 → `short-line`, line skipped; major/minor/counter not unsigned decimal
 * → `bad-number`, line skipped; 12-14 or 16 counters (no kernel prints these) →
 * `unknown-format`, the longest known layout that fits is read and the rest kept in
 * `extra`; more than 17 counters (a newer kernel) → the 17 known and the rest in `extra`
 * as column<N> (N = field number counting major, minor and name), without an issue.
 */
import { issue, type Issue } from '../../../errors.js';
import type { ParseResult } from './parse-result.js';
import { parseSmallInt } from '../text/counter.js';
import { unsignedCounters } from '../text/counter-list.js';
import { fields, forEachLine } from '../text/lines.js';
import { setCounter } from '../text/header-value-pairs.js';

/** Names of the counter positions of the full layout, in printed order. */
export const DISK_COLUMNS = [
  'reads_completed',
  'reads_merged',
  'sectors_read',
  'time_reading_ms',
  'writes_completed',
  'writes_merged',
  'sectors_written',
  'time_writing_ms',
  'ios_in_progress',
  'time_io_ms',
  'weighted_time_io_ms',
  'discards_completed',
  'discards_merged',
  'sectors_discarded',
  'time_discarding_ms',
  'flushes_completed',
  'time_flushing_ms',
] as const;
export type DiskColumn = (typeof DISK_COLUMNS)[number];

/** Counter counts real kernels print, widest first (4: partitions before 2.6.25). */
export const DISK_WIDTHS = [17, 15, 11] as const;
const OLD_PARTITION: readonly DiskColumn[] = ['reads_completed', 'sectors_read', 'writes_completed', 'sectors_written'];

export interface DiskstatsRow {
  readonly major: number;
  readonly minor: number;
  readonly name: string;
  /** Number of counters the line had (4, 11, 15 or 17 from real kernels). */
  readonly width: number;
  /** Printed counters by name; a counter this kernel does not print is absent. */
  readonly values: Partial<Record<DiskColumn, bigint>>;
  /** Counters beyond the known layout, as column<N> (field number incl. major, minor, name). */
  readonly extra: Record<string, bigint>;
  readonly line: number;
}

function toRow(major: number, minor: number, name: string, cells: bigint[], line: number): DiskstatsRow {
  const values: Partial<Record<DiskColumn, bigint>> = {};
  const extra: Record<string, bigint> = {};
  if (cells.length === 4) {
    cells.forEach((v, i) => (values[OLD_PARTITION[i] as DiskColumn] = v));
    return { major, minor, name, width: 4, values, extra, line };
  }
  const known = DISK_WIDTHS.find((w) => w <= cells.length) as number;
  cells.forEach((v, i) => {
    if (i < known) values[DISK_COLUMNS[i] as DiskColumn] = v;
    else setCounter(extra, `column${i + 4}`, v);
  });
  return { major, minor, name, width: cells.length, values, extra, line };
}

export function parseDiskstats(text: string, file: string): ParseResult<DiskstatsRow> {
  const rows: DiskstatsRow[] = [];
  const issues: Issue[] = [];
  forEachLine(text, (line, lineNumber) => {
    const tokens = fields(line);
    if (tokens.length === 0) return;
    const width = tokens.length - 3;
    if (width < 4 || (width > 4 && width < 11)) {
      issues.push(issue(file, lineNumber, 'short-line', `${tokens.length} fields; kernels print 7, 14, 18 or 20`, line));
      return;
    }
    const major = parseSmallInt(tokens[0] as string);
    const minor = parseSmallInt(tokens[1] as string);
    const cells = unsignedCounters(tokens, 3);
    if (major === undefined || minor === undefined || major < 0 || minor < 0 || cells === undefined) {
      issues.push(issue(file, lineNumber, 'bad-number', 'major, minor or a counter is not an unsigned decimal integer', line));
      return;
    }
    if (width < 17 && width !== 4 && !(DISK_WIDTHS as readonly number[]).includes(width)) {
      const kept = DISK_WIDTHS.find((w) => w <= width);
      issues.push(issue(file, lineNumber, 'unknown-format', `${width} counters is no known kernel layout; read the ${kept}-counter layout, kept the rest as extra`, line));
    }
    rows.push(toRow(major, minor, tokens[2] as string, cells, lineNumber));
  });
  return { rows, issues };
}
