/**
 * Text tables sized to their content, in two passes: measure every cell, then pad. Numbers
 * are right-aligned, text left-aligned, columns separated by one or more spaces; the last
 * column is not padded, and no line ends in spaces.
 */

export interface Column {
  readonly header: string;
  /** Default 'left'. */
  readonly align?: 'left' | 'right';
  /** Minimum width, e.g. to keep netstat's familiar layout for short content. */
  readonly minWidth?: number;
  /** Every cell is ASCII (numbers, addresses, kernel names): its width is its length, no scan. */
  readonly ascii?: boolean;
}

export interface TableOptions {
  /** Spaces between columns (default 1). */
  readonly gap?: number;
  /** Leave the header line out. */
  readonly noHeader?: boolean;
  /** Text before every line (e.g. indentation). */
  readonly indent?: string;
}

/** The lines of a table (no trailing newline). Rows shorter than the columns are padded with ''. */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[], options: TableOptions = {}): string[] {
  return renderRows(columns, rows.length, (r, i) => rows[r]![i] ?? '', options);
}

/**
 * The same, asking `cell(row, column)` for each cell twice — once to measure, once to print —
 * instead of holding every cell: for a 100k-socket listing, 600k cell strings held across
 * both passes cost more garbage-collector time than making them twice (short-lived strings
 * are nearly free to collect; long-lived ones are copied by every young-generation pass).
 * `cell` must give the same text both times.
 */
export function renderRows(columns: readonly Column[], rowCount: number, cell: (row: number, column: number) => string, options: TableOptions = {}): string[] {
  const gap = ' '.repeat(options.gap ?? 1);
  const indent = options.indent ?? '';
  const n = columns.length;
  const header = options.noHeader === true ? undefined : columns.map((c) => c.header);
  const widths = columns.map((c) => c.minWidth ?? 0);
  const ascii = columns.map((c) => c.ascii === true);
  const width = (text: string, i: number): number => (ascii[i] ? text.length : textWidth(text));
  const measure = (text: string, i: number): void => {
    const w = width(text, i);
    if (w > widths[i]!) widths[i] = w;
  };
  if (header !== undefined) header.forEach((h, i) => measure(h, i));
  for (let r = 0; r < rowCount; r++) for (let i = 0; i < n; i++) measure(cell(r, i), i);
  const right = columns.map((c) => c.align === 'right');
  const parts: string[] = [];
  const line = (text: (i: number) => string): string => {
    parts.length = 0;
    parts.push(indent);
    let pending = ''; // spaces owed before the next non-empty text: so no line ends in spaces
    for (let i = 0; i < n; i++) {
      const t = text(i);
      const fill = widths[i]! - width(t, i);
      if (i > 0) pending += gap;
      if (right[i]) pending += spaces(fill);
      if (t !== '') {
        parts.push(pending, t);
        pending = '';
      }
      if (!right[i] && i < n - 1) pending += spaces(fill);
    }
    return parts.join(''); // one flat string per line, not a chain of concatenations
  };
  const lines: string[] = [];
  if (header !== undefined) lines.push(line((i) => header[i]!));
  for (let r = 0; r < rowCount; r++) lines.push(line((i) => cell(r, i)));
  return lines;
}

const SPACES = ' '.repeat(256);

function spaces(count: number): string {
  return count <= 0 ? '' : count <= SPACES.length ? SPACES.slice(0, count) : ' '.repeat(count);
}

const SURROGATE = /[\uD800-\uDBFF]/;

/** Display width: code points (kernel names and addresses are ASCII; paths may not be). */
function textWidth(text: string): number {
  if (!SURROGATE.test(text)) return text.length;
  let n = 0;
  for (const _ of text) n++;
  return n;
}
