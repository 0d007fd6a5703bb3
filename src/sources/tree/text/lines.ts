/**
 * Line and field splitting for kernel text files, without building an array of all
 * lines first (a 100k-socket /proc/net/tcp is ~15 MB).
 */

/** Calls `each(line, lineNumber)` for every non-empty line; lineNumber is 1-based. */
export function forEachLine(text: string, each: (line: string, lineNumber: number) => void): void {
  let start = 0;
  let lineNumber = 0;
  const length = text.length;
  while (start < length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = length;
    lineNumber++;
    if (end > start) each(text.slice(start, end), lineNumber);
    start = end + 1;
  }
}

/** Splits on runs of spaces and tabs, dropping empty fields at either end. */
export function fields(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && line.charCodeAt(i) !== 32 && line.charCodeAt(i) !== 9) i++;
    out.push(line.slice(start, i));
  }
  return out;
}
