import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetIpMrVif } from '../../../../../src/sources/tree/procfs/net-ip-mr-vif.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const FILE = 'proc/net/ip_mr_vif';

test('live and netns 6.18: no multicast router running, header only', () => {
  for (const set of ['linux-6.18.44-fc-v595-live', 'linux-6.18.44-fc-v595-netns']) {
    assert.deepEqual(parseNetIpMrVif(fixtureText(set, FILE), FILE), { rows: [], issues: [] });
  }
});

test('variant (constructed from ipmr_vif_seq_show\'s format): 64-bit exact, %ld -1 is 2^64-1', () => {
  const r = parseNetIpMrVif(variantText('net-ip-mr-vif.constructed'), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [
    { vif: 0, device: 'eth0', bytesIn: 9007199254740993n, packetsIn: 1000n, bytesOut: 300000n, packetsOut: 200n, flags: 0, local: '10.0.0.2', remote: '0.0.0.0' },
    { vif: 1, device: 'tun0', bytesIn: 18446744073709551615n, packetsIn: 5n, bytesOut: 1000n, packetsOut: 5n, flags: 1, local: '10.0.0.2', remote: '192.168.0.1' },
    { vif: 2, device: 'pimreg', bytesIn: 0n, packetsIn: 0n, bytesOut: 0n, packetsOut: 0n, flags: 4, local: '0.0.0.0', remote: '0.0.0.0' },
    { vif: 3, device: 'none', bytesIn: 100n, packetsIn: 1n, bytesOut: 0n, packetsOut: 0n, flags: 0x10, local: '0.0.0.0', remote: '0.0.0.0' },
    // VIFF_USE_IFINDEX: the column holds the ifindex (3), printed like an address; the assembler drops it.
    { vif: 4, device: 'va', bytesIn: 0n, packetsIn: 0n, bytesOut: 0n, packetsOut: 0n, flags: 8, local: '3.0.0.0', remote: '0.0.0.0' },
  ]);
});

test('variant: short line, non-numeric counter, seven-digit address', () => {
  const r = parseNetIpMrVif(variantText('net-ip-mr-vif.bad-lines'), FILE);
  assert.deepEqual(r.rows.map((x) => x.device), ['eth3']);
  assert.deepEqual(r.issues.map((i) => [i.file, i.line, i.code]), [
    [FILE, 2, 'short-line'],
    [FILE, 3, 'bad-number'],
    [FILE, 4, 'bad-address'],
  ]);
});
