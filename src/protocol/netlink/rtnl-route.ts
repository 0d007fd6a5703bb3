/**
 * rtnetlink routes: RTM_GETROUTE dump requests and RTM_NEWROUTE replies
 * (include/uapi/linux/rtnetlink.h: struct rtmsg, RTA_*, RTN_*, RTPROT_*, RTM_F_*,
 * struct rtnexthop, RTNH_F_*, RTAX_*, struct rta_cacheinfo, struct rtvia).
 *
 * A reply is struct rtmsg (12 bytes: family, dst_len, src_len, tos, table, protocol,
 * scope, type — all u8 — then flags u32) followed by RTA_* attributes.
 *
 * What the numbers mean, where it matters to a reader:
 * - rtm_table is a u8; a table id above 255 is in RTA_TABLE (u32) only, and rtm_table then
 *   says RT_TABLE_COMPAT (252). RTA_TABLE wins whenever it is there.
 * - A plain dump (no RTA_TABLE filter, no strict checking) walks every table, as
 *   `ip route show table all` needs. Without RTM_F_CLONED in the request the kernel dumps
 *   no cache entries; RTM_F_CLONED on a reply still marks one, for callers that skip them.
 * - A route with several paths carries RTA_MULTIPATH (a list of struct rtnexthop, each with
 *   its own attributes: RTA_GATEWAY, RTA_VIA, …) instead of RTA_GATEWAY/RTA_OIF.
 * - IPv4 sends RTA_PRIORITY only when it is not 0; IPv6 always sends it.
 * - Multicast routes (family RTNL_FAMILY_IPMR/IP6MR, net/ipv4/ipmr_base.c mr_fill_mroute)
 *   use the same message: RTA_SRC is the origin, RTA_DST the group, RTA_IIF the input
 *   interface, each RTA_MULTIPATH next hop an output interface whose rtnh_hops is the TTL
 *   threshold; RTA_MFC_STATS holds the counters and RTA_EXPIRES (u64) the clock ticks since
 *   the entry last forwarded.
 *
 * Addresses are kept as copied bytes (network order); text is the source's job.
 * Pure: values are copied out; malformed parts become issues naming the byte offset.
 */
import { issue, type Issue } from '../../errors.js';
import { readString, readU16, readU32, readU64, readU8, shortAttributeCheck, walkAttributes } from './attributes.js';
import { HOST_LITTLE_ENDIAN } from './host-order.js';

export const RTMSG_BYTES = 12;
export const RTNEXTHOP_BYTES = 8;

export const RTA_DST = 1;
export const RTA_SRC = 2;
export const RTA_IIF = 3;
export const RTA_OIF = 4;
export const RTA_GATEWAY = 5;
export const RTA_PRIORITY = 6;
export const RTA_PREFSRC = 7;
export const RTA_METRICS = 8;
export const RTA_MULTIPATH = 9;
export const RTA_FLOW = 11;
export const RTA_CACHEINFO = 12;
export const RTA_TABLE = 15;
export const RTA_MARK = 16;
export const RTA_MFC_STATS = 17;
export const RTA_VIA = 18;
export const RTA_PREF = 20;
export const RTA_ENCAP_TYPE = 21;
export const RTA_EXPIRES = 23;
export const RTA_PAD = 24;
export const RTA_NH_ID = 30;

/** rtm_type: RTN_UNICAST 1 … RTN_XRESOLVE 11. */
export const RTN_UNICAST = 1;
export const RTN_LOCAL = 2;
export const RTN_BROADCAST = 3;
export const RTN_ANYCAST = 4;
export const RTN_MULTICAST = 5;
export const RTN_BLACKHOLE = 6;
export const RTN_UNREACHABLE = 7;
export const RTN_PROHIBIT = 8;
export const RTN_THROW = 9;

/** rtm_flags bits. RTNH_F_* of the (first) next hop are or-ed into rtm_flags too. */
export const RTNH_F_DEAD = 0x1;
export const RTNH_F_ONLINK = 0x4;
export const RTNH_F_OFFLOAD = 0x8;
export const RTNH_F_LINKDOWN = 0x10;
/** Multicast routes: an entry of the unresolved queue (no input or output interfaces yet). */
export const RTNH_F_UNRESOLVED = 0x20;
export const RTM_F_CLONED = 0x200;

/** RTAX_CC_ALGO is the one metric that is a string (the congestion control name). */
export const RTAX_MTU = 2;
export const RTAX_WINDOW = 3;
export const RTAX_RTT = 4;
export const RTAX_ADVMSS = 8;
export const RTAX_CC_ALGO = 16;

/** The logical name issues carry. */
export const RTNL_ROUTE_FILE = 'rtnetlink route';

/**
 * RTM_GETROUTE dump request: an rtmsg of zeros but the family (AF_INET, AF_INET6, or
 * AF_UNSPEC for every family including the multicast routing ones). Table 0 and no
 * RTA_TABLE: every table.
 */
export function buildRouteDumpRequest(family: number): Uint8Array {
  const out = new Uint8Array(RTMSG_BYTES);
  out[0] = family;
  return out;
}

/** struct rta_cacheinfo. `expires` is in clock ticks (USER_HZ), 0 when the route does not expire. */
export interface RouteCacheInfo {
  clntref: number;
  lastuse: number;
  expires: number;
  error: number;
  used: number;
  id: number;
  ts: number;
  tsage: number;
}

/** struct rta_mfc_stats: a multicast forwarding entry's counters. */
export interface MfcStats {
  packets: bigint;
  bytes: bigint;
  wrongInterface: bigint;
}

/** struct rtvia: a gateway of another family (an IPv4 route via an IPv6 next hop). */
export interface RouteVia {
  family: number;
  address: Uint8Array;
}

/** One struct rtnexthop of RTA_MULTIPATH with its attributes. */
export interface RtnlNextHop {
  /** RTNH_F_* bits. */
  flags: number;
  /** rtnh_hops: the weight minus one. */
  hops: number;
  ifindex: number;
  gateway?: Uint8Array;
  via?: RouteVia;
  flow?: number;
  unknown?: Record<number, Uint8Array>;
}

/** One route as RTM_NEWROUTE reports it: the kernel's numbers, not yet a record. */
export interface RtnlRoute {
  family: number;
  dstLength: number;
  srcLength: number;
  tos: number;
  /** RTA_TABLE when sent, else rtm_table. */
  table: number;
  protocol: number;
  scope: number;
  type: number;
  /** rtm_flags: RTM_F_* and the next hop's RTNH_F_*. */
  flags: number;
  dst?: Uint8Array;
  src?: Uint8Array;
  gateway?: Uint8Array;
  via?: RouteVia;
  oif?: number;
  iif?: number;
  priority?: number;
  prefsrc?: Uint8Array;
  /** RTA_METRICS: RTAX_* number → value (RTAX_CC_ALGO is in ccAlgo). */
  metrics?: Record<number, number>;
  ccAlgo?: string;
  multipath?: RtnlNextHop[];
  flow?: number;
  mark?: number;
  /** RTA_PREF: IPv6 router preference (0 medium, 1 high, 3 low). */
  pref?: number;
  /** RTA_EXPIRES as sent (a u32 or u64; for a multicast route the clock ticks since last use), exact. */
  expires?: bigint;
  cacheInfo?: RouteCacheInfo;
  /** RTA_MFC_STATS of a multicast route. */
  mfcStats?: MfcStats;
  nextHopId?: number;
  encapType?: number;
  unknown?: Record<number, Uint8Array>;
}

export function parseRouteMessage(bytes: Uint8Array, view: DataView, start: number, end: number, issues: Issue[]): RtnlRoute | undefined {
  if (end - start < RTMSG_BYTES) {
    issues.push(issue(RTNL_ROUTE_FILE, undefined, 'truncated', `message at byte ${start}: ${end - start} bytes, rtmsg needs ${RTMSG_BYTES}`));
    return undefined;
  }
  const route: RtnlRoute = {
    family: view.getUint8(start),
    dstLength: view.getUint8(start + 1),
    srcLength: view.getUint8(start + 2),
    tos: view.getUint8(start + 3),
    table: view.getUint8(start + 4),
    protocol: view.getUint8(start + 5),
    scope: view.getUint8(start + 6),
    type: view.getUint8(start + 7),
    flags: view.getUint32(start + 8, HOST_LITTLE_ENDIAN),
  };
  const where = `route at byte ${start}`;
  const problem = walkAttributes(view, start + RTMSG_BYTES, end, (type, s, e) => readAttribute(route, bytes, view, type, s, e, where, issues));
  if (problem !== undefined) issues.push(issue(RTNL_ROUTE_FILE, undefined, 'bad-length', `${where}: ${problem}`));
  return route;
}

type U32Field = 'oif' | 'iif' | 'priority' | 'flow' | 'mark' | 'nextHopId' | 'table';
const U32_ATTRIBUTES: Readonly<Record<number, readonly [U32Field, string]>> = {
  [RTA_OIF]: ['oif', 'RTA_OIF'],
  [RTA_IIF]: ['iif', 'RTA_IIF'],
  [RTA_PRIORITY]: ['priority', 'RTA_PRIORITY'],
  [RTA_FLOW]: ['flow', 'RTA_FLOW'],
  [RTA_MARK]: ['mark', 'RTA_MARK'],
  [RTA_NH_ID]: ['nextHopId', 'RTA_NH_ID'],
  [RTA_TABLE]: ['table', 'RTA_TABLE'],
};

function readAttribute(r: RtnlRoute, bytes: Uint8Array, view: DataView, type: number, s: number, e: number, where: string, issues: Issue[]): void {
  const short = shortAttributeCheck(RTNL_ROUTE_FILE, issues, where, s, e);
  const u32 = U32_ATTRIBUTES[type];
  if (u32 !== undefined) {
    if (!short(4, u32[1])) r[u32[0]] = readU32(view, s, e)!;
    return;
  }
  switch (type) {
    case RTA_DST:
      r.dst = bytes.slice(s, e);
      return;
    case RTA_SRC:
      r.src = bytes.slice(s, e);
      return;
    case RTA_GATEWAY:
      r.gateway = bytes.slice(s, e);
      return;
    case RTA_PREFSRC:
      r.prefsrc = bytes.slice(s, e);
      return;
    case RTA_VIA:
      if (!short(2, 'RTA_VIA')) r.via = readVia(bytes, view, s, e);
      return;
    case RTA_METRICS:
      readMetrics(r, bytes, view, s, e, where, issues);
      return;
    case RTA_MULTIPATH:
      r.multipath = readMultipath(bytes, view, s, e, where, issues);
      return;
    case RTA_PREF:
      if (!short(1, 'RTA_PREF')) r.pref = readU8(view, s, e);
      return;
    case RTA_ENCAP_TYPE:
      if (!short(2, 'RTA_ENCAP_TYPE')) r.encapType = readU16(view, s, e);
      return;
    case RTA_EXPIRES:
      // Sent as a u32 or u64 of seconds depending on the kernel and direction.
      if (!short(4, 'RTA_EXPIRES')) r.expires = e - s >= 8 ? view.getBigUint64(s, HOST_LITTLE_ENDIAN) : BigInt(readU32(view, s, e)!);
      return;
    case RTA_CACHEINFO:
      if (!short(32, 'RTA_CACHEINFO')) r.cacheInfo = readCacheInfo(view, s, e);
      return;
    case RTA_MFC_STATS:
      if (!short(24, 'RTA_MFC_STATS')) r.mfcStats = { packets: readU64(view, s, e)!, bytes: readU64(view, s + 8, e)!, wrongInterface: readU64(view, s + 16, e)! };
      return;
    case RTA_PAD:
      return;
    default:
      (r.unknown ??= {})[type] = bytes.slice(s, e);
  }
}

function readVia(bytes: Uint8Array, view: DataView, s: number, e: number): RouteVia {
  return { family: readU16(view, s, e)!, address: bytes.slice(s + 2, e) };
}

function readCacheInfo(view: DataView, s: number, e: number): RouteCacheInfo {
  const u = (i: number) => readU32(view, s + 4 * i, e)!;
  return { clntref: u(0), lastuse: u(1), expires: view.getInt32(s + 8, HOST_LITTLE_ENDIAN), error: u(3), used: u(4), id: u(5), ts: u(6), tsage: u(7) };
}

function readMetrics(r: RtnlRoute, bytes: Uint8Array, view: DataView, s: number, e: number, where: string, issues: Issue[]): void {
  const metrics: Record<number, number> = {};
  const problem = walkAttributes(view, s, e, (type, ms, me) => {
    if (type === RTAX_CC_ALGO) {
      r.ccAlgo = readString(bytes, ms, me);
      return;
    }
    if (!shortAttributeCheck(RTNL_ROUTE_FILE, issues, where, ms, me)(4, `RTA_METRICS metric ${type}`)) metrics[type] = readU32(view, ms, me)!;
  });
  if (problem !== undefined) issues.push(issue(RTNL_ROUTE_FILE, undefined, 'bad-length', `${where}: RTA_METRICS: ${problem}`));
  r.metrics = metrics;
}

/**
 * RTA_MULTIPATH: struct rtnexthop records back to back, each rtnh_len long (header and
 * attributes), 4-aligned. A length shorter than the header or past the end stops the
 * list with an issue; the paths before it are kept.
 */
function readMultipath(bytes: Uint8Array, view: DataView, s: number, e: number, where: string, issues: Issue[]): RtnlNextHop[] {
  const le = HOST_LITTLE_ENDIAN;
  const hops: RtnlNextHop[] = [];
  let p = s;
  while (e - p >= RTNEXTHOP_BYTES) {
    const len = view.getUint16(p, le);
    if (len < RTNEXTHOP_BYTES || len > e - p) {
      issues.push(issue(RTNL_ROUTE_FILE, undefined, 'bad-length', `${where}: RTA_MULTIPATH next hop at byte ${p}: length ${len} does not fit in ${RTNEXTHOP_BYTES}..${e - p}`));
      return hops;
    }
    const hop: RtnlNextHop = { flags: view.getUint8(p + 2), hops: view.getUint8(p + 3), ifindex: view.getInt32(p + 4, le) };
    const hopWhere = `${where}: next hop at byte ${p}`;
    const problem = walkAttributes(view, p + RTNEXTHOP_BYTES, p + len, (type, as, ae) => {
      if (type === RTA_GATEWAY) hop.gateway = bytes.slice(as, ae);
      else if (type === RTA_VIA) {
        if (!shortAttributeCheck(RTNL_ROUTE_FILE, issues, hopWhere, as, ae)(2, 'RTA_VIA')) hop.via = readVia(bytes, view, as, ae);
      } else if (type === RTA_FLOW) {
        if (!shortAttributeCheck(RTNL_ROUTE_FILE, issues, hopWhere, as, ae)(4, 'RTA_FLOW')) hop.flow = readU32(view, as, ae);
      } else (hop.unknown ??= {})[type] = bytes.slice(as, ae);
    });
    if (problem !== undefined) issues.push(issue(RTNL_ROUTE_FILE, undefined, 'bad-length', `${hopWhere}: ${problem}`));
    hops.push(hop);
    p += (len + 3) & ~3;
  }
  if (p < e && e - p < RTNEXTHOP_BYTES && hops.length === 0) {
    issues.push(issue(RTNL_ROUTE_FILE, undefined, 'truncated', `${where}: RTA_MULTIPATH at byte ${s} has ${e - s} bytes, a next hop needs ${RTNEXTHOP_BYTES}`));
  }
  return hops;
}
