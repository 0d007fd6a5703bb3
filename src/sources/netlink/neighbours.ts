/**
 * Neighbours from rtnetlink: one RTM_GETNEIGH dump of every neighbour table (AF_UNSPEC:
 * the kernel's neigh_dump_info walks the ARP and the ND table) → `Neighbour` records, IPv4
 * first, then IPv6, in the kernel's hash order.
 *
 * What is in, what is not:
 * - Every entry of the two tables, whatever its state: also NUD_NOARP entries (the
 *   multicast mappings IPv6 makes for each link, ff02::…) and NUD_NONE ones, which plain
 *   `ip neigh show` hides (its default filter is every state but NOARP, and not NONE;
 *   `ip neigh show nud all` lists them).
 * - Proxy entries are not: the request does not set NTF_PROXY, so the kernel does not dump
 *   its proxy table (`ip neigh show proxy`); an entry that came flagged NTF_PROXY anyway
 *   would be left out too. Families other than AF_INET/AF_INET6 are left out.
 *
 * Field mapping:
 * - state: the NUD name when ndm_state is exactly one known bit, 'none' for 0, else
 *   undefined (stateBits has the bits); complete: any NUD_VALID bit.
 * - linkAddress: NDA_LLADDR as hex bytes, only when the kernel sends it (it does while the
 *   state is NUD_VALID); an empty NDA_LLADDR (a device without link-layer addresses) gives
 *   undefined.
 * - flagNames: the NTF_* bits of ndm_flags by the words `ip neigh` prints, in bit order,
 *   then the NTF_EXT_* bits of NDA_FLAGS_EXT ('managed', 'locked', 'extern_valid'); an
 *   unnamed bit as '0x…' — ext bits numbered as the kernel keeps them, shifted left by 8.
 * - sinceConfirmed/sinceUsed/sinceUpdated: nda_cacheinfo's clock_t ticks (USER_HZ = 100) as
 *   sent: a u32 like the kernel's, exact for the 497 days it can count (milliseconds would
 *   not fit a u32 past 49 days).
 * - refcount: ndm_refcnt as sent (already the kernel's count minus one).
 * - hardwareType and extra: undefined, rtnetlink has neither.
 *
 * Kernel errors of the dump are thrown by the socket (KstatError): the caller decides.
 */
import { issue } from '../../errors.js';
import type { Neighbour, NudState } from '../../records/neighbour.js';
import { AF_INET, AF_INET6, AF_UNSPEC, NETLINK_ROUTE, RTM_GETNEIGH, RTM_NEWNEIGH } from '../../protocol/netlink/constants.js';
import { hardwareAddressText } from '../../protocol/netlink/rtnl-link.js';
import {
  NTF_PROXY,
  NTF_ROUTER,
  NUD_VALID,
  RTNL_NEIGH_FILE,
  buildNeighbourDumpRequest,
  parseNeighbourMessage,
  type RtnlNeighbour,
} from '../../protocol/netlink/rtnl-neigh.js';
import { appendAll, emptyPart, type Part } from '../tree/assemble/part.js';
import type { NetlinkChannel } from './channel.js';
import { inetText } from './inet-text.js';
import { dumpParsed } from './rtnl-dump.js';

export interface NeighbourReadOptions {
  /** ifindex → name, from an interfaces reading of the same namespace; without it `interface` stays undefined. */
  readonly interfaceNames?: ReadonlyMap<number, string>;
}

/** NUD_* bit → the record's state name (`ip neigh`'s word, lower case). */
const STATE_NAMES: ReadonlyMap<number, NudState> = new Map<number, NudState>([
  [0x01, 'incomplete'],
  [0x02, 'reachable'],
  [0x04, 'stale'],
  [0x08, 'delay'],
  [0x10, 'probe'],
  [0x20, 'failed'],
  [0x40, 'noarp'],
  [0x80, 'permanent'],
]);

/** NTF_* bits of ndm_flags by `ip neigh`'s words, in bit order. */
const FLAG_NAMES: readonly (readonly [number, string])[] = [
  [0x01, 'use'],
  [0x02, 'self'],
  [0x04, 'master'],
  [0x08, 'proxy'],
  [0x10, 'extern_learn'],
  [0x20, 'offload'],
  [0x40, 'sticky'],
  [0x80, 'router'],
];

/** NTF_EXT_* bits of NDA_FLAGS_EXT. */
const EXT_FLAG_NAMES: readonly (readonly [number, string])[] = [
  [0x01, 'managed'],
  [0x02, 'locked'],
  [0x04, 'extern_valid'],
];


export async function readNeighbours(channel: NetlinkChannel, options: NeighbourReadOptions = {}): Promise<Part<Neighbour[]>> {
  const part = emptyPart<Neighbour[]>([]);
  const socket = await channel.socket(NETLINK_ROUTE);
  const dump = await dumpParsed(socket, RTM_GETNEIGH, RTM_NEWNEIGH, buildNeighbourDumpRequest(AF_UNSPEC), parseNeighbourMessage, RTNL_NEIGH_FILE);
  appendAll(part.issues, dump.issues);
  for (const n of dump.items) {
    if (n.family !== AF_INET && n.family !== AF_INET6) continue;
    if ((n.flags & NTF_PROXY) !== 0) continue;
    const record = neighbourFromRtnl(n, options.interfaceNames);
    if (record === undefined) {
      const length = n.destination === undefined ? 'no NDA_DST' : `an NDA_DST of ${n.destination.length} bytes`;
      part.issues.push(issue(RTNL_NEIGH_FILE, undefined, 'bad-address', `neighbour on link ${n.ifindex} (family ${n.family}): ${length}, not an address of the family; left out`));
      continue;
    }
    part.data.push(record);
  }
  return part;
}

/** One RTM_NEWNEIGH of AF_INET/AF_INET6 → a record; undefined when NDA_DST is missing or not of the family's length. */
export function neighbourFromRtnl(n: RtnlNeighbour, names?: ReadonlyMap<number, string>): Neighbour | undefined {
  const address = n.destination === undefined ? undefined : inetText(n.destination, n.family);
  if (address === undefined) return undefined;
  const lladdr = n.linkAddress;
  const ci = n.cacheInfo;
  return {
    family: n.family === AF_INET6 ? 'inet6' : 'inet',
    address,
    ifindex: n.ifindex,
    interface: names?.get(n.ifindex),
    linkAddress: lladdr === undefined ? undefined : hardwareAddressText(lladdr, 0, lladdr.length),
    hardwareType: undefined,
    complete: (n.state & NUD_VALID) !== 0,
    state: neighbourStateName(n.state),
    stateBits: n.state,
    router: (n.flags & NTF_ROUTER) !== 0,
    flagNames: neighbourFlagNames(n.flags, n.flagsExtended ?? 0),
    probes: n.probes,
    sinceConfirmed: ci?.confirmed,
    sinceUsed: ci?.used,
    sinceUpdated: ci?.updated,
    refcount: ci?.refcnt,
    extra: undefined,
  };
}

/** ndm_state → the NUD name: 'none' for 0, the name of a single known bit, else undefined. */
export function neighbourStateName(state: number): NudState | undefined {
  return state === 0 ? 'none' : STATE_NAMES.get(state);
}

/** Names of ndm_flags (NTF_*) and NDA_FLAGS_EXT (NTF_EXT_*) bits; unnamed bits as '0x…' (ext bits shifted left by 8, as the kernel keeps them). */
export function neighbourFlagNames(flags: number, extended = 0): string[] {
  const names: string[] = [];
  for (const [bit, name] of FLAG_NAMES) if ((flags & bit) !== 0) names.push(name);
  let rest = extended >>> 0;
  for (const [bit, name] of EXT_FLAG_NAMES) {
    if ((rest & bit) === 0) continue;
    names.push(name);
    rest = (rest & ~bit) >>> 0;
  }
  // Every bit of the u8 ndm_flags has a name: only NTF_EXT_* bits can be left (2^32 · 256 is exact in a double).
  if (rest !== 0) names.push(`0x${(rest * 256).toString(16)}`);
  return names;
}
