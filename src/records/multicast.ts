/**
 * Multicast: group memberships per interface (IPv4, IPv6, link layer), source filters,
 * and the multicast routing tables (vifs and the forwarding cache), IPv4 and IPv6.
 *
 * Each list is empty when its files were read and held nothing, and lacks that part
 * (with an `unavailable` entry on the reading) when the source has no such file — for
 * example ip_mr_* without CONFIG_IP_MROUTE.
 */
import { defineRecord, f, opt, type RecordOf } from './field.js';

const FAMILIES = ['inet', 'inet6'] as const;

export const multicastMembershipSchema = defineRecord('multicast-membership', 'One multicast group (or link-layer multicast address) an interface listens to.', {
  family: f.enum(['inet', 'inet6', 'link'] as const, 'inet from /proc/net/igmp, inet6 from igmp6, link (hardware address) from dev_mcast.'),
  interface: f.string('Interface name.'),
  ifindex: f.u32('Interface index.', { kernel: 'Idx' }),
  group: f.string('Group address: dotted quad, IPv6 text, or colon-separated hardware bytes.', { kernel: 'Group' }),
  users: opt.u32('Joins holding the membership (sockets and kernel users; dev_mcast refcount).', { kernel: 'Users' }),
  globalUse: opt.u32('dev_mcast only: global users of the hardware address (dev_mc_add_global).', { kernel: 'global_use' }),
  timerRunning: opt.bool('A report timer is pending (igmp timer running flag; igmp6 MAF_TIMER_RUNNING).'),
  timer: opt.i64('Clock ticks (USER_HZ) until the pending report; 0 when none is pending.', { kernel: 'Timer', unit: 'clock_ticks' }),
  reporter: opt.bool('This host sent the last report for the group (igmp Reporter; igmp6 MAF_LAST_REPORTER).', { kernel: 'Reporter' }),
  flags: opt.u32('igmp6 only: mca_flags as printed.', { kernel: 'mca_flags' }),
  flagNames: opt.strings('igmp6 only: names of the set mca_flags (TIMER_RUNNING, LAST_REPORTER, LOADED, NOREPORT, GSQUERY).'),
  querier: opt.enum(['V1', 'V2', 'V3', 'NONE'] as const, 'igmp only: IGMP version of the querier the interface follows.', { kernel: 'Querier' }),
  interfaceGroups: opt.u32('igmp only: groups joined on this interface (the interface line\'s Count).', { kernel: 'Count', unit: 'count' }),
});

export const multicastSourceFilterSchema = defineRecord('multicast-source-filter', 'One source of a source-specific (IGMPv3/MLDv2) membership.', {
  family: f.enum(FAMILIES, 'Address family.'),
  interface: f.string('Interface name: the full name when the interface is known from igmp/igmp6/dev_mcast, otherwise as printed (cut to six characters by the kernel).'),
  ifindex: f.u32('Interface index.', { kernel: 'Idx' }),
  group: f.string('Group address.', { kernel: 'MCA' }),
  source: f.string('Source address.', { kernel: 'SRC' }),
  includeCount: f.u32('Sockets that include this source (INCLUDE mode filters).', { kernel: 'INC', unit: 'count' }),
  excludeCount: f.u32('Sockets that exclude this source (EXCLUDE mode filters).', { kernel: 'EXC', unit: 'count' }),
});

export const multicastVifSchema = defineRecord('multicast-vif', 'A virtual interface of the multicast routing table (vif, or mif for IPv6).', {
  family: f.enum(FAMILIES, 'inet from /proc/net/ip_mr_vif, inet6 from ip6_mr_vif.'),
  index: f.u32('vif/mif index, as the forwarding cache refers to it.'),
  interface: opt.string('Device name; undefined when the kernel prints "none" (device gone).', { kernel: 'Interface' }),
  bytesIn: f.u64('Bytes received on the vif.', { kernel: 'BytesIn', unit: 'bytes' }),
  packetsIn: f.u64('Packets received on the vif.', { kernel: 'PktsIn', unit: 'packets' }),
  bytesOut: f.u64('Bytes forwarded out of the vif.', { kernel: 'BytesOut', unit: 'bytes' }),
  packetsOut: f.u64('Packets forwarded out of the vif.', { kernel: 'PktsOut', unit: 'packets' }),
  flags: f.u32('VIFF_* (IPv4) or MIFF_* (IPv6) flags as printed.', { kernel: 'Flags' }),
  flagNames: f.strings('Names of the set flags: TUNNEL, SRCRT, REGISTER, USE_IFINDEX (IPv4); REGISTER (IPv6).'),
  local: opt.string('IPv4 only: local address of the vif (tunnel endpoint); undefined for a vif made by device index (USE_IFINDEX), where the kernel keeps that index instead.', { kernel: 'Local' }),
  remote: opt.string('IPv4 only: remote address of a tunnel vif.', { kernel: 'Remote' }),
  table: opt.u32('Multicast routing table id. procfs shows only the default one: 253 for IPv4, 254 for IPv6 (the kernel\'s RT6_TABLE_DFLT is the main table\'s id).', { kernel: 'IPMRA_TABLE_ID' }),
  ifindex: opt.u32('Index of the vif\'s device (netlink only).', { kernel: 'IPMRA_VIFA_IFINDEX' }),
});

export const multicastOutputSchema = defineRecord('multicast-output', 'An output vif of a forwarding entry.', {
  vif: f.u32('vif/mif index.'),
  ttl: f.u32('TTL threshold: packets with a TTL above it are forwarded.'),
  ifindex: opt.u32('Index of the vif\'s device (netlink only).', { kernel: 'rtnh_ifindex' }),
  interface: opt.string('Name of the vif\'s device (netlink only).'),
});

export const multicastForwardingSchema = defineRecord('multicast-forwarding-entry', 'One (source, group) entry of the multicast forwarding cache.', {
  family: f.enum(FAMILIES, 'inet from /proc/net/ip_mr_cache, inet6 from ip6_mr_cache.'),
  group: f.string('Multicast group.', { kernel: 'Group' }),
  origin: f.string('Source (origin) address.', { kernel: 'Origin' }),
  inputVif: f.i32('vif the traffic must arrive on (mfc_parent).', { kernel: 'Iif' }),
  packets: f.u64('Packets forwarded by this entry. 0 for unresolved entries, which print no counters.', { kernel: 'Pkts', unit: 'packets' }),
  bytes: f.u64('Bytes forwarded by this entry.', { kernel: 'Bytes', unit: 'bytes' }),
  wrongInterface: f.u64('Packets that arrived on another vif than inputVif.', { kernel: 'Wrong', unit: 'packets' }),
  outputs: f.records(multicastOutputSchema, 'Output vifs with their TTL thresholds.'),
  table: opt.u32('Multicast routing table id. procfs shows only the default one: 253 for IPv4, 254 for IPv6.', { kernel: 'RTA_TABLE' }),
  inputIfindex: opt.u32('Index of the input vif\'s device (netlink only; undefined while unresolved).', { kernel: 'RTA_IIF' }),
  inputInterface: opt.string('Name of the input vif\'s device (netlink only).'),
  unresolved: opt.bool('The entry waits in the unresolved queue for the routing daemon (netlink only; procfs prints such an entry with input vif -1 and zero counters).', { kernel: 'RTNH_F_UNRESOLVED' }),
  offloaded: opt.bool('The entry is offloaded to hardware (netlink only).', { kernel: 'RTNH_F_OFFLOAD' }),
  sinceUsed: opt.u64('Clock ticks (USER_HZ) since a packet last matched the entry, wrong-interface ones included, or since it was made (netlink only; undefined while unresolved).', { kernel: 'RTA_EXPIRES', unit: 'clock_ticks' }),
});

export const multicastRoutingTableSchema = defineRecord('multicast-routing-table', 'One IPv4 multicast routing table (netlink only: the kernel has no such dump for IPv6).', {
  family: f.enum(FAMILIES, 'Address family (inet).'),
  table: f.u32('Table id (253 is "default").', { kernel: 'IPMRA_TABLE_ID' }),
  unresolvedQueueLength: f.u32('Unresolved entries waiting for the routing daemon (older kernels drop packets of new flows once 10 wait; newer ones have no such limit).', { kernel: 'IPMRA_TABLE_CACHE_RES_QUEUE_LEN', unit: 'count' }),
  registerVif: f.i32('The PIM register vif, -1 when there is none.', { kernel: 'IPMRA_TABLE_MROUTE_REG_VIF_NUM' }),
  assert: f.bool('The daemon asked for wrong-vif upcalls (MRT_ASSERT).', { kernel: 'IPMRA_TABLE_MROUTE_DO_ASSERT' }),
  pim: f.bool('PIM mode is on (MRT_PIM).', { kernel: 'IPMRA_TABLE_MROUTE_DO_PIM' }),
  wrongVifWhole: opt.bool('Wrong-vif upcalls carry the whole packet (MRT_PIM with IGMPMSG_WRVIFWHOLE); undefined where the kernel does not send it.', { kernel: 'IPMRA_TABLE_MROUTE_DO_WRVIFWHOLE' }),
});

export const multicastSchema = defineRecord('multicast', 'Multicast memberships, source filters and multicast routing, IPv4 and IPv6.', {
  memberships: f.records(multicastMembershipSchema, 'Group memberships: igmp, then igmp6, then dev_mcast, each in kernel order.'),
  sourceFilters: f.records(multicastSourceFilterSchema, 'Source filters: mcfilter, then mcfilter6.'),
  vifs: f.records(multicastVifSchema, 'Multicast routing interfaces, IPv4 then IPv6: procfs has the default table only; netlink adds the other IPv4 tables (the kernel gives no IPv6 mif table over netlink).'),
  forwardingCache: f.records(multicastForwardingSchema, 'Forwarding cache entries, IPv4 then IPv6: procfs has the default table only; netlink adds the other IPv4 tables and the unresolved entries of other IPv6 tables.'),
  routingTables: opt.records(multicastRoutingTableSchema, 'IPv4 multicast routing tables (netlink only).'),
});

export type Multicast = RecordOf<typeof multicastSchema>;
export type MulticastMembership = RecordOf<typeof multicastMembershipSchema>;
export type MulticastSourceFilter = RecordOf<typeof multicastSourceFilterSchema>;
export type MulticastVif = RecordOf<typeof multicastVifSchema>;
export type MulticastForwardingEntry = RecordOf<typeof multicastForwardingSchema>;
export type MulticastOutput = RecordOf<typeof multicastOutputSchema>;
export type MulticastRoutingTable = RecordOf<typeof multicastRoutingTableSchema>;
