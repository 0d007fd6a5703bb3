/**
 * The tree source clock: a captured tree is one instant (its proc/uptime, else 0) with the
 * boot time of its proc/stat btime (else 0); the live kernel uses CLOCK_MONOTONIC.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSource } from '../../../../../src/netstat/open.js';
import { fixtureText, tree, withTree } from '../../../../helpers/fixture.js';

test('captured trees: boot time from proc/stat btime; no proc/uptime → now is 0', async () => {
  const cases: [string, bigint][] = [
    ['linux-6.18.44-fc-v595-live', 1795383160_000_000_000n],
    ['procfs-fixtures', 1418183276_000_000_000n],
    ['goprocinfo-fixtures', 1384677090_000_000_000n],
    ['diamond-fixtures', 0n],
    ['linux-6.18.44-fc-v595-netns', 0n],
  ];
  for (const [set, boot] of cases) {
    const source = await openSource({ root: tree(set) });
    assert.deepEqual(await source.clock(), { sinceBootNs: 0n, bootTimeNs: boot }, set);
  }
});

test('a captured tree with proc/uptime: now is that uptime, the same on every call', async () => {
  const files = { 'proc/stat': fixtureText('procfs-fixtures', 'proc/stat'), 'proc/uptime': '2672.08 3597.92\n' };
  await withTree(files, async (root) => {
    const source = await openSource({ root });
    assert.deepEqual(await source.clock(), { sinceBootNs: 2672080000000n, bootTimeNs: 1418183276_000_000_000n });
    assert.deepEqual(await source.clock(), { sinceBootNs: 2672080000000n, bootTimeNs: 1418183276_000_000_000n });
  });
});

test('the live kernel: CLOCK_MONOTONIC (process.hrtime) and a boot time in the past', async () => {
  const source = await openSource();
  const before = process.hrtime.bigint();
  const clock = await source.clock();
  const after = process.hrtime.bigint();
  assert.ok(clock.sinceBootNs >= before && clock.sinceBootNs <= after);
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  assert.ok(clock.bootTimeNs > 0n && clock.bootTimeNs < nowNs, `boot ${clock.bootTimeNs} before now`);
  // Boot + monotonic ≈ now (they differ by time suspended and btime's 1 s resolution).
  const drift = nowNs - (clock.bootTimeNs + clock.sinceBootNs);
  assert.ok(drift > -2_000_000_000n, `boot time + monotonic is not in the future (${drift} ns)`);
});
