import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetRoute, prefixLengthOfMask } from '../../../../../src/sources/tree/procfs/net-route.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const FILE = 'proc/net/route';

test('live 6.18: the main table, default via 192.0.2.1 and 192.0.2.0/24 on eth0', () => {
  const r = parseNetRoute(fixtureText('linux-6.18.44-fc-v595-live', FILE), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [
    { iface: 'eth0', destination: '0.0.0.0', gateway: '192.0.2.1', flags: 0x0003, refCnt: 0, use: 0n, metric: 0, mask: '0.0.0.0', prefixLength: 0, mtu: 0, window: 0, irtt: 0, extra: {} },
    { iface: 'eth0', destination: '192.0.2.0', gateway: '0.0.0.0', flags: 0x0001, refCnt: 0, use: 0n, metric: 0, mask: '255.255.255.0', prefixLength: 24, mtu: 0, window: 0, irtt: 0, extra: {} },
  ]);
});

test('netns 6.18: only the main table (table 100\'s 10.99.0.0/24 is not in this file)', () => {
  const r = parseNetRoute(fixtureText('linux-6.18.44-fc-v595-netns', FILE), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(
    r.rows.map((x) => `${x.destination}/${x.prefixLength} ${x.iface} ${x.flags}`),
    ['10.77.0.0/24 kfxa0 1', '10.78.0.0/30 kfxa1 1'],
  );
});

test('contiguous netmasks only', () => {
  assert.equal(prefixLengthOfMask('0.0.0.0'), 0);
  assert.equal(prefixLengthOfMask('255.255.255.252'), 30);
  assert.equal(prefixLengthOfMask('255.255.255.255'), 32);
  assert.equal(prefixLengthOfMask('128.0.0.0'), 1);
  assert.equal(prefixLengthOfMask('255.0.255.0'), undefined);
});

test('variant: a short line is a located issue; the lines around it stay', () => {
  const r = parseNetRoute(variantText('net-route.short-line'), FILE);
  assert.deepEqual(r.rows.map((x) => [x.iface, x.destination, x.prefixLength, x.metric]), [
    ['eth0', '0.0.0.0', 0, 0],
    ['eth1', '192.168.0.0', 24, 100],
  ]);
  assert.deepEqual(r.issues.map((i) => [i.file, i.line, i.code]), [[FILE, 3, 'short-line']]);
});

test('variant: bad hex in an address, in the flags, and a mask with holes', () => {
  const r = parseNetRoute(variantText('net-route.bad-hex'), FILE);
  assert.deepEqual(r.rows.map((x) => x.destination), ['192.0.2.0']);
  assert.deepEqual(r.issues.map((i) => [i.line, i.code]), [
    [2, 'bad-address'],
    [3, 'bad-number'],
    [4, 'bad-address'],
  ]);
});

test('variant: an unknown column is kept by name; a negative %d metric is the unsigned value', () => {
  const r = parseNetRoute(variantText('net-route.unknown-column'), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [
    { iface: 'eth0', destination: '0.0.0.0', gateway: '192.0.2.1', flags: 0x0003, refCnt: 0, use: 0n, metric: 4294967295, mask: '0.0.0.0', prefixLength: 0, mtu: 1500, window: 65535, irtt: 300, extra: { Table: '254' } },
    { iface: '*', destination: '10.0.0.0', gateway: '0.0.0.0', flags: 0x0201, refCnt: 0, use: 0n, metric: 0, mask: '255.0.0.0', prefixLength: 8, mtu: 0, window: 0, irtt: 0, extra: { Table: '254' } },
    { iface: 'eth0', destination: '192.0.2.5', gateway: '0.0.0.0', flags: 0x0005, refCnt: 0, use: 0n, metric: 10, mask: '255.255.255.255', prefixLength: 32, mtu: 0, window: 0, irtt: 0, extra: { Table: '254' } },
  ]);
});

test('variant: optional columns missing from the header are undefined, not 0', () => {
  const r = parseNetRoute(variantText('net-route.missing-column'), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [
    { iface: 'eth0', destination: '0.0.0.0', gateway: '192.0.2.1', flags: 3, metric: 0, mask: '0.0.0.0', prefixLength: 0, extra: {} },
  ]);
});

test('variant: a header without Mask is one issue and no rows', () => {
  const r = parseNetRoute(variantText('net-route.bad-header'), FILE);
  assert.deepEqual(r.rows, []);
  assert.deepEqual(r.issues.map((i) => [i.line, i.code, i.message]), [[1, 'bad-header', 'header lacks Mask']]);
});
