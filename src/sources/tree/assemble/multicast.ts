/**
 * Multicast from procfs: memberships (igmp, igmp6, dev_mcast), source filters
 * (mcfilter, mcfilter6) and multicast routing (ip_mr_vif, ip6_mr_vif, ip_mr_cache,
 * ip6_mr_cache). A missing file leaves its part out with an `unavailable` entry (the
 * ip_mr_* files exist only with CONFIG_IP_MROUTE); none readable → E_UNAVAILABLE.
 *
 * The routing part is the default multicast routing table only (the one these files show),
 * and each record says so in `table`.
 *
 * mcfilter and mcfilter6 cut device names to six characters; the full name is taken from
 * the membership files by ifindex when one of them lists the interface.
 */
import type { Issue } from '../../../errors.js';
import type { Multicast, MulticastForwardingEntry, MulticastMembership, MulticastVif } from '../../../records/multicast.js';
import type { TreeReader } from '../reader.js';
import type { ParseResult } from '../procfs/parse-result.js';
import { parseNetDevMcast } from '../procfs/net-dev-mcast.js';
import { parseNetIgmp, type NetIgmpRow } from '../procfs/net-igmp.js';
import { parseNetIgmp6, type NetIgmp6Row } from '../procfs/net-igmp6.js';
import { parseNetIp6MrCache } from '../procfs/net-ip6-mr-cache.js';
import { parseNetIp6MrVif } from '../procfs/net-ip6-mr-vif.js';
import { parseNetIpMrCache, type NetMrCacheRow } from '../procfs/net-ip-mr-cache.js';
import { parseNetIpMrVif, type NetMrVifRow } from '../procfs/net-ip-mr-vif.js';
import { parseNetMcfilter } from '../procfs/net-mcfilter.js';
import { parseNetMcfilter6 } from '../procfs/net-mcfilter6.js';
import { emptyPart, readInto, requireSome, type Part } from './part.js';
import { MULTICAST_ROUTING_FILES, PROCFS_MULTICAST_TABLE } from './multicast-parts.js';
import { MAF_LAST_REPORTER, MAF_TIMER_RUNNING, VIFF_USE_IFINDEX, membershipFlagNames, vifFlagNames } from './multicast-flags.js';

type Family = 'inet' | 'inet6';
const QUERIERS = new Set(['V1', 'V2', 'V3', 'NONE']);

export async function readMulticast(reader: TreeReader): Promise<Part<Multicast>> {
  const part = emptyPart<Multicast>({ memberships: [], sourceFilters: [], vifs: [], forwardingCache: [] });
  const read: boolean[] = [];
  const names = new Map<number, string>();
  const rows = async <Row>(file: string, what: string, parse: (text: string, file: string) => ParseResult<Row>) => {
    const got = await parsedRows(part, reader, file, what, parse);
    read.push(got !== undefined);
    return got ?? [];
  };

  for (const row of await rows('proc/net/igmp', 'IPv4 multicast memberships', parseNetIgmp)) {
    names.set(row.ifindex, row.device);
    part.data.memberships.push(igmpMembership(row));
  }
  for (const row of await rows('proc/net/igmp6', 'IPv6 multicast memberships', parseNetIgmp6)) {
    names.set(row.ifindex, row.device);
    part.data.memberships.push(igmp6Membership(row));
  }
  for (const row of await rows('proc/net/dev_mcast', 'link-layer multicast addresses', parseNetDevMcast)) {
    names.set(row.ifindex, row.device);
    part.data.memberships.push({ family: 'link', interface: row.device, ifindex: row.ifindex, group: row.address, users: row.refcount, globalUse: row.globalUse });
  }
  const filters = [
    ...(await rows('proc/net/mcfilter', 'IPv4 multicast source filters', parseNetMcfilter)).map((r) => ({ ...r, family: 'inet' as const })),
    ...(await rows('proc/net/mcfilter6', 'IPv6 multicast source filters', parseNetMcfilter6)).map((r) => ({ ...r, family: 'inet6' as const })),
  ];
  for (const r of filters) {
    const iface = names.get(r.ifindex) ?? r.device;
    part.data.sourceFilters.push({ family: r.family, interface: iface, ifindex: r.ifindex, group: r.group, source: r.source, includeCount: r.include, excludeCount: r.exclude });
  }
  const { inetVifs, inet6Vifs, inetCache, inet6Cache } = MULTICAST_ROUTING_FILES;
  part.data.vifs.push(...(await rows(inetVifs.file, inetVifs.what, parseNetIpMrVif)).map((r) => vif(r, 'inet')));
  part.data.vifs.push(...(await rows(inet6Vifs.file, inet6Vifs.what, parseNetIp6MrVif)).map((r) => vif(r, 'inet6')));
  part.data.forwardingCache.push(...(await rows(inetCache.file, inetCache.what, parseNetIpMrCache)).map((r) => forwarding(r, 'inet')));
  part.data.forwardingCache.push(...(await rows(inet6Cache.file, inet6Cache.what, parseNetIp6MrCache)).map((r) => forwarding(r, 'inet6')));

  requireSome(part, read.some(Boolean), 'multicast');
  return part;
}

/** Reads and parses one file, collecting its issues; undefined when the file could not be read. */
async function parsedRows<Row>(
  part: Part<unknown>,
  reader: TreeReader,
  file: string,
  what: string,
  parse: (text: string, file: string) => ParseResult<Row>,
): Promise<Row[] | undefined> {
  const text = await readInto(part, reader, file, what);
  if (text === undefined) return undefined;
  const parsed = parse(text, file);
  (part.issues as Issue[]).push(...parsed.issues);
  return parsed.rows;
}

function igmpMembership(row: NetIgmpRow): MulticastMembership {
  const m: MulticastMembership = {
    family: 'inet',
    interface: row.device,
    ifindex: row.ifindex,
    group: row.group,
    users: row.users,
    timerRunning: row.timerRunning,
    timer: row.timer,
    reporter: row.reporter,
    interfaceGroups: row.count,
  };
  if (QUERIERS.has(row.querier)) m.querier = row.querier as MulticastMembership['querier'];
  return m;
}

function igmp6Membership(row: NetIgmp6Row): MulticastMembership {
  return {
    family: 'inet6',
    interface: row.device,
    ifindex: row.ifindex,
    group: row.group,
    users: row.users,
    timerRunning: (row.flags & MAF_TIMER_RUNNING) !== 0,
    timer: row.timer,
    reporter: (row.flags & MAF_LAST_REPORTER) !== 0,
    flags: row.flags,
    flagNames: membershipFlagNames(row.flags),
  };
}

function vif(row: NetMrVifRow, family: Family): MulticastVif {
  const out: MulticastVif = {
    family,
    index: row.vif,
    bytesIn: row.bytesIn,
    packetsIn: row.packetsIn,
    bytesOut: row.bytesOut,
    packetsOut: row.packetsOut,
    flags: row.flags,
    flagNames: vifFlagNames(row.flags, family),
    table: PROCFS_MULTICAST_TABLE[family],
  };
  // The kernel prints "none" for a vif whose device is gone.
  if (row.device !== 'none') out.interface = row.device;
  if (row.local !== undefined && (row.flags & VIFF_USE_IFINDEX) === 0) out.local = row.local;
  if (row.remote !== undefined) out.remote = row.remote;
  return out;
}

function forwarding(row: NetMrCacheRow, family: Family): MulticastForwardingEntry {
  return {
    family,
    group: row.group,
    origin: row.origin,
    inputVif: row.iif,
    packets: row.packets,
    bytes: row.bytes,
    wrongInterface: row.wrongIf,
    outputs: row.outputs.map((o) => ({ vif: o.vif, ttl: o.ttl })),
    table: PROCFS_MULTICAST_TABLE[family],
  };
}
