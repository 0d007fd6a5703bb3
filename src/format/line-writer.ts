/**
 * Text lines written as bytes into chunks that go to `sink` as they fill: how a listing of
 * 100k sockets is printed. Building a string per line costs more than reading the kernel
 * (V8 concatenates, flattens and collects each one); writing bytes once does not.
 *
 * Columns are display columns: ASCII text counts its length, other text its code points
 * (addresses, numbers and kernel names are ASCII; service, user and command names read
 * from files may not be). Padding is owed rather than written until more text follows on
 * the line, so no line ends in spaces.
 */
const NEWLINE = 10;
const SPACE = 32;
const ZERO = 48;
const CHUNK_BYTES = 64 * 1024;

export class LineWriter {
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  /** Bytes [start, at) of the chunk are written and not yet handed to the sink. */
  private start = 0;
  private at = 0;
  /** Display width written on the current line, and spaces owed before the next text. */
  private written = 0;
  private owed = 0;

  /** `sink` gets what is written, a chunk at a time (and the rest on flush); it may keep it. */
  constructor(private readonly sink: (bytes: Uint8Array) => void) {}

  /** The column the next text starts at (owed spaces included). */
  get column(): number {
    return this.written + this.owed;
  }

  text(text: string): this {
    this.room(this.owed + text.length * 3);
    this.payOwed();
    const chunk = this.chunk;
    let at = this.at;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) {
        // Not ASCII: the rest as UTF-8, its width in code points.
        const rest = text.slice(i);
        this.at = at + chunk.write(rest, at, 'utf8');
        this.written += i + codePoints(rest);
        return this;
      }
      chunk[at++] = code;
    }
    this.at = at;
    this.written += text.length;
    return this;
  }

  /** A non-negative integer in decimal. */
  uint(n: number): this {
    if (n < 0 || !Number.isSafeInteger(n)) return this.text(String(n));
    const digits = digitCount(n);
    this.room(this.owed + digits);
    this.payOwed();
    const chunk = this.chunk;
    let i = (this.at += digits);
    // 32-bit division while it fits (queues, ports, uids): several times cheaper than Math.floor on doubles.
    for (; n > 0x7fffffff; n = Math.floor(n / 10)) chunk[--i] = ZERO + (n % 10);
    do {
      const next = (n / 10) | 0;
      chunk[--i] = ZERO + n - next * 10;
      n = next;
    } while (n > 0);
    this.written += digits;
    return this;
  }

  /** Spaces before the next text. */
  space(count = 1): this {
    this.owed += count;
    return this;
  }

  /** Spaces up to column `to` (none when the line is already there). */
  padTo(to: number): this {
    if (this.column < to) this.owed = to - this.written;
    return this;
  }

  /** `text` left-aligned in `width` columns; longer text pushes the rest of the line right. */
  left(text: string, width: number): this {
    const start = this.column;
    return this.text(text).padTo(start + width);
  }

  /** `text` right-aligned in `width` columns (`text` ASCII, as numbers are). */
  right(text: string, width: number): this {
    return this.space(Math.max(0, width - text.length)).text(text);
  }

  /** A non-negative integer right-aligned in `width` columns. */
  rightUint(n: number, width: number): this {
    if (n < 0 || !Number.isSafeInteger(n)) return this.right(String(n), width);
    return this.space(Math.max(0, width - digitCount(n))).uint(n);
  }

  endLine(): this {
    this.room(1);
    this.chunk[this.at++] = NEWLINE;
    this.written = 0;
    this.owed = 0;
    return this;
  }

  /**
   * Hand what is written so far to the sink. The sink may keep those bytes, so they are
   * never written again; the rest of the chunk takes the next lines (a streaming listing
   * flushes every few hundred rows: a new buffer each time would be most of its garbage).
   */
  flush(): void {
    if (this.at === this.start) return;
    this.sink(this.chunk.subarray(this.start, this.at));
    this.start = this.at;
  }

  private payOwed(): void {
    const chunk = this.chunk;
    const end = this.at + this.owed;
    // A loop, not Buffer.fill: the spaces are a few at a time, and fill's checks cost more.
    for (let i = this.at; i < end; i++) chunk[i] = SPACE;
    this.at = end;
    this.written += this.owed;
    this.owed = 0;
  }

  /** Make room for `bytes` more: flush, then a new chunk (a piece larger than a chunk gets its own). */
  private room(bytes: number): void {
    if (this.at + bytes <= this.chunk.length) return;
    this.flush();
    this.chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, bytes));
    this.start = this.at = 0;
  }
}

/** The lines a writer produces, as strings (no trailing newline): for callers that want a list. */
export function writtenLines(write: (out: LineWriter) => void): string[] {
  const chunks: Uint8Array[] = [];
  const out = new LineWriter((bytes) => chunks.push(bytes));
  write(out);
  out.flush();
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return [];
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}

function digitCount(n: number): number {
  if (n < 100_000) return n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10_000 ? 4 : 5;
  let digits = 5;
  for (let x = Math.floor(n / 100_000); x > 0; x = Math.floor(x / 10)) digits++;
  return digits;
}

function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
