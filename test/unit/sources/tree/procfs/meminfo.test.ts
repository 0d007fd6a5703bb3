import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMeminfo, type MeminfoRow } from '../../../../../src/sources/tree/procfs/meminfo.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const F = 'proc/meminfo';
const byName = (rows: MeminfoRow[]) => new Map(rows.map((r) => [r.name, r]));

test('live 6.18: 54 lines in kB, HugePages_* as plain counts, names with parentheses', () => {
  const r = parseMeminfo(fixtureText('linux-6.18.44-fc-v595-live', F), F);
  assert.deepEqual(r.issues, []);
  assert.equal(r.rows.length, 54);
  assert.deepEqual(r.rows[0], { name: 'MemTotal', value: 24684096n, unit: 'kB', line: 1 });
  const m = byName(r.rows);
  assert.deepEqual(m.get('MemAvailable'), { name: 'MemAvailable', value: 24295272n, unit: 'kB', line: 3 });
  assert.deepEqual(m.get('Active(anon)'), { name: 'Active(anon)', value: 1584n, unit: 'kB', line: 9 });
  assert.deepEqual(m.get('VmallocTotal'), { name: 'VmallocTotal', value: 34359738367n, unit: 'kB', line: 36 });
  assert.deepEqual(m.get('HugePages_Total'), { name: 'HugePages_Total', value: 0n, unit: undefined, line: 46 });
  assert.deepEqual(m.get('DirectMap1G'), { name: 'DirectMap1G', value: 25165824n, unit: 'kB', line: 54 });
});

test('procfs-fixtures: an older kernel without MemAvailable', () => {
  const r = parseMeminfo(fixtureText('procfs-fixtures', F), F);
  assert.deepEqual(r.issues, []);
  assert.equal(r.rows.length, 45);
  const m = byName(r.rows);
  assert.equal(m.get('MemAvailable'), undefined);
  assert.deepEqual([m.get('MemTotal')?.value, m.get('MemFree')?.value, m.get('Hugepagesize')?.value], [15666184n, 440324n, 2048n]);
});

test('goprocinfo-fixtures (2015): last line without a newline', () => {
  const r = parseMeminfo(fixtureText('goprocinfo-fixtures', F), F);
  assert.deepEqual(r.issues, []);
  assert.equal(r.rows.length, 44);
  assert.deepEqual(r.rows[43], { name: 'DirectMap1G', value: 121634816n, unit: 'kB', line: 44 });
  assert.deepEqual(byName(r.rows).get('MemAvailable')?.value, 130327756n);
});

test('variant bad-lines: located issues, 2^64-1 exact, unknown units refused', () => {
  const r = parseMeminfo(variantText('meminfo.bad-lines'), F);
  assert.deepEqual(
    r.issues.map((i) => [i.line, i.code]),
    [
      [5, 'unknown-format'],
      [6, 'short-line'],
      [7, 'bad-number'],
      [8, 'width-mismatch'],
      [11, 'width-mismatch'],
    ],
  );
  assert.deepEqual(
    r.rows.map((x) => [x.name, x.value, x.unit]),
    [
      ['MemTotal', 18446744073709551615n, 'kB'],
      ['MemFree', 24178832n, 'kB'],
      ['HugePages_Total', 5n, undefined],
      ['HugePages_Free', 3n, 'kB'],
      ['Active(anon)', 1584n, 'kB'],
      ['HugePages_Rsvd', 1n, undefined],
    ],
  );
});
