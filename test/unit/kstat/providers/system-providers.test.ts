/**
 * The system providers (cpu, system-memory, disk, interrupts, scheduler-timer) on the
 * captured trees, through kstatOpen({ root }): identities, classes, types, statistic
 * names and values copied from the fixture files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kstatOpen, type KstatCtl } from '../../../../src/kstat/kstat-ctl.js';
import type { Kstat } from '../../../../src/kstat/chain.js';
import type { NamedStat } from '../../../../src/kstat/types.js';
import { tree } from '../../../helpers/fixture.js';

const LIVE = 'linux-6.18.44-fc-v595-live';

async function readAllOf(set: string): Promise<KstatCtl> {
  const ctl = await kstatOpen({ root: tree(set) });
  await ctl.readAll();
  return ctl;
}

function kstat(ctl: KstatCtl, module: string, instance: number, name: string): Kstat {
  const ks = ctl.lookup(module, instance, name);
  assert.ok(ks !== undefined, `${module}:${instance}:${name} exists`);
  return ks;
}

const ids = (ctl: KstatCtl, module: string) => ctl.chain.filter((k) => k.module === module).map((k) => `${k.instance}:${k.name}:${k.class}:${k.type}`);
const named = (ks: Kstat) => (ks.data?.type === 'NAMED' ? ks.data.named : []);
const stat = (ctl: KstatCtl, m: string, i: number, n: string, s: string) => ctl.dataLookup(kstat(ctl, m, i, n), s) as NamedStat | undefined;

test('cpu:<n>:sys, unix:0:cpu, unix:0:system_misc (live): kernel names, UINT64 clock ticks', async () => {
  const ctl = await readAllOf(LIVE);
  assert.deepEqual(ids(ctl, 'cpu'), ['0:sys:misc:NAMED', '1:sys:misc:NAMED']);
  assert.deepEqual(named(kstat(ctl, 'cpu', 1, 'sys')), [
    { name: 'user', type: 'UINT64', value: 5344n },
    { name: 'nice', type: 'UINT64', value: 0n },
    { name: 'system', type: 'UINT64', value: 4437n },
    { name: 'idle', type: 'UINT64', value: 282213n },
    { name: 'iowait', type: 'UINT64', value: 488n },
    { name: 'irq', type: 'UINT64', value: 0n },
    { name: 'softirq', type: 'UINT64', value: 183n },
    { name: 'steal', type: 'UINT64', value: 1244n },
    { name: 'guest', type: 'UINT64', value: 0n },
    { name: 'guest_nice', type: 'UINT64', value: 0n },
  ]);
  assert.deepEqual(stat(ctl, 'unix', 0, 'cpu', 'idle'), { name: 'idle', type: 'UINT64', value: 566254n });
  assert.equal(kstat(ctl, 'unix', 0, 'cpu').class, 'misc');
  assert.deepEqual(named(kstat(ctl, 'unix', 0, 'system_misc')), [
    { name: 'intr', type: 'UINT64', value: 310277n },
    { name: 'ctxt', type: 'UINT64', value: 569008n },
    { name: 'btime', type: 'UINT64', value: 1795383160n },
    { name: 'processes', type: 'UINT64', value: 35644n },
    { name: 'procs_running', type: 'UINT32', value: 1 },
    { name: 'procs_blocked', type: 'UINT32', value: 0 },
    { name: 'softirq', type: 'UINT64', value: 362675n },
    { name: 'boot_time', type: 'UINT64', value: 1795383160n },
    { name: 'ncpus', type: 'UINT32', value: 2 },
  ]);
  await ctl.close();
});

test('unix:0:meminfo and unix:0:vmstat (live): every line under its kernel name, kernel units', async () => {
  const ctl = await readAllOf(LIVE);
  const meminfo = kstat(ctl, 'unix', 0, 'meminfo');
  assert.deepEqual([meminfo.class, meminfo.type, meminfo.ndata], ['vm', 'NAMED', 54]);
  assert.deepEqual(stat(ctl, 'unix', 0, 'meminfo', 'MemTotal'), { name: 'MemTotal', type: 'UINT64', value: 24684096n });
  assert.deepEqual(stat(ctl, 'unix', 0, 'meminfo', 'Active(anon)'), { name: 'Active(anon)', type: 'UINT64', value: 1584n });
  assert.deepEqual(stat(ctl, 'unix', 0, 'meminfo', 'Committed_AS')?.value, 115536n);
  assert.deepEqual(stat(ctl, 'unix', 0, 'meminfo', 'HugePages_Surp')?.value, 0n);
  const vmstat = kstat(ctl, 'unix', 0, 'vmstat');
  assert.deepEqual([vmstat.class, vmstat.ndata], ['vm', 192]);
  assert.deepEqual(stat(ctl, 'unix', 0, 'vmstat', 'pgfault'), { name: 'pgfault', type: 'UINT64', value: 7293598n });
  await ctl.close();
});

test('disk:0:<dev> IO kstats (live): bytes from 512-byte sectors, ms → ns, no wait queue', async () => {
  const ctl = await readAllOf(LIVE);
  assert.deepEqual(ids(ctl, 'disk'), [
    '0:loop0:disk:IO', '0:loop1:disk:IO', '0:loop2:disk:IO', '0:loop3:disk:IO', '0:loop4:disk:IO',
    '0:loop5:disk:IO', '0:loop6:disk:IO', '0:loop7:disk:IO', '0:vda:disk:IO', '0:zram0:disk:IO',
  ]);
  const vda = kstat(ctl, 'disk', 0, 'vda');
  assert.deepEqual(vda.data, {
    type: 'IO',
    io: {
      nread: 1409946624n, // 2753802 sectors × 512
      nwritten: 432680960n, // 845080 × 512
      reads: 50520n,
      writes: 10777n,
      wtime: 0n,
      wlentime: 0n,
      wlastupdate: 0n,
      rtime: 10500000000n, // 10500 ms
      rlentime: 37349000000n, // 37349 ms
      rlastupdate: 0n,
      wcnt: 0,
      rcnt: 0,
    },
  });
  await ctl.close();
});

test('disk kstats (procfs-fixtures): partitions have class partition', async () => {
  const ctl = await readAllOf('procfs-fixtures');
  assert.deepEqual(['sda', 'sda1', 'nvme0n1', 'nvme0n1p2', 'dm-0'].map((n) => kstat(ctl, 'disk', 0, n).class), ['disk', 'partition', 'disk', 'partition', 'disk']);
  const sda = kstat(ctl, 'disk', 0, 'sda').data;
  assert.deepEqual(sda?.type === 'IO' ? [sda.io.reads, sda.io.nread, sda.io.rtime] : [], [25354637n, 513713216512n, 9653880000000n]);
  await ctl.close();
});

test('intr:0:<irq> and softirq:0:<type> INTR kstats (live): sums over CPUs; SPU as spurious', async () => {
  const ctl = await readAllOf(LIVE);
  const intr = ids(ctl, 'intr');
  assert.equal(intr.length, 35);
  assert.deepEqual([intr[0], intr[34]], ['0:24:controller:INTR', '0:PIW:controller:INTR']);
  const zero = { hard: 0n, soft: 0n, watchdog: 0n, spurious: 0n, multipleService: 0n };
  assert.deepEqual(kstat(ctl, 'intr', 0, '36').data, { type: 'INTR', intr: { ...zero, hard: 52552n } });
  assert.deepEqual(kstat(ctl, 'intr', 0, 'LOC').data, { type: 'INTR', intr: { ...zero, hard: 127412n } });
  assert.deepEqual(kstat(ctl, 'intr', 0, 'SPU').data, { type: 'INTR', intr: zero });
  assert.deepEqual(ids(ctl, 'softirq'), ['0:HI:misc:INTR', '0:TIMER:misc:INTR', '0:NET_TX:misc:INTR', '0:NET_RX:misc:INTR', '0:BLOCK:misc:INTR', '0:IRQ_POLL:misc:INTR', '0:TASKLET:misc:INTR', '0:SCHED:misc:INTR', '0:HRTIMER:misc:INTR', '0:RCU:misc:INTR']);
  assert.deepEqual(kstat(ctl, 'softirq', 0, 'NET_RX').data, { type: 'INTR', intr: { ...zero, soft: 82228n } });
  await ctl.close();
});

test('sched:<n>:run_queue TIMER and sched:<n>:schedstat (procfs-schedstat)', async () => {
  const ctl = await readAllOf('procfs-schedstat');
  assert.deepEqual(ids(ctl, 'sched'), ['0:run_queue:misc:TIMER', '0:schedstat:misc:NAMED', '1:run_queue:misc:TIMER', '1:schedstat:misc:NAMED']);
  assert.deepEqual(ctl.dataLookup(kstat(ctl, 'sched', 0, 'run_queue'), 'run'), {
    name: 'run', numEvents: 4767485306n, elapsedTime: 2045936778163039n, minTime: 0n, maxTime: 0n, startTime: 0n, stopTime: 0n,
  });
  assert.deepEqual(ctl.dataLookup(kstat(ctl, 'sched', 1, 'run_queue'), 'wait'), {
    name: 'wait', numEvents: 5145567945n, elapsedTime: 364107263788241n, minTime: 0n, maxTime: 0n, startTime: 0n, stopTime: 0n,
  });
  assert.deepEqual(named(kstat(ctl, 'sched', 0, 'schedstat')).map((s) => [s.name, s.value]), [
    ['yld_count', 498494191n],
    ['sched_count', 3533438552n],
    ['sched_goidle', 2553969831n],
    ['ttwu_count', 3853684107n],
    ['ttwu_local', 2465731542n],
    ['rq_cpu_time', 2045936778163039n],
    ['run_delay', 343796328169361n],
    ['pcount', 4767485306n],
  ]);
  // A tree with only /proc/schedstat has no cpu, disk or interrupt kstats: absent, not an error.
  assert.deepEqual([ids(ctl, 'cpu'), ids(ctl, 'disk'), ids(ctl, 'intr')], [[], [], []]);
  await ctl.close();
});

test('no /proc/schedstat (live capture): no sched kstats', async () => {
  const ctl = await kstatOpen({ root: tree(LIVE) });
  assert.deepEqual(ids(ctl, 'sched'), []);
  await ctl.close();
});
