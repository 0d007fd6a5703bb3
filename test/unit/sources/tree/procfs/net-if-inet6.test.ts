import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ipv6AddressFlagNames, ipv6FromHex, ipv6ScopeName, parseNetIfInet6 } from '../../../../../src/sources/tree/procfs/net-if-inet6.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const FILE = 'proc/net/if_inet6';

test('live 6.18: lo and eth0 addresses, as `ip addr` shows them', () => {
  const r = parseNetIfInet6(fixtureText('linux-6.18.44-fc-v595-live', FILE), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [
    { address: '::1', ifindex: 1, prefixLength: 128, scope: 0x10, flags: 0x80, name: 'lo' },
    { address: 'fd00::2', ifindex: 4, prefixLength: 64, scope: 0x00, flags: 0x82, name: 'eth0' },
    { address: 'fe80::fc:ff:fe00:1', ifindex: 4, prefixLength: 64, scope: 0x20, flags: 0x80, name: 'eth0' },
  ]);
});

test('netns 6.18: five addresses on three interfaces', () => {
  const r = parseNetIfInet6(fixtureText('linux-6.18.44-fc-v595-netns', FILE), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(
    r.rows.map((x) => `${x.name} ${x.ifindex} ${x.address}/${x.prefixLength}`),
    ['kfxa1 2 fd78::1/64', 'kfxa0 3 fe80::a8dd:73ff:fe11:3aab/64', 'kfxa1 2 fe80::643e:ff:fe23:21d9/64', 'lo 1 ::1/128', 'kfxa0 3 fd77::1/64'],
  );
});

test('scope and flag names match ip(8)\'s words', () => {
  assert.equal(ipv6ScopeName(0x10), 'host');
  assert.equal(ipv6ScopeName(0x20), 'link');
  assert.equal(ipv6ScopeName(0x00), 'global');
  assert.equal(ipv6ScopeName(0x40), 'site');
  assert.equal(ipv6ScopeName(0x30), '0x30');
  assert.deepEqual(ipv6AddressFlagNames(0x82), ['nodad', 'permanent']);
  assert.deepEqual(ipv6AddressFlagNames(0x80), ['permanent']);
  assert.deepEqual(ipv6AddressFlagNames(0x61), ['temporary', 'deprecated', 'tentative']);
  assert.deepEqual(ipv6AddressFlagNames(0), []);
});

test('RFC 5952 text', () => {
  assert.equal(ipv6FromHex('00000000000000000000000000000000'), '::');
  assert.equal(ipv6FromHex('20010db8000000010000000000000001'), '2001:db8:0:1::1');
  assert.equal(ipv6FromHex('20010db8000000000001000000000001'), '2001:db8::1:0:0:1');
  assert.equal(ipv6FromHex('20010db8000100010001000100010001'), '2001:db8:1:1:1:1:1:1');
  assert.equal(ipv6FromHex('20010DB8000000000000000000000001'), '2001:db8::1');
  assert.equal(ipv6FromHex('fe800000000000000000000000000000'), 'fe80::');
  assert.equal(ipv6FromHex('00000000000000000000ffffc0000201'), '::ffff:192.0.2.1');
  assert.equal(ipv6FromHex('fd00'), undefined);
});

test('variant: an ifindex above 255 is wider than "%02x"', () => {
  const r = parseNetIfInet6(variantText('net-if-inet6.wide-ifindex'), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows.map((x) => [x.address, x.ifindex, x.prefixLength]), [
    ['2001:db8::1', 300, 64],
    ['::ffff:192.0.2.1', 300, 96],
  ]);
});

test('variants: short line, bad address, bad number are located issues; good lines stay', () => {
  const short = parseNetIfInet6(variantText('net-if-inet6.short-line'), FILE);
  assert.deepEqual(short.rows.map((x) => x.name), ['lo', 'eth0']);
  assert.deepEqual(short.issues.map((i) => [i.file, i.line, i.code]), [[FILE, 2, 'short-line']]);
  const badAddress = parseNetIfInet6(variantText('net-if-inet6.bad-address'), FILE);
  assert.deepEqual(badAddress.rows.map((x) => x.name), ['lo']);
  assert.deepEqual(badAddress.issues.map((i) => [i.line, i.code]), [[1, 'bad-address'], [2, 'bad-address']]);
  const badNumber = parseNetIfInet6(variantText('net-if-inet6.bad-number'), FILE);
  assert.deepEqual(badNumber.rows.map((x) => x.name), ['lo']);
  assert.deepEqual(badNumber.issues.map((i) => [i.line, i.code]), [[1, 'bad-number']]);
});
