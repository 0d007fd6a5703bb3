import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatIpv6,
  ipv4FromHostOrderHex,
  ipv4FromNetworkOrderHex,
  ipv6FromColonHex,
  ipv6FromHex,
  linkAddressFromHex,
} from '../../../../../src/sources/tree/text/hex-inet-address.js';

test('%08X of a __be32 on a little-endian host: bytes reversed (proc/net/route, igmp)', () => {
  assert.equal(ipv4FromHostOrderHex('010200C0'), '192.0.2.1'); // live route gateway
  assert.equal(ipv4FromHostOrderHex('030201EF'), '239.1.2.3'); // live igmp group
  assert.equal(ipv4FromHostOrderHex('00FFFFFF'), '255.255.255.0');
  assert.equal(ipv4FromHostOrderHex('FFFFFFFF'), '255.255.255.255');
  assert.equal(ipv4FromHostOrderHex('0200C0'), undefined);
  assert.equal(ipv4FromHostOrderHex('ZZ0200C0'), undefined);
});

test('0x%08x of ntohl(addr): network order (proc/net/mcfilter)', () => {
  assert.equal(ipv4FromNetworkOrderHex('0xe8010203'), '232.1.2.3');
  assert.equal(ipv4FromNetworkOrderHex('0x7f000001'), '127.0.0.1');
  assert.equal(ipv4FromNetworkOrderHex('7f000001'), '127.0.0.1');
  assert.equal(ipv4FromNetworkOrderHex('0xe80102'), undefined);
});

test('%pi6: 32 digits → the text ip(8) prints', () => {
  assert.equal(ipv6FromHex('00000000000000000000000000000000'), '::');
  assert.equal(ipv6FromHex('00000000000000000000000000000001'), '::1');
  assert.equal(ipv6FromHex('fd000000000000000000000000000001'), 'fd00::1');
  assert.equal(ipv6FromHex('fe8000000000000000fc00fffe000001'), 'fe80::fc:ff:fe00:1');
  assert.equal(ipv6FromHex('ff0200000000000000000001ff000002'), 'ff02::1:ff00:2');
  assert.equal(ipv6FromHex('ff000000000000000000000000000000'), 'ff00::');
  assert.equal(ipv6FromHex('20010db8000000000001000000000001'), '2001:db8::1:0:0:1');
  assert.equal(ipv6FromHex('00000000000000000000ffffc0000201'), '::ffff:192.0.2.1');
  assert.equal(ipv6FromHex('000000000000000000000000c0000201'), '::192.0.2.1');
  assert.equal(ipv6FromHex('20010db8000100010001000100010001'), '2001:db8:1:1:1:1:1:1');
  assert.equal(ipv6FromHex('2001:db8'), undefined);
  assert.equal(ipv6FromHex('fd00000000000000000000000000001'), undefined);
});

test('%pI6: eight colon groups (ip6_mr_cache)', () => {
  assert.equal(ipv6FromColonHex('ff15:0000:0000:0000:0000:0000:0000:1234'), 'ff15::1234');
  assert.equal(ipv6FromColonHex('2001:0db8:0000:0000:0000:0000:0000:0001'), '2001:db8::1');
  assert.equal(ipv6FromColonHex('ff3e::1'), undefined);
  assert.equal(ipv6FromColonHex('ff15:0000:0000:0000:0000:0000:0000:12345'), undefined);
});

test('zero runs: the longest, the first of equal ones, never a single word', () => {
  assert.equal(formatIpv6([1, 0, 0, 2, 0, 0, 0, 3]), '1:0:0:2::3');
  assert.equal(formatIpv6([1, 0, 0, 2, 0, 0, 3, 4]), '1::2:0:0:3:4');
  assert.equal(formatIpv6([1, 0, 2, 3, 4, 5, 6, 7]), '1:0:2:3:4:5:6:7');
  assert.equal(formatIpv6([0xfe80, 0, 0, 0, 0, 0, 0, 0]), 'fe80::');
});

test('%*phN link-layer addresses (dev_mcast)', () => {
  assert.equal(linkAddressFromHex('01005e000001'), '01:00:5e:00:00:01');
  assert.equal(linkAddressFromHex('3333FF000002'), '33:33:ff:00:00:02');
  assert.equal(linkAddressFromHex('01005e00001'), undefined);
  assert.equal(linkAddressFromHex(''), undefined);
});
