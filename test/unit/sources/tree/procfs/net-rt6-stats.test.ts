import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetRt6Stats } from '../../../../../src/sources/tree/procfs/net-rt6-stats.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const FILE = 'proc/net/rt6_stats';

test('live 6.18: "000a 0007 0024 0009 0000 0000 0005"', () => {
  const r = parseNetRt6Stats(fixtureText('linux-6.18.44-fc-v595-live', FILE), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [
    { fibNodes: 10n, fibRouteNodes: 7n, fibRtAlloc: 36n, fibRtEntries: 9n, fibRtCache: 0n, dstEntries: 0n, fibDiscardedRoutes: 5n, extra: {} },
  ]);
});

test('netns 6.18: "0010 000a 001c 000c 0000 0000 0000"', () => {
  const r = parseNetRt6Stats(fixtureText('linux-6.18.44-fc-v595-netns', FILE), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [
    { fibNodes: 16n, fibRouteNodes: 10n, fibRtAlloc: 28n, fibRtEntries: 12n, fibRtCache: 0n, dstEntries: 0n, fibDiscardedRoutes: 0n, extra: {} },
  ]);
});

test('variant: three fields is a short line, no row', () => {
  const r = parseNetRt6Stats(variantText('net-rt6-stats.short-line'), FILE);
  assert.deepEqual(r.rows, []);
  assert.deepEqual(r.issues.map((i) => [i.file, i.line, i.code]), [[FILE, 1, 'short-line']]);
});

test('variant: a non-hex field is a bad number, no row', () => {
  const r = parseNetRt6Stats(variantText('net-rt6-stats.bad-hex'), FILE);
  assert.deepEqual(r.rows, []);
  assert.deepEqual(r.issues.map((i) => [i.line, i.code]), [[1, 'bad-number']]);
});

test('variant: %04x is a minimum width; an eighth field is kept by position', () => {
  const r = parseNetRt6Stats(variantText('net-rt6-stats.extra-field'), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [
    { fibNodes: 74565n, fibRouteNodes: 7n, fibRtAlloc: 36n, fibRtEntries: 9n, fibRtCache: 1n, dstEntries: 4294967295n, fibDiscardedRoutes: 5n, extra: { field8: 42n } },
  ]);
});
