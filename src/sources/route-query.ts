/**
 * Which routes a caller asks for, and the pure test of one route against it.
 *
 * `table` defaults to 'main', as `ip route` does. A route whose table the source could
 * not tell (IPv6 routes read from /proc/net/ipv6_route have no table column) matches
 * only `table: 'all'`: saying it is in 'main' would be a guess, and the kernel puts
 * local, multicast and policy routes in that file too. Sources that cannot answer for a
 * table say so in `unavailable` rather than guessing.
 */
import type { Route } from '../records/route.js';

export type RouteTableSelector = 'all' | 'main' | 'local' | number;

export interface RouteQuery {
  /** Only this family; both when undefined. */
  readonly family?: 'inet' | 'inet6';
  /** Which table: 'all', 'main' (254, the default), 'local' (255) or a numeric id. */
  readonly table?: RouteTableSelector;
}

const NAMED_TABLES: Readonly<Record<'main' | 'local', number>> = { main: 254, local: 255 };

/** The numeric table id a selector names, or undefined for 'all'. */
export function tableIdOf(table: RouteTableSelector | undefined): number | undefined {
  const t = table ?? 'main';
  if (t === 'all') return undefined;
  return typeof t === 'number' ? t : NAMED_TABLES[t];
}

/** True when the query asks for this family (or for both). */
export function wantsFamily(query: RouteQuery, family: 'inet' | 'inet6'): boolean {
  return query.family === undefined || query.family === family;
}

/** True when `route` is one of the routes `query` asks for. */
export function matchesRouteQuery(route: Route, query: RouteQuery): boolean {
  if (!wantsFamily(query, route.family)) return false;
  const id = tableIdOf(query.table);
  if (id === undefined) return true;
  return route.table === id;
}
