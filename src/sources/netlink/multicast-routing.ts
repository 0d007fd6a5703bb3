/**
 * Multicast routing from rtnetlink, every table: the IPv4 vif tables (RTM_GETLINK of
 * family RTNL_FAMILY_IPMR), and the IPv4 and IPv6 forwarding caches (RTM_GETROUTE of
 * families RTNL_FAMILY_IPMR and RTNL_FAMILY_IP6MR) → the routing part of a `Multicast`
 * reading. Memberships and source filters have no netlink dump and stay with procfs.
 *
 * vif numbers. The records name vifs by number, as procfs and the routing daemon do; the
 * kernel's route messages name them by device (RTA_IIF, rtnh_ifindex). The number is the
 * vif of the entry's table whose device has that ifindex — the lowest one if two share a
 * device, as the kernel's own ipmr_find_vif picks.
 * - IPv4: the vif table of the same dump set gives it, for every table.
 * - IPv6: the kernel has no mif table over netlink, so the mifs are procfs's
 *   (/proc/net/ip6_mr_vif, default table 254 only), matched by device name. Entries of
 *   other IPv6 tables cannot be numbered: they are left out, with an `unavailable` entry
 *   saying how many.
 *
 * Agreement with procfs (tree/assemble/multicast.ts) on the default table: the same
 * entries in the same order (resolved ones in the cache's list order, then the unresolved
 * queue), the same vif numbers, counters and outputs; an unresolved entry has inputVif -1
 * (the kernel's mfc_parent for them) and zero counters, as procfs prints it. Only netlink
 * fills table ids of other tables, ifindex/interface of inputs and outputs, `unresolved`,
 * `offloaded`, `sinceUsed` and `routingTables`.
 *
 * A kernel without CONFIG_IP_MROUTE answers both IPv4 requests with its AF_UNSPEC dumps
 * (all links, all routes): replies of another family are not multicast routing and are
 * dropped; no IPMR table at all means the kernel has no IPv4 multicast routing, and that
 * family is not served (`inet` undefined).
 */
import { issue, type Issue } from '../../errors.js';
import type { MulticastForwardingEntry, MulticastOutput, MulticastRoutingTable, MulticastVif } from '../../records/multicast.js';
import { AF_INET, AF_INET6, NETLINK_ROUTE, RTM_GETLINK, RTM_GETROUTE, RTM_NEWLINK, RTM_NEWROUTE, RTNL_FAMILY_IP6MR, RTNL_FAMILY_IPMR } from '../../protocol/netlink/constants.js';
import { RTNL_IPMR_LINK_FILE, buildIpmrTableDumpRequest, parseIpmrTableMessage, type IpmrTable, type IpmrVif } from '../../protocol/netlink/rtnl-ipmr-link.js';
import { RTNH_F_OFFLOAD, RTNH_F_UNRESOLVED, RTNL_ROUTE_FILE, buildRouteDumpRequest, parseRouteMessage, type RtnlRoute } from '../../protocol/netlink/rtnl-route.js';
import { appendAll, type Part } from '../tree/assemble/part.js';
import { PROCFS_MULTICAST_TABLE } from '../tree/assemble/multicast.js';
import { VIFF_USE_IFINDEX, vifFlagNames } from '../tree/assemble/multicast-flags.js';
import type { NetlinkChannel } from './channel.js';
import { inetText } from './inet-text.js';
import type { NetlinkSocket } from './netlink-socket.js';
import { dumpParsed } from './rtnl-dump.js';

export interface MulticastRoutingOptions {
  /** ifindex → name, from a link reading of the same namespace; without it names stay undefined (and IPv6 cannot be numbered). */
  readonly interfaceNames?: ReadonlyMap<number, string>;
  /** The IPv6 mifs of procfs (default table), to number IPv6 entries; undefined: IPv6 is not read. */
  readonly ipv6Mifs?: readonly MulticastVif[];
}

export interface MulticastRouting {
  /** IPv4, every table; undefined when the kernel has no IPv4 multicast routing. */
  inet?: { readonly vifs: MulticastVif[]; readonly forwardingCache: MulticastForwardingEntry[]; readonly routingTables: MulticastRoutingTable[] };
  /** IPv6 forwarding entries of the default table (the mifs stay procfs's); undefined when not asked for. */
  inet6?: { readonly forwardingCache: MulticastForwardingEntry[] };
}

/** vif number by device ifindex, per table. */
type VifNumbers = Map<number, Map<number, number>>;

export async function readMulticastRouting(channel: NetlinkChannel, options: MulticastRoutingOptions = {}): Promise<Part<MulticastRouting>> {
  const part: Part<MulticastRouting> = { data: {}, issues: [], unavailable: [] };
  const socket = await channel.socket(NETLINK_ROUTE);
  const names = options.interfaceNames;

  const tables = await dumpParsed(socket, RTM_GETLINK, RTM_NEWLINK, buildIpmrTableDumpRequest(), parseIpmrTableMessage, RTNL_IPMR_LINK_FILE);
  appendAll(part.issues, tables.issues);
  if (tables.items.length > 0) {
    const numbers: VifNumbers = new Map();
    const inet: NonNullable<MulticastRouting['inet']> = { vifs: [], forwardingCache: [], routingTables: [] };
    for (const t of tables.items) addTable(t, inet, numbers, names, part.issues);
    const entries = await multicastRoutes(socket, RTNL_FAMILY_IPMR, part.issues);
    for (const r of entries) pushEntry(inet.forwardingCache, forwardingEntry(r, 'inet', numbers.get(r.table), names, part.issues));
    part.data.inet = inet;
  }

  if (options.ipv6Mifs !== undefined) {
    const numbers: VifNumbers = new Map([[PROCFS_MULTICAST_TABLE.inet6, ipv6MifNumbers(options.ipv6Mifs, names)]]);
    const inet6: NonNullable<MulticastRouting['inet6']> = { forwardingCache: [] };
    let otherTables = 0;
    for (const r of await multicastRoutes(socket, RTNL_FAMILY_IP6MR, part.issues)) {
      if (r.table !== PROCFS_MULTICAST_TABLE.inet6) otherTables++;
      else pushEntry(inet6.forwardingCache, forwardingEntry(r, 'inet6', numbers.get(r.table), names, part.issues));
    }
    if (otherTables > 0) {
      part.unavailable.push({
        what: 'IPv6 multicast forwarding entries of tables other than 254',
        reason: `${otherTables} left out: the kernel gives the mif numbers of IPv6 tables other than the default one neither over netlink nor in procfs`,
      });
    }
    part.data.inet6 = inet6;
  }
  return part;
}

function pushEntry(to: MulticastForwardingEntry[], entry: MulticastForwardingEntry | undefined): void {
  if (entry !== undefined) to.push(entry);
}

/** One route dump of a multicast family, keeping only that family's messages (see the file comment). */
async function multicastRoutes(socket: NetlinkSocket, family: number, issues: Issue[]): Promise<RtnlRoute[]> {
  const dump = await dumpParsed(socket, RTM_GETROUTE, RTM_NEWROUTE, buildRouteDumpRequest(family), parseRouteMessage, RTNL_ROUTE_FILE);
  appendAll(issues, dump.issues);
  return dump.items.filter((r) => r.family === family);
}

function addTable(t: IpmrTable, into: NonNullable<MulticastRouting['inet']>, numbers: VifNumbers, names: ReadonlyMap<number, string> | undefined, issues: Issue[]): void {
  if (t.table === undefined || t.unresolvedQueueLength === undefined || t.registerVif === undefined || t.assert === undefined || t.pim === undefined) {
    issues.push(issue(RTNL_IPMR_LINK_FILE, undefined, 'unknown-format', `a multicast routing table${t.table === undefined ? '' : ` (${t.table})`} lacks one of IPMRA_TABLE_ID, CACHE_RES_QUEUE_LEN, MROUTE_REG_VIF_NUM, DO_ASSERT, DO_PIM; left out with its vifs`));
    return;
  }
  const table: MulticastRoutingTable = { family: 'inet', table: t.table, unresolvedQueueLength: t.unresolvedQueueLength, registerVif: t.registerVif, assert: t.assert, pim: t.pim };
  if (t.wrongVifWhole !== undefined) table.wrongVifWhole = t.wrongVifWhole;
  into.routingTables.push(table);
  const byIfindex = new Map<number, number>();
  numbers.set(t.table, byIfindex);
  for (const v of t.vifs) {
    const record = vifRecord(v, t.table, names);
    if (record === undefined) {
      issues.push(issue(RTNL_IPMR_LINK_FILE, undefined, 'unknown-format', `table ${t.table}: a vif lacks its id, device, flags, a counter or an address; left out`));
      continue;
    }
    into.vifs.push(record);
    if (!byIfindex.has(v.ifindex!)) byIfindex.set(v.ifindex!, record.index);
  }
}

function vifRecord(v: IpmrVif, table: number, names: ReadonlyMap<number, string> | undefined): MulticastVif | undefined {
  const { vif, ifindex, flags, bytesIn, packetsIn, bytesOut, packetsOut, local, remote } = v;
  if (vif === undefined || ifindex === undefined || flags === undefined || bytesIn === undefined || packetsIn === undefined || bytesOut === undefined || packetsOut === undefined) return undefined;
  if (local === undefined || remote === undefined) return undefined;
  return {
    family: 'inet',
    index: vif,
    interface: names?.get(ifindex),
    bytesIn,
    packetsIn,
    bytesOut,
    packetsOut,
    flags,
    flagNames: vifFlagNames(flags, 'inet'),
    local: (flags & VIFF_USE_IFINDEX) === 0 ? inetText(local, AF_INET) : undefined,
    remote: inetText(remote, AF_INET),
    table,
    ifindex,
  };
}

/** procfs mif numbers by device ifindex (through the device names); the lowest mif of a device wins. */
function ipv6MifNumbers(mifs: readonly MulticastVif[], names: ReadonlyMap<number, string> | undefined): Map<number, number> {
  const byName = new Map<string, number>();
  for (const m of mifs) if (m.interface !== undefined && !byName.has(m.interface)) byName.set(m.interface, m.index);
  const out = new Map<number, number>();
  for (const [ifindex, name] of names ?? []) {
    const mif = byName.get(name);
    if (mif !== undefined) out.set(ifindex, mif);
  }
  return out;
}

/** One multicast route → a forwarding entry; undefined (with an issue) when an address is missing or a device has no vif. */
function forwardingEntry(
  r: RtnlRoute,
  family: 'inet' | 'inet6',
  vifs: ReadonlyMap<number, number> | undefined,
  names: ReadonlyMap<number, string> | undefined,
  issues: Issue[],
): MulticastForwardingEntry | undefined {
  const af = family === 'inet' ? AF_INET : AF_INET6;
  const group = r.dst === undefined ? undefined : inetText(r.dst, af);
  const origin = r.src === undefined ? undefined : inetText(r.src, af);
  const where = `multicast route of table ${r.table}`;
  if (group === undefined || origin === undefined) {
    issues.push(issue(RTNL_ROUTE_FILE, undefined, 'bad-address', `${where}: RTA_DST or RTA_SRC missing or not an ${family} address; left out`));
    return undefined;
  }
  const unresolved = (r.flags & RTNH_F_UNRESOLVED) !== 0;
  const vifOf = (ifindex: number, what: string): number | undefined => {
    const vif = vifs?.get(ifindex);
    if (vif === undefined) issues.push(issue(RTNL_ROUTE_FILE, undefined, 'unknown-format', `${where} (${origin}, ${group}): ${what} device ${ifindex} is no vif of the table; entry left out`));
    return vif;
  };
  const entry: MulticastForwardingEntry = {
    family,
    group,
    origin,
    inputVif: -1,
    packets: 0n,
    bytes: 0n,
    wrongInterface: 0n,
    outputs: [],
    table: r.table,
    unresolved,
    offloaded: (r.flags & RTNH_F_OFFLOAD) !== 0,
  };
  // The kernel sends nothing but addresses and table for an unresolved entry: procfs prints it with vif -1 and zero counters.
  if (unresolved) return entry;
  if (r.iif === undefined || r.mfcStats === undefined) {
    issues.push(issue(RTNL_ROUTE_FILE, undefined, 'unknown-format', `${where} (${origin}, ${group}): a resolved entry without ${r.iif === undefined ? 'RTA_IIF (its input vif has no device)' : 'RTA_MFC_STATS'}; left out`));
    return undefined;
  }
  const inputVif = vifOf(r.iif, 'input');
  if (inputVif === undefined) return undefined;
  const outputs: MulticastOutput[] = [];
  for (const hop of r.multipath ?? []) {
    const vif = vifOf(hop.ifindex, 'output');
    if (vif === undefined) return undefined;
    outputs.push({ vif, ttl: hop.hops, ifindex: hop.ifindex, interface: names?.get(hop.ifindex) });
  }
  entry.inputVif = inputVif;
  entry.packets = r.mfcStats.packets;
  entry.bytes = r.mfcStats.bytes;
  entry.wrongInterface = r.mfcStats.wrongInterface;
  entry.outputs = outputs;
  entry.inputIfindex = r.iif;
  entry.inputInterface = names?.get(r.iif);
  if (r.expires !== undefined) entry.sinceUsed = BigInt(r.expires);
  return entry;
}
