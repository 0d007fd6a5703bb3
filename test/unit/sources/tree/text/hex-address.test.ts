import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeHexSocketAddress,
  formatIpv6Groups,
  hexNumber,
  hexWord,
  ipv4FromHex,
  ipv4FromWord,
  ipv6FromHex,
  ipv6FromWords,
} from '../../../../../src/sources/tree/text/hex-address.js';

test('IPv4: the %08X of a __be32 reads byte-reversed on a little-endian host', () => {
  assert.equal(ipv4FromHex('0100007F'), '127.0.0.1'); // live tcp
  assert.equal(ipv4FromHex('00000000'), '0.0.0.0');
  assert.equal(ipv4FromHex('0500000A'), '10.0.0.5'); // procfs-fixtures tcp
  assert.equal(ipv4FromHex('6F01A8C0'), '192.168.1.111'); // goprocinfo udp
  assert.equal(ipv4FromHex('01004D0A'), '10.77.0.1'); // netns tcp
  assert.equal(ipv4FromHex('FFFFFFFF'), '255.255.255.255');
  assert.equal(ipv4FromHex('0100007f'), '127.0.0.1', 'lower case is accepted');
});

test('IPv4 from a big-endian capture: printed in address order', () => {
  assert.equal(ipv4FromHex('7F000001', 0, 'big'), '127.0.0.1');
  assert.equal(ipv4FromHex('C0000201', 0, 'big'), '192.0.2.1');
  assert.equal(ipv4FromWord(0x7f000001, 'big'), '127.0.0.1');
  assert.equal(ipv4FromWord(0x0100007f), '127.0.0.1');
});

test('IPv4: a bad digit gives undefined, not a wrong address', () => {
  assert.equal(ipv4FromHex('0100007G'), undefined);
  assert.equal(ipv4FromHex('ZZ00007F'), undefined);
  assert.equal(ipv4FromHex('0100'), undefined, 'too short: runs off the end of the text');
  assert.equal(hexWord('0100 07F', 0), -1);
});

test('IPv6: four printed words, each byte-reversed, to RFC 5952 text', () => {
  assert.equal(ipv6FromHex('00000000000000000000000001000000'), '::1'); // live tcp6
  assert.equal(ipv6FromHex('00000000000000000000000000000000'), '::');
  assert.equal(ipv6FromHex('000077FD000000000000000001000000'), 'fd77::1'); // netns tcp6
  assert.equal(ipv6FromHex('000077FD000000000000000002000000'), 'fd77::2');
  assert.equal(ipv6FromHex('000080FE00000000FFADE15609667CFE'), 'fe80::56e1:adff:fe7c:6609'); // procfs-fixtures udp6
  assert.equal(ipv6FromHex('350E012A900F122E85EDEAADA64DAAD1'), '2a01:e35:2e12:f90:adea:ed85:d1aa:4da6'); // goprocinfo udp6
  assert.equal(ipv6FromHex('000080FE00000000FF6A21025EDDA0FE'), 'fe80::221:6aff:fea0:dd5e'); // goprocinfo udp6
});

test('IPv6: IPv4-mapped addresses as ::ffff:a.b.c.d, as ss -n prints them', () => {
  assert.equal(ipv6FromHex('0000000000000000FFFF00000100007F'), '::ffff:127.0.0.1');
  assert.equal(ipv6FromHex('0000000000000000FFFF00000201000A'), '::ffff:10.0.1.2');
  assert.equal(ipv6FromHex('0000000000000000FFFF000000000000'), '::ffff:0.0.0.0');
  // Not mapped: ::ffff:0:0/96 needs the five leading zero groups.
  assert.equal(ipv6FromHex('0000000001000000FFFF00000100007F'), '::1:0:ffff:7f00:1');
});

test('IPv6 from a big-endian capture', () => {
  assert.equal(ipv6FromHex('00000000000000000000000000000001', 0, 'big'), '::1');
  assert.equal(ipv6FromHex('FE800000000000000000000000000001', 0, 'big'), 'fe80::1');
  assert.equal(ipv6FromWords(0, 0, 0xffff, 0x7f000001, 'big'), '::ffff:127.0.0.1');
});

test('IPv6: a bad digit in any word gives undefined', () => {
  assert.equal(ipv6FromHex('0000000000000000000000000100000G'), undefined);
  assert.equal(ipv6FromHex('X0000000000000000000000001000000'), undefined);
  assert.equal(ipv6FromHex('0000000000000000'), undefined);
});

test('RFC 5952 §4: longest zero run (first on a tie), never a single zero group, lower case', () => {
  assert.equal(formatIpv6Groups([0x2001, 0xdb8, 0, 0, 1, 0, 0, 1]), '2001:db8::1:0:0:1');
  assert.equal(formatIpv6Groups([0x2001, 0xdb8, 0, 1, 1, 1, 1, 1]), '2001:db8:0:1:1:1:1:1');
  assert.equal(formatIpv6Groups([0x2001, 0, 0, 1, 0, 0, 0, 1]), '2001:0:0:1::1');
  assert.equal(formatIpv6Groups([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0]), '2001:db8::');
  assert.equal(formatIpv6Groups([1, 0, 0, 0, 0, 0, 0, 0]), '1::');
  assert.equal(formatIpv6Groups([0, 0, 0, 0, 0, 0, 0, 1]), '::1');
  assert.equal(formatIpv6Groups([0xfe80, 0, 0, 0, 0xabcd, 0xef, 0, 0]), 'fe80::abcd:ef:0:0');
  assert.equal(formatIpv6Groups([1, 2, 3, 4, 5, 6, 7, 8]), '1:2:3:4:5:6:7:8');
  assert.equal(formatIpv6Groups([0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff]), 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
});

test('the deprecated IPv4-compatible form is printed as RFC 5952 hex (glibc inet_ntop would say ::1.2.3.4)', () => {
  assert.equal(ipv6FromWords(0, 0, 0, 0x01020304, 'big'), '::102:304');
});

test('ADDR:PORT fields: the family follows the width, the port is host order', () => {
  assert.deepEqual(decodeHexSocketAddress('0100007F:8D63'), { family: 'inet', address: '127.0.0.1', port: 36195 });
  assert.deepEqual(decodeHexSocketAddress('00000000:07E8'), { family: 'inet', address: '0.0.0.0', port: 2024 });
  assert.deepEqual(decodeHexSocketAddress('00000000000000000000000001000000:8EC9'), { family: 'inet6', address: '::1', port: 36553 });
  assert.deepEqual(decodeHexSocketAddress('7F000001:0016', 0, 13, 'big'), { family: 'inet', address: '127.0.0.1', port: 22 });
  // Inside a longer line: text[start, end).
  assert.deepEqual(decodeHexSocketAddress('   0: 0100007F:8D63 x', 6, 19), { family: 'inet', address: '127.0.0.1', port: 36195 });
});

test('ADDR:PORT fields that do not decode', () => {
  assert.equal(decodeHexSocketAddress('0100007F8D63'), undefined, 'no colon');
  assert.equal(decodeHexSocketAddress('100007F:8D63'), undefined, '7 digits');
  assert.equal(decodeHexSocketAddress('0100007F:8D6G'), undefined, 'bad port digit');
  assert.equal(decodeHexSocketAddress('0100007F:8D63A'), undefined, '5-digit port');
  assert.equal(decodeHexSocketAddress('000000000000000000000000010000:8EC9'), undefined, '30 digits');
  assert.equal(decodeHexSocketAddress(''), undefined);
});

test('hexNumber reads text[start, end) exactly, NaN otherwise', () => {
  assert.equal(hexNumber('00000C8E', 0, 8), 3214);
  assert.equal(hexNumber('xx0A', 2, 4), 10);
  assert.ok(Number.isNaN(hexNumber('0A', 0, 0)));
  assert.ok(Number.isNaN(hexNumber('0G', 0, 2)));
  assert.ok(Number.isNaN(hexNumber('FFFFFFFFFFFFFF', 0, 14)), 'beyond 13 digits a number is not exact');
  assert.equal(hexWord('FFFFFFFF', 0), 4294967295);
});
