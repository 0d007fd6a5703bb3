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
  const gap = ' '.repeat(options.gap ?? 1);
  const indent = options.indent ?? '';
  const all = options.noHeader === true ? rows : [columns.map((c) => c.header), ...rows];
  const widths = columns.map((c, i) => Math.max(c.minWidth ?? 0, ...all.map((r) => textWidth(r[i] ?? ''))));
  return all.map((row) => indent + columns.map((c, i) => pad(row[i] ?? '', widths[i]!, c.align ?? 'left', i === columns.length - 1)).join(gap).trimEnd());
}

function pad(text: string, width: number, align: 'left' | 'right', lastColumn: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - textWidth(text)));
  if (align === 'right') return fill + text;
  return lastColumn ? text : text + fill;
}

/** Display width: code points (kernel names and addresses are ASCII; paths may not be). */
function textWidth(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
