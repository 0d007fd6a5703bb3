/**
 * Independent byte builders for wire tests (pg-protocol's BufferList idea): expected XDR
 * bytes are built here by plain arithmetic, never with src/protocol's writer, so a codec
 * is never checked against itself.
 */

/** Bytes from hex text; spaces, newlines and `|` separators are ignored. */
export function hex(text: string): Uint8Array {
  const clean = text.replace(/[\s|]/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new Error(`bad hex: ${text}`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Big-endian bytes of a non-negative bigint in `width` bytes (two's complement for negatives). */
function be(value: bigint, width: number): number[] {
  let v = value < 0n ? (1n << BigInt(8 * width)) + value : value;
  const out: number[] = [];
  for (let i = 0; i < width; i++) {
    out.unshift(Number(v & 0xffn));
    v >>= 8n;
  }
  return out;
}

/** A byte sequence built item by item, XDR-style (4-byte units, zero padding). */
export class Bytes {
  private readonly parts: number[] = [];

  /** 32-bit big-endian, signed or unsigned (two's complement). */
  u32(n: number): this {
    this.parts.push(...be(BigInt(n), 4));
    return this;
  }

  i32(n: number): this {
    return this.u32(n);
  }

  u64(n: bigint): this {
    this.parts.push(...be(n, 8));
    return this;
  }

  i64(n: bigint): this {
    return this.u64(n);
  }

  bool(b: boolean): this {
    return this.u32(b ? 1 : 0);
  }

  /** Raw bytes, no length, no padding. */
  raw(bytes: Uint8Array | number[]): this {
    this.parts.push(...bytes);
    return this;
  }

  /** Bytes then zero fill to a multiple of four. */
  padded(bytes: Uint8Array | number[]): this {
    this.raw(bytes);
    for (let i = bytes.length; i % 4 !== 0; i++) this.parts.push(0);
    return this;
  }

  /** Variable-length opaque: length, bytes, fill. */
  opaque(bytes: Uint8Array | number[]): this {
    return this.u32(bytes.length).padded(bytes);
  }

  /** XDR string: UTF-8 length, bytes, fill. */
  str(s: string): this {
    return this.opaque(Buffer.from(s, 'utf8'));
  }

  /** Optional-data: FALSE, or TRUE followed by what `then` appends. */
  optional(present: boolean, then?: (b: this) => void): this {
    this.bool(present);
    if (present && then) then(this);
    return this;
  }

  get length(): number {
    return this.parts.length;
  }

  build(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/** CRC-32 (zlib), bit by bit: a second implementation to check the table-driven one. */
export function crc32Bitwise(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A small deterministic PRNG (mulberry32) so fuzz failures can be replayed from the seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
