/**
 * Numbers from kernel text, exactly. Counters become `bigint` straight from the digit
 * string (never through `Number`, which loses exactness above 2^53). Every function
 * returns `undefined` for text that is not a number of the expected form, so the caller
 * can report an issue at the right line instead of storing a silent zero.
 */

const DECIMAL = /^-?\d+$/;
const UNSIGNED_DECIMAL = /^\d+$/;
const HEX = /^[0-9A-Fa-f]+$/;

/** Signed or unsigned decimal digits → bigint. `/proc/net/snmp` prints Tcp MaxConn as -1. */
export function parseCounter(text: string): bigint | undefined {
  return DECIMAL.test(text) ? BigInt(text) : undefined;
}

/** Unsigned decimal digits → bigint. */
export function parseUnsignedCounter(text: string): bigint | undefined {
  return UNSIGNED_DECIMAL.test(text) ? BigInt(text) : undefined;
}

/** Decimal digits → number, only when the value fits a 32-bit field exactly (or int for signed). */
export function parseSmallInt(text: string): number | undefined {
  if (!DECIMAL.test(text) || text.length > 11) return undefined;
  const n = Number(text);
  return n >= -2147483648 && n <= 4294967295 ? n : undefined;
}

/** Hex digits (no 0x) → number, only up to 32 bits. */
export function parseHex32(text: string): number | undefined {
  if (!HEX.test(text) || text.length > 8) return undefined;
  return Number.parseInt(text, 16);
}

/** Hex digits (no 0x) → bigint, any width. */
export function parseHexCounter(text: string): bigint | undefined {
  return HEX.test(text) ? BigInt(`0x${text}`) : undefined;
}
