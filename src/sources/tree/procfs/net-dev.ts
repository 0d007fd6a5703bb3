/**
 * /proc/net/dev — per-interface traffic counters of the reading namespace.
 *
 * Printed by net/core/net-procfs.c dev_seq_show (net/core/dev.c before 3.9) and
 * dev_seq_printf_stats: two header lines, then one line per device,
 *
 *   Inter-|   Receive                                                |  Transmit
 *    face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
 *       lo: 7673997  140622    0    0 ...
 *
 * The first header line names the groups between the `|`s, the second the columns of each
 * group; the columns are read from there (kernel key `rx_<column>` / `tx_<column>`), so a
 * column a kernel adds is kept by name and a missing one stays missing. The 16 columns
 * have not changed since 2.2. Quirks:
 * - Older kernels printed "%6s:%8lu" (no space): a long byte count runs into the colon
 *   (`eth0:23443246382`), so the name ends at the first ':' (dev_valid_name forbids ':').
 * - Values are `unsigned long` before 2.6.36, u64 (rtnl_link_stats64) since.
 * - Early 2.6 kernels print "<name>: No statistics available." for devices
 *   without get_stats; such a line has no counters and is reported, not zero-filled.
 * - "drop", "frame" and "carrier" are sums of several rtnl_link_stats64 fields (see
 *   records/interface.ts).
 */
import { issue, type Issue } from '../../../errors.js';
import { parseUnsignedCounter } from '../text/counter.js';
import { fields, forEachLine } from '../text/lines.js';
import type { ParseResult } from './parse-result.js';

export interface NetDevRow {
  /** Interface name, as printed before the ':'. */
  readonly name: string;
  /** Every column by kernel key: `rx_bytes`, `rx_errs`, `tx_colls`, … in header order. */
  readonly columns: Record<string, bigint>;
}

/** Group title in the first header line → key prefix. An unknown group keeps its own name. */
const GROUP_PREFIX: Readonly<Record<string, string>> = { Receive: 'rx', Transmit: 'tx' };

/** Builds the column keys from the two header lines, or explains why it cannot. */
export function netDevColumns(groupLine: string, columnLine: string): string[] | string {
  const groups = groupLine.split('|');
  const columns = columnLine.split('|');
  if (groups.length < 2 || groups.length !== columns.length) {
    return 'expected the two "|"-separated header lines of /proc/net/dev';
  }
  const keys: string[] = [];
  for (let g = 1; g < groups.length; g++) {
    const title = (groups[g] ?? '').trim();
    const prefix = GROUP_PREFIX[title] ?? title.toLowerCase().replace(/\s+/g, '_');
    if (prefix === '') return `header group ${g} has no title`;
    for (const column of fields(columns[g] ?? '')) keys.push(`${prefix}_${column}`);
  }
  return keys.length > 0 ? keys : 'the header names no columns';
}

export function parseNetDev(text: string, file: string): ParseResult<NetDevRow> {
  const rows: NetDevRow[] = [];
  const issues: Issue[] = [];
  let groupLine: string | undefined;
  let keys: string[] | undefined;
  let headerFailed = false;
  forEachLine(text, (line, lineNo) => {
    if (headerFailed) return;
    if (groupLine === undefined) {
      groupLine = line;
      return;
    }
    if (keys === undefined) {
      const built = netDevColumns(groupLine, line);
      if (typeof built === 'string') {
        issues.push(issue(file, lineNo, 'bad-header', built, line));
        headerFailed = true;
      } else keys = built;
      return;
    }
    const row = parseDeviceLine(line, lineNo, keys, file, issues);
    if (row !== undefined) rows.push(row);
  });
  if (keys === undefined && !headerFailed) {
    issues.push(issue(file, groupLine === undefined ? undefined : 1, 'bad-header', 'the file ends before its two header lines'));
  }
  return { rows, issues };
}

function parseDeviceLine(line: string, lineNo: number, keys: string[], file: string, issues: Issue[]): NetDevRow | undefined {
  const colon = line.indexOf(':');
  const name = colon < 0 ? '' : line.slice(0, colon).trim();
  if (name === '') {
    issues.push(issue(file, lineNo, 'unknown-format', 'expected "<interface>: <counters>"', line));
    return undefined;
  }
  const values = fields(line.slice(colon + 1));
  if (values.length < keys.length) {
    const what = values.length > 0 && values[0]!.match(/^\d/) === null ? ` (the kernel printed "${values.join(' ')}")` : '';
    issues.push(issue(file, lineNo, 'short-line', `${name}: ${values.length} values for ${keys.length} header columns${what}`, line));
    return undefined;
  }
  if (values.length > keys.length) {
    issues.push(issue(file, lineNo, 'width-mismatch', `${name}: ${values.length} values but the header names ${keys.length} columns`, line));
    return undefined;
  }
  const columns: Record<string, bigint> = {};
  for (let i = 0; i < keys.length; i++) {
    const value = parseUnsignedCounter(values[i]!);
    if (value === undefined) {
      issues.push(issue(file, lineNo, 'bad-number', `${name}: ${keys[i]} is not an unsigned decimal: "${values[i]}"`, line));
      return undefined;
    }
    columns[keys[i]!] = value;
  }
  return { name, columns };
}
