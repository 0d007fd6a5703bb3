import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseVmstat } from '../../../../../src/sources/tree/procfs/vmstat.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const F = 'proc/vmstat';

test('live 6.18: 192 counters under the kernel names', () => {
  const r = parseVmstat(fixtureText('linux-6.18.44-fc-v595-live', F), F);
  assert.deepEqual(r.issues, []);
  assert.equal(r.rows.length, 192);
  assert.deepEqual(r.rows[0], { name: 'nr_free_pages', value: 945367n, line: 1 });
  assert.deepEqual(r.rows[95], { name: 'pgfault', value: 7293598n, line: 96 });
  assert.deepEqual(r.rows[191], { name: 'nr_unstable', value: 0n, line: 192 });
});

test('goprocinfo-fixtures (2014): an older name set (nr_alloc_batch), kept as printed', () => {
  const r = parseVmstat(fixtureText('goprocinfo-fixtures', F), F);
  assert.deepEqual(r.issues, []);
  assert.equal(r.rows.length, 114);
  assert.deepEqual(r.rows[1], { name: 'nr_alloc_batch', value: 898n, line: 2 });
  assert.deepEqual(r.rows[51], { name: 'pgfault', value: 700575682n, line: 52 });
  assert.deepEqual(r.rows[113], { name: 'thp_zero_page_alloc_failed', value: 2n, line: 114 });
});

test('variant bad-lines: located issues, 2^64-1 exact, unknown names kept', () => {
  const r = parseVmstat(variantText('vmstat.bad-lines'), F);
  assert.deepEqual(
    r.issues.map((i) => [i.line, i.code]),
    [
      [3, 'short-line'],
      [4, 'width-mismatch'],
      [5, 'bad-number'],
    ],
  );
  assert.deepEqual(r.rows.map((x) => [x.name, x.value]), [['nr_free_pages', 945367n], ['pgfault', 18446744073709551615n], ['new_kernel_counter', 7n]]);
});
