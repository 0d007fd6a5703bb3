/**
 * One report's selection on a chain a test sets up (fake source and providers): kstat(1M)
 * sort order (case-insensitive module and name, numeric instance; statistics by name,
 * later-first among equal names as illumos's insertion sort), per-selector output with
 * duplicates, statistic and class filtering (a kstat without a matching statistic is not
 * shown), kstat_* and undecodable RAW kstats skipped, the pseudo-statistics, the statistic
 * names of INTR, IO and TIMER data, and the snaptime of the data actually shown.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KstatCtl } from '../../../../src/kstat/kstat-ctl.js';
import { parsePattern, parseSelector } from '../../../../src/kstat/selector.js';
import type { ProvidedKstat } from '../../../../src/kstat/types.js';
import { collectReport, type Selection } from '../../../../src/cli/kstat/collect.js';
import { parseableLines } from '../../../../src/format/kstat/parseable.js';
import { FakeClockSource, FakeProvider, namedKstat } from '../../../helpers/fake-kstat-source.js';

const INTR: ProvidedKstat = {
  module: 'intr', instance: 0, name: 'LOC', class: 'controller', type: 'INTR',
  data: { type: 'INTR', intr: { hard: 7n, soft: 0n, watchdog: 0n, spurious: 2n, multipleService: 0n } },
};
const IO: ProvidedKstat = {
  module: 'disk', instance: 0, name: 'vda', class: 'disk', type: 'IO',
  data: { type: 'IO', io: { nread: 512n, nwritten: 1024n, reads: 1n, writes: 2n, wtime: 0n, wlentime: 0n, wlastupdate: 0n, rtime: 10_500_000_000n, rlentime: 37_349_000_000n, rlastupdate: 0n, wcnt: 0, rcnt: 3 } },
};
const TIMER: ProvidedKstat = {
  module: 'sched', instance: 1, name: 'run_queue', class: 'misc', type: 'TIMER',
  data: {
    type: 'TIMER',
    timers: [
      { name: 'run', numEvents: 10n, elapsedTime: 2_000_000_001n, minTime: 0n, maxTime: 0n, startTime: 0n, stopTime: 0n },
      { name: 'wait', numEvents: 10n, elapsedTime: 5n, minTime: 0n, maxTime: 0n, startTime: 0n, stopTime: 0n },
    ],
  },
};
const RAW_UNKNOWN: ProvidedKstat = { module: 'misc', instance: 0, name: 'blob', class: 'misc', type: 'RAW', data: { type: 'RAW', raw: new Uint8Array(4) } };
const CHAR: ProvidedKstat = {
  module: 'Link', instance: 0, name: 'Eth1', class: 'net', type: 'NAMED',
  data: { type: 'NAMED', named: [{ name: 'state', type: 'CHAR', value: 'up' }, { name: 'Mtu', type: 'UINT32', value: 1500 }, { name: 'mtu', type: 'INT64', value: -1n }] },
};

async function setup() {
  const clock = new FakeClockSource();
  const p = new FakeProvider('test', ['link', 'tcp', 'intr', 'disk', 'sched', 'misc', 'Link']);
  p.kstats = [
    namedKstat('tcp', 0, 'TcpExt', { SyncookiesSent: 1n, ListenDrops: 2n }),
    namedKstat('link', 10, 'eth0', { rbytes64: 5n }),
    namedKstat('link', 2, 'lo', { rbytes64: 100n, obytes64: 100n }),
    namedKstat('tcp', 0, 'Tcp', { ActiveOpens: 3n }),
    namedKstat('unix', 0, 'kstat_other', { x: 1n }, 'misc'),
    CHAR, INTR, IO, TIMER, RAW_UNKNOWN,
  ];
  const ctl = await KstatCtl.over(clock.asSource(), [p]);
  return { clock, p, ctl };
}

function selection(operands: string[], extra: Partial<Selection> = {}): Selection {
  return { selectors: operands.map(parseSelector), classPattern: parsePattern(undefined), withClass: true, ...extra };
}

async function lines(ctl: KstatCtl, s: Selection): Promise<string[]> {
  return parseableLines((await collectReport(ctl, s)).entries);
}

test('kstats sort by module and name ignoring case, instance numerically; kstat_* and RAW without a decoder are skipped', async () => {
  const { ctl } = await setup();
  const r = await collectReport(ctl, selection([]));
  assert.deepEqual(r.entries.map((e) => `${e.module}:${e.instance}:${e.name}`), [
    'disk:0:vda', 'intr:0:LOC', 'Link:0:Eth1', 'link:2:lo', 'link:10:eth0', 'sched:1:run_queue', 'tcp:0:Tcp', 'tcp:0:TcpExt',
  ]);
  assert.deepEqual(r.warnings, []);
});

test('statistics sort ignoring case; among equal names the later one comes first (illumos insertion sort)', async () => {
  const { ctl } = await setup();
  assert.deepEqual(await lines(ctl, selection(['Link:0:Eth1'])), [
    'Link:0:Eth1:class\tnet',
    'Link:0:Eth1:crtime\t0.000001000',
    'Link:0:Eth1:mtu\t-1',
    'Link:0:Eth1:Mtu\t1500',
    'Link:0:Eth1:snaptime\t0.000001000',
    'Link:0:Eth1:state\tup',
  ]);
});

test('selectors print in selector order; a kstat matched twice prints twice; a kstat with no matching statistic is not shown', async () => {
  const { ctl } = await setup();
  assert.deepEqual(await lines(ctl, selection(['tcp::Tcp:ActiveOpens', 'link::lo:rbytes64', 'tcp:::ActiveOpens', 'link:2:lo:nosuch'])), [
    'tcp:0:Tcp:ActiveOpens\t3',
    'link:2:lo:rbytes64\t100',
    'tcp:0:Tcp:ActiveOpens\t3',
  ]);
});

test('the class pattern is ANDed with every selector; class is a statistic only when asked (parseable modes)', async () => {
  const { ctl } = await setup();
  const r = await collectReport(ctl, selection(['::/^(vda|LOC|lo)$/'], { classPattern: parsePattern('d*') }));
  assert.deepEqual(r.entries.map((e) => e.name), ['vda']);
  const plain = await collectReport(ctl, selection(['tcp::Tcp'], { withClass: false }));
  assert.deepEqual(plain.entries[0]!.statistics.map((s) => s.name), ['ActiveOpens', 'crtime', 'snaptime']);
});

test('INTR, IO and TIMER statistics: illumos names, times as seconds, every timer prefixed by its name', async () => {
  const { ctl } = await setup();
  assert.deepEqual(await lines(ctl, selection(['intr', 'disk:::/^(nread|rtime|rlentime|rcnt|wtime)$/', 'sched:::/^(run|wait)\\./'])), [
    'intr:0:LOC:class\tcontroller',
    'intr:0:LOC:crtime\t0.000001000',
    'intr:0:LOC:hard\t7',
    'intr:0:LOC:multiple_service\t0',
    'intr:0:LOC:snaptime\t0.000001000',
    'intr:0:LOC:soft\t0',
    'intr:0:LOC:spurious\t2',
    'intr:0:LOC:watchdog\t0',
    'disk:0:vda:nread\t512',
    'disk:0:vda:rcnt\t3',
    'disk:0:vda:rlentime\t37.349000000',
    'disk:0:vda:rtime\t10.500000000',
    'disk:0:vda:wtime\t0',
    'sched:1:run_queue:run.elapsed_time\t2.000000001',
    'sched:1:run_queue:run.max_time\t0',
    'sched:1:run_queue:run.min_time\t0',
    'sched:1:run_queue:run.num_events\t10',
    'sched:1:run_queue:run.start_time\t0',
    'sched:1:run_queue:run.stop_time\t0',
    'sched:1:run_queue:wait.elapsed_time\t0.000000005',
    'sched:1:run_queue:wait.max_time\t0',
    'sched:1:run_queue:wait.min_time\t0',
    'sched:1:run_queue:wait.num_events\t10',
    'sched:1:run_queue:wait.start_time\t0',
    'sched:1:run_queue:wait.stop_time\t0',
  ]);
});

test('snaptime is the time of the data shown (read first, then printed), crtime when the chain first saw the kstat', async () => {
  const { ctl, clock, p } = await setup();
  clock.now = 5_000_000_000n;
  p.kstats = p.kstats.map((k) => (k.name === 'lo' ? namedKstat('link', 2, 'lo', { rbytes64: 222n, obytes64: 100n }) : k));
  await ctl.chainUpdate();
  const r = await collectReport(ctl, selection(['link::lo:/^(crtime|snaptime|rbytes64)$/']));
  assert.deepEqual(parseableLines(r.entries), ['link:2:lo:crtime\t0.000001000', 'link:2:lo:rbytes64\t222', 'link:2:lo:snaptime\t5.000000000']);
  assert.equal(r.entries[0]!.snaptime, 5_000_000_000n);
});
