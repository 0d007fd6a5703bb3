/**
 * XDR (RFC 4506) basics shared by the reader and the writer: the 4-byte unit, the
 * ranges of the integer types, the decode error, and the maxima every variable-length
 * item is checked against before anything is allocated.
 *
 * Pure: no I/O, no timers. Everything here works on Uint8Array.
 */
import { KstatError } from '../../errors.js';

/** RFC 4506 §3: every item occupies a multiple of four bytes; padding is zero. */
export const XDR_UNIT = 4;

export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;
export const UINT32_MAX = 4294967295;
export const HYPER_MIN = -(2n ** 63n);
export const HYPER_MAX = 2n ** 63n - 1n;
export const UHYPER_MAX = 2n ** 64n - 1n;

/**
 * Default maxima (documented in docs/snapshot-format.md). Every `string<>`, `opaque<>`
 * and array without a tighter bound in its `.x` type is checked against one of these.
 * A declared length is also checked against the bytes left before allocating, so the
 * cost of decoding never exceeds the size of the input.
 */
export const XDR_LIMITS = {
  /** Any string<> without a tighter bound: 64 KiB (unix paths are 108 bytes, issue texts 120). */
  string: 65_536,
  /** Any opaque<> without a tighter bound: 1 GiB (a RAW kstat carrying a whole socket list). */
  opaque: 1_073_741_824,
  /** Any array<> without a tighter bound: 2^24 elements. */
  array: 16_777_216,
} as const;

/** Why a decode stopped. `limit`: a declared length above its maximum. */
export type XdrFailure = 'truncated' | 'padding' | 'limit' | 'value' | 'trailing';

/**
 * A decode failure: a `KstatError` with code `E_PARSE`, the absolute byte `offset` where
 * the offending item starts, and the `reason`. Decoders throw only this (never a
 * RangeError or an out-of-bounds read); callers branch on `code`/`reason`.
 */
export class XdrError extends KstatError {
  readonly offset: number;
  readonly reason: XdrFailure;

  constructor(reason: XdrFailure, offset: number, message: string) {
    super('E_PARSE', `xdr: ${message} at byte ${offset}`);
    this.offset = offset;
    this.reason = reason;
  }
}

/** Bytes of padding after `n` bytes of data. */
export function padding(n: number): number {
  return (XDR_UNIT - (n % XDR_UNIT)) % XDR_UNIT;
}
