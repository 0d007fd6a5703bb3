/**
 * Universal addresses (RFC 5665 §5.2.3, the r_addr of rpcbind versions 3 and 4): the
 * host in its usual text form followed by the port as two decimal bytes, high then low.
 *
 *   IPv4 ("tcp", "udp"):    h1.h2.h3.h4.p1.p2        127.0.0.1.0.111  = port 111
 *   IPv6 ("tcp6", "udp6"):  x:x::x.p1.p2             ::1.3.135        = port 903
 *
 * An IPv6 host may end in dotted IPv4 (::ffff:10.0.0.1.0.111), so the port is always the
 * LAST two dot-separated fields. Decoding validates every field (no leading "+", no
 * values above 255, at most one "::") and gives the host in canonical form (RFC 5952:
 * lower case, the longest run of two or more zero groups as "::", IPv4-mapped addresses
 * as ::ffff:a.b.c.d, as inet_ntop and so rpcbind write them); an IPv6 scope (%eth0) is
 * refused: universal addresses carry none. Pure: no I/O (node:net is not used).
 */
import { KstatError } from '../../errors.js';

export interface UniversalAddress {
  readonly family: 4 | 6;
  /** Canonical text: dotted quad, or RFC 5952 IPv6. */
  readonly host: string;
  readonly port: number;
}

function bad(uaddr: string, why: string): never {
  throw new KstatError('E_PARSE', `universal address ${JSON.stringify(uaddr.slice(0, 80))}: ${why}`);
}

const DECIMAL_BYTE = /^(0|[1-9][0-9]{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** A decimal 0..255 field, or undefined. */
function byteField(text: string): number | undefined {
  if (!DECIMAL_BYTE.test(text)) return undefined;
  const n = Number(text);
  return n <= 255 ? n : undefined;
}

/** Dotted-quad IPv4 → its four bytes, or undefined. */
function ipv4Bytes(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = parts.map(byteField);
  return bytes.every((b) => b !== undefined) ? (bytes as number[]) : undefined;
}

/** IPv6 text → its eight 16-bit groups, or undefined. */
function ipv6Groups(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const side = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    const fields = s.split(':');
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      if (i === fields.length - 1 && f.includes('.')) {
        const v4 = ipv4Bytes(f);
        if (v4 === undefined) return undefined;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (HEX_GROUP.test(f)) out.push(parseInt(f, 16));
      else return undefined;
    }
    return out;
  };
  const head = side(halves[0]!);
  const tail = halves.length === 2 ? side(halves[1]!) : [];
  if (head === undefined || tail === undefined) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  // "::" stands for at least one zero group (RFC 4291 §2.2).
  if (head.length + tail.length > 7) return undefined;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/** RFC 5952 text of eight groups; IPv4-mapped addresses keep the dotted tail (§5), as inet_ntop. */
function ipv6Text(groups: readonly number[]): string {
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${groups[6]! >> 8}.${groups[6]! & 0xff}.${groups[7]! >> 8}.${groups[7]! & 0xff}`;
  }
  let best = -1;
  let bestLen = 1; // a single zero group is not compressed
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

/** Canonical host text and family, or E_ARGUMENT. */
function canonicalHost(host: string): { family: 4 | 6; host: string } {
  const v4 = ipv4Bytes(host);
  if (v4 !== undefined) return { family: 4, host: v4.join('.') };
  const v6 = host.includes(':') ? ipv6Groups(host) : undefined;
  if (v6 !== undefined) return { family: 6, host: ipv6Text(v6) };
  throw new KstatError('E_ARGUMENT', `not an IPv4 or IPv6 address: ${JSON.stringify(host.slice(0, 80))}`);
}

/** host + port → universal address ("127.0.0.1", 111 → "127.0.0.1.0.111"). */
export function encodeUniversalAddress(host: string, port: number): string {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new KstatError('E_ARGUMENT', `port out of range: ${port}`);
  return `${canonicalHost(host).host}.${port >> 8}.${port & 0xff}`;
}

/** Universal address → family, canonical host, port. E_PARSE when it is not one. */
export function decodeUniversalAddress(uaddr: string): UniversalAddress {
  const fields = uaddr.split('.');
  if (fields.length < 3) bad(uaddr, 'no host and port');
  const hi = byteField(fields[fields.length - 2]!);
  const lo = byteField(fields[fields.length - 1]!);
  if (hi === undefined || lo === undefined) bad(uaddr, 'the port fields are not two decimal bytes');
  const hostText = fields.slice(0, -2).join('.');
  let host: { family: 4 | 6; host: string };
  try {
    host = canonicalHost(hostText);
  } catch {
    return bad(uaddr, `the host ${JSON.stringify(hostText.slice(0, 60))} is not an IPv4 or IPv6 address`);
  }
  return { ...host, port: (hi << 8) | lo };
}
