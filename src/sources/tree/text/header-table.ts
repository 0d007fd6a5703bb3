/**
 * What every header-driven procfs table shares: the first line names the columns, each
 * later line is one row decoded against them by column name. A header without the columns
 * the table cannot do without gives one `bad-header` issue and no rows. A row whose field
 * count differs from the header's, or with a value its column cannot read, becomes an issue
 * naming the file and line, and the other rows are kept. A column the table does not know
 * is kept as printed under its header name in the row's `extra`.
 */
import { issue, type Issue, type IssueCode } from '../../../errors.js';
import type { ParseResult } from '../procfs/parse-result.js';
import { fields, forEachLine } from './lines.js';

export interface HeaderColumn {
  /** The row's key for the column (default: its header name). */
  readonly key?: string;
  /** The printed text → its value; undefined when the text is not a value of the column. */
  readonly parse: (text: string) => string | number | bigint | undefined;
  /** What a value looks like, for the issue of one that does not ("0x-prefixed hex"). */
  readonly expected?: string;
}

export interface HeaderTable {
  /** Known columns by header name. */
  readonly columns: Readonly<Record<string, HeaderColumn>>;
  /** Columns without which no row can be read. */
  readonly required: readonly string[];
  /** Column names of the header line (default: its whitespace-separated words). */
  readonly header?: (line: string) => string[];
  /** Fields of a row before they are matched to the header (default: unchanged). */
  readonly adjust?: (header: readonly string[], values: string[]) => string[];
}

type LineProblem = { readonly code: IssueCode; readonly message: string };

/** Rows as { line, <key>: value …, extra? }: the caller's row type. */
export function parseHeaderTable<Row>(text: string, file: string, table: HeaderTable): ParseResult<Row> {
  const rows: Row[] = [];
  const issues: Issue[] = [];
  let header: string[] | undefined;
  let usable = true;
  forEachLine(text, (line, lineNo) => {
    if (header === undefined) {
      header = (table.header ?? fields)(line);
      const missing = table.required.filter((name) => !header!.includes(name));
      if (missing.length > 0) {
        usable = false;
        issues.push(issue(file, lineNo, 'bad-header', `header lacks ${missing.join(', ')}`, line));
      }
      return;
    }
    if (!usable) return;
    const values = fields(line);
    const row = decodeRow(table, header, table.adjust === undefined ? values : table.adjust(header, values), lineNo);
    if ('problem' in row) issues.push(issue(file, lineNo, row.problem.code, row.problem.message, line));
    else rows.push(row.row as Row);
  });
  if (header === undefined && text.length > 0) issues.push(issue(file, 1, 'bad-header', 'no header line'));
  return { rows, issues };
}

function decodeRow(table: HeaderTable, header: readonly string[], values: readonly string[], line: number): { row: object } | { problem: LineProblem } {
  if (values.length !== header.length) {
    const code = values.length < header.length ? 'short-line' : 'width-mismatch';
    return { problem: { code, message: `${values.length} fields, the header has ${header.length}` } };
  }
  const row: Record<string, unknown> = { line };
  let extra: Record<string, string> | undefined;
  for (let i = 0; i < header.length; i++) {
    const name = header[i]!;
    const text = values[i]!;
    const column = Object.hasOwn(table.columns, name) ? table.columns[name] : undefined;
    if (column === undefined) {
      // defineProperty: a column named like an Object.prototype member stays a plain entry.
      Object.defineProperty((extra ??= {}), name, { value: text, enumerable: true, writable: true, configurable: true });
      continue;
    }
    const value = column.parse(text);
    if (value === undefined) return { problem: { code: 'bad-number', message: `${name} is not ${column.expected ?? 'a valid value'}: ${JSON.stringify(text)}` } };
    row[column.key ?? name] = value;
  }
  if (extra !== undefined) row.extra = extra;
  return { row };
}
