/**
 * Routes from procfs: IPv4 from /proc/net/route (main table only), IPv6 from
 * /proc/net/ipv6_route (all tables, but no table column).
 *
 * What a query gets from this source:
 * - IPv4: the main table (table 254). A query for all tables or another table adds an
 *   `unavailable` entry: "IPv4 routes outside the main table need netlink".
 * - IPv6: every table, with `table` undefined, when the query asks for all tables. A query
 *   for one table cannot be answered from this file (it would be a guess), so IPv6 routes
 *   are then unavailable with that reason instead of silently mixed in or left out.
 * - The per-table null root entries of ipv6_route are dropped, as `ip -6 route` drops them.
 * Nothing at all readable for the asked families → E_UNAVAILABLE (requireSome).
 */
import type { Route } from '../../../records/route.js';
import { ROUTE_TABLE_NAMES } from '../../../records/route.js';
import { matchesRouteQuery, tableIdOf, wantsFamily, type RouteQuery } from '../../route-query.js';
import type { TreeReader } from '../reader.js';
import { parseNetIpv6Route, type NetIpv6RouteRow } from '../procfs/net-ipv6-route.js';
import { parseNetRoute, type NetRouteRow } from '../procfs/net-route.js';
import { emptyPart, readInto, requireSome, type Part } from './part.js';
import { ipv4RouteType, ipv6RouteType, routeFlagNames, RTF_GATEWAY, RTF_NONEXTHOP, RTF_REJECT } from './route-flags.js';

const IPV4_FILE = 'proc/net/route';
const IPV6_FILE = 'proc/net/ipv6_route';
const MAIN_TABLE = 254;

export async function readRoutes(reader: TreeReader, query: RouteQuery): Promise<Part<Route[]>> {
  const part = emptyPart<Route[]>([]);
  let anyRead = false;
  if (wantsFamily(query, 'inet')) anyRead = (await readIpv4(part, reader, query)) || anyRead;
  if (wantsFamily(query, 'inet6')) anyRead = (await readIpv6(part, reader, query)) || anyRead;
  requireSome(part, anyRead, 'routes');
  return part;
}

async function readIpv4(part: Part<Route[]>, reader: TreeReader, query: RouteQuery): Promise<boolean> {
  const tableId = tableIdOf(query.table);
  if (tableId !== MAIN_TABLE) {
    part.unavailable.push({
      what: tableId === undefined ? 'IPv4 routes outside the main table' : `IPv4 routes of table ${tableId}`,
      file: IPV4_FILE,
      reason: 'IPv4 routes outside the main table need netlink: /proc/net/route shows only the main table',
    });
    if (tableId !== undefined) return false;
  }
  const text = await readInto(part, reader, IPV4_FILE, 'IPv4 routes');
  if (text === undefined) return false;
  const parsed = parseNetRoute(text, IPV4_FILE);
  part.issues.push(...parsed.issues);
  for (const row of parsed.rows) {
    const route = ipv4Route(row);
    if (matchesRouteQuery(route, query)) part.data.push(route);
  }
  return true;
}

async function readIpv6(part: Part<Route[]>, reader: TreeReader, query: RouteQuery): Promise<boolean> {
  const tableId = tableIdOf(query.table);
  if (tableId !== undefined) {
    part.unavailable.push({
      what: `IPv6 routes of table ${tableId}`,
      file: IPV6_FILE,
      reason: 'selecting IPv6 routes by table needs netlink: /proc/net/ipv6_route lists every table without a table column',
    });
    return false;
  }
  const text = await readInto(part, reader, IPV6_FILE, 'IPv6 routes');
  if (text === undefined) return false;
  const parsed = parseNetIpv6Route(text, IPV6_FILE);
  part.issues.push(...parsed.issues);
  for (const row of parsed.rows) {
    if (isNullRoot(row)) continue;
    const route = ipv6Route(row);
    if (matchesRouteQuery(route, query)) part.data.push(route);
  }
  return true;
}

/** fib6_null_entry: the placeholder every table's empty tree root points at (ip6_fib.c). */
function isNullRoot(row: NetIpv6RouteRow): boolean {
  return (
    row.destination === '::' &&
    row.destinationPrefixLength === 0 &&
    row.metric === 0xffffffff &&
    row.flags === (RTF_REJECT | RTF_NONEXTHOP) &&
    row.device === 'lo'
  );
}

export function ipv4Route(row: NetRouteRow): Route {
  const hasDevice = row.iface !== '*';
  const extra = Object.entries(row.extra).map(([name, value]) => `${name}=${value}`);
  return withoutUndefined<Route>({
    family: 'inet',
    table: MAIN_TABLE,
    tableName: ROUTE_TABLE_NAMES[MAIN_TABLE],
    type: ipv4RouteType(row.flags, hasDevice),
    destination: row.destination,
    prefixLength: row.prefixLength,
    gateway: (row.flags & RTF_GATEWAY) !== 0 ? row.gateway : undefined,
    interface: hasDevice ? row.iface : undefined,
    metric: row.metric,
    flags: row.flags,
    flagNames: routeFlagNames(row.flags, 'inet'),
    // 0 is how the kernel prints "metric not set" for these three.
    mtu: row.mtu || undefined,
    window: row.window || undefined,
    irtt: row.irtt || undefined,
    extraColumns: extra.length > 0 ? extra : undefined,
  });
}

export function ipv6Route(row: NetIpv6RouteRow): Route {
  const specific = row.sourcePrefixLength > 0;
  return withoutUndefined<Route>({
    family: 'inet6',
    type: ipv6RouteType(row.flags, row.destination, row.destinationPrefixLength),
    destination: row.destination,
    prefixLength: row.destinationPrefixLength,
    gateway: (row.flags & RTF_GATEWAY) !== 0 ? row.nextHop : undefined,
    source: specific ? row.source : undefined,
    sourcePrefixLength: specific ? row.sourcePrefixLength : undefined,
    interface: row.device,
    metric: row.metric,
    flags: row.flags,
    flagNames: routeFlagNames(row.flags, 'inet6'),
    refcount: row.refCnt,
    use: row.use,
  });
}

/** Records leave absent optional fields out entirely rather than holding `undefined`. */
function withoutUndefined<T extends object>(value: { [K in keyof T]?: T[K] | undefined }): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key];
  }
  return value as T;
}
