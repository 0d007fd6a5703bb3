/**
 * A route: one entry of a kernel routing table, IPv4 or IPv6.
 *
 * What procfs can and cannot say (netlink, when it comes, fills the rest):
 * - /proc/net/route shows the IPv4 **main** table only (table 254; fib_route_seq_start
 *   looks up RT_TABLE_MAIN), and in it skips broadcast and multicast routes. It prints
 *   only the first next hop of a multipath route, no scope, protocol or preferred source.
 * - /proc/net/ipv6_route shows **every** IPv6 table but has no table column, so `table`
 *   is undefined for IPv6 routes from procfs. Each line is one path: the siblings of a
 *   multipath route appear as separate routes with the same destination and metric.
 * - `scope`, `protocol`, `preferredSource` and `nextHops` are undefined from procfs.
 */
import { defineRecord, f, opt, type RecordOf } from './field.js';

/** The reserved table ids and the names `ip route` gives them (include/uapi/linux/rtnetlink.h). */
export const ROUTE_TABLE_NAMES: Readonly<Record<number, string>> = { 253: 'default', 254: 'main', 255: 'local' };

/** rtm_type values by their `ip route` names (RTN_* in include/uapi/linux/rtnetlink.h). */
export const ROUTE_TYPES = [
  'unicast',
  'local',
  'broadcast',
  'anycast',
  'multicast',
  'blackhole',
  'unreachable',
  'prohibit',
  'throw',
  'nat',
  'xresolve',
] as const;

export const ROUTE_SCOPES = ['universe', 'site', 'link', 'host', 'nowhere'] as const;

export const nextHopSchema = defineRecord('route-next-hop', 'One path of a multipath route.', {
  gateway: opt.string('Gateway address; undefined for a directly connected path.', { kernel: 'RTA_GATEWAY' }),
  interface: opt.string('Output interface name.', { kernel: 'rtnh_ifindex' }),
  weight: opt.u32('Relative weight of this path (rtnh_hops + 1).', { kernel: 'rtnh_hops' }),
});

export const routeSchema = defineRecord('route', 'One entry of a kernel routing table (IPv4 or IPv6).', {
  family: f.enum(['inet', 'inet6'] as const, 'Address family.'),
  table: opt.u32('Routing table id: 254 main, 255 local, 253 default, or a custom id. Undefined when the source cannot tell (IPv6 routes from /proc/net/ipv6_route).', { kernel: 'RTA_TABLE' }),
  tableName: opt.string('Name of a reserved table (main, local, default); undefined for custom ids and unknown tables.'),
  type: opt.enum(ROUTE_TYPES, 'Route type. From procfs it is derived from the flags and addresses, and undefined where they cannot tell (reject routes: unreachable, prohibit, blackhole and throw look alike).', { kernel: 'rtm_type' }),
  destination: f.string('Destination prefix address (0.0.0.0 or :: for a default route).', { kernel: 'Destination' }),
  prefixLength: f.u32('Destination prefix length in bits (0 for a default route).', { kernel: 'rtm_dst_len' }),
  gateway: opt.string('Gateway (next hop) address; undefined for a directly connected route.', { kernel: 'Gateway' }),
  source: opt.string('Source prefix of an IPv6 source-specific route (CONFIG_IPV6_SUBTREES); undefined when the route applies to any source.', { kernel: 'rtm_src' }),
  sourcePrefixLength: opt.u32('Length of `source` in bits; undefined with it.', { kernel: 'rtm_src_len' }),
  preferredSource: opt.string('Preferred source address (`src` in `ip route`); not in procfs.', { kernel: 'RTA_PREFSRC' }),
  interface: opt.string('Output interface name; undefined when the route has no device (e.g. unreachable).', { kernel: 'Iface' }),
  metric: f.u32('Route priority; lower wins.', { kernel: 'Metric' }),
  flags: f.u32('RTF_* flags as the kernel prints them (include/uapi/linux/route.h, ipv6_route.h).', { kernel: 'Flags' }),
  flagNames: f.strings('Names of the set flags without the RTF_ prefix (UP, GATEWAY, HOST, REJECT, LOCAL, ...); route(8) shows UP as U, GATEWAY as G, HOST as H, REINSTATE as R, DYNAMIC as D, MODIFIED as M, REJECT as !. Unknown bits appear as hex (0x...).'),
  scope: opt.enum(ROUTE_SCOPES, 'Route scope; not in procfs.', { kernel: 'rtm_scope' }),
  protocol: opt.string('Who installed the route (kernel, boot, static, dhcp, ...); not in procfs.', { kernel: 'rtm_protocol' }),
  mtu: opt.u32('IPv4 /proc/net/route "MTU" column: the advertised-MSS metric plus 40 (fib_advmss + 40), undefined when the route sets no advmss. Not the `mtu` route metric.', { kernel: 'MTU', unit: 'bytes' }),
  window: opt.u32('TCP window clamp metric; undefined when not set.', { kernel: 'Window', unit: 'bytes' }),
  irtt: opt.u32('Initial round-trip-time metric; undefined when not set.', { kernel: 'IRTT', unit: 'ms' }),
  refcount: opt.u32('References held on the route entry (IPv6 fib6_ref). /proc/net/route prints a constant 0, so it is undefined for IPv4 from procfs.', { kernel: 'RefCnt' }),
  use: opt.u64('Lookups that used the route. Kernels since 4.x print a constant 0 in ipv6_route; undefined for IPv4 from procfs (always 0 there).', { kernel: 'Use', unit: 'count' }),
  metrics: opt.counters('Route metrics (RTA_METRICS) by the name `ip route` prints: mtu, window, rtt, rttvar, ssthresh, cwnd, advmss, reordering, hoplimit, initcwnd, features, rto_min, initrwnd, quickack, fastopen_no_cookie (unknown ones as "metric<N>"); rtt, rttvar and rto_min in ms; "lock" is the bitmask of locked metrics (1 << RTAX_*, `ip route … mtu lock`). Undefined from procfs and when the route sets none.'),
  congestion: opt.string('Congestion-control algorithm the route sets (RTAX_CC_ALGO, `ip route … congctl NAME`); undefined when it sets none. Netlink only.', { kernel: 'RTAX_CC_ALGO' }),
  nextHops: opt.records(nextHopSchema, 'Paths of a multipath route; not in procfs (it prints one path per line).'),
  extraColumns: opt.strings('Columns this version does not know, as "kernel-name=value" exactly as printed.'),
});

export type Route = RecordOf<typeof routeSchema>;
export type RouteNextHop = RecordOf<typeof nextHopSchema>;
export type RouteType = (typeof ROUTE_TYPES)[number];
