import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStat, parseStatBtime, type StatRow } from '../../../../../src/sources/tree/procfs/stat.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const F = 'proc/stat';

function values(rows: StatRow[]): Record<string, bigint[]> {
  const out: Record<string, bigint[]> = {};
  for (const r of rows) if (r.kind === 'values') out[r.name] = r.values.length > 12 ? r.values.slice(0, 3) : r.values;
  return out;
}

test('live 6.18: total and two CPUs with all ten columns, then the system lines', () => {
  const r = parseStat(fixtureText('linux-6.18.44-fc-v595-live', F), F);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows[0], {
    kind: 'cpu', cpu: undefined, line: 1, extra: {},
    ticks: { user: 9018n, nice: 0n, system: 8888n, idle: 566254n, iowait: 584n, irq: 0n, softirq: 236n, steal: 2522n, guest: 0n, guest_nice: 0n },
  });
  assert.deepEqual(r.rows[2], {
    kind: 'cpu', cpu: 1, line: 3, extra: {},
    ticks: { user: 5344n, nice: 0n, system: 4437n, idle: 282213n, iowait: 488n, irq: 0n, softirq: 183n, steal: 1244n, guest: 0n, guest_nice: 0n },
  });
  assert.deepEqual(values(r.rows), {
    intr: [310277n, 0n, 0n],
    ctxt: [569008n],
    btime: [1795383160n],
    processes: [35644n],
    procs_running: [1n],
    procs_blocked: [0n],
    softirq: [362675n, 0n, 47020n, 18n, 82228n, 52534n, 0n, 4n, 86495n, 59n, 94317n],
  });
  const intr = r.rows.find((x) => x.kind === 'values' && x.name === 'intr');
  assert.equal(intr?.kind === 'values' ? intr.values.length : 0, 425);
});

test('procfs-fixtures: 8 CPUs, 65961 intr numbers', () => {
  const r = parseStat(fixtureText('procfs-fixtures', F), F);
  assert.deepEqual(r.issues, []);
  assert.equal(r.rows.filter((x) => x.kind === 'cpu').length, 9);
  const cpu7 = r.rows[8];
  assert.deepEqual(cpu7?.kind === 'cpu' ? [cpu7.cpu, cpu7.ticks.user, cpu7.ticks.nice, cpu7.ticks.idle, cpu7.ticks.softirq] : [], [7, 29098n, 268n, 1139282n, 31n]);
  assert.deepEqual(values(r.rows), {
    intr: [73777505n, 41n, 9n],
    ctxt: [38014093n],
    btime: [1418183276n],
    processes: [26442n],
    procs_running: [2n],
    procs_blocked: [1n],
    softirq: [5057579n, 250191n, 1481983n, 1647n, 211099n, 186066n, 0n, 1783454n, 622196n, 12499n, 508444n],
  });
});

test('goprocinfo-fixtures (2013): same layout, ten columns', () => {
  const r = parseStat(fixtureText('goprocinfo-fixtures', F), F);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows[0]?.kind === 'cpu' ? r.rows[0].ticks : {}, {
    user: 10301n, nice: 0n, system: 4212n, idle: 2473164n, iowait: 7484n, irq: 1n, softirq: 51n, steal: 6932n, guest: 0n, guest_nice: 0n,
  });
  assert.deepEqual(values(r.rows).btime, [1384677090n]);
  assert.deepEqual(values(r.rows).softirq, [574007n, 0n, 308728n, 26416n, 47191n, 0n, 0n, 1n, 37863n, 354n, 153454n]);
});

test('variant kernel-2.4: four columns, absent ones are absent (not 0); unknown lines kept by name', () => {
  const r = parseStat(variantText('stat.kernel-2.4'), F);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows[1], { kind: 'cpu', cpu: 0, line: 2, extra: {}, ticks: { user: 60n, nice: 1n, system: 20n, idle: 2000n } });
  assert.deepEqual(values(r.rows), { page: [5741n, 1808n], swap: [1n, 0n], intr: [1462898n, 1000n, 2n], ctxt: [11578n], btime: [1000000000n], processes: [1204n] });
});

test('variant bad-lines: each problem located, the rest kept; 2^64-1 exact; columns after guest_nice kept', () => {
  const r = parseStat(variantText('stat.bad-lines'), F);
  assert.deepEqual(
    r.issues.map((i) => [i.line, i.code]),
    [
      [2, 'short-line'],
      [3, 'bad-number'],
      [4, 'unknown-format'],
      [7, 'short-line'],
    ],
  );
  const total = r.rows[0];
  assert.deepEqual(total?.kind === 'cpu' ? [total.ticks.user, total.extra] : [], [18446744073709551615n, { column11: 77n, column12: 88n }]);
  const cpu2 = r.rows[1];
  assert.deepEqual(cpu2?.kind === 'cpu' ? [cpu2.cpu, cpu2.ticks.guest_nice, cpu2.extra] : [], [2, 10n, { column11: 11n }]);
  assert.deepEqual(values(r.rows), { intr: [310277n, 0n, 1n], btime: [1795383160n], procs_running: [1n], new_counter: [42n] });
});

test('parseStatBtime: the btime line alone, located problems otherwise', () => {
  assert.deepEqual(parseStatBtime(fixtureText('linux-6.18.44-fc-v595-live', F), F), { rows: [1795383160n], issues: [] });
  assert.deepEqual(parseStatBtime(fixtureText('procfs-fixtures', F), F).rows, [1418183276n]);
  assert.deepEqual(parseStatBtime('btime 5\n', F).rows, [5n]);
  const missing = parseStatBtime(variantText('stat.bad-lines').replace('btime', 'xtime'), F);
  assert.deepEqual([missing.rows, missing.issues.map((i) => [i.line, i.code])], [[], [[undefined, 'unknown-format']]]);
  const bad = parseStatBtime('cpu 1 2 3 4\nbtime 12x\n', F);
  assert.deepEqual([bad.rows, bad.issues.map((i) => [i.line, i.code])], [[], [[2, 'bad-number']]]);
});
