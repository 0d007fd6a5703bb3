/**
 * Routing statistics from procfs: /proc/net/rt6_stats, /proc/net/stat/rt_cache and
 * /proc/net/fib_triestat. Each file that is missing leaves its fields undefined and an
 * `unavailable` entry; none of them readable → E_UNAVAILABLE.
 */
import type { FibTrie, RouteCacheCpu, RouteStats } from '../../../records/route-stats.js';
import { ROUTE_TABLE_NAMES } from '../../../records/route.js';
import type { TreeReader } from '../reader.js';
import { parseNetFibTriestat, type NetFibTriestatRow } from '../procfs/net-fib-triestat.js';
import { parseNetRt6Stats } from '../procfs/net-rt6-stats.js';
import { parseNetStatRtCache, type NetStatRtCacheRow } from '../procfs/net-stat-rt-cache.js';
import { emptyPart, readInto, requireSome, type Part } from './part.js';

const RT6_STATS = 'proc/net/rt6_stats';
const RT_CACHE = 'proc/net/stat/rt_cache';
const FIB_TRIESTAT = 'proc/net/fib_triestat';

export async function readRouteStats(reader: TreeReader): Promise<Part<RouteStats>> {
  const part = emptyPart<RouteStats>({});
  // One after another, so the order of `unavailable` entries is stable.
  const rt6 = await readRt6Stats(part, reader);
  const rtCache = await readRtCache(part, reader);
  const trie = await readFibTriestat(part, reader);
  requireSome(part, rt6 || rtCache || trie, 'routing statistics');
  return part;
}

async function readRt6Stats(part: Part<RouteStats>, reader: TreeReader): Promise<boolean> {
  const text = await readInto(part, reader, RT6_STATS, 'IPv6 routing statistics');
  if (text === undefined) return false;
  const parsed = parseNetRt6Stats(text, RT6_STATS);
  part.issues.push(...parsed.issues);
  const row = parsed.rows[0];
  if (row === undefined) return true;
  Object.assign(part.data, {
    ipv6FibNodes: row.fibNodes,
    ipv6FibRouteNodes: row.fibRouteNodes,
    ipv6RouteAllocs: row.fibRtAlloc,
    ipv6RouteEntries: row.fibRtEntries,
    ipv6RouteCacheEntries: row.fibRtCache,
    ipv6DstEntries: row.dstEntries,
    ipv6DiscardedRoutes: row.fibDiscardedRoutes,
  });
  if (Object.keys(row.extra).length > 0) part.data.ipv6Extra = row.extra;
  return true;
}

async function readRtCache(part: Part<RouteStats>, reader: TreeReader): Promise<boolean> {
  const text = await readInto(part, reader, RT_CACHE, 'IPv4 routing counters');
  if (text === undefined) return false;
  const parsed = parseNetStatRtCache(text, RT_CACHE);
  part.issues.push(...parsed.issues);
  if (parsed.rows.length === 0) return true;
  const totals: Record<string, bigint> = {};
  const perCpu: RouteCacheCpu[] = parsed.rows.map((row) => cpuCounters(row, totals));
  const entries = parsed.rows[0]?.values.entries;
  if (entries !== undefined) part.data.ipv4DstEntries = entries;
  part.data.ipv4RouteCache = totals;
  part.data.ipv4RouteCachePerCpu = perCpu;
  return true;
}

/** One CPU line without the global `entries` column, adding its values into `totals`. */
function cpuCounters(row: NetStatRtCacheRow, totals: Record<string, bigint>): RouteCacheCpu {
  const counters: Record<string, bigint> = {};
  for (const [name, value] of Object.entries(row.values)) {
    if (name === 'entries') continue;
    counters[name] = value;
    totals[name] = (totals[name] ?? 0n) + value;
  }
  return { cpu: row.cpu, counters };
}

async function readFibTriestat(part: Part<RouteStats>, reader: TreeReader): Promise<boolean> {
  const text = await readInto(part, reader, FIB_TRIESTAT, 'IPv4 FIB trie statistics');
  if (text === undefined) return false;
  const parsed = parseNetFibTriestat(text, FIB_TRIESTAT);
  part.issues.push(...parsed.issues);
  if (parsed.leafSize !== undefined) part.data.fibTrieLeafSize = parsed.leafSize;
  if (parsed.tnodeSize !== undefined) part.data.fibTrieNodeSize = parsed.tnodeSize;
  part.data.fibTries = parsed.rows.map(fibTrie);
  return true;
}

const TABLE_IDS: Readonly<Record<string, number>> = { Main: 254, Local: 255 };

function fibTrie(row: NetFibTriestatRow): FibTrie {
  const table = TABLE_IDS[row.label] ?? Number(row.label);
  const out: FibTrie = { table, nodeSizes: row.nodeSizes.map((s) => ({ bits: s.bits, count: s.count })) };
  const name = ROUTE_TABLE_NAMES[table];
  if (name !== undefined) out.tableName = name;
  const numbers = ['averageDepthHundredths', 'maxDepth', 'leaves', 'prefixes', 'internalNodes', 'pointers', 'nullPointers', 'totalSizeKib'] as const;
  for (const key of numbers) {
    const value = row[key];
    if (value !== undefined) out[key] = value;
  }
  if (Object.keys(row.counters).length > 0) out.counters = row.counters;
  return out;
}
