import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeUniversalAddress, encodeUniversalAddress } from '../../../../src/protocol/rpcbind/uaddr.js';
import { KstatError } from '../../../../src/errors.js';

test('IPv4 universal addresses: h1.h2.h3.h4.p1.p2 with the port as two bytes', () => {
  assert.equal(encodeUniversalAddress('127.0.0.1', 111), '127.0.0.1.0.111');
  assert.equal(encodeUniversalAddress('10.1.2.3', 32771), '10.1.2.3.128.3');
  assert.equal(encodeUniversalAddress('0.0.0.0', 65535), '0.0.0.0.255.255');
  assert.deepEqual(decodeUniversalAddress('127.0.0.1.0.111'), { family: 4, host: '127.0.0.1', port: 111 });
  assert.deepEqual(decodeUniversalAddress('192.168.10.20.128.3'), { family: 4, host: '192.168.10.20', port: 32771 });
});

test('IPv6 universal addresses: x:x::x.p1.p2, canonical (RFC 5952) host', () => {
  assert.equal(encodeUniversalAddress('::1', 903), '::1.3.135');
  assert.equal(encodeUniversalAddress('::', 111), '::.0.111');
  assert.equal(encodeUniversalAddress('2001:DB8:0:0:0:0:0:1', 2049), '2001:db8::1.8.1');
  assert.equal(encodeUniversalAddress('2001:db8:0:0:1:0:0:1', 80), '2001:db8::1:0:0:1.0.80'); // first longest run
  assert.equal(encodeUniversalAddress('2001:db8:0:1:1:1:1:1', 80), '2001:db8:0:1:1:1:1:1.0.80'); // one zero group stays
  assert.equal(encodeUniversalAddress('fe80::0a00:27ff:fe4e:66a1', 1), 'fe80::a00:27ff:fe4e:66a1.0.1');
  assert.deepEqual(decodeUniversalAddress('::1.3.135'), { family: 6, host: '::1', port: 903 });
  assert.deepEqual(decodeUniversalAddress('::.0.111'), { family: 6, host: '::', port: 111 });
  assert.deepEqual(decodeUniversalAddress('FE80:0:0:0:0:0:0:1.0.111'), { family: 6, host: 'fe80::1', port: 111 });
  assert.deepEqual(decodeUniversalAddress('1:2:3:4:5:6:7::.0.1'), { family: 6, host: '1:2:3:4:5:6:7:0', port: 1 });
});

test('an IPv6 host ending in dotted IPv4: the port is the last two fields; IPv4-mapped keeps its dots', () => {
  assert.deepEqual(decodeUniversalAddress('::ffff:10.0.0.1.0.111'), { family: 6, host: '::ffff:10.0.0.1', port: 111 });
  assert.equal(encodeUniversalAddress('::FFFF:0a00:0001', 111), '::ffff:10.0.0.1.0.111');
  assert.deepEqual(decodeUniversalAddress('64:ff9b::192.0.2.33.0.53'), { family: 6, host: '64:ff9b::c000:221', port: 53 });
});

test('what is not a universal address is E_PARSE; what is not a host or port, E_ARGUMENT', () => {
  const bad = [
    '', '127.0.0.1', '127.0.0.1.0', '127.0.0.1.0.256', '127.0.0.1.01.1', '127.0.0.1.+1.1', '127.0.0.256.0.1', '1.2.3.0.1',
    '1.2.3.4.5.0.1', ':::1.0.1', '1::2::3.0.1', '1:2:3:4:5:6:7:8:9.0.1', '1:2:3:4:5:6:7:8::.0.1', '12345::.0.1', 'fe80::1%eth0.0.1',
    '::ffff:1.2.3.256.0.1', 'localhost.0.111', '1:2:3:4:5:6:7.0.1',
  ];
  for (const u of bad) assert.throws(() => decodeUniversalAddress(u), (e: unknown) => KstatError.is(e) && e.code === 'E_PARSE', u);
  for (const [host, port] of [['1.2.3', 1], ['::1', 65536], ['::1', -1], ['::1', 1.5], ['x', 1]] as const) {
    assert.throws(() => encodeUniversalAddress(host, port), (e: unknown) => KstatError.is(e) && e.code === 'E_ARGUMENT', `${host} ${port}`);
  }
});

test('the canonical IPv6 host agrees with the WHATWG URL serializer on random addresses', () => {
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) / 65536;
  for (let n = 0; n < 2000; n++) {
    // many zero groups, so that runs of every length and position occur
    const groups = Array.from({ length: 8 }, () => (rnd() < 0.5 ? 0 : Math.floor(rnd() * 65536)));
    if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) continue; // URL writes mapped addresses in hex
    const full = groups.map((g) => g.toString(16).toUpperCase().padStart(4, '0')).join(':');
    const expected = new URL(`http://[${full}]/`).hostname.slice(1, -1);
    assert.equal(decodeUniversalAddress(`${full}.1.2`).host, expected, full);
  }
});
