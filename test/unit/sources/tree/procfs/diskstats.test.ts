import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDiskstats } from '../../../../../src/sources/tree/procfs/diskstats.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const F = 'proc/diskstats';

test('live 6.18: 20 fields (17 counters, discard and flush included)', () => {
  const r = parseDiskstats(fixtureText('linux-6.18.44-fc-v595-live', F), F);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows.map((x) => x.name), ['loop0', 'loop1', 'loop2', 'loop3', 'loop4', 'loop5', 'loop6', 'loop7', 'vda', 'zram0']);
  assert.deepEqual(r.rows[8], {
    major: 254, minor: 0, name: 'vda', width: 17, line: 9, extra: {},
    values: {
      reads_completed: 50520n, reads_merged: 11939n, sectors_read: 2753802n, time_reading_ms: 31131n,
      writes_completed: 10777n, writes_merged: 18042n, sectors_written: 845080n, time_writing_ms: 5420n,
      ios_in_progress: 0n, time_io_ms: 10500n, weighted_time_io_ms: 37349n,
      discards_completed: 4261n, discards_merged: 113n, sectors_discarded: 156624n, time_discarding_ms: 679n,
      flushes_completed: 1661n, time_flushing_ms: 117n,
    },
  });
});

test('procfs-fixtures: 14-, 18- and 20-field lines in one file, each read by its width', () => {
  const r = parseDiskstats(fixtureText('procfs-fixtures', F), F);
  assert.deepEqual(r.issues, []);
  assert.equal(r.rows.length, 52);
  const sda = r.rows[24];
  assert.deepEqual([sda?.name, sda?.line, sda?.width, sda?.values.reads_completed, sda?.values.weighted_time_io_ms, sda?.values.discards_completed], ['sda', 25, 11, 25354637n, 82621804n, undefined]);
  const sdb = r.rows[46];
  assert.deepEqual([sdb?.name, sdb?.width, sdb?.values.sectors_discarded, sdb?.values.time_discarding_ms, sdb?.values.flushes_completed], ['sdb', 15, 1925173784n, 11130n, undefined]);
  const sdc = r.rows[49];
  assert.deepEqual([sdc?.name, sdc?.width, sdc?.values.flushes_completed, sdc?.values.time_flushing_ms], ['sdc', 17, 127n, 182n]);
});

test('goprocinfo-fixtures (2014): 14 fields, a request in flight on dm-0', () => {
  const r = parseDiskstats(fixtureText('goprocinfo-fixtures', F), F);
  assert.deepEqual(r.issues, []);
  assert.equal(r.rows.length, 36);
  const dm0 = r.rows[35];
  assert.deepEqual([dm0?.major, dm0?.minor, dm0?.name, dm0?.values.ios_in_progress, dm0?.values.time_writing_ms, dm0?.values.time_io_ms], [253, 0, 'dm-0', 4n, 3892582864n, 144707052n]);
  assert.deepEqual(r.rows[0]?.values.sectors_read, 4314826058n);
});

test('variant widths: 4-counter partitions, unknown widths, newer kernels, bad lines, 2^64-1', () => {
  const r = parseDiskstats(variantText('diskstats.widths'), F);
  assert.deepEqual(
    r.issues.map((i) => [i.line, i.code]),
    [
      [3, 'unknown-format'],
      [5, 'unknown-format'],
      [8, 'short-line'],
      [9, 'bad-number'],
      [10, 'bad-number'],
    ],
  );
  const by = new Map(r.rows.map((x) => [x.name, x]));
  assert.deepEqual(by.get('sda1')?.values, { reads_completed: 10n, sectors_read: 20n, writes_completed: 30n, sectors_written: 40n });
  assert.deepEqual([by.get('sdb')?.values.weighted_time_io_ms, by.get('sdb')?.values.discards_completed, by.get('sdb')?.extra], [11n, undefined, { column15: 12n }]);
  assert.deepEqual([by.get('sdc')?.values.time_discarding_ms, by.get('sdc')?.extra], [15n, {}]);
  assert.deepEqual([by.get('sdd')?.values.time_discarding_ms, by.get('sdd')?.extra], [15n, { column19: 16n }]);
  const p1 = by.get('nvme0n1p1');
  assert.deepEqual([p1?.values.reads_completed, p1?.values.time_flushing_ms, p1?.extra, p1?.width], [18446744073709551615n, 17n, { column21: 18n, column22: 19n }, 19]);
  assert.equal(r.issues.some((i) => i.line === 7), false);
});
