/**
 * /proc/net/mcfilter — IPv4 multicast source filters (IGMPv3 / SSM), printed by
 * igmp_mcf_seq_show in net/ipv4/igmp.c (since 2.6.0):
 *   header "Idx Device        MCA        SRC    INC    EXC"
 *   "%3d %6.6s 0x%08x 0x%08x %6lu %6lu\n"
 *   ifindex, device, group, source, sockets including it, sockets excluding it
 * Read by header name; unknown columns are kept by name.
 *
 * Quirks:
 * - The device name is cut to six characters (`%6.6s`): "enp0s31f6" prints as
 *   "enp0s3". Use the ifindex to find the full name (the assembler does, from igmp).
 * - MCA and SRC are `ntohl` values, so unlike /proc/net/igmp they read in network order
 *   on every host: 0xe8010203 is 232.1.2.3.
 */
import { issue, type Issue } from '../../../errors.js';
import { fields, forEachLine } from '../text/lines.js';
import { parseSmallInt } from '../text/counter.js';
import { ipv4FromNetworkOrderHex } from '../text/hex-inet-address.js';
import type { ParseResult } from './parse-result.js';

export interface NetMcfilterRow {
  readonly ifindex: number;
  /** As printed: at most six characters. */
  readonly device: string;
  readonly group: string;
  readonly source: string;
  readonly include: number;
  readonly exclude: number;
  /** Columns this parser does not know, by header name. */
  readonly extra: Record<string, string>;
}

type Key = 'ifindex' | 'device' | 'group' | 'source' | 'include' | 'exclude';
type Parse = (text: string) => number | string | undefined;

const COLUMNS: Readonly<Record<string, { key: Key; parse: Parse }>> = {
  Idx: { key: 'ifindex', parse: parseSmallInt },
  Device: { key: 'device', parse: (t) => t },
  MCA: { key: 'group', parse: ipv4FromNetworkOrderHex },
  SRC: { key: 'source', parse: ipv4FromNetworkOrderHex },
  INC: { key: 'include', parse: parseSmallInt },
  EXC: { key: 'exclude', parse: parseSmallInt },
};

export function parseNetMcfilter(text: string, file: string): ParseResult<NetMcfilterRow> {
  const rows: NetMcfilterRow[] = [];
  const issues: Issue[] = [];
  let header: string[] | undefined;
  forEachLine(text, (line, lineNo) => {
    const cols = fields(line);
    if (cols.length === 0) return;
    if (header === undefined) {
      const missing = Object.keys(COLUMNS).filter((name) => !cols.includes(name));
      header = missing.length === 0 ? cols : [];
      if (missing.length > 0) issues.push(issue(file, lineNo, 'bad-header', `header lacks ${missing.join(', ')}`, line));
      return;
    }
    if (header.length === 0) return;
    const row = parseRow(header, cols, file, lineNo, line, issues);
    if (row !== undefined) rows.push(row);
  });
  return { rows, issues };
}

function parseRow(header: string[], cols: string[], file: string, lineNo: number, line: string, issues: Issue[]): NetMcfilterRow | undefined {
  if (cols.length !== header.length) {
    const code = cols.length < header.length ? 'short-line' : 'width-mismatch';
    issues.push(issue(file, lineNo, code, `${cols.length} fields, header has ${header.length}`, line));
    return undefined;
  }
  const row: Record<string, unknown> & { extra: Record<string, string> } = { extra: {} };
  for (let i = 0; i < header.length; i++) {
    const name = header[i] as string;
    const column = COLUMNS[name];
    if (column === undefined) {
      row.extra[name] = cols[i] as string;
      continue;
    }
    const value = column.parse(cols[i] as string);
    if (value === undefined) {
      const code = name === 'MCA' || name === 'SRC' ? 'bad-address' : 'bad-number';
      issues.push(issue(file, lineNo, code, `${name} does not parse: ${cols[i]}`, line));
      return undefined;
    }
    row[column.key] = value;
  }
  return row as unknown as NetMcfilterRow;
}
