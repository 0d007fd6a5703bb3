import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClientCounter, DEFAULT_LIMITS, makeLimits } from '../../../src/daemon/limits.js';

test('defaults, overrides, floors and ceilings', () => {
  assert.equal(DEFAULT_LIMITS.maxRecordBytes, 65536);
  assert.equal(DEFAULT_LIMITS.maxConnections, 256);
  assert.equal(DEFAULT_LIMITS.maxConcurrentPerClient, 4);
  assert.equal(DEFAULT_LIMITS.idleMs, 60000);
  assert.equal(DEFAULT_LIMITS.refreshMs, 1000);
  assert.equal(makeLimits({ idleMs: 500 }).idleMs, 500);
  assert.equal(makeLimits({ idleMs: 500 }).maxConnections, 256);
  assert.throws(() => makeLimits({ maxRecordBytes: 10 }), /maxRecordBytes must be an integer from 64/);
  assert.throws(() => makeLimits({ maxConnections: 1e9 }), /maxConnections/);
  assert.throws(() => makeLimits({ idleMs: 1.5 }), /idleMs/);
  assert.throws(() => makeLimits({ bogus: 1 } as never), /unknown limit/);
});

test('ClientCounter: per-client and overall caps, release frees', () => {
  const c = new ClientCounter(2, 3);
  assert.equal(c.acquire('a'), true);
  assert.equal(c.acquire('a'), true);
  assert.equal(c.acquire('a'), false, 'per-client cap');
  assert.equal(c.acquire('b'), true);
  assert.equal(c.acquire('c'), false, 'overall cap');
  assert.equal(c.count(), 3);
  assert.equal(c.count('a'), 2);
  c.release('a');
  assert.equal(c.acquire('c'), true);
  c.release('zzz');
  assert.equal(c.count(), 3, 'releasing what was never held changes nothing');
  c.release('a');
  c.release('b');
  c.release('c');
  assert.equal(c.count(), 0);
  assert.equal(c.clients, 0);
});
