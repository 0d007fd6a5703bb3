/**
 * /proc/meminfo — system memory usage, one `Name:   value [kB]` per line.
 *
 * Printed by fs/proc/meminfo.c meminfo_proc_show() (show_val_kb: "%s%8lu kB", the
 * value converted from pages to KiB — "kB" means 1024 bytes) plus lines other code adds:
 * hugetlb_report_meminfo (HugePages_Total/Free/Rsvd/Surp are COUNTS of huge pages, no
 * unit; Hugepagesize and Hugetlb are kB), arch_report_meminfo (x86 DirectMap4k/2M/1G).
 * Names contain parentheses ("Active(anon)") and change between kernels
 * (MemAvailable 3.14, KReclaimable 4.20, Zswap 5.19, ...), so the parser knows no names:
 * every line is kept under the kernel's name with the unit it was printed with. Values
 * stay in the kernel's unit (kB or a count); nothing is converted to bytes here.
 *
 * Rules, each an Issue at its line and the line skipped: no `Name:` → `unknown-format`;
 * no value → `short-line`; a value that is not unsigned decimal → `bad-number`; a unit
 * other than kB, or more tokens → `width-mismatch`.
 */
import { issue, type Issue } from '../../../errors.js';
import type { ParseResult } from './parse-result.js';
import { parseUnsignedCounter } from '../text/counter.js';
import { fields, forEachLine } from '../text/lines.js';

export interface MeminfoRow {
  /** As printed before the colon: MemTotal, Active(anon), HugePages_Total, ... */
  readonly name: string;
  readonly value: bigint;
  /** 'kB' (KiB) when printed with " kB", undefined for plain counts. */
  readonly unit: 'kB' | undefined;
  readonly line: number;
}

export function parseMeminfo(text: string, file: string): ParseResult<MeminfoRow> {
  const rows: MeminfoRow[] = [];
  const issues: Issue[] = [];
  forEachLine(text, (line, lineNumber) => {
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon) : '';
    if (name === '' || /\s/.test(name)) {
      if (line.trim() !== '') issues.push(issue(file, lineNumber, 'unknown-format', 'line does not start with "Name:"', line));
      return;
    }
    const tokens = fields(line.slice(colon + 1));
    if (tokens.length === 0) {
      issues.push(issue(file, lineNumber, 'short-line', `${name}: no value`, line));
      return;
    }
    const value = parseUnsignedCounter(tokens[0] as string);
    if (value === undefined) {
      issues.push(issue(file, lineNumber, 'bad-number', `${name}: not an unsigned decimal integer: ${tokens[0]}`, line));
      return;
    }
    if (tokens.length > 2 || (tokens.length === 2 && tokens[1] !== 'kB')) {
      issues.push(issue(file, lineNumber, 'width-mismatch', `${name}: expected "value" or "value kB"`, line));
      return;
    }
    rows.push({ name, value, unit: tokens.length === 2 ? 'kB' : undefined, line: lineNumber });
  });
  return { rows, issues };
}
