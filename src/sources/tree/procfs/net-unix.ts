/**
 * /proc/net/unix (also /proc/<pid>/net/unix): unix domain sockets of the network namespace.
 *
 * Printed by net/unix/af_unix.c unix_seq_show:
 *   header  "Num       RefCount Protocol Flags    Type St Inode Path"
 *   row     "%pK: %08X %08X %08X %04X %02X %5lu" then, only for a bound socket, ' ' and the name
 * RefCount, Protocol (always 0), Flags, Type and St are hex; Inode is decimal. Flags is
 * __SO_ACCEPTCON (0x10000) for a listener. St is the socket-layer state (1 UNCONNECTED,
 * 2 CONNECTING, 3 CONNECTED, 4 DISCONNECTING). The name is printed byte by byte: an abstract
 * name starts with '@' (for its leading NUL) and any NUL inside it prints as '@' too; a
 * filesystem path is printed raw, so it may hold spaces — the Path is therefore the rest of
 * the line after the single space, never split. (A path containing a newline breaks the line
 * in two; the second half is reported as a bad line.)
 *
 * Older format: the 2.0-era kernel (unix_get_info) printed no Inode column
 * ("Num RefCount Protocol Flags Type St Path"); prometheus/procfs keeps such a file as
 * `unix_without_inode`. Header-driven, so a missing Inode is simply undefined. A column this
 * parser does not know is kept by name in `extra`, read as hex like its neighbours.
 */
import { issue, type Issue } from '../../../errors.js';
import { parseHexCounter } from '../text/counter.js';
import { fields } from '../text/lines.js';
import { hexNumber } from '../text/hex-address.js';
import type { ParseResult } from './parse-result.js';

/** One row, kernel-shaped: the header's own column names. */
export interface NetUnixRow {
  line: number;
  /** The socket's kernel address (%pK), without the trailing ':'. */
  Num: string;
  RefCount: number;
  Protocol: number | undefined;
  Flags: number;
  Type: number;
  St: number;
  Inode: number | undefined;
  /** Bound name as printed ('@' for abstract names); undefined when unbound. */
  Path: string | undefined;
  extra: Record<string, bigint> | undefined;
}

const REQUIRED = ['Num', 'RefCount', 'Flags', 'Type', 'St'];
type Setter = (row: NetUnixRow, text: string, s: number, e: number) => boolean;

/** How each known column decodes (text[s, e) is the field). */
const COLUMNS: Readonly<Record<string, Setter>> = {
  Num: (r, t, s, e) => t.charCodeAt(e - 1) === 58 && e - 1 > s && (r.Num = t.slice(s, e - 1)) !== undefined,
  RefCount: (r, t, s, e) => (r.RefCount = hexNumber(t, s, e)) >= 0,
  Protocol: (r, t, s, e) => (r.Protocol = hexNumber(t, s, e)) >= 0,
  Flags: (r, t, s, e) => (r.Flags = hexNumber(t, s, e)) >= 0,
  Type: (r, t, s, e) => (r.Type = hexNumber(t, s, e)) >= 0,
  St: (r, t, s, e) => (r.St = hexNumber(t, s, e)) >= 0,
  Inode: (r, t, s, e) => (r.Inode = decimal(t, s, e)) >= 0,
};

export function parseNetUnix(text: string, file: string): ParseResult<NetUnixRow> {
  const rows: NetUnixRow[] = [];
  const issues: Issue[] = [];
  let columns: string[] | undefined;
  let pos = 0;
  let line = 0;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    line++;
    if (columns !== undefined) {
      const row = parseRow(text, pos, end, line, columns, file, issues);
      if (row !== undefined) rows.push(row);
    } else if (end > pos) {
      columns = fields(text.slice(pos, end));
      if (columns[0] !== 'Num' || REQUIRED.some((name) => !columns!.includes(name))) {
        issues.push(issue(file, line, 'bad-header', 'not a /proc/net/unix header (Num RefCount Protocol Flags Type St ...)', text.slice(pos, end)));
        return { rows, issues };
      }
    }
    pos = end + 1;
  }
  if (columns === undefined) issues.push(issue(file, undefined, 'bad-header', 'empty file: no header line'));
  return { rows, issues };
}

/** One data line: the columns before Path as fields, then the rest of the line as Path. */
function parseRow(text: string, start: number, end: number, line: number, columns: string[], file: string, issues: Issue[]): NetUnixRow | undefined {
  const row: NetUnixRow = { line, Num: '', RefCount: 0, Protocol: undefined, Flags: 0, Type: 0, St: 0, Inode: undefined, Path: undefined, extra: undefined };
  const fixed = columns[columns.length - 1] === 'Path' ? columns.length - 1 : columns.length;
  let i = start;
  for (let k = 0; k < fixed; k++) {
    while (i < end && text.charCodeAt(i) === 32) i++;
    if (i >= end) {
      if (k === 0) return undefined; // blank line
      issues.push(issue(file, line, 'short-line', `${k} fields, the header names ${fixed} before Path`, text.slice(start, end)));
      return undefined;
    }
    const s = i;
    while (i < end && text.charCodeAt(i) !== 32) i++;
    const name = columns[k]!;
    const set = COLUMNS[name] ?? setExtra(name);
    if (!set(row, text, s, i)) {
      issues.push(issue(file, line, 'bad-number', `column ${name} does not decode: "${text.slice(s, i)}"`, text.slice(start, end)));
      return undefined;
    }
  }
  // seq_putc(' ') then the name: everything after that one space, spaces included.
  if (fixed < columns.length && i + 1 < end) row.Path = text.slice(i + 1, end);
  return row;
}

/** An unknown column, kept in `extra` (hex, like every numeric column here but Inode). */
function setExtra(name: string): Setter {
  return (row, text, s, e) => {
    const value = parseHexCounter(text.slice(s, e));
    if (value !== undefined) (row.extra ??= {})[name] = value;
    return value !== undefined;
  };
}

function decimal(text: string, s: number, e: number): number {
  if (e <= s || e - s > 10) return -1;
  let value = 0;
  for (let i = s; i < e; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value <= 0xffffffff ? value : -1;
}
