/**
 * Live: the system kstats against what the machine says through other files.
 *  - every device of /proc/diskstats (read here with a plain split, not our parser) is an
 *    IO kstat disk:0:<name>, class disk exactly for the devices /sys/block lists, and its
 *    reads/writes lie between the file read just before and just after;
 *  - cpu:<n>:sys exist for exactly the CPUs /sys/devices/system/cpu/online names.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { kstatOpen } from '../../src/kstat/kstat-ctl.js';
import { skipOrFail } from '../helpers/skip.js';

function diskstats(): Map<string, { reads: bigint; writes: bigint }> {
  const out = new Map<string, { reads: bigint; writes: bigint }>();
  for (const line of readFileSync('/proc/diskstats', 'utf8').split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length >= 14) out.set(f[2] as string, { reads: BigInt(f[3] as string), writes: BigInt(f[7] as string) });
  }
  return out;
}

/** "0-3,6" → [0, 1, 2, 3, 6] */
function cpuList(text: string): number[] {
  return text
    .trim()
    .split(',')
    .flatMap((part) => {
      const [a, b] = part.split('-').map(Number) as [number, number | undefined];
      return Array.from({ length: (b ?? a) - a + 1 }, (_, i) => a + i);
    });
}

test('every /proc/diskstats device is an IO kstat, classed by /sys/block, with bracketed counts', async (t) => {
  if (!existsSync('/proc/diskstats')) return skipOrFail(t, '/proc/diskstats is not present on this machine');
  const before = diskstats();
  const ctl = await kstatOpen();
  try {
    const disks = ctl.chain.filter((k) => k.module === 'disk');
    await ctl.readAll(disks);
    const after = diskstats();
    assert.ok(before.size > 0, 'the machine lists at least one block device');
    assert.deepEqual(disks.map((k) => k.name).sort(), [...after.keys()].sort());
    const whole = existsSync('/sys/block') ? new Set(readdirSync('/sys/block')) : undefined;
    for (const k of disks) {
      assert.equal(k.type, 'IO', k.name);
      if (whole !== undefined) assert.equal(k.class, whole.has(k.name) ? 'disk' : 'partition', k.name);
      const io = k.data?.type === 'IO' ? k.data.io : undefined;
      const b = before.get(k.name);
      const a = after.get(k.name);
      if (io === undefined || b === undefined || a === undefined) continue; // a device that came or went in between
      assert.ok(b.reads <= io.reads && io.reads <= a.reads, `${k.name} reads ${b.reads} <= ${io.reads} <= ${a.reads}`);
      assert.ok(b.writes <= io.writes && io.writes <= a.writes, `${k.name} writes ${b.writes} <= ${io.writes} <= ${a.writes}`);
    }
  } finally {
    await ctl.close();
  }
});

test('cpu:<n>:sys for exactly the online CPUs; unix:0:system_misc ncpus agrees', async (t) => {
  const online = '/sys/devices/system/cpu/online';
  if (!existsSync(online)) return skipOrFail(t, `${online} is not present on this machine`);
  const ctl = await kstatOpen();
  try {
    const cpus = ctl.chain.filter((k) => k.module === 'cpu' && k.name === 'sys').map((k) => k.instance);
    assert.deepEqual(cpus.sort((a, b) => a - b), cpuList(readFileSync(online, 'utf8')));
    const misc = ctl.lookup('unix', 0, 'system_misc');
    assert.ok(misc !== undefined);
    await ctl.read(misc);
    assert.deepEqual(ctl.dataLookup(misc, 'ncpus'), { name: 'ncpus', type: 'UINT32', value: cpus.length });
  } finally {
    await ctl.close();
  }
});
