/**
 * /proc/stat — only its `btime` line: the wall-clock time of boot, in whole seconds since
 * the epoch. Printed by fs/proc/stat.c show_stat() as "btime %llu" (since 2.4; "%lu" before
 * 2.6.37). The kstat chain needs it to place its ns-since-boot times in wall-clock time.
 *
 * Interim: H3's full /proc/stat parser (stat.ts) supersedes this; merge when it lands.
 * Rows: zero or one `{ btime }`. A btime line whose value is not unsigned digits is a
 * `bad-number` issue; a file without a btime line gives no row and no issue (very old
 * kernels, or a tree captured without it), and the caller treats boot time as unknown.
 */
import { issue } from '../../../errors.js';
import type { ParseResult } from './parse-result.js';
import { parseUnsignedCounter } from '../text/counter.js';
import { fields, forEachLine } from '../text/lines.js';

export interface StatBtimeRow {
  /** Seconds since the epoch. */
  readonly btime: bigint;
}

export function parseStatBtime(text: string, file: string): ParseResult<StatBtimeRow> {
  const rows: StatBtimeRow[] = [];
  const issues: ParseResult<StatBtimeRow>['issues'] = [];
  forEachLine(text, (line, lineNo) => {
    if (!line.startsWith('btime')) return;
    const cells = fields(line);
    if (cells[0] !== 'btime') return;
    const value = cells.length === 2 ? parseUnsignedCounter(cells[1]!) : undefined;
    if (value === undefined) issues.push(issue(file, lineNo, cells.length < 2 ? 'short-line' : 'bad-number', 'btime is not one unsigned number', line));
    else if (rows.length === 0) rows.push({ btime: value });
  });
  return { rows, issues };
}
