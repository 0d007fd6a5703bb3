/**
 * XDR (RFC 4506) decoding over a Uint8Array, in the js-xdr manner: one checked
 * `advance(n)` refuses to read past the end and checks that padding bytes are zero, so
 * every primitive gets both checks; a declared length is checked against its maximum
 * and against the bytes left BEFORE anything is allocated; hypers are bigint.
 *
 * Every failure throws `XdrError` (KstatError code E_PARSE) naming the absolute byte
 * offset of the offending item. Pure: no I/O, no timers.
 */
import { XDR_LIMITS, XDR_UNIT, XdrError, padding } from './types.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** Short ASCII strings (addresses, names, states) skip TextDecoder, which is slow per call. */
const ASCII_FAST_MAX = 64;
/**
 * Strings up to this long are interned per reader: the same address, state or name in
 * 100k records is one string, found by a hash of its bytes and checked byte by byte, not
 * 100k strings built char by char.
 */
const INTERN_MAX = 40;
const INTERN_SLOTS = 1024; // a power of two
/** 0n .. 1023n: hypers that are small (a zero timer, a count) reuse one BigInt each. */
const SMALL_BIGINTS: readonly bigint[] = Array.from({ length: 1024 }, (_, i) => BigInt(i));

/** The ASCII text of `n` bytes, or undefined when one is not ASCII. */
function asciiText(bytes: Uint8Array, start: number, n: number): string | undefined {
  if (n <= 16) {
    let s = '';
    for (let i = start; i < start + n; i++) {
      const b = bytes[i] as number;
      if (b >= 0x80) return undefined;
      s += String.fromCharCode(b);
    }
    return s;
  }
  for (let i = start; i < start + n; i++) if ((bytes[i] as number) >= 0x80) return undefined;
  return String.fromCharCode.apply(null, bytes.subarray(start, start + n) as unknown as number[]);
}

export interface XdrReaderOptions {
  /**
   * Variable-length opaque data is returned as views of the input, not copies: for an
   * input the caller owns and never changes (a reply record the RPC client assembled),
   * so a 20 MB RAW kstat is not copied once more.
   */
  readonly opaqueViews?: boolean;
}

export class XdrReader {
  /** @internal The input (compiled record decoders in records-xdr.ts read it directly). */
  readonly bytes: Uint8Array;
  /** @internal A view of `bytes`. */
  readonly view: DataView;
  private readonly base: number;
  /**
   * @internal The next byte to read. Compiled record decoders (records-xdr.ts) read
   * fixed-size items through `view` at this position and move it, and call the checked
   * methods with it in place for anything else, and whenever a check fails (so every
   * error is the checked method's own).
   */
  pos = 0;
  /** Interned short ASCII strings by hash slot (allocated on the first one). */
  private interned: (string | undefined)[] | undefined;

  /** `opaque<>` gives views of the input rather than copies (see XdrReaderOptions). */
  private readonly opaqueViews: boolean;

  /**
   * @param base absolute offset of `bytes[0]` in the enclosing input, so errors name the
   *   byte of the whole file rather than of the slice being decoded.
   */
  constructor(bytes: Uint8Array, base = 0, options: XdrReaderOptions = {}) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.base = base;
    this.opaqueViews = options.opaqueViews === true;
  }

  /** Absolute offset of the next byte to read. */
  get offset(): number {
    return this.base + this.pos;
  }

  get remaining(): number {
    return this.bytes.byteLength - this.pos;
  }

  /** Throws an XdrError located at `at` (absolute; default: the current offset). */
  fail(reason: ConstructorParameters<typeof XdrError>[0], message: string, at = this.offset): never {
    throw new XdrError(reason, at, message);
  }

  /**
   * The one checked step: `n` data bytes plus their padding must be inside the input,
   * and the padding must be zero (RFC 4506 §3: "the residual bytes are zero"). Returns
   * the position of the first data byte.
   */
  private advance(n: number, what: string): number {
    const pad = padding(n);
    if (n + pad > this.remaining) {
      this.fail('truncated', `${what} needs ${n + pad} bytes, ${this.remaining} left`);
    }
    const start = this.pos;
    for (let i = start + n; i < start + n + pad; i++) {
      if (this.bytes[i] !== 0) this.fail('padding', `non-zero padding after ${what}`, this.base + i);
    }
    this.pos = start + n + pad;
    return start;
  }

  /** Fixed-size items need no padding: a bounds check alone (the hot path of every decode). */
  private fixed(n: 4 | 8, what: string): number {
    const at = this.pos;
    if (this.bytes.byteLength - at < n) this.fail('truncated', `${what} needs ${n} bytes, ${this.remaining} left`);
    this.pos = at + n;
    return at;
  }

  int(): number {
    return this.view.getInt32(this.fixed(4, 'int'));
  }

  uint(): number {
    return this.view.getUint32(this.fixed(4, 'unsigned int'));
  }

  hyper(): bigint {
    const at = this.fixed(8, 'hyper');
    if (this.view.getUint32(at) === 0) {
      const low = this.view.getUint32(at + 4);
      if (low < SMALL_BIGINTS.length) return SMALL_BIGINTS[low] as bigint;
    }
    return this.view.getBigInt64(at);
  }

  uhyper(): bigint {
    const at = this.fixed(8, 'unsigned hyper');
    if (this.view.getUint32(at) === 0) {
      const low = this.view.getUint32(at + 4);
      if (low < SMALL_BIGINTS.length) return SMALL_BIGINTS[low] as bigint;
    }
    return this.view.getBigUint64(at);
  }

  /** RFC 4506 §4.4: bool is an enum of FALSE (0) and TRUE (1); anything else is refused. */
  bool(): boolean {
    const at = this.offset;
    const v = this.uint();
    if (v > 1) this.fail('value', `bool must be 0 or 1, got ${v}`, at);
    return v === 1;
  }

  /** An enum value, refused unless it is one of `known`. */
  enumValue(known: ReadonlySet<number>, what: string): number {
    const at = this.offset;
    const v = this.int();
    if (!known.has(v)) this.fail('value', `unknown ${what} ${v}`, at);
    return v;
  }

  /** Fixed-length opaque[n] (a view into the input, not a copy). */
  fixedOpaque(n: number): Uint8Array {
    const start = this.advance(n, `opaque[${n}]`);
    return this.bytes.subarray(start, start + n);
  }

  /** Variable-length opaque<max>: a copy, so it outlives the input buffer (unless `opaqueViews`). */
  opaque(max: number = XDR_LIMITS.opaque): Uint8Array {
    const n = this.declaredLength(max, 1, 'opaque');
    const start = this.advance(n, `opaque<${max}>`);
    return this.opaqueViews ? this.bytes.subarray(start, start + n) : this.bytes.slice(start, start + n);
  }

  /** string<max>: UTF-8 (RFC 4506 says ASCII; we carry UTF-8 and refuse invalid sequences). */
  string(max: number = XDR_LIMITS.string): string {
    // Fast path: a short, whole, zero-padded ASCII string (interned). Anything else, or
    // any check failing, takes the checked path below from the same position.
    const at0 = this.pos;
    const bytes = this.bytes;
    if (bytes.byteLength - at0 >= 4) {
      const n = this.view.getUint32(at0);
      const end = at0 + 4 + ((n + 3) & ~3);
      if (n <= INTERN_MAX && n <= max && end <= bytes.byteLength) {
        let i = at0 + 4 + n;
        while (i < end && bytes[i] === 0) i++;
        if (i === end) {
          const s = this.internedAscii(at0 + 4, n);
          if (s !== undefined) {
            this.pos = end;
            return s;
          }
        }
      }
    }
    return this.checkedString(max);
  }

  private checkedString(max: number): string {
    const at = this.offset;
    const n = this.declaredLength(max, 1, 'string');
    const start = this.advance(n, `string<${max}>`);
    const ascii = n <= INTERN_MAX ? this.internedAscii(start, n) : n <= ASCII_FAST_MAX ? asciiText(this.bytes, start, n) : undefined;
    if (ascii !== undefined) return ascii;
    try {
      return utf8.decode(this.bytes.subarray(start, start + n));
    } catch {
      return this.fail('value', 'string is not valid UTF-8', at);
    }
  }

  /** The interned string of `n` ASCII bytes at `start`; undefined when one is not ASCII. */
  private internedAscii(start: number, n: number): string | undefined {
    const bytes = this.bytes;
    const end = start + n;
    let h = n;
    for (let i = start; i < end; i++) {
      const b = bytes[i] as number;
      if (b >= 0x80) return undefined;
      h = Math.imul(h ^ b, 0x01000193);
    }
    const table = (this.interned ??= new Array<string | undefined>(INTERN_SLOTS).fill(undefined));
    const slot = (h ^ (h >>> 15)) & (INTERN_SLOTS - 1);
    const known = table[slot];
    if (known !== undefined && known.length === n) {
      let i = 0;
      while (i < n && known.charCodeAt(i) === bytes[start + i]) i++;
      if (i === n) return known;
    }
    const made = asciiText(bytes, start, n) as string;
    table[slot] = made;
    return made;
  }

  /**
   * Variable-length array<max>. The declared count is checked against `max` and against
   * the bytes left (every element takes at least `minItemBytes`) before reading items.
   */
  array<T>(max: number, item: (r: XdrReader) => T, minItemBytes: number = XDR_UNIT): T[] {
    const n = this.declaredLength(max, minItemBytes, 'array');
    const out = new Array<T>(n);
    for (let i = 0; i < n; i++) out[i] = item(this);
    return out;
  }

  /** Optional-data *T (RFC 4506 §4.19): a bool, then the value when TRUE. */
  optional<T>(item: (r: XdrReader) => T): T | undefined {
    return this.bool() ? item(this) : undefined;
  }

  /** Requires that every byte was consumed. */
  end(what = 'input'): void {
    if (this.remaining !== 0) this.fail('trailing', `${this.remaining} unexpected bytes after the end of ${what}`);
  }

  private declaredLength(max: number, minItemBytes: number, what: string): number {
    const at = this.offset;
    const n = this.uint();
    if (n > max) this.fail('limit', `${what} length ${n} exceeds the maximum ${max}`, at);
    if (n * minItemBytes > this.remaining) {
      this.fail('truncated', `${what} declares ${n} items of at least ${minItemBytes} bytes, ${this.remaining} bytes left`, at);
    }
    return n;
  }
}
