/**
 * Routing statistics (the route-stats view) as NAMED kstats, class `net`:
 *
 *   route:0:rt6_stats            the IPv6 fib counters (ipv6FibNodes, ..., ipv6Extra.field8)
 *   route:0:rt_cache             IPv4 routing counters summed over CPUs, by kernel name
 *                                (in_slow_tot, out_slow_tot, ...), and `entries` (dst entries)
 *   rt_cache:<cpu>:rt_cache      the same counters of one CPU line (instance = line position)
 *   fib_trie:0:fib_triestat      leafSize and nodeSize of the IPv4 FIB trie (bytes)
 *   fib_trie:<table>:<name>      one trie per table: instance = table id, name = main, local
 *                                or table<id>; scalar fields, nodes.<bits> (internal nodes
 *                                with 2^bits children), counters.<printed name>
 *
 * rt6_stats is per namespace; rt_cache is global (the same numbers in every namespace).
 */
import { fibTrieSchema, type FibTrie, type RouteStats } from '../../records/route-stats.js';
import type { KstatProvider } from '../provider.js';
import type { NamedStat, ProvidedKstat } from '../types.js';
import { counterStats, named, namedFromRecord } from './named-record.js';
import { fromView } from './view-reading.js';

function kstat(module: string, instance: number, name: string, stats: NamedStat[]): ProvidedKstat {
  return { module, instance, name, class: 'net', type: 'NAMED', data: named(stats) };
}

const RT6_FIELDS = ['ipv6FibNodes', 'ipv6FibRouteNodes', 'ipv6RouteAllocs', 'ipv6RouteEntries', 'ipv6RouteCacheEntries', 'ipv6DstEntries', 'ipv6DiscardedRoutes'] as const;

function rt6Stats(r: RouteStats): NamedStat[] {
  const out: NamedStat[] = [];
  for (const field of RT6_FIELDS) {
    const value = r[field];
    if (value !== undefined) out.push({ name: field, type: 'UINT64', value });
  }
  return [...out, ...counterStats(r.ipv6Extra ?? {}, 'ipv6Extra.')];
}

function trieKstat(t: FibTrie): ProvidedKstat {
  const sizes: NamedStat[] = t.nodeSizes.map((n) => ({ name: `nodes.${n.bits}`, type: 'UINT32', value: n.count }));
  const name = t.tableName ?? `table${t.table}`;
  return kstat('fib_trie', t.table, name, [...namedFromRecord(fibTrieSchema, t), ...sizes]);
}

export function routeStatsKstats(r: RouteStats): ProvidedKstat[] {
  const out: ProvidedKstat[] = [];
  const rt6 = rt6Stats(r);
  if (rt6.length > 0) out.push(kstat('route', 0, 'rt6_stats', rt6));
  const entries: NamedStat[] = r.ipv4DstEntries === undefined ? [] : [{ name: 'entries', type: 'UINT64', value: r.ipv4DstEntries }];
  if (r.ipv4RouteCache !== undefined || entries.length > 0) out.push(kstat('route', 0, 'rt_cache', [...entries, ...counterStats(r.ipv4RouteCache ?? {})]));
  for (const cpu of r.ipv4RouteCachePerCpu ?? []) out.push(kstat('rt_cache', cpu.cpu, 'rt_cache', counterStats(cpu.counters)));
  const sizes: NamedStat[] = [];
  if (r.fibTrieLeafSize !== undefined) sizes.push({ name: 'leafSize', type: 'UINT32', value: r.fibTrieLeafSize });
  if (r.fibTrieNodeSize !== undefined) sizes.push({ name: 'nodeSize', type: 'UINT32', value: r.fibTrieNodeSize });
  if (sizes.length > 0) out.push(kstat('fib_trie', 0, 'fib_triestat', sizes));
  for (const t of r.fibTries ?? []) out.push(trieKstat(t));
  return out;
}

export const routeStatsProvider: KstatProvider = {
  name: 'route-stats',
  modules: ['route', 'rt_cache', 'fib_trie'],
  collect: (source) => fromView(() => source.routeStats(), routeStatsKstats),
};
