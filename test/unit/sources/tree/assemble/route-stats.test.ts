import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KstatError } from '../../../../../src/errors.js';
import { readRouteStats } from '../../../../../src/sources/tree/assemble/route-stats.js';
import { TreeReader } from '../../../../../src/sources/tree/reader.js';
import { tree, variantText, withTree } from '../../../../helpers/fixture.js';

const ZERO = { in_hit: 0n, in_slow_mc: 0n, in_brd: 0n, in_martian_dst: 0n, in_martian_src: 0n, out_hit: 0n, out_slow_mc: 0n, gc_total: 0n, gc_ignored: 0n, gc_goal_miss: 0n, gc_dst_overflow: 0n, in_hlist_search: 0n, out_hlist_search: 0n };
const MERGED_TRIE = {
  averageDepthHundredths: 242, maxDepth: 3, leaves: 7, prefixes: 7, internalNodes: 5,
  nodeSizes: [{ bits: 1, count: 1 }, { bits: 2, count: 3 }, { bits: 3, count: 1 }],
  pointers: 22, nullPointers: 11, totalSizeKib: 2,
};

test('live: rt6_stats, rt_cache summed over CPUs (entries once), three tries', async () => {
  const part = await readRouteStats(new TreeReader({ root: tree('linux-6.18.44-fc-v595-live') }));
  assert.deepEqual(part.issues, []);
  assert.deepEqual(part.unavailable, []);
  assert.deepEqual(part.data, {
    ipv6FibNodes: 10n,
    ipv6FibRouteNodes: 7n,
    ipv6RouteAllocs: 36n,
    ipv6RouteEntries: 9n,
    ipv6RouteCacheEntries: 0n,
    ipv6DstEntries: 0n,
    ipv6DiscardedRoutes: 5n,
    ipv4DstEntries: 15n,
    ipv4RouteCache: { ...ZERO, in_slow_tot: 19n, in_no_route: 6n, out_slow_tot: 49n },
    ipv4RouteCachePerCpu: [
      { cpu: 0, counters: { ...ZERO, in_slow_tot: 11n, in_no_route: 4n, out_slow_tot: 27n } },
      { cpu: 1, counters: { ...ZERO, in_slow_tot: 8n, in_no_route: 2n, out_slow_tot: 22n } },
    ],
    fibTrieLeafSize: 48,
    fibTrieNodeSize: 40,
    fibTries: [
      { table: 7701, averageDepthHundredths: 0, maxDepth: 0, leaves: 1, prefixes: 1, internalNodes: 0, nodeSizes: [], pointers: 0, nullPointers: 0, totalSizeKib: 1 },
      { table: 254, tableName: 'main', ...MERGED_TRIE },
      { table: 255, tableName: 'local', ...MERGED_TRIE },
    ],
  });
});

test('netns: its own IPv6 fib and tries (table 100 from the policy rule)', async () => {
  const part = await readRouteStats(new TreeReader({ root: tree('linux-6.18.44-fc-v595-netns') }));
  assert.deepEqual(part.issues, []);
  const d = part.data;
  assert.deepEqual([d.ipv6FibNodes, d.ipv6FibRouteNodes, d.ipv6RouteAllocs, d.ipv6RouteEntries, d.ipv6DiscardedRoutes], [16n, 10n, 28n, 12n, 0n]);
  assert.deepEqual(d.fibTries?.map((t) => [t.table, t.tableName, t.leaves, t.prefixes]), [
    [100, undefined, 1, 1],
    [254, 'main', 2, 2],
    [255, 'local', 7, 7],
  ]);
  assert.equal(d.ipv4DstEntries, 15n);
});

test('a tree with only rt6_stats: the other parts unavailable, in reading order, and undefined', async () => {
  const part = await withTree({ 'proc/net/rt6_stats': variantText('net-rt6-stats.extra-field') }, (root) => readRouteStats(new TreeReader({ root })));
  assert.deepEqual(part.unavailable, [
    { what: 'IPv4 routing counters', file: 'proc/net/stat/rt_cache', reason: 'not present in this source' },
    { what: 'IPv4 FIB trie statistics', file: 'proc/net/fib_triestat', reason: 'not present in this source' },
  ]);
  assert.deepEqual(part.data, {
    ipv6FibNodes: 74565n,
    ipv6FibRouteNodes: 7n,
    ipv6RouteAllocs: 36n,
    ipv6RouteEntries: 9n,
    ipv6RouteCacheEntries: 1n,
    ipv6DstEntries: 4294967295n,
    ipv6DiscardedRoutes: 5n,
    ipv6Extra: { field8: 42n },
  });
});

test('a tree without any of the files (goprocinfo) is E_UNAVAILABLE', async () => {
  await assert.rejects(readRouteStats(new TreeReader({ root: tree('goprocinfo-fixtures') })), (err: unknown) => KstatError.is(err) && err.code === 'E_UNAVAILABLE');
});
