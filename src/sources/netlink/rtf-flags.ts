/**
 * The RTF_* flags /proc/net/route and /proc/net/ipv6_route print for a route, rebuilt
 * from what an RTM_NEWROUTE message says, so the netlink and procfs paths give the same
 * `flags` (the Route record documents flags as procfs prints them). Netlink carries no
 * RTF_* word: it has rtm_type, rtm_protocol, rtm_flags and attributes instead.
 *
 * IPv4 (net/ipv4/fib_trie.c fib_flag_trans): UP always; REJECT for unreachable and
 * prohibit (not blackhole or throw); GATEWAY when the first path has a gateway; HOST for
 * a /32. Exact.
 *
 * IPv6 (the fib6_info flags ipv6_route prints; rtm_to_fib6_config, addrconf_f6i_alloc):
 * - UP; GATEWAY when the path has a gateway;
 * - REJECT | NONEXTHOP *instead of* UP for blackhole, unreachable, prohibit and throw (the
 *   kernel replaces the flags of a reject route with exactly these two);
 * - LOCAL for type local; NONEXTHOP too, and ANYCAST for type anycast, when the kernel
 *   made the route for an address (protocol kernel: addrconf_f6i_alloc);
 * - bit 0x4 (printed as HOST) when the path is onlink: the kernel copies RTNH_F_ONLINK
 *   into the route's flags, where it shares the value of RTF_HOST;
 * - EXPIRES when the route has a lifetime (RTA_CACHEINFO rta_expires not 0);
 * - the router preference bits from RTA_PREF (RTF_PREF(pref) = pref << 27).
 * Not reproducible from netlink: ADDRCONF, DEFAULT, ROUTEINFO and PREFIX_RT, which only
 * the kernel's own Router Advertisement handling sets (a daemon adding "proto ra" routes
 * over netlink does not get them, so protocol cannot stand in for them). Routes learnt
 * from RAs by the kernel therefore show fewer flags here than in ipv6_route. DYNAMIC,
 * MODIFIED and CACHE belong to cache entries, which the route view skips.
 */
import { AF_INET6 } from '../../protocol/netlink/constants.js';
import {
  RTNH_F_ONLINK,
  RTN_ANYCAST,
  RTN_BLACKHOLE,
  RTN_LOCAL,
  RTN_PROHIBIT,
  RTN_THROW,
  RTN_UNREACHABLE,
  type RtnlNextHop,
  type RtnlRoute,
} from '../../protocol/netlink/rtnl-route.js';

const RTF_UP = 0x0001;
const RTF_GATEWAY = 0x0002;
const RTF_HOST = 0x0004;
const RTF_REJECT = 0x0200;
const RTF_ANYCAST = 0x00100000;
const RTF_NONEXTHOP = 0x00200000;
const RTF_EXPIRES = 0x00400000;
const RTF_LOCAL = 0x80000000;
const RTPROT_KERNEL = 2;

/** The flags procfs prints for `route`; for an IPv6 multipath route, those of the line of path `hop`. */
export function procfsRouteFlags(route: RtnlRoute, hop: RtnlNextHop | undefined = route.multipath?.[0]): number {
  return route.family === AF_INET6 ? ipv6Flags(route, hop) : ipv4Flags(route);
}

function hasGateway(route: RtnlRoute, hop: RtnlNextHop | undefined): boolean {
  return hop !== undefined ? hop.gateway !== undefined || hop.via !== undefined : route.gateway !== undefined || route.via !== undefined;
}

function ipv4Flags(route: RtnlRoute): number {
  let flags = RTF_UP;
  if (route.type === RTN_UNREACHABLE || route.type === RTN_PROHIBIT) flags |= RTF_REJECT;
  if (hasGateway(route, route.multipath?.[0])) flags |= RTF_GATEWAY;
  if (route.dstLength === 32) flags |= RTF_HOST;
  return flags >>> 0;
}

function ipv6Flags(route: RtnlRoute, hop: RtnlNextHop | undefined): number {
  let flags = RTF_UP;
  const byKernel = route.protocol === RTPROT_KERNEL;
  switch (route.type) {
    case RTN_BLACKHOLE:
    case RTN_UNREACHABLE:
    case RTN_PROHIBIT:
    case RTN_THROW:
      flags = RTF_REJECT | RTF_NONEXTHOP;
      break;
    case RTN_LOCAL:
      flags |= RTF_LOCAL | (byKernel ? RTF_NONEXTHOP : 0);
      break;
    case RTN_ANYCAST:
      if (byKernel) flags |= RTF_ANYCAST | RTF_NONEXTHOP;
      break;
  }
  if (hasGateway(route, hop)) flags |= RTF_GATEWAY;
  if (((hop?.flags ?? route.flags) & RTNH_F_ONLINK) !== 0) flags |= RTF_HOST;
  if (route.cacheInfo !== undefined && route.cacheInfo.expires !== 0) flags |= RTF_EXPIRES;
  if (route.pref !== undefined) flags |= (route.pref & 3) << 27;
  return flags >>> 0;
}
