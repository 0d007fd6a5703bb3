import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetIp6MrCache } from '../../../../../src/sources/tree/procfs/net-ip6-mr-cache.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const FILE = 'proc/net/ip6_mr_cache';

test('live and netns 6.18: header only', () => {
  for (const set of ['linux-6.18.44-fc-v595-live', 'linux-6.18.44-fc-v595-netns']) {
    assert.deepEqual(parseNetIp6MrCache(fixtureText(set, FILE), FILE), { rows: [], issues: [] });
  }
});

test('variant (constructed from the ip6mr format): %pI6 addresses, one output mif', () => {
  const r = parseNetIp6MrCache(variantText('net-ip6-mr-cache.constructed'), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [
    { group: 'ff15::1234', origin: 'fd00::2', iif: 0, packets: 7n, bytes: 700n, wrongIf: 0n, outputs: [{ vif: 1, ttl: 1 }] },
    { group: 'ff3e::1', origin: '2001:db8::1', iif: 1, packets: 0n, bytes: 0n, wrongIf: 0n, outputs: [] },
  ]);
});

test('variant: a compressed address is not %pI6; a short line', () => {
  const r = parseNetIp6MrCache(variantText('net-ip6-mr-cache.bad-lines'), FILE);
  assert.deepEqual(r.rows, []);
  assert.deepEqual(r.issues.map((i) => [i.file, i.line, i.code]), [
    [FILE, 2, 'bad-address'],
    [FILE, 3, 'short-line'],
  ]);
});
