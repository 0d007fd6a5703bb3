import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interfaceFlagLetters } from '../../../../src/format/knetstat/interfaces.js';
import { genmask, routeFlagLetters } from '../../../../src/format/knetstat/routes.js';
import { rateText } from '../../../../src/format/knetstat/rates.js';
import type { Route } from '../../../../src/records/route.js';

test('interface flags: net-tools letters, R from operstate like dev_get_flags', () => {
  // live capture: eth0 flags 0x1003 (UP BROADCAST MULTICAST), operstate up → netstat -i "BMRU"
  assert.equal(interfaceFlagLetters({ flagNames: ['UP', 'BROADCAST', 'MULTICAST'], operState: 'up' }), 'BMRU');
  // lo: 0x9 (UP LOOPBACK), operstate unknown → "LRU"
  assert.equal(interfaceFlagLetters({ flagNames: ['UP', 'LOOPBACK'], operState: 'unknown' }), 'LRU');
  // ifb0: 0x82 (BROADCAST NOARP), down → "BO"
  assert.equal(interfaceFlagLetters({ flagNames: ['BROADCAST', 'NOARP'], operState: 'down' }), 'BO');
  assert.equal(interfaceFlagLetters({ flagNames: undefined, operState: undefined }), '-');
});

test('route flags and genmask', () => {
  const r = (family: 'inet' | 'inet6', flagNames: string[]): Route => ({ family, destination: '::', prefixLength: 0, metric: 0, flags: 0, flagNames });
  assert.equal(routeFlagLetters(r('inet', ['UP', 'GATEWAY'])), 'UG');
  assert.equal(routeFlagLetters(r('inet', ['UP', 'HOST', 'REJECT'])), 'UH!');
  assert.equal(routeFlagLetters(r('inet6', ['UP', 'NONEXTHOP'])), 'Un');
  assert.equal(routeFlagLetters(r('inet6', ['UP', 'GATEWAY', 'DEFAULT', 'ADDRCONF', 'EXPIRES'])), 'UGDAe');
  assert.equal(genmask(0), '0.0.0.0');
  assert.equal(genmask(24), '255.255.255.0');
  assert.equal(genmask(25), '255.255.255.128');
  assert.equal(genmask(32), '255.255.255.255');
});

test('rates: per second, two decimals at most, trailing zeros dropped', () => {
  assert.equal(rateText(10n, 1_000_000_000n), '10');
  assert.equal(rateText(1n, 2_000_000_000n), '0.5');
  assert.equal(rateText(10n, 3_000_000_000n), '3.33');
  assert.equal(rateText(0n, 1_000_000_000n), '0');
  assert.equal(rateText(18446744073709551615n, 1_000_000_000n), '18446744073709551615');
  assert.equal(rateText(5n, 0n), '-');
});
