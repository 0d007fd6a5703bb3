import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSchedstat } from '../../../../../src/sources/tree/procfs/schedstat.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const F = 'proc/schedstat';

test('procfs-schedstat (a real version-15 file): version, timestamp, two cpu lines; domain lines not read', () => {
  const r = parseSchedstat(fixtureText('procfs-schedstat', F), F);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [
    { kind: 'version', value: 15, line: 1 },
    { kind: 'timestamp', value: 15819019232n, line: 2 },
    {
      kind: 'cpu', cpu: 0, line: 3, extra: {},
      values: {
        yld_count: 498494191n, array_exp: 0n, sched_count: 3533438552n, sched_goidle: 2553969831n, ttwu_count: 3853684107n,
        ttwu_local: 2465731542n, rq_cpu_time: 2045936778163039n, run_delay: 343796328169361n, pcount: 4767485306n,
      },
    },
    {
      kind: 'cpu', cpu: 1, line: 5, extra: {},
      values: {
        yld_count: 518377256n, array_exp: 0n, sched_count: 4155211005n, sched_goidle: 2778589869n, ttwu_count: 10466382n,
        ttwu_local: 2867629021n, rq_cpu_time: 1904686152592476n, run_delay: 364107263788241n, pcount: 5145567945n,
      },
    },
  ]);
});

test('variant version-17: named domain lines skipped, cpu lines read the same way; 2^64-1 exact', () => {
  const r = parseSchedstat(variantText('schedstat.version-17'), F);
  assert.deepEqual(r.issues, []);
  const cpus = r.rows.filter((x) => x.kind === 'cpu');
  assert.deepEqual(cpus.map((x) => [x.cpu, x.line, x.values.rq_cpu_time, x.values.run_delay, x.values.pcount]), [
    [0, 3, 98765432101n, 1234567890n, 400321n],
    [1, 6, 88765432101n, 18446744073709551615n, 300321n],
  ]);
});

test('variant bad-lines: a newer version is read with a warning, extra values kept, bad lines located', () => {
  const r = parseSchedstat(variantText('schedstat.bad-lines'), F);
  assert.deepEqual(
    r.issues.map((i) => [i.line, i.code]),
    [
      [1, 'unknown-format'],
      [4, 'short-line'],
      [5, 'bad-number'],
      [6, 'unknown-format'],
      [7, 'unknown-format'],
      [8, 'bad-number'],
    ],
  );
  const cpu0 = r.rows.find((x) => x.kind === 'cpu');
  assert.deepEqual(cpu0?.kind === 'cpu' ? [cpu0.values.pcount, cpu0.extra] : [], [8n, { column10: 9n, column11: 10n }]);
  assert.deepEqual(r.rows.map((x) => x.kind), ['version', 'timestamp', 'cpu']);
});

test('variant version-14: another cpu-line layout, reported and not read', () => {
  const r = parseSchedstat(variantText('schedstat.version-14'), F);
  assert.deepEqual(r.issues.map((i) => [i.line, i.code]), [[1, 'unknown-format']]);
  assert.deepEqual(r.rows.map((x) => x.kind), ['version', 'timestamp']);
});
