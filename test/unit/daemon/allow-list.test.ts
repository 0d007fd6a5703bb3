import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AllowList, parseAddress, parseCidr } from '../../../src/daemon/allow-list.js';

test('CIDR blocks: v4, v6, bare addresses, host bits cleared', () => {
  assert.deepEqual(parseCidr('10.1.2.3/8'), { family: 4, network: 0x0a000000n, prefix: 8, text: '10.1.2.3/8' });
  assert.equal(parseCidr('192.168.1.7').prefix, 32);
  assert.equal(parseCidr('::1').network, 1n);
  assert.equal(parseCidr('2001:db8::/32').network, 0x20010db8n << 96n);
  for (const bad of ['10.0.0.0/33', '::/129', 'host', '10.0.0/8', '1.2.3.4/-1', 'fe80::1%eth0/64', '']) assert.throws(() => parseCidr(bad), Error, bad);
});

test('matching: loopback default, IPv4-mapped peers match IPv4 blocks, /0', () => {
  const lo = AllowList.parse(['127.0.0.0/8', '::1/128']);
  assert.equal(lo.allows('127.0.0.1'), true);
  assert.equal(lo.allows('127.255.1.2'), true);
  assert.equal(lo.allows('::1'), true);
  assert.equal(lo.allows('::ffff:127.0.0.1'), true);
  assert.equal(lo.allows('128.0.0.1'), false);
  assert.equal(lo.allows('::2'), false);
  assert.equal(lo.allows(undefined), false);
  assert.equal(lo.allows('not an address'), false);
  const lan = AllowList.parse(['192.168.0.0/16', '2001:db8:1::/48']);
  assert.equal(lan.allows('192.168.200.1'), true);
  assert.equal(lan.allows('192.169.0.1'), false);
  assert.equal(lan.allows('2001:db8:1:ffff::5'), true);
  assert.equal(lan.allows('2001:db8:2::5'), false);
  assert.equal(AllowList.parse(['0.0.0.0/0']).allows('8.8.8.8'), true);
  assert.equal(AllowList.parse(['0.0.0.0/0']).allows('::1'), false, 'families never mix');
  assert.equal(AllowList.parse(['::/0']).allows('2001:db8::1'), true);
});

test('addresses: IPv4 tail in IPv6 text, :: expansion', () => {
  assert.deepEqual(parseAddress('::ffff:10.0.0.1'), { family: 4, value: 0x0a000001n });
  assert.deepEqual(parseAddress('1::'), { family: 6, value: 1n << 112n });
  assert.deepEqual(parseAddress('fe80::1:2'), { family: 6, value: (0xfe80n << 112n) | (1n << 16n) | 2n });
});
