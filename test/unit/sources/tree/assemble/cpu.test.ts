import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KstatError } from '../../../../../src/errors.js';
import { readCpuStats } from '../../../../../src/sources/tree/assemble/cpu.js';
import { TreeReader } from '../../../../../src/sources/tree/reader.js';
import { tree, variantText, withTree } from '../../../../helpers/fixture.js';

test('live: all-CPU total, two CPUs and the system counters, no issues', async () => {
  const part = await readCpuStats(new TreeReader({ root: tree('linux-6.18.44-fc-v595-live') }));
  assert.deepEqual([part.issues, part.unavailable], [[], []]);
  assert.deepEqual(part.data, {
    user: 9018n, nice: 0n, system: 8888n, idle: 566254n, iowait: 584n, irq: 0n, softirq: 236n, steal: 2522n, guest: 0n, guestNice: 0n,
    cpus: [
      { cpu: 0, user: 3674n, nice: 0n, system: 4451n, idle: 284040n, iowait: 95n, irq: 0n, softirq: 53n, steal: 1277n, guest: 0n, guestNice: 0n },
      { cpu: 1, user: 5344n, nice: 0n, system: 4437n, idle: 282213n, iowait: 488n, irq: 0n, softirq: 183n, steal: 1244n, guest: 0n, guestNice: 0n },
    ],
    interrupts: 310277n,
    contextSwitches: 569008n,
    bootTime: 1795383160n,
    processesCreated: 35644n,
    procsRunning: 1,
    procsBlocked: 0,
    softirqs: 362675n,
  });
});

test('procfs-fixtures and goprocinfo-fixtures: eight CPUs each', async () => {
  const p = await readCpuStats(new TreeReader({ root: tree('procfs-fixtures') }));
  assert.deepEqual([p.data.cpus.length, p.data.user, p.data.contextSwitches, p.data.procsBlocked], [8, 301854n, 38014093n, 1]);
  const g = await readCpuStats(new TreeReader({ root: tree('goprocinfo-fixtures') }));
  assert.deepEqual([g.data.cpus.length, g.data.steal, g.data.cpus[7]?.idle, g.data.bootTime], [8, 6932n, 311574n, 1384677090n]);
});

test('old and damaged files: absent columns undefined, unknown lines kept, issues located', async () => {
  const old = await withTree({ 'proc/stat': variantText('stat.kernel-2.4') }, (root) => readCpuStats(new TreeReader({ root })));
  assert.deepEqual(old.data.cpus[0], { cpu: 0, user: 60n, nice: 1n, system: 20n, idle: 2000n });
  assert.deepEqual([old.data.iowait, old.data.procsRunning, old.data.softirqs], [undefined, undefined, undefined]);
  assert.deepEqual(old.data.extra, { 'page.1': 5741n, 'page.2': 1808n, 'swap.1': 1n, 'swap.2': 0n });
  const bad = await withTree({ 'proc/stat': variantText('stat.bad-lines') }, (root) => readCpuStats(new TreeReader({ root })));
  assert.deepEqual(bad.issues.map((i) => [i.file, i.line, i.code]), [['proc/stat', 2, 'short-line'], ['proc/stat', 3, 'bad-number'], ['proc/stat', 4, 'unknown-format'], ['proc/stat', 7, 'short-line']]);
  assert.deepEqual([bad.data.user, bad.data.totalExtra, bad.data.extra, bad.data.cpus.map((c) => c.cpu)], [18446744073709551615n, { column11: 77n, column12: 88n }, { new_counter: 42n }, [2]]);
});

test('a tree without proc/stat: E_UNAVAILABLE naming the file', async () => {
  await assert.rejects(readCpuStats(new TreeReader({ root: tree('diamond-fixtures') })), (e: unknown) => KstatError.is(e) && e.code === 'E_UNAVAILABLE' && e.message.includes('proc/stat'));
});
