import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetSoftnetStat } from '../../../../../src/sources/tree/procfs/net-softnet-stat.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const F = 'proc/net/softnet_stat';

test('live 6.18: 15 columns, one row per CPU, index column is the CPU id', () => {
  const r = parseNetSoftnetStat(fixtureText('linux-6.18.44-fc-v595-live', F), F);
  assert.deepEqual(r.issues, []);
  assert.equal(r.rows.length, 2);
  assert.deepEqual(r.rows[0], {
    row: 0, width: 15, line: 1, extra: {},
    values: {
      processed: 0xf097n, dropped: 0n, time_squeeze: 0n, throttled: 0n, fastroute_hit: 0n, fastroute_success: 0n,
      fastroute_defer: 0n, fastroute_deferred_out: 0n, cpu_collision: 0n, received_rps: 0n, flow_limit_count: 0n,
      backlog_len: 0n, index: 0n, input_qlen: 0n, process_qlen: 0n,
    },
  });
  assert.deepEqual([r.rows[1]?.values.processed, r.rows[1]?.values.time_squeeze, r.rows[1]?.values.index], [0x13a54n, 2n, 1n]);
});

test('netns and busy 6.18 (softnet_stat is per CPU, not per namespace)', () => {
  const netns = parseNetSoftnetStat(fixtureText('linux-6.18.44-fc-v595-netns', F), F);
  assert.deepEqual(netns.rows.map((x) => [x.values.processed, x.values.index]), [[0xf098n, 0n], [0x13a54n, 1n]]);
  const busy = parseNetSoftnetStat(fixtureText('linux-6.18.44-fc-v595-busy', F), F);
  assert.deepEqual(busy.rows.map((x) => x.values.processed), [0xa245n, 0xe744n]);
});

test('procfs-fixtures: rows of 13, 13, 11, 9 and 10 columns, each read by its own width', () => {
  const r = parseNetSoftnetStat(fixtureText('procfs-fixtures', F), F);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows.map((x) => x.width), [13, 13, 11, 9, 10]);
  assert.deepEqual(r.rows[1]?.values, {
    processed: 0x953d1an, dropped: 0x446n, time_squeeze: 0xb1n, throttled: 0n, fastroute_hit: 0n, fastroute_success: 0n,
    fastroute_defer: 0n, fastroute_deferred_out: 0n, cpu_collision: 0n, received_rps: 0x8eeb9an, flow_limit_count: 0x2bn,
    backlog_len: 0xdcn, index: 1n,
  });
  assert.deepEqual(r.rows[2]?.values.time_squeeze, 0xf0000769n);
  assert.deepEqual(r.rows[2]?.values.flow_limit_count, 2n);
  assert.equal(r.rows[2]?.values.backlog_len, undefined);
  assert.deepEqual([r.rows[3]?.values.cpu_collision, r.rows[3]?.values.received_rps], [0x20e76n, undefined]);
  assert.deepEqual(r.rows[4]?.values.received_rps, 0x10n);
});

test('procfs-fixtures softnet_stat.broken: 4 columns is a short line', () => {
  const r = parseNetSoftnetStat(fixtureText('procfs-fixtures', 'proc/net/softnet_stat.broken'), F);
  assert.deepEqual(r.rows, []);
  assert.deepEqual(r.issues.map((i) => [i.line, i.code]), [[1, 'short-line']]);
});

test('variant: unexpected widths', () => {
  const r = parseNetSoftnetStat(variantText('net-softnet-stat.unexpected-width'), F);
  assert.deepEqual(
    r.issues.map((i) => [i.line, i.code]),
    [
      [1, 'unknown-format'],
      [3, 'short-line'],
      [4, 'bad-number'],
      [5, 'unknown-format'],
    ],
  );
  assert.deepEqual(r.rows.map((x) => [x.row, x.width, x.line]), [[0, 12, 1], [1, 17, 2], [4, 14, 5]]);
  // 12 columns: the 11-column layout, column 12 kept as extra.
  assert.deepEqual([r.rows[0]?.values.flow_limit_count, r.rows[0]?.values.backlog_len, r.rows[0]?.extra], [2n, undefined, { column12: 3n }]);
  // 17 columns (a newer kernel): the 15 known, the rest as extra, no issue.
  assert.deepEqual([r.rows[1]?.values.index, r.rows[1]?.values.process_qlen, r.rows[1]?.extra], [1n, 0n, { column16: 10n, column17: 11n }]);
  // 14 columns: the 13-column layout.
  assert.deepEqual([r.rows[2]?.values.processed, r.rows[2]?.values.index, r.rows[2]?.extra], [4294967295n, 4n, { column14: 0n }]);
});
