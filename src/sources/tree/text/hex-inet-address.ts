/**
 * Addresses as the kernel prints them in /proc/net, decoded to the text `ip` shows.
 *
 * The kernel prints addresses in four different ways, and a file tells you which only
 * through the kernel source:
 * - `%08X` of a raw `__be32` (proc/net/route, igmp, ip_mr_vif, ip_mr_cache): the integer
 *   the CPU sees, so on a little-endian host the bytes come out reversed — `010200C0` is
 *   192.0.2.1. We assume a little-endian capture host (x86-64, arm64, riscv64: every
 *   fixture we have); a big-endian capture would need the byte order as tree metadata.
 * - `0x%08x` of `ntohl(addr)` (proc/net/mcfilter): network order, reads naturally.
 * - `%pi6` (ipv6_route, igmp6, mcfilter6): 32 hex digits in network order.
 * - `%pI6` (ip6_mr_cache): eight colon-separated groups of four digits, uncompressed.
 * Link-layer addresses (dev_mcast, `%*phN`) are hex bytes without separators.
 *
 * Every function returns `undefined` for text that does not decode, so the caller can
 * report a located `bad-address` issue.
 *
 * Written by the routes/multicast work because text/hex-address.ts did not exist yet;
 * merge the two when it does.
 */

const HEX = /^[0-9A-Fa-f]+$/;

/** `%08X` of a `__be32` printed on a little-endian host → dotted quad. */
export function ipv4FromHostOrderHex(hex: string): string | undefined {
  if (hex.length !== 8 || !HEX.test(hex)) return undefined;
  const n = Number.parseInt(hex, 16);
  return `${n & 0xff}.${(n >>> 8) & 0xff}.${(n >>> 16) & 0xff}.${n >>> 24}`;
}

/** `0x%08x` of `ntohl(addr)` (network order, optional `0x`) → dotted quad. */
export function ipv4FromNetworkOrderHex(text: string): string | undefined {
  const hex = text.startsWith('0x') || text.startsWith('0X') ? text.slice(2) : text;
  if (hex.length !== 8 || !HEX.test(hex)) return undefined;
  const n = Number.parseInt(hex, 16);
  return `${n >>> 24}.${(n >>> 16) & 0xff}.${(n >>> 8) & 0xff}.${n & 0xff}`;
}

/** `%pi6`: 32 hex digits, network order → RFC 5952 text. */
export function ipv6FromHex(hex: string): string | undefined {
  if (hex.length !== 32 || !HEX.test(hex)) return undefined;
  const words: number[] = [];
  for (let i = 0; i < 32; i += 4) words.push(Number.parseInt(hex.slice(i, i + 4), 16));
  return formatIpv6(words);
}

/** `%pI6`: eight colon-separated groups of (up to) four hex digits → RFC 5952 text. */
export function ipv6FromColonHex(text: string): string | undefined {
  const groups = text.split(':');
  if (groups.length !== 8) return undefined;
  const words: number[] = [];
  for (const g of groups) {
    if (g.length === 0 || g.length > 4 || !HEX.test(g)) return undefined;
    words.push(Number.parseInt(g, 16));
  }
  return formatIpv6(words);
}

/** `%*phN` (hex bytes, no separators) → colon-separated lower-case bytes, as `ip` prints them. */
export function linkAddressFromHex(hex: string): string | undefined {
  if (hex.length === 0 || hex.length % 2 !== 0 || !HEX.test(hex)) return undefined;
  const bytes: string[] = [];
  for (let i = 0; i < hex.length; i += 2) bytes.push(hex.slice(i, i + 2).toLowerCase());
  return bytes.join(':');
}

/**
 * Eight 16-bit words → the text glibc's inet_ntop (and so `ip`) prints: lower case, no
 * leading zeros, the longest run of two or more zero words (the first on a tie) as `::`,
 * and the last 32 bits as a dotted quad for IPv4-mapped (::ffff:a.b.c.d) and
 * IPv4-compatible (::a.b.c.d) addresses.
 */
export function formatIpv6(words: readonly number[]): string {
  const run = longestZeroRun(words);
  const embedsIpv4 = run.start === 0 && (run.length === 6 || (run.length === 5 && words[5] === 0xffff));
  const parts: string[] = [];
  for (let i = 0; i < 8; i++) {
    if (i === run.start) {
      parts.push(i === 0 ? ':' : '');
      i += run.length - 1;
      if (i === 7) parts.push('');
      continue;
    }
    if (embedsIpv4 && i === 6) {
      const hi = words[6] ?? 0;
      const lo = words[7] ?? 0;
      parts.push(`${hi >>> 8}.${hi & 0xff}.${lo >>> 8}.${lo & 0xff}`);
      break;
    }
    parts.push((words[i] ?? 0).toString(16));
  }
  return parts.join(':');
}

function longestZeroRun(words: readonly number[]): { start: number; length: number } {
  let best = { start: -1, length: 0 };
  let start = -1;
  for (let i = 0; i <= 8; i++) {
    if (i < 8 && words[i] === 0) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0 && i - start > best.length) best = { start, length: i - start };
    start = -1;
  }
  return best.length >= 2 ? best : { start: -1, length: 0 };
}
