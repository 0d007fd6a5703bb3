import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KstatError } from '../../../../../src/errors.js';
import { isPartitionName, readDisks } from '../../../../../src/sources/tree/assemble/disks.js';
import { TreeReader } from '../../../../../src/sources/tree/reader.js';
import { tree, variantText } from '../../../../helpers/fixture.js';

test('live: ten whole disks (no sys/block captured: the naming rule), vda with every field', async () => {
  const part = await readDisks(new TreeReader({ root: tree('linux-6.18.44-fc-v595-live') }));
  assert.deepEqual([part.issues, part.unavailable], [[], []]);
  assert.deepEqual(part.data.map((d) => [d.name, d.kind]), [
    ['loop0', 'disk'], ['loop1', 'disk'], ['loop2', 'disk'], ['loop3', 'disk'], ['loop4', 'disk'],
    ['loop5', 'disk'], ['loop6', 'disk'], ['loop7', 'disk'], ['vda', 'disk'], ['zram0', 'disk'],
  ]);
  assert.deepEqual(part.data[8], {
    name: 'vda', major: 254, minor: 0, kind: 'disk',
    readsCompleted: 50520n, readsMerged: 11939n, sectorsRead: 2753802n, readTimeMs: 31131n,
    writesCompleted: 10777n, writesMerged: 18042n, sectorsWritten: 845080n, writeTimeMs: 5420n,
    inFlight: 0, ioTimeMs: 10500n, weightedIoTimeMs: 37349n,
    discardsCompleted: 4261n, discardsMerged: 113n, sectorsDiscarded: 156624n, discardTimeMs: 679n,
    flushesCompleted: 1661n, flushTimeMs: 117n,
  });
});

test('procfs-fixtures: partitions told from disks by the kernel naming rule; ram10 is not a partition of ram1', async () => {
  const part = await readDisks(new TreeReader({ root: tree('procfs-fixtures') }));
  const kind = new Map(part.data.map((d) => [d.name, d.kind]));
  assert.deepEqual(
    ['ram1', 'ram10', 'sda', 'sda1', 'sda4', 'dm-0', 'dm-1', 'mmcblk0', 'mmcblk0p1', 'vda', 'vda2', 'nvme0n1', 'nvme0n1p2', 'sdc', 'sdc2', 'fd0', 'sr0'].map((n) => kind.get(n)),
    ['disk', 'disk', 'disk', 'partition', 'partition', 'disk', 'disk', 'disk', 'partition', 'disk', 'partition', 'disk', 'partition', 'disk', 'partition', 'disk', 'disk'],
  );
  const vda = part.data.find((d) => d.name === 'vda');
  assert.deepEqual([vda?.writeTimeMs, vda?.discardsCompleted, vda?.flushesCompleted], [2069221364n, undefined, undefined]);
});

test('goprocinfo-fixtures: sdc5 is a partition of sdc, md2 and dm-0 are disks', async () => {
  const part = await readDisks(new TreeReader({ root: tree('goprocinfo-fixtures') }));
  const kind = new Map(part.data.map((d) => [d.name, d.kind]));
  assert.deepEqual(['sdc', 'sdc5', 'md2', 'dm-0'].map((n) => kind.get(n)), ['disk', 'partition', 'disk', 'disk']);
  assert.deepEqual(part.data.find((d) => d.name === 'dm-0')?.inFlight, 4);
});

test('the naming rule', () => {
  assert.deepEqual(
    [
      isPartitionName('sda1', 'sda'),
      isPartitionName('sda', 'sda'),
      isPartitionName('nvme0n1p1', 'nvme0n1'),
      isPartitionName('nvme0n11', 'nvme0n1'),
      isPartitionName('ram10', 'ram1'),
      isPartitionName('loop0p1', 'loop0'),
      isPartitionName('sdap1', 'sda'),
      isPartitionName('sdb1', 'sda'),
    ],
    [true, false, true, false, false, true, false, false],
  );
});

test('sys/block, when the source has it, decides; old 4-counter partitions keep the rest undefined', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kstat-disks-'));
  try {
    mkdirSync(join(dir, 'proc'));
    mkdirSync(join(dir, 'sys/block/sda'), { recursive: true });
    writeFileSync(join(dir, 'proc/diskstats'), variantText('diskstats.widths'));
    const part = await readDisks(new TreeReader({ root: dir }));
    assert.deepEqual(part.issues.map((i) => [i.line, i.code]), [[3, 'unknown-format'], [5, 'unknown-format'], [8, 'short-line'], [9, 'bad-number'], [10, 'bad-number']]);
    // Only sda is in sys/block: every other device is a partition by that listing.
    assert.deepEqual(part.data.filter((d) => d.kind === 'disk').map((d) => d.name), ['sda']);
    const sda1 = part.data.find((d) => d.name === 'sda1');
    assert.deepEqual(sda1, { name: 'sda1', major: 8, minor: 1, kind: 'partition', readsCompleted: 10n, sectorsRead: 20n, writesCompleted: 30n, sectorsWritten: 40n });
    assert.deepEqual(part.data.find((d) => d.name === 'nvme0n1p1')?.extra, { column21: 18n, column22: 19n });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('no proc/diskstats: E_UNAVAILABLE', async () => {
  await assert.rejects(readDisks(new TreeReader({ root: tree('diamond-fixtures') })), (e: unknown) => KstatError.is(e) && e.code === 'E_UNAVAILABLE');
});
