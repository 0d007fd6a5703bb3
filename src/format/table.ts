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
  // A socket listing is 100k rows: loops, not spreads (a spread of 100k arguments is slow and
  // can overflow the stack), and widths measured once per cell.
  const n = columns.length;
  const widths = columns.map((c) => c.minWidth ?? 0);
  for (const row of all) {
    for (let i = 0; i < n; i++) {
      const w = textWidth(row[i] ?? '');
      if (w > widths[i]!) widths[i] = w;
    }
  }
  const right = columns.map((c) => c.align === 'right');
  const lines = new Array<string>(all.length);
  for (let r = 0; r < all.length; r++) {
    const row = all[r]!;
    let line = indent;
    let pending = ''; // spaces owed before the next non-empty text: so no line ends in spaces
    for (let i = 0; i < n; i++) {
      const text = row[i] ?? '';
      const fill = widths[i]! - textWidth(text);
      if (i > 0) pending += gap;
      if (right[i]) pending += spaces(fill);
      if (text !== '') {
        line += pending + text;
        pending = '';
      }
      if (!right[i] && i < n - 1) pending += spaces(fill);
    }
    lines[r] = line;
  }
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
