/**
 * `knetstat -rs`: routing statistics, in three sections as the kernel keeps them: the IPv6
 * fib counters (rt6_stats), the IPv4 routing counters summed over CPUs (stat/rt_cache, by
 * kernel name), and the shape of each IPv4 FIB trie (fib_triestat). A section the source
 * lacks is left out (the reading says why).
 */
import type { RouteStats } from '../../records/route-stats.js';
import { renderTable, type Column } from '../table.js';
import { orDash } from './endpoint.js';

function pairs(rows: ReadonlyArray<readonly [string, bigint | number | undefined]>): string[] {
  return renderTable([{ header: '' }, { header: '', align: 'right' }], rows.map(([k, v]) => [k, orDash(v)]), { noHeader: true, indent: '    ' });
}

function ipv6Lines(s: RouteStats): string[] {
  if (s.ipv6FibNodes === undefined) return [];
  return [
    'IPv6 routing (rt6_stats):',
    ...pairs([
      ['fib nodes', s.ipv6FibNodes],
      ['fib route nodes', s.ipv6FibRouteNodes],
      ['route entries allocated', s.ipv6RouteAllocs],
      ['route entries', s.ipv6RouteEntries],
      ['cached routes', s.ipv6RouteCacheEntries],
      ['dst entries', s.ipv6DstEntries],
      ['discarded routes', s.ipv6DiscardedRoutes],
      ...Object.entries(s.ipv6Extra ?? {}),
    ]),
  ];
}

function ipv4Lines(s: RouteStats): string[] {
  if (s.ipv4RouteCache === undefined && s.ipv4DstEntries === undefined) return [];
  return ['IPv4 routing (stat/rt_cache, all CPUs):', ...pairs([['entries', s.ipv4DstEntries], ...Object.entries(s.ipv4RouteCache ?? {})])];
}

const right = (header: string): Column => ({ header, align: 'right' });

function trieLines(s: RouteStats): string[] {
  if (s.fibTries === undefined) return [];
  const rows = s.fibTries.map((t) => {
    const depth = t.averageDepthHundredths;
    return [t.tableName ?? String(t.table), orDash(t.leaves), orDash(t.prefixes), orDash(t.internalNodes), depth === undefined ? '-' : `${Math.floor(depth / 100)}.${String(depth % 100).padStart(2, '0')}`, orDash(t.maxDepth), orDash(t.pointers), orDash(t.nullPointers), orDash(t.totalSizeKib)];
  });
  const cols = [{ header: 'Table' }, right('Leaves'), right('Prefixes'), right('Nodes'), right('AvgDepth'), right('MaxDepth'), right('Pointers'), right('NullPtrs'), right('KiB')];
  return ['IPv4 FIB tries (fib_triestat):', ...renderTable(cols, rows, { indent: '    ' })];
}

export function formatRouteStats(s: RouteStats): string[] {
  const sections = [ipv6Lines(s), ipv4Lines(s), trieLines(s)].filter((x) => x.length > 0);
  return sections.flatMap((x, i) => (i === 0 ? x : ['', ...x]));
}
