import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetIpv6Route } from '../../../../../src/sources/tree/procfs/net-ipv6-route.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const FILE = 'proc/net/ipv6_route';
const ANY = '::';

test('live 6.18: all tables, null roots included, values exactly as printed', () => {
  const r = parseNetIpv6Route(fixtureText('linux-6.18.44-fc-v595-live', FILE), FILE);
  assert.deepEqual(r.issues, []);
  assert.equal(r.rows.length, 11);
  assert.deepEqual(r.rows[0], {
    destination: 'fd78::', destinationPrefixLength: 64, source: ANY, sourcePrefixLength: 0, nextHop: ANY,
    metric: 0x400, refCnt: 1, use: 0n, flags: 0x00000001, device: 'kfxh0',
  });
  assert.deepEqual(r.rows[1], {
    destination: ANY, destinationPrefixLength: 0, source: ANY, sourcePrefixLength: 0, nextHop: ANY,
    metric: 0xffffffff, refCnt: 1, use: 0n, flags: 0x00200200, device: 'lo',
  });
  assert.deepEqual(r.rows[4], {
    destination: ANY, destinationPrefixLength: 0, source: ANY, sourcePrefixLength: 0, nextHop: 'fd00::1',
    metric: 0x400, refCnt: 2, use: 0n, flags: 0x00000003, device: 'eth0',
  });
  assert.deepEqual(
    r.rows.map((x) => `${x.destination}/${x.destinationPrefixLength} ${x.device} ${x.flags.toString(16)}`),
    [
      'fd78::/64 kfxh0 1',
      '::/0 lo 200200',
      'fd00::/64 eth0 1',
      'fe80::/64 eth0 1',
      '::/0 eth0 3',
      '::1/128 lo 80200001',
      'fd00::2/128 eth0 80200001',
      'fe80::fc:ff:fe00:1/128 eth0 80200001',
      'ff00::/8 eth0 1',
      'ff00::/8 kfxh0 1',
      '::/0 lo 200200',
    ],
  );
});

test('netns 6.18: table 100\'s fd99::/64 via fd77::2 is in the file (without its table)', () => {
  const r = parseNetIpv6Route(fixtureText('linux-6.18.44-fc-v595-netns', FILE), FILE);
  assert.deepEqual(r.issues, []);
  assert.equal(r.rows.length, 15);
  assert.deepEqual(r.rows[0], {
    destination: 'fd99::', destinationPrefixLength: 64, source: ANY, sourcePrefixLength: 0, nextHop: 'fd77::2',
    metric: 1024, refCnt: 2, use: 0n, flags: 3, device: 'kfxa0',
  });
  assert.equal(r.rows[10]?.destination, 'fe80::643e:ff:fe23:21d9');
});

test('variant: a line of 8 fields is a short line', () => {
  const r = parseNetIpv6Route(variantText('net-ipv6-route.short-line'), FILE);
  assert.deepEqual(r.rows.map((x) => `${x.destination}/${x.destinationPrefixLength}`), ['2001:db8::/48', 'fe80::/64']);
  assert.deepEqual(r.issues.map((i) => [i.file, i.line, i.code]), [[FILE, 2, 'short-line']]);
});

test('variant: 31-digit address, non-hex flags, prefix length above 128', () => {
  const r = parseNetIpv6Route(variantText('net-ipv6-route.bad-hex'), FILE);
  assert.deepEqual(r.rows.map((x) => x.destination), ['fe80::']);
  assert.deepEqual(r.issues.map((i) => [i.line, i.code]), [
    [1, 'bad-address'],
    [2, 'bad-number'],
    [3, 'bad-number'],
  ]);
});

test('variant: no device (9 fields), source-specific route, non-zero use, RA default route', () => {
  const r = parseNetIpv6Route(variantText('net-ipv6-route.no-device'), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows[0], {
    destination: '2001:db8:0:1::', destinationPrefixLength: 64, source: ANY, sourcePrefixLength: 0, nextHop: ANY,
    metric: 1024, refCnt: 1, use: 0n, flags: 0x00200200,
  });
  assert.equal(r.rows[0]?.device, undefined);
  assert.deepEqual([r.rows[1]?.source, r.rows[1]?.sourcePrefixLength, r.rows[1]?.nextHop], ['2001:db8:ffff::', 48, 'fe80::1']);
  assert.deepEqual([r.rows[2]?.use, r.rows[2]?.flags], [42n, 0x01000003]);
  assert.deepEqual([r.rows[3]?.flags, r.rows[3]?.refCnt], [0x08450003, 2]);
});
