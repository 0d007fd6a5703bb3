/**
 * `knetstat -r`: one table per family, as netstat -r and netstat -6 -r print them, with
 * the route type and table added (routes of every table are shown with --table all).
 * Flags use route(8)'s letters (net-tools lib/inet_gr.c, inet6_gr.c).
 */
import type { Route } from '../../records/route.js';
import { renderTable, type Column } from '../table.js';
import { orDash } from './endpoint.js';

const IPV4_LETTERS: ReadonlyArray<readonly [string, string]> = [
  ['UP', 'U'], ['GATEWAY', 'G'], ['HOST', 'H'], ['REINSTATE', 'R'], ['DYNAMIC', 'D'], ['MODIFIED', 'M'], ['REJECT', '!'],
];
const IPV6_LETTERS: ReadonlyArray<readonly [string, string]> = [
  ['UP', 'U'], ['REJECT', '!'], ['GATEWAY', 'G'], ['HOST', 'H'], ['DEFAULT', 'D'], ['ADDRCONF', 'A'], ['CACHE', 'C'],
  ['ALLONLINK', 'a'], ['EXPIRES', 'e'], ['MODIFIED', 'm'], ['NONEXTHOP', 'n'], ['FLOW', 'f'],
];

export function routeFlagLetters(route: Route): string {
  const letters = route.family === 'inet6' ? IPV6_LETTERS : IPV4_LETTERS;
  return letters.filter(([name]) => route.flagNames.includes(name)).map(([, l]) => l).join('');
}

/** Prefix length → dotted netmask (netstat's Genmask). */
export function genmask(prefixLength: number): string {
  const bits = prefixLength >= 32 ? 0xffffffff : prefixLength <= 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
  return [24, 16, 8, 0].map((s) => (bits >>> s) & 0xff).join('.');
}

function tableText(r: Route): string {
  return r.tableName ?? orDash(r.table);
}

const right = (header: string): Column => ({ header, align: 'right' });

function ipv4Lines(routes: readonly Route[]): string[] {
  const cols = [{ header: 'Destination' }, { header: 'Gateway' }, { header: 'Genmask' }, { header: 'Flags' }, right('Metric'), { header: 'Type' }, { header: 'Table' }, { header: 'Iface' }];
  const rows = routes.map((r) => [r.destination, r.gateway ?? '0.0.0.0', genmask(r.prefixLength), routeFlagLetters(r), String(r.metric), r.type ?? '-', tableText(r), r.interface ?? '-']);
  return ['Kernel IP routing table', ...renderTable(cols, rows)];
}

function ipv6Lines(routes: readonly Route[]): string[] {
  const cols = [{ header: 'Destination' }, { header: 'Next Hop' }, { header: 'Flags' }, right('Metric'), right('Ref'), right('Use'), { header: 'Type' }, { header: 'Table' }, { header: 'Iface' }];
  const rows = routes.map((r) => [
    `${r.destination}/${r.prefixLength}${r.source !== undefined ? ` from ${r.source}/${r.sourcePrefixLength ?? 128}` : ''}`,
    r.gateway ?? '::',
    routeFlagLetters(r),
    String(r.metric),
    orDash(r.refcount),
    orDash(r.use),
    r.type ?? '-',
    tableText(r),
    r.interface ?? '-',
  ]);
  return ['Kernel IPv6 routing table', ...renderTable(cols, rows)];
}

export function formatRoutes(routes: readonly Route[], families: readonly ('inet' | 'inet6')[]): string[] {
  // concat, not push(...): a full Internet table is ~1M routes, more than a call's arguments.
  let lines: string[] = [];
  if (families.includes('inet')) lines = lines.concat(ipv4Lines(routes.filter((r) => r.family === 'inet')));
  if (families.includes('inet6')) {
    if (lines.length > 0) lines.push('');
    lines = lines.concat(ipv6Lines(routes.filter((r) => r.family === 'inet6')));
  }
  return lines;
}
