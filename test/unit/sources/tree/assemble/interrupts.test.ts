import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KstatError } from '../../../../../src/errors.js';
import { readInterrupts } from '../../../../../src/sources/tree/assemble/interrupts.js';
import { TreeReader } from '../../../../../src/sources/tree/reader.js';
import { tree } from '../../../../helpers/fixture.js';

test('live: lines with per-CPU counts and totals, ERR machine-wide, softirqs', async () => {
  const part = await readInterrupts(new TreeReader({ root: tree('linux-6.18.44-fc-v595-live') }));
  assert.deepEqual([part.issues, part.unavailable], [[], []]);
  const d = part.data;
  assert.deepEqual([d.cpus, d.softirqCpus, d.lines.length, d.softirqs.length], [['CPU0', 'CPU1'], ['CPU0', 'CPU1'], 35, 10]);
  assert.deepEqual(d.lines.find((l) => l.label === '41'), {
    label: '41', numbered: true, perCpu: { CPU0: 5591n, CPU1: 0n }, total: 5591n,
    description: 'PCI-MSIX-0000:00:04.0 1-edge virtio3-rx', chip: 'PCI-MSIX-0000:00:04.0', hwirq: '1', handler: 'edge', actions: 'virtio3-rx',
  });
  assert.deepEqual(d.lines.find((l) => l.label === 'CAL'), { label: 'CAL', numbered: false, perCpu: { CPU0: 47109n, CPU1: 43510n }, total: 90619n, description: 'Function call interrupts' });
  assert.deepEqual(d.lines.find((l) => l.label === 'ERR'), { label: 'ERR', numbered: false, total: 0n, description: '' });
  assert.deepEqual(d.softirqs.find((s) => s.name === 'NET_RX'), { name: 'NET_RX', perCpu: { CPU0: 36064n, CPU1: 46164n }, total: 82228n });
});

test('goprocinfo-fixtures: interrupts only — softirqs unavailable, their list empty', async () => {
  const part = await readInterrupts(new TreeReader({ root: tree('goprocinfo-fixtures') }));
  assert.deepEqual(part.unavailable.map((u) => u.file), ['proc/softirqs']);
  assert.deepEqual([part.data.softirqs, part.data.softirqCpus], [[], []]);
  assert.deepEqual(part.data.lines.find((l) => l.label === 'LOC')?.total, 42650894n);
});

test('procfs-fixtures: both files', async () => {
  const part = await readInterrupts(new TreeReader({ root: tree('procfs-fixtures') }));
  assert.deepEqual([part.issues, part.unavailable], [[], []]);
  assert.deepEqual(part.data.softirqs.find((s) => s.name === 'TIMER')?.total, 3023670n);
});

test('neither file: E_UNAVAILABLE', async () => {
  await assert.rejects(readInterrupts(new TreeReader({ root: tree('diamond-fixtures') })), (e: unknown) => KstatError.is(e) && e.code === 'E_UNAVAILABLE');
});
