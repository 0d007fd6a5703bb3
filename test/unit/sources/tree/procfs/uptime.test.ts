/** /proc/uptime → integer nanoseconds from the digits, with located issues. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSecondsToNs, parseUptime } from '../../../../../src/sources/tree/procfs/uptime.js';
import { variantText } from '../../../../helpers/fixture.js';

test('two-decimal seconds (what the kernel prints) → ns', () => {
  // The live machine's /proc/uptime when this test was written.
  assert.deepEqual(parseUptime('2672.08 3597.92\n', 'proc/uptime'), { rows: [{ uptimeNs: 2672080000000n, idleNs: 3597920000000n }], issues: [] });
  assert.equal(parseSecondsToNs('0.01'), 10000000n);
  assert.equal(parseSecondsToNs('18446744073.709551615'), 18446744073709551615n);
  assert.equal(parseSecondsToNs('7'), 7000000000n);
  assert.equal(parseSecondsToNs('-1.00'), undefined);
});

test('more than nine decimals are cut, not rounded (variant uptime.many-decimals)', () => {
  assert.deepEqual(parseUptime(variantText('uptime.many-decimals'), 'proc/uptime').rows, [{ uptimeNs: 123456789123n, idleNs: 5100000000n }]);
});

test('one number only → short-line (variant uptime.short-line)', () => {
  const r = parseUptime(variantText('uptime.short-line'), 'proc/uptime');
  assert.deepEqual(r.rows, []);
  assert.deepEqual(r.issues, [{ file: 'proc/uptime', line: 1, code: 'short-line', message: 'expected "<uptime> <idle>"', text: '2672.08' }]);
});

test('a comma decimal → bad-number (variant uptime.bad-number)', () => {
  const r = parseUptime(variantText('uptime.bad-number'), 'proc/uptime');
  assert.deepEqual(r.rows, []);
  assert.deepEqual(r.issues.map((i) => [i.line, i.code, i.text]), [[1, 'bad-number', '12,50 3.00']]);
});
