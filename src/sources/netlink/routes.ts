/**
 * Routes from rtnetlink: one RTM_GETROUTE dump per asked family (every table: a plain dump
 * is not filtered by table) → `Route` records, filtered by the query afterwards. Interface
 * names come from one link dump taken first.
 *
 * What this gives that procfs cannot: IPv4 tables other than main (local, custom ids),
 * the table of IPv6 routes, type, scope, protocol, preferred source, metrics and every
 * path of a multipath route. Cache entries (RTM_F_CLONED) are skipped, as `ip route show`
 * skips them (a plain dump does not send them anyway).
 *
 * Agreement with the procfs records (tree/assemble/routes.ts) wherever both give a field:
 * - metric: RTA_PRIORITY; IPv4 leaves it out when 0, and procfs prints 0 then.
 * - flags: rebuilt as procfs prints them (rtf-flags.ts, which says what cannot be).
 * - mtu, window, irtt (IPv4 only, the /proc/net/route columns): advmss + 40, the window
 *   metric, the rtt metric >> 3 (rtt is kept in 1/8 ms), each undefined when not set.
 * - A multipath route is one record with `nextHops` and no top-level gateway or interface
 *   (as `ip route` shows it); /proc/net/route prints its first path as the route's gateway
 *   and interface, and /proc/net/ipv6_route prints one line per path.
 * - refcount and use are not in netlink (undefined); procfs prints them for IPv6.
 * - table, scope, protocol, preferredSource, metrics, nextHops come only from here.
 */
import { KstatError, issue, type Issue } from '../../errors.js';
import { ROUTE_SCOPES, ROUTE_TABLE_NAMES, ROUTE_TYPES, type Route, type RouteNextHop } from '../../records/route.js';
import { AF_INET, AF_INET6, NETLINK_ROUTE, RTM_GETROUTE, RTM_NEWROUTE } from '../../protocol/netlink/constants.js';
import {
  RTAX_ADVMSS,
  RTAX_RTT,
  RTAX_WINDOW,
  RTM_F_CLONED,
  RTNL_ROUTE_FILE,
  buildRouteDumpRequest,
  parseRouteMessage,
  type RouteVia,
  type RtnlRoute,
} from '../../protocol/netlink/rtnl-route.js';
import { matchesRouteQuery, wantsFamily, type RouteQuery } from '../route-query.js';
import { emptyPart, type Part } from '../tree/assemble/part.js';
import { routeFlagNames } from '../tree/assemble/route-flags.js';
import type { NetlinkChannel } from './channel.js';
import { inetText, unspecifiedText } from './inet-text.js';
import { readLinkNames } from './interfaces.js';
import { procfsRouteFlags } from './rtf-flags.js';
import { dumpParsed } from './rtnl-dump.js';

const SCOPES: Readonly<Record<number, Route['scope']>> = { 0: ROUTE_SCOPES[0], 200: ROUTE_SCOPES[1], 253: ROUTE_SCOPES[2], 254: ROUTE_SCOPES[3], 255: ROUTE_SCOPES[4] };

/** RTPROT_* numbers by name (include/uapi/linux/rtnetlink.h); others are given as the number. */
const PROTOCOLS: Readonly<Record<number, string>> = {
  0: 'unspec', 1: 'redirect', 2: 'kernel', 3: 'boot', 4: 'static', 8: 'gated', 9: 'ra', 10: 'mrt', 11: 'zebra', 12: 'bird',
  13: 'dnrouted', 14: 'xorp', 15: 'ntk', 16: 'dhcp', 17: 'mrouted', 18: 'keepalived', 42: 'babel', 99: 'openr',
  186: 'bgp', 187: 'isis', 188: 'ospf', 189: 'rip', 192: 'eigrp',
};

/** RTAX_* → the metric names `ip route` prints; RTAX_LOCK (1) is the bitmask of locked metrics. RTAX_CC_ALGO (16) is a string and not a counter. */
const METRIC_NAMES: Readonly<Record<number, string>> = {
  1: 'lock', 2: 'mtu', 3: 'window', 4: 'rtt', 5: 'rttvar', 6: 'ssthresh', 7: 'cwnd', 8: 'advmss', 9: 'reordering',
  10: 'hoplimit', 11: 'initcwnd', 12: 'features', 13: 'rto_min', 14: 'initrwnd', 15: 'quickack', 17: 'fastopen_no_cookie',
};
/** The kernel keeps rtt in 1/8 ms and rttvar in 1/4 ms (as `ip route` sets them); the record gives ms. */
const METRIC_SHIFT: Readonly<Record<number, bigint>> = { 4: 3n, 5: 2n };

const FAMILIES = [
  ['inet', AF_INET],
  ['inet6', AF_INET6],
] as const;

export async function readRoutes(channel: NetlinkChannel, query: RouteQuery): Promise<Part<Route[]>> {
  const part = emptyPart<Route[]>([]);
  const names = await readLinkNames(channel);
  part.issues.push(...names.issues);
  const socket = await channel.socket(NETLINK_ROUTE);
  for (const [family, af] of FAMILIES) {
    if (!wantsFamily(query, family)) continue;
    let dump;
    try {
      dump = await dumpParsed(socket, RTM_GETROUTE, RTM_NEWROUTE, buildRouteDumpRequest(af), parseRouteMessage, RTNL_ROUTE_FILE);
    } catch (cause) {
      // A kernel without IPv6 refuses the family: that family's routes are unavailable, not an error of the reading.
      if (KstatError.is(cause) && cause.code === 'E_UNAVAILABLE') {
        part.unavailable.push({ what: `${family === 'inet' ? 'IPv4' : 'IPv6'} routes`, reason: cause.message });
        continue;
      }
      throw cause;
    }
    part.issues.push(...dump.issues);
    for (const r of dump.items) {
      if ((r.flags & RTM_F_CLONED) !== 0 || r.family !== af) continue;
      const route = routeFromRtnl(r, names.data, part.issues);
      if (route !== undefined && matchesRouteQuery(route, query)) part.data.push(route);
    }
  }
  return part;
}

/** One RTM_NEWROUTE of AF_INET/AF_INET6 → a record; undefined (with an issue) when its destination does not decode. */
export function routeFromRtnl(r: RtnlRoute, names: ReadonlyMap<number, string>, issues: Issue[]): Route | undefined {
  const family = r.family === AF_INET6 ? 'inet6' : r.family === AF_INET ? 'inet' : undefined;
  if (family === undefined) return undefined;
  const where = `${family} route in table ${r.table}`;
  const text = (bytes: Uint8Array | undefined, what: string): string | undefined => {
    if (bytes === undefined) return undefined;
    const t = inetText(bytes, r.family);
    if (t === undefined) issues.push(issue(RTNL_ROUTE_FILE, undefined, 'bad-address', `${where}: ${what} has ${bytes.length} bytes`));
    return t;
  };
  const destination = r.dst === undefined ? unspecifiedText(r.family) : text(r.dst, 'RTA_DST');
  if (destination === undefined) return undefined;
  const name = (index: number | undefined): string | undefined => {
    if (index === undefined || index === 0) return undefined;
    const n = names.get(index);
    if (n === undefined) issues.push(issue(RTNL_ROUTE_FILE, undefined, 'unknown-format', `${where} to ${destination}/${r.dstLength}: interface index ${index} is not in the link dump (removed while reading?)`));
    return n;
  };
  const flags = procfsRouteFlags(r);
  const metrics = metricCounters(r.metrics);
  const specific = r.srcLength > 0;
  const route: Record<string, unknown> = {
    family,
    table: r.table,
    tableName: ROUTE_TABLE_NAMES[r.table],
    type: ROUTE_TYPES[r.type - 1],
    destination,
    prefixLength: r.dstLength,
    gateway: r.gateway !== undefined ? text(r.gateway, 'RTA_GATEWAY') : viaText(r.via),
    source: specific ? (r.src === undefined ? unspecifiedText(r.family) : text(r.src, 'RTA_SRC')) : undefined,
    sourcePrefixLength: specific ? r.srcLength : undefined,
    preferredSource: text(r.prefsrc, 'RTA_PREFSRC'),
    interface: name(r.oif),
    metric: r.priority ?? 0,
    flags,
    flagNames: routeFlagNames(flags, family),
    scope: SCOPES[r.scope],
    protocol: PROTOCOLS[r.protocol] ?? String(r.protocol),
    metrics,
    congestion: r.ccAlgo,
    nextHops: r.multipath?.map((hop): RouteNextHop => {
      const h: Record<string, unknown> = {
        gateway: hop.gateway !== undefined ? text(hop.gateway, 'next hop RTA_GATEWAY') : viaText(hop.via),
        interface: name(hop.ifindex),
        weight: hop.hops + 1,
      };
      return withoutUndefined(h) as RouteNextHop;
    }),
  };
  if (family === 'inet') {
    const m = r.metrics ?? {};
    route.mtu = m[RTAX_ADVMSS] ? m[RTAX_ADVMSS] + 40 : undefined;
    route.window = m[RTAX_WINDOW] || undefined;
    route.irtt = m[RTAX_RTT] ? m[RTAX_RTT] >>> 3 : undefined;
  }
  return withoutUndefined(route) as Route;
}

/** RTA_VIA: the gateway in its own family (an IPv4 route through an IPv6 next hop). */
function viaText(via: RouteVia | undefined): string | undefined {
  return via === undefined ? undefined : inetText(via.address, via.family);
}

function metricCounters(metrics: Record<number, number> | undefined): Record<string, bigint> | undefined {
  if (metrics === undefined) return undefined;
  const out: Record<string, bigint> = {};
  for (const [key, value] of Object.entries(metrics)) {
    const n = Number(key);
    out[METRIC_NAMES[n] ?? `metric${n}`] = BigInt(value) >> (METRIC_SHIFT[n] ?? 0n);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function withoutUndefined(value: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
  return value;
}
