/**
 * Route flag bits → names, and what the flags (plus the addresses) say about the route
 * type when the source has no rtm_type.
 *
 * Bits from include/uapi/linux/route.h (shared by both families) and
 * include/uapi/linux/ipv6_route.h (IPv6 only). /proc/net/route only ever sets UP,
 * GATEWAY, HOST and REJECT (fib_flag_trans in net/ipv4/fib_trie.c); ipv6_route prints
 * the fib6_info flags, which use the IPv6 bits too.
 */
import type { RouteType } from '../../../records/route.js';

const COMMON_FLAGS: readonly [number, string][] = [
  [0x0001, 'UP'],
  [0x0002, 'GATEWAY'],
  [0x0004, 'HOST'],
  [0x0008, 'REINSTATE'],
  [0x0010, 'DYNAMIC'],
  [0x0020, 'MODIFIED'],
  [0x0040, 'MTU'],
  [0x0080, 'WINDOW'],
  [0x0100, 'IRTT'],
  [0x0200, 'REJECT'],
];

const IPV6_FLAGS: readonly [number, string][] = [
  [0x00010000, 'DEFAULT'],
  [0x00020000, 'ALLONLINK'],
  [0x00040000, 'ADDRCONF'],
  [0x00080000, 'PREFIX_RT'],
  [0x00100000, 'ANYCAST'],
  [0x00200000, 'NONEXTHOP'],
  [0x00400000, 'EXPIRES'],
  [0x00800000, 'ROUTEINFO'],
  [0x01000000, 'CACHE'],
  [0x02000000, 'FLOW'],
  [0x04000000, 'POLICY'],
  [0x40000000, 'PCPU'],
  [0x80000000, 'LOCAL'],
];

/** RTF_PREF_MASK: router preference from a Router Advertisement (RFC 4191), two bits. */
const PREF_MASK = 0x18000000;
const PREF_NAMES: Readonly<Record<number, string>> = { 0x08000000: 'PREF_HIGH', 0x10000000: 'PREF_INVALID', 0x18000000: 'PREF_LOW' };

export const RTF_GATEWAY = 0x0002;
export const RTF_REJECT = 0x0200;
export const RTF_NONEXTHOP = 0x00200000;
export const RTF_ANYCAST = 0x00100000;
export const RTF_LOCAL = 0x80000000;

/** Names of the set bits, in bit order; bits no table knows appear as 0x-hex. */
export function routeFlagNames(flags: number, family: 'inet' | 'inet6'): string[] {
  const table = family === 'inet6' ? [...COMMON_FLAGS, ...IPV6_FLAGS] : COMMON_FLAGS;
  const names: string[] = [];
  let known = 0;
  for (const [bit, name] of table) {
    known |= bit;
    if ((flags & bit) !== 0) names.push(name);
  }
  if (family === 'inet6') {
    known |= PREF_MASK;
    const pref = PREF_NAMES[(flags & PREF_MASK) >>> 0];
    if (pref !== undefined) names.push(pref);
  }
  const unknown = (flags & ~known) >>> 0;
  for (let bit = 1; bit !== 0 && bit <= unknown; bit = (bit << 1) >>> 0) {
    if ((unknown & bit) !== 0) names.push(`0x${bit.toString(16)}`);
  }
  return names;
}

/**
 * The route type an IPv4 /proc/net/route line implies. The file holds the main table
 * without broadcast and multicast routes; REJECT marks unreachable *or* prohibit, and a
 * route with no device and no REJECT is blackhole *or* throw — undefined for those.
 * A hand-made local or anycast route in the main table would also read as unicast.
 */
export function ipv4RouteType(flags: number, hasDevice: boolean): RouteType | undefined {
  if ((flags & RTF_REJECT) !== 0 || !hasDevice) return undefined;
  return 'unicast';
}

/**
 * The route type an ipv6_route line implies: LOCAL and ANYCAST are flags; REJECT covers
 * unreachable, prohibit, blackhole and throw alike (rtm_to_fib6_config sets it for all
 * four), so undefined; a multicast destination (ff00::/8) is a multicast route, as
 * addrconf_add_mroute installs it; everything else is unicast.
 */
export function ipv6RouteType(flags: number, destination: string, prefixLength: number): RouteType | undefined {
  if ((flags & RTF_REJECT) !== 0) return undefined;
  if ((flags & RTF_LOCAL) !== 0) return 'local';
  if ((flags & RTF_ANYCAST) !== 0) return 'anycast';
  const firstWord = destination.split(':')[0] ?? '';
  if (prefixLength >= 8 && firstWord.length === 4 && firstWord.toLowerCase().startsWith('ff')) return 'multicast';
  return 'unicast';
}
