import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetDevMcast } from '../../../../../src/sources/tree/procfs/net-dev-mcast.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const FILE = 'proc/net/dev_mcast';

test('live 6.18: IPv6 all-nodes, IPv4 all-hosts and solicited-node MACs', () => {
  const r = parseNetDevMcast(fixtureText('linux-6.18.44-fc-v595-live', FILE), FILE);
  assert.deepEqual(r.issues, []);
  assert.equal(r.rows.length, 8);
  assert.deepEqual(r.rows[0], { ifindex: 2, device: 'ifb0', refcount: 1, globalUse: 0, address: '33:33:00:00:00:01' });
  assert.deepEqual(
    r.rows.filter((x) => x.device === 'eth0').map((x) => x.address),
    ['33:33:00:00:00:01', '01:00:5e:00:00:01', '33:33:ff:00:00:01', '33:33:ff:00:00:02'],
  );
});

test('netns 6.18: four addresses on each veth end', () => {
  const r = parseNetDevMcast(fixtureText('linux-6.18.44-fc-v595-netns', FILE), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows.slice(4).map((x) => `${x.ifindex} ${x.device} ${x.address}`), [
    '3 kfxa0 33:33:00:00:00:01',
    '3 kfxa0 33:33:ff:00:00:01',
    '3 kfxa0 01:00:5e:00:00:01',
    '3 kfxa0 33:33:ff:11:3a:ab',
  ]);
});

test('variant: the short-lived 2021 header and wide columns', () => {
  const r = parseNetDevMcast(variantText('net-dev-mcast.header'), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [
    { ifindex: 4, device: 'eth0', refcount: 1, globalUse: 0, address: '33:33:00:00:00:01' },
    { ifindex: 4, device: 'eth0', refcount: 2, globalUse: 1, address: '01:00:5e:00:00:01' },
  ]);
});

test('variant: short line, odd-length address, non-numeric refcount; a 20-byte InfiniBand address stays', () => {
  const r = parseNetDevMcast(variantText('net-dev-mcast.bad-lines'), FILE);
  assert.deepEqual(r.rows.map((x) => x.address), ['33:33:00:00:00:01', '00:ff:ff:ff:ff:12:60:1b:00:00:00:00:00:00:00:00:ff:ff:ff:ff']);
  assert.deepEqual(r.issues.map((i) => [i.file, i.line, i.code]), [
    [FILE, 2, 'short-line'],
    [FILE, 3, 'bad-address'],
    [FILE, 4, 'bad-number'],
  ]);
});
