/**
 * Routing statistics: the IPv6 fib counters (/proc/net/rt6_stats), the IPv4 per-CPU
 * routing counters (/proc/net/stat/rt_cache) and the shape of each IPv4 FIB trie
 * (/proc/net/fib_triestat). Each part is undefined when its file is not in the source.
 */
import { defineRecord, f, opt, type RecordOf } from './field.js';

export const routeCacheCpuSchema = defineRecord('route-cache-cpu', 'IPv4 routing counters of one CPU (/proc/net/stat/rt_cache line).', {
  cpu: f.u32('0-based position of the line among the possible CPUs (the CPU number unless possible CPUs are sparse).'),
  counters: f.counters('Every column but `entries`, by kernel name (in_slow_tot, in_no_route, in_martian_src, out_slow_tot, ...). 32-bit values that wrap.', { unit: 'count' }),
});

export const fibTrieNodeSizeSchema = defineRecord('fib-trie-node-size', 'How many internal trie nodes have 2^bits children.', {
  bits: f.u32('Child index bits of the node (the node has 2^bits child slots).'),
  count: f.u32('Internal nodes of that size.', { unit: 'count' }),
});

export const fibTrieSchema = defineRecord('fib-trie', 'Shape of one IPv4 FIB trie (one block of /proc/net/fib_triestat).', {
  table: f.u32('Table id: 254 for "Main", 255 for "Local", else the number after "Id".'),
  tableName: opt.string('main or local for the reserved tables; undefined for custom ids.'),
  averageDepthHundredths: opt.u32('Average leaf depth times 100, exactly as the kernel computes it (printed as 2.42 → 242).', { kernel: 'Aver depth' }),
  maxDepth: opt.u32('Deepest leaf.', { kernel: 'Max depth' }),
  leaves: opt.u32('Leaves (distinct prefixes keys).', { kernel: 'Leaves', unit: 'count' }),
  prefixes: opt.u32('Prefixes (fib aliases: routes, counting per TOS/type).', { kernel: 'Prefixes', unit: 'count' }),
  internalNodes: opt.u32('Internal (tnode) nodes.', { kernel: 'Internal nodes', unit: 'count' }),
  nodeSizes: f.records(fibTrieNodeSizeSchema, 'Internal nodes by size, as printed under "Internal nodes".'),
  pointers: opt.u32('Child pointer slots in internal nodes.', { kernel: 'Pointers', unit: 'count' }),
  nullPointers: opt.u32('Empty child pointer slots.', { kernel: 'Null ptrs', unit: 'count' }),
  totalSizeKib: opt.u32('Approximate memory of the trie, rounded up.', { kernel: 'Total size', unit: 'kib' }),
  counters: opt.counters('Trie usage counters (CONFIG_IP_FIB_TRIE_STATS: gets, backtracks, semantic match passed, ...) and any line this version does not name, by printed name.', { unit: 'count' }),
});

export const routeStatsSchema = defineRecord('route-stats', 'Routing statistics from procfs. The IPv4 rt_cache counters are global (the same in every network namespace); the others are per namespace.', {
  ipv6FibNodes: opt.u64('fib6 tree nodes.', { kernel: 'rt6_stats fib_nodes', unit: 'count' }),
  ipv6FibRouteNodes: opt.u64('fib6 tree nodes that carry routes.', { kernel: 'rt6_stats fib_route_nodes', unit: 'count' }),
  ipv6RouteAllocs: opt.u64('fib6 route entries allocated.', { kernel: 'rt6_stats fib_rt_alloc', unit: 'count' }),
  ipv6RouteEntries: opt.u64('fib6 route entries in the trees.', { kernel: 'rt6_stats fib_rt_entries', unit: 'count' }),
  ipv6RouteCacheEntries: opt.u64('Cached (exception, RTF_CACHE) IPv6 routes.', { kernel: 'rt6_stats fib_rt_cache', unit: 'count' }),
  ipv6DstEntries: opt.u64('IPv6 dst entries in use (ip6_dst_ops entries).', { kernel: 'rt6_stats dst entries', unit: 'count' }),
  ipv6DiscardedRoutes: opt.u64('Routes discarded when a tree was rebuilt.', { kernel: 'rt6_stats fib_discarded_routes', unit: 'count' }),
  ipv6Extra: opt.counters('rt6_stats fields after the seventh, by position (field8, ...); a future kernel would add them unnamed.'),
  ipv4DstEntries: opt.u64('IPv4 dst entries in use: the `entries` column, global and repeated on every CPU line (not a per-CPU value).', { kernel: 'stat/rt_cache entries', unit: 'count' }),
  ipv4RouteCache: opt.counters('IPv4 routing counters summed over all CPUs, by kernel name (every rt_cache column but `entries`). in_hit, out_hit and gc_* stay 0 since the route cache was removed in 3.6.', { kernel: 'stat/rt_cache', unit: 'count' }),
  ipv4RouteCachePerCpu: opt.records(routeCacheCpuSchema, 'The same counters per CPU line.'),
  fibTrieLeafSize: opt.u32('Size of one trie leaf in the kernel.', { kernel: 'size of leaf', unit: 'bytes' }),
  fibTrieNodeSize: opt.u32('Size of one internal trie node (without child pointers).', { kernel: 'size of tnode', unit: 'bytes' }),
  fibTries: opt.records(fibTrieSchema, 'One entry per IPv4 table trie, in the order the kernel printed them.'),
});

export type RouteStats = RecordOf<typeof routeStatsSchema>;
export type RouteCacheCpu = RecordOf<typeof routeCacheCpuSchema>;
export type FibTrie = RecordOf<typeof fibTrieSchema>;
