/**
 * Multicast routing from rtnetlink, every table: the IPv4 vif tables (RTM_GETLINK of
 * family RTNL_FAMILY_IPMR), and the IPv4 and IPv6 forwarding caches (RTM_GETROUTE of
 * families RTNL_FAMILY_IPMR and RTNL_FAMILY_IP6MR) → the routing part of a `Multicast`
 * reading. Memberships and source filters have no netlink dump and stay with procfs.
 *
 * vif numbers. Records name vifs by number, as procfs and routing daemons do; the kernel's
 * route messages name them by device (RTA_IIF, rtnh_ifindex), and a device cannot always
 * give the number back: two vifs may share a device, and an entry keeps its input vif after
 * the vif's device is gone (netlink then sends no RTA_IIF). So:
 * - The default tables (253 IPv4, 254 IPv6), which procfs prints with the kernel's own vif
 *   numbers: the entries are procfs's (`defaultTables`), each given what netlink adds — the
 *   devices, `unresolved`, `offloaded`, `sinceUsed` — from the netlink entry with the same
 *   (origin, group) when it is still the same entry (sameEntry). An entry only one of the two
 *   reads saw, or that changed between them, is as procfs saw it: the reading is procfs's
 *   moment for these tables.
 * - Other IPv4 tables: numbered through the table's vif dump; an entry whose input or an
 *   output device is not exactly one vif of its table is left out, with an `unavailable`
 *   entry saying how many.
 * - Other IPv6 tables: the kernel gives their mif numbers nowhere (no mif table over
 *   netlink, procfs shows the default table only). Unresolved entries need none and are
 *   listed; resolved ones are left out, counted in an `unavailable` entry.
 * Vifs themselves carry their numbers (IPMRA_VIFA_VIF_ID): IPv4 vifs of every table come
 * from netlink, IPv6 mifs stay procfs's.
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
import { PROCFS_MULTICAST_TABLE } from '../tree/assemble/multicast-parts.js';
import { VIFF_USE_IFINDEX, vifFlagNames } from '../tree/assemble/multicast-flags.js';
import type { NetlinkChannel } from './channel.js';
import { inetText } from './inet-text.js';
import type { NetlinkSocket } from './netlink-socket.js';
import { dumpParsed } from './rtnl-dump.js';

type Family = 'inet' | 'inet6';

export interface MulticastRoutingOptions {
  /** ifindex → name, from a link reading of the same namespace; without it device names stay undefined. */
  readonly interfaceNames?: ReadonlyMap<number, string>;
  /**
   * procfs's forwarding entries of the default table, per family whose cache file procfs
   * has. IPv6 is read only with them (they give its numbers); IPv4 without them numbers its
   * default table through the vif dump, like the others.
   */
  readonly defaultTables: { readonly inet?: readonly MulticastForwardingEntry[]; readonly inet6?: readonly MulticastForwardingEntry[] };
}

export interface MulticastRouting {
  /** IPv4, every table; undefined when the kernel has no IPv4 multicast routing. */
  inet?: { readonly vifs: MulticastVif[]; readonly forwardingCache: MulticastForwardingEntry[]; readonly routingTables: MulticastRoutingTable[] };
  /** IPv6 forwarding entries (the mifs stay procfs's); undefined when not read. */
  inet6?: { readonly forwardingCache: MulticastForwardingEntry[] };
}

/** Per table: the vif numbers on each device ifindex, and each vif's device. */
type VifNumbers = Map<number, { readonly byDevice: Map<number, number[]>; readonly deviceOf: Map<number, number> }>;

export async function readMulticastRouting(channel: NetlinkChannel, options: MulticastRoutingOptions): Promise<Part<MulticastRouting>> {
  const part: Part<MulticastRouting> = { data: {}, issues: [], unavailable: [] };
  const socket = await channel.socket(NETLINK_ROUTE);
  const names = options.interfaceNames;

  const tables = await dumpParsed(socket, RTM_GETLINK, RTM_NEWLINK, buildIpmrTableDumpRequest(), parseIpmrTableMessage, RTNL_IPMR_LINK_FILE);
  appendAll(part.issues, tables.issues);
  if (tables.items.length > 0) {
    const inet: NonNullable<MulticastRouting['inet']> = { vifs: [], forwardingCache: [], routingTables: [] };
    const numbers: VifNumbers = new Map();
    for (const t of tables.items) addTable(t, inet, numbers, names, part.issues);
    const routes = await multicastRoutes(socket, RTNL_FAMILY_IPMR, part.issues);
    const byDevice = (r: RtnlRoute) => numberByDevice(r, numbers.get(r.table)?.byDevice);
    const defaultDevices = numbers.get(PROCFS_MULTICAST_TABLE.inet)?.deviceOf ?? new Map<number, number>();
    appendAll(inet.forwardingCache, forwardingEntries(routes, 'inet', options.defaultTables.inet, byDevice, (vif) => defaultDevices.get(vif), names, part));
    part.data.inet = inet;
  }

  const inet6Default = options.defaultTables.inet6;
  if (inet6Default !== undefined) {
    const routes = await multicastRoutes(socket, RTNL_FAMILY_IP6MR, part.issues);
    part.data.inet6 = { forwardingCache: forwardingEntries(routes, 'inet6', inet6Default, () => undefined, undefined, names, part) };
  }
  return part;
}

/** One route dump of a multicast family, keeping only that family's messages (see the file comment). */
async function multicastRoutes(socket: NetlinkSocket, family: number, issues: Issue[]): Promise<RtnlRoute[]> {
  const dump = await dumpParsed(socket, RTM_GETROUTE, RTM_NEWROUTE, buildRouteDumpRequest(family), parseRouteMessage, RTNL_ROUTE_FILE);
  appendAll(issues, dump.issues);
  return dump.items.filter((r) => r.family === family);
}

/** The vif numbers of a resolved entry's input and outputs by their devices; undefined unless each device is exactly one vif of the table. */
type Numbering = (r: RtnlRoute) => { input: number; outputs: number[] } | undefined;

function numberByDevice(r: RtnlRoute, devices: ReadonlyMap<number, number[]> | undefined): ReturnType<Numbering> {
  const one = (ifindex: number | undefined) => {
    const vifs = ifindex === undefined ? undefined : devices?.get(ifindex);
    return vifs?.length === 1 ? vifs[0] : undefined;
  };
  const input = one(r.iif);
  const outputs = (r.multipath ?? []).map((hop) => one(hop.ifindex));
  if (input === undefined || outputs.some((o) => o === undefined)) return undefined;
  return { input, outputs: outputs as number[] };
}

/**
 * The forwarding entries of one family: the default table's as procfs gave them with
 * netlink's additions (when `defaults` is given; `defaultDeviceOf` gives the device of a
 * default-table vif where known, IPv4), then every other table's, numbered by `numbering`;
 * what cannot be numbered is counted in an `unavailable` entry.
 */
function forwardingEntries(
  routes: readonly RtnlRoute[],
  family: Family,
  defaults: readonly MulticastForwardingEntry[] | undefined,
  numbering: Numbering,
  defaultDeviceOf: ((vif: number) => number | undefined) | undefined,
  names: ReadonlyMap<number, string> | undefined,
  part: Part<unknown>,
): MulticastForwardingEntry[] {
  const af = family === 'inet' ? AF_INET : AF_INET6;
  const defaultTable = PROCFS_MULTICAST_TABLE[family];
  const out: MulticastForwardingEntry[] = [];
  const byKey = new Map<string, RtnlRoute[]>();
  const others: RtnlRoute[] = [];
  for (const r of routes) {
    const group = r.dst === undefined ? undefined : inetText(r.dst, af);
    const origin = r.src === undefined ? undefined : inetText(r.src, af);
    if (group === undefined || origin === undefined) {
      part.issues.push(issue(RTNL_ROUTE_FILE, undefined, 'bad-address', `multicast route of table ${r.table}: RTA_DST or RTA_SRC missing or not an ${family} address; left out`));
    } else if (defaults !== undefined && r.table === defaultTable) {
      const key = `${origin} ${group}`;
      const list = byKey.get(key);
      if (list === undefined) byKey.set(key, [r]);
      else list.push(r);
    } else others.push(r);
  }
  for (const p of defaults ?? []) {
    const r = byKey.get(`${p.origin} ${p.group}`)?.shift();
    out.push(r !== undefined && sameEntry(p, r, defaultDeviceOf) ? withNetlinkFields(p, r, names) : p);
  }
  let unnumbered = 0;
  for (const r of others) {
    const entry = otherTableEntry(r, family, numbering, names, part.issues);
    if (entry === 'unnumbered') unnumbered++;
    else if (entry !== undefined) out.push(entry);
  }
  if (unnumbered > 0) {
    const why =
      family === 'inet6'
        ? 'the kernel gives the mif numbers of IPv6 tables other than the default one neither over netlink nor in procfs'
        : 'their input or an output device is not exactly one vif of the table (a vif without a device, or two vifs on one device)';
    part.unavailable.push({ what: `${family === 'inet' ? 'IPv4' : 'IPv6'} multicast forwarding entries that cannot be numbered`, reason: `${unnumbered} left out: ${why}` });
  }
  return out;
}

/**
 * Whether the netlink entry of a procfs entry's (origin, group) is still the same entry: same
 * state, the same outputs with the same TTL thresholds (both list the outputs with a device and
 * a TTL below 255, by ascending vif), and, where the vifs' devices are known, the same devices.
 * An entry changed between the two reads stays as procfs saw it.
 */
function sameEntry(p: MulticastForwardingEntry, r: RtnlRoute, deviceOf: ((vif: number) => number | undefined) | undefined): boolean {
  const unresolved = (r.flags & RTNH_F_UNRESOLVED) !== 0;
  if (unresolved !== (p.inputVif === -1)) return false;
  if (unresolved) return true;
  const hops = r.multipath ?? [];
  if (hops.length !== p.outputs.length || hops.some((h, i) => h.hops !== p.outputs[i]!.ttl)) return false;
  if (deviceOf === undefined) return true;
  return deviceOf(p.inputVif) === r.iif && hops.every((h, i) => deviceOf(p.outputs[i]!.vif) === h.ifindex);
}

/** A procfs entry of the default table with what only the netlink entry of the same (origin, group) says (sameEntry holds). */
function withNetlinkFields(p: MulticastForwardingEntry, r: RtnlRoute, names: ReadonlyMap<number, string> | undefined): MulticastForwardingEntry {
  const unresolved = (r.flags & RTNH_F_UNRESOLVED) !== 0;
  const e: MulticastForwardingEntry = { ...p, table: r.table, unresolved, offloaded: (r.flags & RTNH_F_OFFLOAD) !== 0 };
  if (unresolved) return e;
  if (r.iif !== undefined) setDevice(e, 'inputIfindex', 'inputInterface', r.iif, names);
  if (r.expires !== undefined) e.sinceUsed = r.expires;
  const hops = r.multipath ?? [];
  e.outputs = p.outputs.map((o, i) => output(o.vif, o.ttl, hops[i]!.ifindex, names));
  return e;
}

/** An entry of another table, numbered through its devices; 'unnumbered' when that cannot be done. */
function otherTableEntry(r: RtnlRoute, family: Family, numbering: Numbering, names: ReadonlyMap<number, string> | undefined, issues: Issue[]): MulticastForwardingEntry | 'unnumbered' | undefined {
  const af = family === 'inet' ? AF_INET : AF_INET6;
  const unresolved = (r.flags & RTNH_F_UNRESOLVED) !== 0;
  const entry: MulticastForwardingEntry = {
    family,
    group: inetText(r.dst!, af)!,
    origin: inetText(r.src!, af)!,
    // The kernel sends nothing but addresses and table for an unresolved entry; procfs prints such an entry with vif -1 and zero counters.
    inputVif: -1,
    packets: 0n,
    bytes: 0n,
    wrongInterface: 0n,
    outputs: [],
    table: r.table,
    unresolved,
    offloaded: (r.flags & RTNH_F_OFFLOAD) !== 0,
  };
  if (unresolved) return entry;
  if (r.mfcStats === undefined) {
    issues.push(issue(RTNL_ROUTE_FILE, undefined, 'unknown-format', `multicast route of table ${r.table} (${entry.origin}, ${entry.group}): a resolved entry without RTA_MFC_STATS; left out`));
    return undefined;
  }
  const numbers = numbering(r);
  if (numbers === undefined) return 'unnumbered';
  entry.inputVif = numbers.input;
  entry.packets = r.mfcStats.packets;
  entry.bytes = r.mfcStats.bytes;
  entry.wrongInterface = r.mfcStats.wrongInterface;
  entry.outputs = numbers.outputs.map((vif, i) => output(vif, r.multipath![i]!.hops, r.multipath![i]!.ifindex, names));
  setDevice(entry, 'inputIfindex', 'inputInterface', r.iif!, names);
  if (r.expires !== undefined) entry.sinceUsed = r.expires;
  return entry;
}

function output(vif: number, ttl: number, ifindex: number, names: ReadonlyMap<number, string> | undefined): MulticastOutput {
  const o: MulticastOutput = { vif, ttl };
  setDevice(o, 'ifindex', 'interface', ifindex, names);
  return o;
}

/** Sets a device's index and, when known, its name (left out, not undefined, when not: as procfs records leave out what they lack). */
function setDevice<T extends object>(on: T, indexKey: keyof T & string, nameKey: keyof T & string, ifindex: number, names: ReadonlyMap<number, string> | undefined): void {
  const target = on as Record<string, unknown>;
  target[indexKey] = ifindex;
  const name = names?.get(ifindex);
  if (name !== undefined) target[nameKey] = name;
}

/** One table message → its routingTables record (once per table: a big table comes in several messages) and its vifs. */
function addTable(t: IpmrTable, into: NonNullable<MulticastRouting['inet']>, numbers: VifNumbers, names: ReadonlyMap<number, string> | undefined, issues: Issue[]): void {
  if (t.table === undefined || t.unresolvedQueueLength === undefined || t.registerVif === undefined || t.assert === undefined || t.pim === undefined) {
    issues.push(issue(RTNL_IPMR_LINK_FILE, undefined, 'unknown-format', `a multicast routing table${t.table === undefined ? '' : ` (${t.table})`} lacks one of IPMRA_TABLE_ID, CACHE_RES_QUEUE_LEN, MROUTE_REG_VIF_NUM, DO_ASSERT, DO_PIM; left out with its vifs`));
    return;
  }
  let devices = numbers.get(t.table);
  if (devices === undefined) {
    devices = { byDevice: new Map(), deviceOf: new Map() };
    numbers.set(t.table, devices);
    const table: MulticastRoutingTable = { family: 'inet', table: t.table, unresolvedQueueLength: t.unresolvedQueueLength, registerVif: t.registerVif, assert: t.assert, pim: t.pim };
    if (t.wrongVifWhole !== undefined) table.wrongVifWhole = t.wrongVifWhole;
    into.routingTables.push(table);
  }
  for (const v of t.vifs) {
    const record = vifRecord(v, t.table, names);
    if (record === undefined) {
      issues.push(issue(RTNL_IPMR_LINK_FILE, undefined, 'unknown-format', `table ${t.table}: a vif lacks its id, device, flags, a counter or an address; left out`));
      continue;
    }
    into.vifs.push(record);
    devices.deviceOf.set(record.index, v.ifindex!);
    const onDevice = devices.byDevice.get(v.ifindex!);
    if (onDevice === undefined) devices.byDevice.set(v.ifindex!, [record.index]);
    else onDevice.push(record.index);
  }
}

function vifRecord(v: IpmrVif, table: number, names: ReadonlyMap<number, string> | undefined): MulticastVif | undefined {
  const { vif, ifindex, flags, bytesIn, packetsIn, bytesOut, packetsOut, local, remote } = v;
  if (vif === undefined || ifindex === undefined || flags === undefined || bytesIn === undefined || packetsIn === undefined || bytesOut === undefined || packetsOut === undefined) return undefined;
  if (local === undefined || remote === undefined) return undefined;
  const record: MulticastVif = { family: 'inet', index: vif, bytesIn, packetsIn, bytesOut, packetsOut, flags, flagNames: vifFlagNames(flags, 'inet'), table };
  setDevice(record, 'ifindex', 'interface', ifindex, names);
  if ((flags & VIFF_USE_IFINDEX) === 0) record.local = inetText(local, AF_INET);
  record.remote = inetText(remote, AF_INET);
  return record;
}
