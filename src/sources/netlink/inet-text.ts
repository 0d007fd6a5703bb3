/**
 * Address bytes from netlink (network order, 4 or 16 bytes) → the same text the procfs
 * path gives (dotted quad; RFC 5952 with IPv4-mapped as ::ffff:a.b.c.d), through the one
 * formatter both paths share (tree/text/hex-address.ts), so the two can never drift apart.
 */
import { AF_INET, AF_INET6 } from '../../protocol/netlink/constants.js';
import { ipv4FromWord, ipv6FromWords } from '../tree/text/hex-address.js';

function word(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

/** Text of an address of `family`; undefined when the byte count does not fit the family. */
export function inetText(bytes: Uint8Array, family: number): string | undefined {
  if (family === AF_INET && bytes.length === 4) return ipv4FromWord(word(bytes, 0), 'big');
  if (family === AF_INET6 && bytes.length === 16) return ipv6FromWords(word(bytes, 0), word(bytes, 4), word(bytes, 8), word(bytes, 12), 'big');
  return undefined;
}

/** The all-zero address of a family: a default route's destination. */
export function unspecifiedText(family: number): string {
  return family === AF_INET6 ? '::' : '0.0.0.0';
}
