/**
 * Interface addresses from rtnetlink: one RTM_GETADDR dump (every family) → IPv4 and IPv6
 * `InterfaceAddress` records by ifindex. Other families the dump may carry (MCTP, …) are
 * not interface addresses in the record's sense and are left out.
 *
 * Agreement with /proc/net/if_inet6 (the procfs path's IPv6 addresses):
 * - scope: netlink sends an RT_SCOPE_* number where if_inet6 prints IPV6_ADDR_* bits; both
 *   map to the same names (global, site, link, host). The one difference: the old
 *   IPv4-compatible range (::a.b.c.d), which if_inet6 calls "compat-v4", reaches netlink as
 *   universe scope, so it reads "global" here.
 * - flags: if_inet6 prints only the low 8 bits ((u8)ifp->flags); netlink's IFA_FLAGS has
 *   all of them, so mngtmpaddr, noprefixroute, autojoin and stable-privacy show here only.
 * - flagNames: the words `ip addr` prints; bit 0x01 is "secondary" on IPv4 and
 *   "temporary" on IPv6 (one bit, two meanings: IFA_F_SECONDARY = IFA_F_TEMPORARY).
 */
import { issue } from '../../errors.js';
import type { InterfaceAddress } from '../../records/interface.js';
import { AF_INET, AF_INET6, AF_UNSPEC, NETLINK_ROUTE, RTM_GETADDR, RTM_NEWADDR } from '../../protocol/netlink/constants.js';
import { RTNL_ADDR_FILE, buildAddressDumpRequest, parseAddressMessage, type RtnlAddress } from '../../protocol/netlink/rtnl-addr.js';
import { emptyPart, type Part } from '../tree/assemble/part.js';
import { ipv6AddressFlagNames } from '../tree/procfs/net-if-inet6.js';
import type { NetlinkChannel } from './channel.js';
import { inetText } from './inet-text.js';
import { dumpParsed } from './rtnl-dump.js';

/** RT_SCOPE_* → the names the record uses (and `ip addr` prints). */
const SCOPE_NAMES: Readonly<Record<number, string>> = { 0: 'global', 200: 'site', 253: 'link', 254: 'host', 255: 'nowhere' };

/** IFA_F_* above the low 8 bits, by the word `ip addr` prints. */
const HIGH_FLAG_NAMES: readonly (readonly [number, string])[] = [
  [0x100, 'mngtmpaddr'],
  [0x200, 'noprefixroute'],
  [0x400, 'autojoin'],
  [0x800, 'stable-privacy'],
];

export async function readInterfaceAddresses(channel: NetlinkChannel): Promise<Part<Map<number, InterfaceAddress[]>>> {
  const part = emptyPart(new Map<number, InterfaceAddress[]>());
  const socket = await channel.socket(NETLINK_ROUTE);
  const dump = await dumpParsed(socket, RTM_GETADDR, RTM_NEWADDR, buildAddressDumpRequest(AF_UNSPEC), parseAddressMessage, RTNL_ADDR_FILE);
  part.issues.push(...dump.issues);
  for (const a of dump.items) {
    if (a.family !== AF_INET && a.family !== AF_INET6) continue;
    const record = addressFromRtnl(a);
    if (record === undefined) {
      part.issues.push(issue(RTNL_ADDR_FILE, undefined, 'bad-address', `address on link ${a.index}: no IFA_LOCAL/IFA_ADDRESS of the family's length; left out`));
      continue;
    }
    const list = part.data.get(a.index) ?? [];
    list.push(record);
    part.data.set(a.index, list);
  }
  return part;
}

/** One RTM_NEWADDR of AF_INET/AF_INET6 → a record; undefined when it carries no usable address. */
export function addressFromRtnl(a: RtnlAddress): InterfaceAddress | undefined {
  const bytes = a.local ?? a.address;
  const text = bytes === undefined ? undefined : inetText(bytes, a.family);
  if (text === undefined) return undefined;
  const family = a.family === AF_INET6 ? 'inet6' : 'inet';
  return {
    family,
    address: text,
    prefixLength: a.prefixLength,
    scope: addressScopeName(a.scope),
    flags: a.flags,
    flagNames: addressFlagNames(a.flags, family),
  };
}

export function addressScopeName(scope: number): string {
  return SCOPE_NAMES[scope] ?? `0x${scope.toString(16)}`;
}

/** Names of IFA_F_* bits: the if_inet6 names for the low byte (shared with the procfs path), then the high ones. */
export function addressFlagNames(flags: number, family: 'inet' | 'inet6'): string[] {
  const names = ipv6AddressFlagNames(flags & 0xfe);
  if ((flags & 0x01) !== 0) names.unshift(family === 'inet' ? 'secondary' : 'temporary');
  let rest = (flags & ~0xff) >>> 0;
  for (const [bit, name] of HIGH_FLAG_NAMES) {
    if ((rest & bit) === 0) continue;
    names.push(name);
    rest &= ~bit;
  }
  if (rest !== 0) names.push(`0x${rest.toString(16)}`);
  return names;
}
