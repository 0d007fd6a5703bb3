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

export class XdrWriter {
  private buf: Uint8Array;
  private view: DataView;
  private pos = 0;

  constructor(initialCapacity = INITIAL_CAPACITY) {
    this.buf = new Uint8Array(Math.max(16, initialCapacity));
    this.view = new DataView(this.buf.buffer);
  }

  get length(): number {
    return this.pos;
  }

  /** The bytes written so far (a copy: the writer may be reused). */
  toBytes(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }

  /** Room for `n` more bytes, growing by doubling (amortised O(1) per byte). */
  private reserve(n: number): number {
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

  /** Writes `s` when it is ASCII (one byte per char); false, writing nothing, otherwise. */
  private asciiString(s: string, max: number): boolean {
    for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
    if (s.length > max) refuse(`string of ${s.length} bytes exceeds the maximum ${max}`);
    this.uint(s.length);
    const at = this.reserve(s.length + padding(s.length));
    for (let i = 0; i < s.length; i++) this.buf[at + i] = s.charCodeAt(i);
    this.buf.fill(0, at + s.length, this.pos);
    return true;
  }

  /** Bytes then zero padding to the 4-byte unit (the new buffer area is already zero). */
  private raw(bytes: Uint8Array): this {
    const at = this.reserve(bytes.byteLength + padding(bytes.byteLength));
    this.buf.set(bytes, at);
    this.buf.fill(0, at + bytes.byteLength, this.pos);
    return this;
  }
}
