/**
 * The daemon's consistency rule (chain-keeper.ts, docs/kstatd.md): calls that need the
 * chain run a full update when it is older than refreshMs; calls for named kstats re-read
 * only their providers (freshFor), and turn into a full update when that reading shows the
 * set of kstats changed. The procedures choose: READ of a kid and READ_BATCH by kids or
 * by exact selectors re-read what they answer; kid 0, patterns and unknown names use the
 * current chain. Fake providers count their reads; the clock is the test's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KstatCtl } from '../../../src/kstat/kstat-ctl.js';
import { ChainKeeper } from '../../../src/daemon/chain-keeper.js';
import { readBatchProc, readProc, chainIdProc, type ProcedureContext } from '../../../src/daemon/procedures.js';
import { FakeClockSource, FakeProvider, namedKstat } from '../../helpers/fake-kstat-source.js';

async function setup(refreshMs: number) {
  const clock = new FakeClockSource();
  const links = new FakeProvider('links', ['link']);
  links.kstats = [namedKstat('link', 0, 'lo', { rbytes64: 1n }), namedKstat('link', 0, 'eth0', { rbytes64: 2n })];
  const cpu = new FakeProvider('cpu', ['cpu']);
  cpu.kstats = [namedKstat('cpu', 0, 'sys', { user: 5n }, 'misc')];
  const ctl = await KstatCtl.over(clock.asSource(), [links, cpu]);
  let now = 0;
  const keeper = new ChainKeeper(ctl, { refreshMs, clock: () => clock.clock(), now: () => now });
  const ctx: ProcedureContext = {
    chain: () => keeper.current(),
    last: () => keeper.last(),
    freshFor: (kstats) => keeper.freshFor(kstats),
    exposeProcesses: false,
    mayCarryOwners: false,
  };
  const reads = () => ({ links: links.collects, cpu: cpu.collects });
  return { ctl, keeper, ctx, links, cpu, clock, reads, tick: (ms: number) => (now += ms) };
}

const kidOf = (ctl: KstatCtl, name: string) => ctl.chain.find((k) => k.name === name)!.kid;

test('refreshMs 0: READ of a kid re-reads only its provider, every call', async () => {
  const s = await setup(0);
  await s.keeper.current(); // the first update: the chain built by KstatCtl.over
  const before = s.reads();
  const kid = kidOf(s.ctl, 'lo');
  for (let i = 0; i < 3; i++) {
    s.links.kstats[0] = namedKstat('link', 0, 'lo', { rbytes64: BigInt(10 + i) });
    const res = await readProc(s.ctx, kid);
    assert.ok(res.ok);
    assert.deepEqual(res.kstat.data, { type: 'NAMED', named: [{ name: 'rbytes64', type: 'UINT64', value: BigInt(10 + i) }] }, 'fresh data');
  }
  assert.deepEqual(s.reads(), { links: before.links + 3, cpu: before.cpu }, 'cpu never re-read');
  assert.equal(s.keeper.partialReads, 3);
  assert.equal(s.keeper.updates, 1);
});

test('refreshMs 1000: data younger than refreshMs is served as kept; older is re-read, alone', async () => {
  const s = await setup(1000);
  await s.keeper.current();
  const before = s.reads();
  const kid = kidOf(s.ctl, 'eth0');
  await readProc(s.ctx, kid);
  s.tick(500);
  await readProc(s.ctx, kid);
  assert.deepEqual(s.reads(), before, 'nothing re-read within refreshMs');
  s.tick(600);
  await readProc(s.ctx, kid);
  await readProc(s.ctx, kid);
  assert.deepEqual(s.reads(), { links: before.links + 1, cpu: before.cpu }, 'one re-read of the stale provider');
});

test('a provider that now makes a new kstat turns a partial read into a full update (new chain id)', async () => {
  const s = await setup(0);
  const first = await s.keeper.current();
  s.links.kstats.push(namedKstat('link', 0, 'eth1', { rbytes64: 3n }));
  const res = await readProc(s.ctx, kidOf(s.ctl, 'lo'));
  assert.ok(res.ok);
  assert.notEqual(res.chainId, first.chainId, 'the chain changed');
  assert.ok(s.ctl.lookup('link', 0, 'eth1'), 'eth1 is in the chain');
  assert.equal(s.keeper.updates, 2);
});

test('a kstat gone from its provider: full update, the kid answers ENXIO with the new chain id', async () => {
  const s = await setup(0);
  const first = await s.keeper.current();
  const kid = kidOf(s.ctl, 'eth0');
  s.links.kstats.pop();
  const res = await readProc(s.ctx, kid);
  assert.ok(!res.ok);
  assert.equal(res.status, 6); // KSTAT_ENXIO
  assert.notEqual(res.chainId, first.chainId);
});

test('READ_BATCH: by kids and by exact selectors re-read only their providers; patterns and kid 0 update the chain', async () => {
  const s = await setup(0);
  await s.keeper.current();
  let before = s.reads();
  const byKids = await readBatchProc(s.ctx, { by: 'kids', kids: [kidOf(s.ctl, 'lo'), kidOf(s.ctl, 'eth0')] });
  assert.ok(byKids.ok && byKids.kstats.length === 2);
  assert.deepEqual(s.reads(), { links: before.links + 1, cpu: before.cpu }, 'one reading for both kids');

  before = s.reads();
  const exact = await readBatchProc(s.ctx, { by: 'selectors', selectors: [{ module: 'cpu', instance: 0, name: 'sys', class: '' }] });
  assert.ok(exact.ok && exact.kstats.length === 1 && exact.kstats[0]!.name === 'sys');
  assert.deepEqual(s.reads(), { links: before.links, cpu: before.cpu + 1 }, 'an exact selector is a name: its provider only');

  for (const selectors of [[{ module: 'link', instance: 0, name: '*', class: '' }], [{ module: 'cpu', instance: -1, name: 'sys', class: '' }], [{ module: 'cpu', instance: 0, name: 'sys', class: 'misc' }], [{ module: 'link', instance: 0, name: 'nosuch', class: '' }]]) {
    before = s.reads();
    const res = await readBatchProc(s.ctx, { by: 'selectors', selectors });
    assert.ok(res.ok);
    assert.deepEqual(s.reads(), { links: before.links + 1, cpu: before.cpu + 1 }, `a full update for ${JSON.stringify(selectors)}`);
  }
  before = s.reads();
  await readBatchProc(s.ctx, { by: 'kids', kids: [0, kidOf(s.ctl, 'lo')] });
  await readProc(s.ctx, 0);
  await chainIdProc(s.ctx);
  assert.deepEqual(s.reads(), { links: before.links + 3, cpu: before.cpu + 3 }, 'kid 0 and CHAINID: full updates');
});

test('calls at once share one full update, and partial reads never interleave with it', async () => {
  const s = await setup(0);
  await s.keeper.current();
  const before = s.reads();
  const kid = kidOf(s.ctl, 'lo');
  const all = await Promise.all([s.keeper.current(), s.keeper.current(), readProc(s.ctx, kid), readProc(s.ctx, kid)]);
  assert.equal(all[0], all[1], 'one shared update');
  assert.equal(s.reads().cpu, before.cpu + 1, 'one full update');
  assert.ok((all[2] as { ok: boolean }).ok && (all[3] as { ok: boolean }).ok);
});
