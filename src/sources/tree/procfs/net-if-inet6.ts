/**
 * /proc/net/if_inet6 — the IPv6 addresses of the reading namespace, one per line:
 *
 *   fd000000000000000000000000000002 04 40 00 82     eth0
 *   address (32 hex, network order)  ifindex prefix_len scope flags name
 *
 * Printed by net/ipv6/addrconf.c if6_seq_show as "%pi6 %02x %02x %02x %02x %8s"
 * (the address as "%08x%08x%08x%08x" before %pi6, same text). There is no header. Quirks:
 * - every number is hex; "%02x" is a minimum width, so an ifindex above 255 is wider;
 * - scope is ipv6_addr_scope()'s IPV6_ADDR_* scope bits (0x00 global, 0x10 host,
 *   0x20 link, 0x40 site, 0x80 v4-compatible), not the RT_SCOPE_* numbers of netlink;
 * - flags is `(u8)ifp->flags`: IFA_F_* above 0x80 are cut off.
 * There is no IPv4 counterpart in procfs (IPv4 addresses need netlink or SIOCGIFCONF).
 */
import { issue, type Issue } from '../../../errors.js';
import { parseHex32 } from '../text/counter.js';
import { fields, forEachLine } from '../text/lines.js';
import type { ParseResult } from './parse-result.js';
import { ipv6FromHex } from '../text/hex-inet-address.js';

export interface NetIfInet6Row {
  /** RFC 5952 text of the address. */
  readonly address: string;
  readonly ifindex: number;
  readonly prefixLength: number;
  /** Raw IPV6_ADDR_* scope bits. */
  readonly scope: number;
  /** Raw low 8 bits of IFA_F_*. */
  readonly flags: number;
  readonly name: string;
}

const SCOPE_NAMES: Readonly<Record<number, string>> = { 0x00: 'global', 0x10: 'host', 0x20: 'link', 0x40: 'site', 0x80: 'compat-v4' };

/** IFA_F_* bit → the word `ip addr` prints (include/uapi/linux/if_addr.h; 0x01 is "temporary" for IPv6). */
const FLAG_NAMES: readonly (readonly [number, string])[] = [
  [0x01, 'temporary'],
  [0x02, 'nodad'],
  [0x04, 'optimistic'],
  [0x08, 'dadfailed'],
  [0x10, 'homeaddress'],
  [0x20, 'deprecated'],
  [0x40, 'tentative'],
  [0x80, 'permanent'],
];

export function ipv6ScopeName(scope: number): string {
  return SCOPE_NAMES[scope] ?? `0x${scope.toString(16)}`;
}

export function ipv6AddressFlagNames(flags: number): string[] {
  const names: string[] = [];
  let rest = flags;
  for (const [bit, name] of FLAG_NAMES) {
    if ((flags & bit) !== 0) names.push(name);
    rest &= ~bit;
  }
  if (rest !== 0) names.push(`0x${rest.toString(16)}`);
  return names;
}

/** if_inet6 prints the address with %pi6 (32 hex digits): one decoder for every such file. */
export { ipv6FromHex };

export function parseNetIfInet6(text: string, file: string): ParseResult<NetIfInet6Row> {
  const rows: NetIfInet6Row[] = [];
  const issues: Issue[] = [];
  forEachLine(text, (line, lineNo) => {
    const row = parseLine(line, lineNo, file, issues);
    if (row !== undefined) rows.push(row);
  });
  return { rows, issues };
}

function parseLine(line: string, lineNo: number, file: string, issues: Issue[]): NetIfInet6Row | undefined {
  const parts = fields(line);
  if (parts.length < 6) {
    issues.push(issue(file, lineNo, 'short-line', `${parts.length} fields, expected 6`, line));
    return undefined;
  }
  if (parts.length > 6) {
    // Names hold no whitespace, so a seventh field means a format this parser does not know.
    issues.push(issue(file, lineNo, 'width-mismatch', `${parts.length} fields, expected 6`, line));
    return undefined;
  }
  const address = ipv6FromHex(parts[0]!);
  if (address === undefined) {
    issues.push(issue(file, lineNo, 'bad-address', `not 32 hex digits: "${parts[0]}"`, line));
    return undefined;
  }
  const [ifindex, prefixLength, scope, flags] = [1, 2, 3, 4].map((i) => parseHex32(parts[i]!));
  if (ifindex === undefined || prefixLength === undefined || scope === undefined || flags === undefined) {
    issues.push(issue(file, lineNo, 'bad-number', 'ifindex, prefix length, scope and flags must be hex', line));
    return undefined;
  }
  return { address, ifindex, prefixLength, scope, flags, name: parts[5]! };
}
