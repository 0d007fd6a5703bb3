/**
 * /proc/net/protocols — one line per registered socket protocol (struct proto).
 *
 * Printed by net/core/sock.c proto_seq_show()/proto_seq_printf(); header (6.18):
 *   protocol  size sockets  memory press maxhdr  slab module     cl co di ac io in de sh ss gs se re bi br ha uh gp em
 * - size: obj_size (bytes); sockets: sockets in use in the reading namespace;
 * - memory: memory_allocated in PAGES (global), printed as -1 when the protocol does not
 *   account memory → `memory` undefined here;
 * - press: "yes"/"no", or "NI" (not implemented) when it has no memory_pressure flag;
 * - maxhdr: max_header (bytes); slab: "yes"/"no"; module: owner module or "kernel";
 * - the two-letter columns say whether a method is implemented ('y'/'n'): cl close,
 *   co connect, di disconnect, ac accept, io ioctl, in init, de destroy, sh shutdown,
 *   ss setsockopt, gs getsockopt, se sendmsg, re recvmsg, sp sendpage (dropped in 6.5),
 *   bi bind, br backlog_rcv, ha hash, uh unhash, gp get_port, em enter_memory_pressure.
 * Header-driven: the column set changes between kernels (the procfs fixture still has
 * "sp"). A y/n column is a method flag under its header name, known or not; another
 * unknown column with a decimal value goes to `extra`; anything else is an issue.
 */
import { issue, type Issue } from '../../../errors.js';
import type { ParseResult } from './parse-result.js';
import { parseCounter, parseSmallInt } from '../text/counter.js';
import { fields, forEachLine } from '../text/lines.js';
import { setCounter } from '../text/header-value-pairs.js';

export interface ProtocolsRow {
  readonly protocol: string;
  readonly size?: number;
  readonly sockets?: bigint;
  /** Pages; undefined when printed as -1 (not tracked) or the column is absent. */
  readonly memory?: bigint;
  /** As printed: "yes", "no" or "NI". */
  readonly press?: string;
  readonly maxhdr?: number;
  /** As printed: "yes" or "no". */
  readonly slab?: string;
  readonly module?: string;
  /** Method column (header name) → implemented. */
  readonly methods: Record<string, boolean>;
  /** Unknown numeric columns by header name. */
  readonly extra: Record<string, bigint>;
  readonly line: number;
}

type Mutable = { -readonly [K in keyof ProtocolsRow]: ProtocolsRow[K] };

const oneOf = (allowed: readonly string[]) => (v: string) => (allowed.includes(v) ? v : undefined);

// Known columns: field name in the row and how its text is read (undefined = not of that form).
const KNOWN: Record<string, { field: keyof Mutable; read: (v: string) => unknown; numeric: boolean }> = {
  size: { field: 'size', read: parseSmallInt, numeric: true },
  sockets: { field: 'sockets', read: parseCounter, numeric: true },
  memory: { field: 'memory', read: parseCounter, numeric: true },
  press: { field: 'press', read: oneOf(['yes', 'no', 'NI']), numeric: false },
  maxhdr: { field: 'maxhdr', read: parseSmallInt, numeric: true },
  slab: { field: 'slab', read: oneOf(['yes', 'no']), numeric: false },
  module: { field: 'module', read: (v) => v, numeric: false },
};

/** Stores one cell; returns false when its text is not of the column's form. */
function cell(row: Mutable, name: string, raw: string): boolean {
  const known = KNOWN[name];
  if (known !== undefined) {
    const value = known.read(raw);
    // proto_seq_printf prints memory_allocated as -1 for protocols that do not account it.
    if (value !== undefined && !(name === 'memory' && value === -1n)) (row as Record<string, unknown>)[known.field] = value;
    return value !== undefined;
  }
  if (raw === 'y' || raw === 'n') {
    row.methods[name] = raw === 'y';
    return true;
  }
  const n = parseCounter(raw);
  if (n !== undefined) setCounter(row.extra, name, n);
  return n !== undefined;
}

function parseRow(header: string[], tokens: string[], lineNumber: number, file: string, issues: Issue[]): ProtocolsRow {
  const row: Mutable = { protocol: tokens[0] as string, methods: {}, extra: {}, line: lineNumber };
  for (let i = 1; i < header.length; i++) {
    const name = header[i] as string;
    const raw = tokens[i] as string;
    if (cell(row, name, raw)) continue;
    const code = KNOWN[name]?.numeric === false ? 'unknown-format' : 'bad-number';
    issues.push(issue(file, lineNumber, code, `${row.protocol}: column ${name}: unexpected value ${raw}`));
  }
  return row;
}

export function parseNetProtocols(text: string, file: string): ParseResult<ProtocolsRow> {
  const rows: ProtocolsRow[] = [];
  const issues: Issue[] = [];
  let header: string[] | undefined;
  let broken = false;
  forEachLine(text, (line, lineNumber) => {
    const tokens = fields(line);
    if (tokens.length === 0 || broken) return;
    if (header === undefined) {
      // Without the header no column can be named: report once and read nothing.
      if (tokens[0] === 'protocol') header = tokens;
      else {
        broken = true;
        issues.push(issue(file, lineNumber, 'bad-header', 'first line is not the "protocol size sockets ..." header', line));
      }
      return;
    }
    if (tokens.length !== header.length) {
      const code = tokens.length < header.length ? 'short-line' : 'width-mismatch';
      issues.push(issue(file, lineNumber, code, `${tokens.length} fields, header has ${header.length}`, line));
      return;
    }
    rows.push(parseRow(header, tokens, lineNumber, file, issues));
  });
  return { rows, issues };
}
