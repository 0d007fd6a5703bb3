import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSoftirqs } from '../../../../../src/sources/tree/procfs/softirqs.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const F = 'proc/softirqs';

test('live 6.18: the ten softirq types, two CPUs', () => {
  const r = parseSoftirqs(fixtureText('linux-6.18.44-fc-v595-live', F), F);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.cpus, ['CPU0', 'CPU1']);
  assert.deepEqual(
    r.rows.map((x) => [x.name, x.counts, x.line]),
    [
      ['HI', [0n, 0n], 2],
      ['TIMER', [26960n, 20063n], 3],
      ['NET_TX', [10n, 8n], 4],
      ['NET_RX', [36064n, 46164n], 5],
      ['BLOCK', [0n, 52534n], 6],
      ['IRQ_POLL', [0n, 0n], 7],
      ['TASKLET', [4n, 0n], 8],
      ['SCHED', [50529n, 35970n], 9],
      ['HRTIMER', [40n, 19n], 10],
      ['RCU', [50083n, 44251n], 11],
    ],
  );
});

test('procfs-fixtures', () => {
  const r = parseSoftirqs(fixtureText('procfs-fixtures', F), F);
  assert.deepEqual(r.issues, []);
  assert.equal(r.rows.length, 10);
  assert.deepEqual([r.rows[1]?.name, r.rows[1]?.counts], ['TIMER', [2776180n, 247490n]]);
  assert.deepEqual([r.rows[9]?.name, r.rows[9]?.counts], ['RCU', [605871n, 532783n]]);
});

test('variant bad-lines: located issues, 2^64-1 exact, old and new type names kept', () => {
  const r = parseSoftirqs(variantText('softirqs.bad-lines'), F);
  assert.deepEqual(r.cpus, ['CPU0', 'CPU1', 'CPU2']);
  assert.deepEqual(
    r.issues.map((i) => [i.line, i.code]),
    [
      [3, 'short-line'],
      [4, 'bad-number'],
      [5, 'width-mismatch'],
      [6, 'unknown-format'],
    ],
  );
  assert.deepEqual(
    r.rows.map((x) => [x.name, x.counts]),
    [
      ['HI', [3n, 0n, 18446744073709551615n]],
      ['NET_RX', [55919n, 28694n, 1n]],
      ['BLOCK_IOPOLL', [0n, 0n, 0n]],
    ],
  );
  assert.deepEqual(parseSoftirqs('HI: 1 2\n', F).issues.map((i) => [i.line, i.code]), [[1, 'bad-header']]);
});
