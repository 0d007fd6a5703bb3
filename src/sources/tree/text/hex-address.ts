/**
 * The kernel's hex socket addresses, as /proc/net/{tcp,udp,raw,icmp,...}[6] print them,
 * decoded to canonical text.
 *
 * How the kernel prints them (net/ipv4/tcp_ipv4.c get_tcp4_sock, net/ipv6/tcp_ipv6.c
 * get_tcp6_sock, and the udp/raw/ping twins): an IPv4 address is a `__be32` passed to
 * `%08X`, i.e. the four address bytes *as they sit in memory* read back as a native u32.
 * On a little-endian host (x86, arm64, riscv, ppc64le) the bytes therefore come out
 * reversed: 127.0.0.1 prints as `0100007F`. An IPv6 address is printed as its four
 * `s6_addr32[]` words, each with `%08X`, so each 4-byte group is reversed the same way:
 * ::1 prints as `00000000000000000000000001000000`. Ports are `ntohs()`ed before printing
 * and read the same on every host.
 *
 * Byte order: the text alone does not say which byte order the capturing machine had; a
 * tree captured on a big-endian machine (s390x, ppc64 BE, sparc, mips BE) prints 127.0.0.1
 * as `7F000001`. We do NOT guess from the data (a heuristic such as "a loopback address
 * appears" is silently wrong on the tables where it fails). The default is little-endian,
 * which every mainstream Linux platform is; a source that knows better (a capture's
 * MANIFEST `arch`) passes `'big'`.
 *
 * Output form: IPv4 as a dotted quad; IPv6 per RFC 5952 (lowercase, no leading zeros,
 * the longest run of two or more zero groups — the first on a tie — as `::`), with
 * IPv4-mapped addresses (::ffff:0:0/96) as `::ffff:a.b.c.d` (RFC 5952 §5). That is what
 * `ss -n` prints through glibc's inet_ntop, with one documented difference: glibc also
 * prints the deprecated IPv4-compatible form (::/96 with a non-zero 7th group, RFC 4291
 * §2.5.5.1) in dotted form (`::1.2.3.4`), while we print it per RFC 5952 as hex (`::102:304`).
 *
 * These functions sit in the hot path of a 100k-socket read: they index the line text
 * directly (no slicing, no regexes, no splitting) and keep no state between calls. The
 * word-level forms (hexWord, ipv4FromWord, ipv6FromWords) let a caller compare an address
 * with the previous row's as numbers before building any text, and `AddressTexts` (at the
 * end) keeps one text per distinct address of a table.
 */

export type ByteOrder = 'little' | 'big';

/** Value of one hex digit, or -1. Upper and lower case (the kernel prints upper). */
export function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 65 && code <= 70) return code - 55; // A-F
  if (code >= 97 && code <= 102) return code - 87; // a-f
  return -1;
}

/**
 * Unsigned hex number in text[start, end) → number, or NaN when empty, not hex or longer
 * than 13 digits (beyond 2^52 a number is no longer exact; callers use BigInt there).
 */
export function hexNumber(text: string, start: number, end: number): number {
  if (end <= start || end - start > 13) return Number.NaN;
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = hexDigit(text.charCodeAt(i));
    if (d < 0) return Number.NaN;
    value = value * 16 + d;
  }
  return value;
}

/** Exactly 8 hex digits at text[at] → the printed u32, or -1. */
export function hexWord(text: string, at: number): number {
  let value = 0;
  for (let i = at; i < at + 8; i++) {
    const d = hexDigit(text.charCodeAt(i));
    if (d < 0) return -1;
    value = value * 16 + d;
  }
  return value;
}

/**
 * A printed 32-bit word → its four address bytes, in address order, as one big-endian u32
 * (the first address byte in the top 8 bits). On a little-endian machine the printed
 * number's low byte was the first byte in memory, so the bytes are swapped.
 */
function addressOrder(word: number, order: ByteOrder): number {
  if (order === 'big') return word;
  return (((word & 0xff) << 24) | ((word & 0xff00) << 8) | ((word >>> 8) & 0xff00) | (word >>> 24)) >>> 0;
}

/** One printed IPv4 word (the %08X of a __be32) → dotted quad. */
export function ipv4FromWord(word: number, order: ByteOrder = 'little'): string {
  const v = addressOrder(word, order);
  return `${v >>> 24}.${(v >>> 16) & 0xff}.${(v >>> 8) & 0xff}.${v & 0xff}`;
}

/** The four printed words of an IPv6 address (s6_addr32[0..3], each %08X) → RFC 5952 text. */
export function ipv6FromWords(w0: number, w1: number, w2: number, w3: number, order: ByteOrder = 'little'): string {
  const a = addressOrder(w0, order);
  const b = addressOrder(w1, order);
  const c = addressOrder(w2, order);
  const d = addressOrder(w3, order);
  if (a === 0 && b === 0 && c === 0xffff) return `::ffff:${ipv4FromWord(d, 'big')}`; // IPv4-mapped, RFC 5952 §5
  return formatIpv6Groups([a >>> 16, a & 0xffff, b >>> 16, b & 0xffff, c >>> 16, c & 0xffff, d >>> 16, d & 0xffff]);
}

/** 8 hex digits at text[start] → dotted quad, or undefined when not hex. */
export function ipv4FromHex(text: string, start = 0, order: ByteOrder = 'little'): string | undefined {
  const word = hexWord(text, start);
  return word < 0 ? undefined : ipv4FromWord(word, order);
}

/** 32 hex digits at text[start] → RFC 5952 text, or undefined when not hex. */
export function ipv6FromHex(text: string, start = 0, order: ByteOrder = 'little'): string | undefined {
  const w0 = hexWord(text, start);
  const w1 = hexWord(text, start + 8);
  const w2 = hexWord(text, start + 16);
  const w3 = hexWord(text, start + 24);
  if (w0 < 0 || w1 < 0 || w2 < 0 || w3 < 0) return undefined;
  return ipv6FromWords(w0, w1, w2, w3, order);
}

/** Eight 16-bit groups → RFC 5952 §4 text (longest zero run of 2+ as '::', first on a tie). */
export function formatIpv6Groups(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1; // a single zero group is never compressed (§4.2.2)
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out += i === 0 ? '::' : ':';
      i += bestLength - 1;
      continue;
    }
    out += groups[i]!.toString(16);
    if (i < 7) out += ':';
  }
  return out;
}

/** A decoded `ADDR:PORT` field. */
export interface HexSocketAddress {
  readonly family: 'inet' | 'inet6';
  readonly address: string;
  readonly port: number;
}

/**
 * Decodes a whole `ADDR:PORT` field (`0100007F:8D63`, or 32 hex digits for IPv6) in
 * text[start, end). The family follows from the address width. Undefined when malformed.
 */
export function decodeHexSocketAddress(
  text: string,
  start = 0,
  end = text.length,
  order: ByteOrder = 'little',
): HexSocketAddress | undefined {
  const colon = end - 5;
  if (colon < start || text.charCodeAt(colon) !== 58) return undefined;
  const port = hexNumber(text, colon + 1, end);
  if (Number.isNaN(port)) return undefined;
  const width = colon - start;
  if (width === 8) {
    const address = ipv4FromHex(text, start, order);
    return address === undefined ? undefined : { family: 'inet', address, port };
  }
  if (width === 32) {
    const address = ipv6FromHex(text, start, order);
    return address === undefined ? undefined : { family: 'inet6', address, port };
  }
  return undefined;
}

/** Slots of an AddressTexts cache per family (a power of two). */
const ADDRESS_SLOTS = 1024;

/**
 * Address texts by printed word(s), for one table: 100k sockets usually share a handful of
 * addresses, so each distinct address is formatted once and every row shares its string
 * (one string per address instead of one per row, and no formatting per row).
 *
 * Direct-mapped: an address has one slot (by hash) and a newer address takes the slot over,
 * so the cache is bounded (ADDRESS_SLOTS per family) whatever the table holds, and a table
 * of all-distinct addresses costs one compare per row more than no cache.
 */
export class AddressTexts {
  readonly order: ByteOrder;
  /** Printed IPv4 word per slot, -1 when empty (a word is 0..2^32-1). */
  private readonly v4Words = new Float64Array(ADDRESS_SLOTS).fill(-1);
  private readonly v4Texts: string[] = new Array<string>(ADDRESS_SLOTS).fill('');
  /** Four printed words per slot; the first is -1 when empty. */
  private v6Words: Float64Array | undefined;
  private readonly v6Texts: string[] = new Array<string>(ADDRESS_SLOTS).fill('');

  constructor(order: ByteOrder = 'little') {
    this.order = order;
  }

  /** Text of the IPv4 address printed as `word` (see ipv4FromWord). */
  ipv4(word: number): string {
    const slot = Math.imul(word, 0x9e3779b1) >>> 22; // 32 - log2(ADDRESS_SLOTS)
    if (this.v4Words[slot] === word) return this.v4Texts[slot]!;
    const text = ipv4FromWord(word, this.order);
    this.v4Words[slot] = word;
    this.v4Texts[slot] = text;
    return text;
  }

  /** Text of the IPv6 address printed as four words (see ipv6FromWords). */
  ipv6(w0: number, w1: number, w2: number, w3: number): string {
    const words = (this.v6Words ??= new Float64Array(ADDRESS_SLOTS * 4).fill(-1));
    const slot = (Math.imul(w0 ^ Math.imul(w1 ^ Math.imul(w2 ^ Math.imul(w3, 0x85ebca6b), 0xc2b2ae35), 0x27d4eb2f), 0x9e3779b1) >>> 22);
    const at = slot * 4;
    if (words[at] === w0 && words[at + 1] === w1 && words[at + 2] === w2 && words[at + 3] === w3) return this.v6Texts[slot]!;
    const text = ipv6FromWords(w0, w1, w2, w3, this.order);
    words[at] = w0;
    words[at + 1] = w1;
    words[at + 2] = w2;
    words[at + 3] = w3;
    this.v6Texts[slot] = text;
    return text;
  }
}
