/** Host syntax of -H and open({ host }): names, IPv4, [IPv6] literals, optional :port. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostLabel, parseHost } from '../../../../src/sources/remote/host.js';
import { KstatError } from '../../../../src/errors.js';

const bad = (text: string, message: RegExp) =>
  assert.throws(() => parseHost(text), (err: unknown) => err instanceof KstatError && err.code === 'E_ARGUMENT' && message.test(err.message), text);

test('names and IPv4 addresses, with and without a port', () => {
  assert.deepEqual(parseHost('db1'), { host: 'db1', port: undefined });
  assert.deepEqual(parseHost('db1.example.com:4045'), { host: 'db1.example.com', port: 4045 });
  assert.deepEqual(parseHost('localhost.'), { host: 'localhost.', port: undefined });
  assert.deepEqual(parseHost('10.0.0.1'), { host: '10.0.0.1', port: undefined });
  assert.deepEqual(parseHost('127.0.0.1:1'), { host: '127.0.0.1', port: 1 });
  assert.deepEqual(parseHost('127.0.0.1:65535'), { host: '127.0.0.1', port: 65535 });
});

test('IPv6 literals: bracketed with an optional port, or bare without one', () => {
  assert.deepEqual(parseHost('[::1]'), { host: '::1', port: undefined });
  assert.deepEqual(parseHost('[::1]:4000'), { host: '::1', port: 4000 });
  assert.deepEqual(parseHost('[fe80::1:2]:111'), { host: 'fe80::1:2', port: 111 });
  assert.deepEqual(parseHost('[::ffff:10.0.0.1]:80'), { host: '::ffff:10.0.0.1', port: 80 });
  assert.deepEqual(parseHost('2001:db8::5'), { host: '2001:db8::5', port: undefined });
});

test('refusals name the problem', () => {
  bad('', /not a host name/);
  bad('db1:', /port "" is not 1..65535/);
  bad('db1:0', /port "0"/);
  bad('db1:65536', /port "65536"/);
  bad('db1:+80', /port "\+80"/);
  bad('db1:80x', /port "80x"/);
  bad('[::1', /no closing "\]"/);
  bad('[db1]:80', /"db1" is not an IPv6 address/);
  bad('[::1]x', /unexpected "x"/);
  bad('[::1]:', /port ""/);
  bad('db1:22:33', /must be in brackets/);
  bad('-db1', /not a host name/);
  bad('db_1', /not a host name/);
  bad('1.2.3.999', /not a host name or IPv4/);
  bad('a b', /not a host name/);
  bad(`${'a'.repeat(64)}.com`, /not a host name/);
});

test('labels as users write them', () => {
  assert.equal(hostLabel({ host: 'db1', port: undefined }), 'db1');
  assert.equal(hostLabel({ host: '10.0.0.1', port: 4000 }), '10.0.0.1:4000');
  assert.equal(hostLabel({ host: '::1', port: 4000 }), '[::1]:4000');
  assert.equal(hostLabel({ host: '::1', port: undefined }), '[::1]');
});
