import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetFibTriestat } from '../../../../../src/sources/tree/procfs/net-fib-triestat.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const FILE = 'proc/net/fib_triestat';

test('live 6.18: table 7701, then Main and Local printing the same merged trie', () => {
  const r = parseNetFibTriestat(fixtureText('linux-6.18.44-fc-v595-live', FILE), FILE);
  assert.deepEqual(r.issues, []);
  assert.equal(r.leafSize, 48);
  assert.equal(r.tnodeSize, 40);
  const merged = {
    averageDepthHundredths: 242, maxDepth: 3, leaves: 7, prefixes: 7, internalNodes: 5,
    nodeSizes: [{ bits: 1, count: 1 }, { bits: 2, count: 3 }, { bits: 3, count: 1 }],
    pointers: 22, nullPointers: 11, totalSizeKib: 2, counters: {},
  };
  assert.deepEqual(r.rows, [
    { label: '7701', averageDepthHundredths: 0, maxDepth: 0, leaves: 1, prefixes: 1, internalNodes: 0, nodeSizes: [], pointers: 0, nullPointers: 0, totalSizeKib: 1, counters: {} },
    { label: 'Main', ...merged },
    { label: 'Local', ...merged },
  ]);
});

test('netns 6.18: with a policy rule the local table has its own trie', () => {
  const r = parseNetFibTriestat(fixtureText('linux-6.18.44-fc-v595-netns', FILE), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(
    r.rows.map((x) => [x.label, x.averageDepthHundredths, x.leaves, x.internalNodes, x.nodeSizes.map((s) => `${s.bits}:${s.count}`).join(' '), x.pointers, x.nullPointers, x.totalSizeKib]),
    [
      ['100', 0, 1, 0, '', 0, 0, 1],
      ['Main', 100, 2, 1, '2:1', 4, 2, 1],
      ['Local', 285, 7, 6, '1:1 2:5', 22, 10, 2],
    ],
  );
});

test('variant: CONFIG_IP_FIB_TRIE_STATS counters are kept by printed name', () => {
  const r = parseNetFibTriestat(variantText('net-fib-triestat.trie-stats'), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows.map((x) => x.label), ['Main', 'Local', '100']);
  assert.deepEqual(r.rows[0]?.counters, {
    gets: 4294967295n,
    backtracks: 3n,
    'semantic match passed': 10n,
    'semantic match miss': 1n,
    'null node hit': 2n,
    'skipped node resize': 0n,
  });
  assert.deepEqual([r.rows[0]?.averageDepthHundredths, r.rows[0]?.prefixes], [150, 5]);
});

test('variant: a value that is not a number, an average without two decimals, a line before any table', () => {
  const r = parseNetFibTriestat(variantText('net-fib-triestat.bad-number'), FILE);
  assert.deepEqual(r.issues.map((i) => [i.file, i.line, i.code]), [
    [FILE, 2, 'unknown-format'],
    [FILE, 6, 'bad-number'],
    [FILE, 14, 'bad-number'],
  ]);
  assert.equal(r.rows[0]?.leaves, undefined);
  assert.equal(r.rows[0]?.prefixes, 2);
  assert.equal(r.rows[1]?.averageDepthHundredths, undefined);
  assert.equal(r.rows[1]?.leaves, 7);
});
