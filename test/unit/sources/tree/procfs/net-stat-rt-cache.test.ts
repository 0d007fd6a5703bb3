import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetStatRtCache } from '../../../../../src/sources/tree/procfs/net-stat-rt-cache.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const FILE = 'proc/net/stat/rt_cache';
const ZERO_TAIL = { in_brd: 0n, in_martian_dst: 0n, in_martian_src: 0n, out_hit: 0n, out_slow_mc: 0n, gc_total: 0n, gc_ignored: 0n, gc_goal_miss: 0n, gc_dst_overflow: 0n, in_hlist_search: 0n, out_hlist_search: 0n };

test('live 6.18: two CPU lines, every column by its header name', () => {
  const r = parseNetStatRtCache(fixtureText('linux-6.18.44-fc-v595-live', FILE), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [
    { cpu: 0, values: { entries: 15n, in_hit: 0n, in_slow_tot: 11n, in_slow_mc: 0n, in_no_route: 4n, out_slow_tot: 27n, ...ZERO_TAIL } },
    { cpu: 1, values: { entries: 15n, in_hit: 0n, in_slow_tot: 8n, in_slow_mc: 0n, in_no_route: 2n, out_slow_tot: 22n, ...ZERO_TAIL } },
  ]);
});

test('netns 6.18: the same lines as the root namespace (the counters are global)', () => {
  const live = parseNetStatRtCache(fixtureText('linux-6.18.44-fc-v595-live', FILE), FILE);
  const netns = parseNetStatRtCache(fixtureText('linux-6.18.44-fc-v595-netns', FILE), FILE);
  assert.deepEqual(netns.issues, []);
  assert.deepEqual(netns.rows, live.rows);
});

test('variant: an unknown column is kept under its name; ffffffff is 4294967295', () => {
  const r = parseNetStatRtCache(variantText('net-stat-rt-cache.unknown-column'), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows.map((x) => [x.cpu, x.values.in_slow_tot, x.values.in_martian_src, x.values.in_new_counter]), [
    [0, 4294967295n, 5n, 42n],
    [1, 1n, 5n, 1n],
  ]);
});

test('variant: a short CPU line is an issue; the next line keeps its CPU position', () => {
  const r = parseNetStatRtCache(variantText('net-stat-rt-cache.short-line'), FILE);
  assert.deepEqual(r.rows.map((x) => [x.cpu, x.values.in_slow_tot]), [
    [0, 11n],
    [2, 8n],
  ]);
  assert.deepEqual(r.issues.map((i) => [i.file, i.line, i.code]), [[FILE, 3, 'short-line']]);
});

test('variant: a non-hex value is a bad number', () => {
  const r = parseNetStatRtCache(variantText('net-stat-rt-cache.bad-hex'), FILE);
  assert.deepEqual(r.rows.map((x) => x.cpu), [0]);
  assert.deepEqual(r.issues.map((i) => [i.line, i.code]), [[3, 'bad-number']]);
});
