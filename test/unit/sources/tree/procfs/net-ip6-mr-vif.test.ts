import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetIp6MrVif } from '../../../../../src/sources/tree/procfs/net-ip6-mr-vif.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const FILE = 'proc/net/ip6_mr_vif';

test('live and netns 6.18: header only', () => {
  for (const set of ['linux-6.18.44-fc-v595-live', 'linux-6.18.44-fc-v595-netns']) {
    assert.deepEqual(parseNetIp6MrVif(fixtureText(set, FILE), FILE), { rows: [], issues: [] });
  }
});

test('variant (constructed from ip6mr_vif_seq_show\'s format): no Local/Remote, %ld max and -2', () => {
  const r = parseNetIp6MrVif(variantText('net-ip6-mr-vif.constructed'), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [
    { vif: 0, device: 'eth0', bytesIn: 4096n, packetsIn: 4n, bytesOut: 9223372036854775807n, packetsOut: 0n, flags: 0 },
    { vif: 1, device: 'pim6reg', bytesIn: 0n, packetsIn: 0n, bytesOut: 0n, packetsOut: 0n, flags: 1 },
    { vif: 2, device: 'eth1', bytesIn: 18446744073709551614n, packetsIn: 1n, bytesOut: 0n, packetsOut: 0n, flags: 0 },
  ]);
});

test('an ip_mr_vif line (nine fields) is a width mismatch here', () => {
  const r = parseNetIp6MrVif(variantText('net-ip-mr-vif.constructed'), FILE);
  assert.deepEqual(r.rows, []);
  assert.deepEqual(r.issues.map((i) => [i.line, i.code]), [[2, 'width-mismatch'], [3, 'width-mismatch'], [4, 'width-mismatch'], [5, 'width-mismatch'], [6, 'width-mismatch']]);
});
