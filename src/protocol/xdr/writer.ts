/**
 * XDR (RFC 4506) encoding into a growing buffer. Each writer owns its buffer (no shared
 * module-level writer: encoders stay re-entrant). Values that do not fit their XDR type,
 * and lengths above the maximum the reader would accept, are refused with KstatError
 * code E_ARGUMENT: we never write what we could not read back. Pure: no I/O, no timers.
 */
import { KstatError } from '../../errors.js';
import { HYPER_MAX, HYPER_MIN, INT32_MAX, INT32_MIN, UHYPER_MAX, UINT32_MAX, XDR_LIMITS, padding } from './types.js';

const utf8 = new TextEncoder();
const INITIAL_CAPACITY = 256;
/** Short ASCII strings are written directly: TextEncoder is slow per call. */
const ASCII_FAST_MAX = 64;

function refuse(message: string): never {
  throw new KstatError('E_ARGUMENT', `xdr encode: ${message}`);
}

export interface XdrWriterOptions {
  /**
   * Opaque data of at least this many bytes is not copied: the writer keeps a reference to
   * it, and `chunks()` gives the encoding as pieces in order (a large reply goes to the
   * socket without being copied into a second buffer). The caller must not change such
   * data until the pieces are written out. Default: every byte is copied.
   */
  readonly spliceFrom?: number;
}

/**
 * Invariant: every byte at or past `pos` is zero (new buffers are, and whatever drops
 * written bytes zeroes them), so padding and unwritten optional arms need no writes.
 */
export class XdrWriter {
  private buf: Uint8Array;
  private readonly spliceFrom: number;
  /** Pieces finished before the buffer's current segment (only when something was spliced). */
  private pieces: Uint8Array[] = [];
  private piecesBytes = 0;
  /** Where the buffer's current segment starts (0 until something is spliced). */
  private segment = 0;
  /** @internal A view of the buffer; replaced when `reserve` grows it. */
  view: DataView;
  /**
   * @internal The next byte of the buffer to write. A compiled record encoder
   * (records-xdr.ts) reserves room for a run of items, writes them through `view`, then
   * sets `pos` back to where it stopped (never past the reserve; bytes past `pos` are
   * always zero).
   */
  pos = 0;

  constructor(initialCapacity = INITIAL_CAPACITY, options: XdrWriterOptions = {}) {
    this.buf = new Uint8Array(Math.max(16, initialCapacity));
    this.view = new DataView(this.buf.buffer);
    this.spliceFrom = options.spliceFrom ?? Infinity;
  }

  /** Bytes of the encoding so far. */
  get length(): number {
    return this.piecesBytes + this.pos - this.segment;
  }

  /** The bytes written so far (a copy: the writer may be reused). */
  toBytes(): Uint8Array {
    return this.pieces.length === 0 ? this.buf.slice(0, this.pos) : join(this.chunks(), this.length);
  }

  /** The encoding as pieces, in order: views of the buffer and the spliced opaque data (none empty, unless all is). */
  chunks(): Uint8Array[] {
    const tail = this.buf.subarray(this.segment, this.pos);
    return tail.byteLength > 0 || this.pieces.length === 0 ? [...this.pieces, tail] : [...this.pieces];
  }

  /**
   * The bytes written so far, for a writer that is finished with: a view of its buffer
   * when they fill at least half of it (a large encoding is not copied once more), else a
   * copy (a small result does not hold on to a large buffer). The writer starts again
   * empty, on a new buffer.
   */
  take(): Uint8Array {
    const out = this.pieces.length > 0 ? this.toBytes() : this.pos * 2 >= this.buf.byteLength ? this.buf.subarray(0, this.pos) : this.buf.slice(0, this.pos);
    this.pieces = [];
    this.piecesBytes = 0;
    this.segment = 0;
    this.buf = new Uint8Array(16);
    this.view = new DataView(this.buf.buffer);
    this.pos = 0;
    return out;
  }

  /**
   * Drops everything written after `length` (an encoder that found, part-way, that it must
   * start a value again another way). The dropped area is zeroed, as new space always is.
   */
  rewind(length: number): void {
    if (!Number.isInteger(length) || length < this.segment || length > this.pos) refuse(`rewind to ${length} of ${this.pos} bytes`);
    this.buf.fill(0, length, this.pos);
    this.pos = length;
  }

  /**
   * @internal Room for `n` more bytes, growing by doubling (amortised O(1) per byte);
   * returns where they start and moves `pos` past them.
   */
  reserve(n: number): number {
    const need = this.pos + n;
    if (need > this.buf.byteLength) {
      let cap = this.buf.byteLength * 2;
      while (cap < need) cap *= 2;
      const next = new Uint8Array(cap);
      next.set(this.buf.subarray(0, this.pos));
      this.buf = next;
      this.view = new DataView(next.buffer);
    }
    const at = this.pos;
    this.pos = need;
    return at;
  }

  int(v: number): this {
    if (!Number.isInteger(v) || v < INT32_MIN || v > INT32_MAX) refuse(`int out of range: ${v}`);
    const at = this.reserve(4); // first: reserve() may replace this.view
    this.view.setInt32(at, v);
    return this;
  }

  uint(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > UINT32_MAX) refuse(`unsigned int out of range: ${v}`);
    const at = this.reserve(4);
    this.view.setUint32(at, v);
    return this;
  }

  hyper(v: bigint): this {
    if (typeof v !== 'bigint' || v < HYPER_MIN || v > HYPER_MAX) refuse(`hyper out of range: ${String(v)}`);
    const at = this.reserve(8);
    this.view.setBigInt64(at, v);
    return this;
  }

  uhyper(v: bigint): this {
    if (typeof v !== 'bigint' || v < 0n || v > UHYPER_MAX) refuse(`unsigned hyper out of range: ${String(v)}`);
    const at = this.reserve(8);
    this.view.setBigUint64(at, v);
    return this;
  }

  bool(v: boolean): this {
    if (typeof v !== 'boolean') refuse(`bool expected, got ${typeof v}`);
    return this.uint(v ? 1 : 0);
  }

  /** Fixed-length opaque[n]: exactly `n` bytes, then zero padding. */
  fixedOpaque(bytes: Uint8Array, n: number): this {
    if (bytes.byteLength !== n) refuse(`opaque[${n}] given ${bytes.byteLength} bytes`);
    return this.raw(bytes);
  }

  opaque(bytes: Uint8Array, max: number = XDR_LIMITS.opaque): this {
    if (!(bytes instanceof Uint8Array)) refuse('opaque expects a Uint8Array');
    if (bytes.byteLength > max) refuse(`opaque of ${bytes.byteLength} bytes exceeds the maximum ${max}`);
    this.uint(bytes.byteLength);
    return this.raw(bytes);
  }

  string(s: string, max: number = XDR_LIMITS.string): this {
    if (typeof s !== 'string') refuse(`string expected, got ${typeof s}`);
    if (s.length <= ASCII_FAST_MAX && this.asciiString(s, max)) return this;
    const bytes = utf8.encode(s);
    if (bytes.byteLength > max) refuse(`string of ${bytes.byteLength} bytes exceeds the maximum ${max}`);
    this.uint(bytes.byteLength);
    return this.raw(bytes);
  }

  array<T>(items: readonly T[], max: number, item: (w: XdrWriter, value: T) => void): this {
    if (!Array.isArray(items)) refuse('array expected');
    if (items.length > max) refuse(`array of ${items.length} items exceeds the maximum ${max}`);
    this.uint(items.length);
    for (const v of items) item(this, v);
    return this;
  }

  /** Optional-data *T: FALSE for undefined, else TRUE and the value. */
  optional<T>(value: T | undefined, item: (w: XdrWriter, value: T) => void): this {
    this.bool(value !== undefined);
    if (value !== undefined) item(this, value);
    return this;
  }

  /**
   * Writes `s` when it is ASCII (one byte per char), in one pass: length, chars, and the
   * padding, which is already zero (space past `pos` always is). False, having written
   * nothing, when a char is not ASCII.
   */
  private asciiString(s: string, max: number): boolean {
    const n = s.length;
    const at = this.reserve(4 + n + padding(n));
    const buf = this.buf;
    let i = 0;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      buf[at + 4 + i++] = c;
    }
    if (i < n) {
      buf.fill(0, at, at + 4 + i);
      this.pos = at;
      return false;
    }
    if (n > max) {
      buf.fill(0, at, this.pos);
      this.pos = at;
      refuse(`string of ${n} bytes exceeds the maximum ${max}`);
    }
    this.view.setUint32(at, n);
    return true;
  }

  /** Bytes then zero padding to the 4-byte unit (the new buffer area is already zero). */
  private raw(bytes: Uint8Array): this {
    if (bytes.byteLength >= this.spliceFrom) return this.splice(bytes);
    const at = this.reserve(bytes.byteLength + padding(bytes.byteLength));
    this.buf.set(bytes, at);
    this.buf.fill(0, at + bytes.byteLength, this.pos);
    return this;
  }

  /** Keeps `bytes` by reference as the next piece; its padding starts the next segment. */
  private splice(bytes: Uint8Array): this {
    if (this.pos > this.segment) {
      this.pieces.push(this.buf.subarray(this.segment, this.pos));
      this.piecesBytes += this.pos - this.segment;
    }
    this.pieces.push(bytes);
    this.piecesBytes += bytes.byteLength;
    this.segment = this.pos;
    this.reserve(padding(bytes.byteLength)); // zero bytes
    return this;
  }
}

function join(pieces: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
