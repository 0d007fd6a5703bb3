import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetIpMrCache } from '../../../../../src/sources/tree/procfs/net-ip-mr-cache.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const FILE = 'proc/net/ip_mr_cache';

test('live and netns 6.18: header only', () => {
  for (const set of ['linux-6.18.44-fc-v595-live', 'linux-6.18.44-fc-v595-netns']) {
    assert.deepEqual(parseNetIpMrCache(fixtureText(set, FILE), FILE), { rows: [], issues: [] });
  }
});

test('variant (constructed from ipmr_mfc_seq_show\'s format): output vifs with TTLs, an unresolved entry', () => {
  const r = parseNetIpMrCache(variantText('net-ip-mr-cache.constructed'), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [
    { group: '239.1.2.3', origin: '10.0.0.2', iif: 0, packets: 12345n, bytes: 18446744073709551615n, wrongIf: 3n, outputs: [{ vif: 1, ttl: 1 }, { vif: 2, ttl: 64 }] },
    { group: '239.1.2.5', origin: '10.0.0.3', iif: 1, packets: 0n, bytes: 0n, wrongIf: 0n, outputs: [] },
  ]);
});

test('variant: short line, a bad vif:ttl pair, bad hex group', () => {
  const r = parseNetIpMrCache(variantText('net-ip-mr-cache.bad-lines'), FILE);
  assert.deepEqual(r.rows.map((x) => [x.group, x.packets]), [['239.1.2.3', 1n]]);
  assert.deepEqual(r.issues.map((i) => [i.file, i.line, i.code]), [
    [FILE, 2, 'short-line'],
    [FILE, 3, 'bad-number'],
    [FILE, 4, 'bad-address'],
  ]);
});
