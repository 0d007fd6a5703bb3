/**
 * KstatCtl over a fake source whose set of kstats the test changes: chainUpdate() returns
 * 0 or the new chain id with added/deleted, lookup() wildcards, read() fills data and
 * snaptime from that kstat's provider only and returns the chain id, dataLookup(),
 * write() always refused, close().
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KstatCtl, kstatOpen } from '../../../src/kstat/kstat-ctl.js';
import { kstatKey } from '../../../src/kstat/chain.js';
import { decodeKstatHeaders } from '../../../src/protocol/kstat-x/codec.js';
import { KstatError } from '../../../src/errors.js';
import type { NamedStat } from '../../../src/kstat/types.js';
import { FakeClockSource, FakeProvider, namedKstat } from '../../helpers/fake-kstat-source.js';
import { tree as fixtureTree } from '../../helpers/fixture.js';

async function setup() {
  const clock = new FakeClockSource();
  const links = new FakeProvider('link', ['link']);
  const tcp = new FakeProvider('tcp', ['tcp']);
  links.kstats = [namedKstat('link', 0, 'lo', { rbytes64: 100n }), namedKstat('link', 0, 'eth0', { rbytes64: 5n })];
  tcp.kstats = [namedKstat('tcp', 0, 'Tcp', { ActiveOpens: 7n }), namedKstat('tcp', 0, 'TcpExt', { SyncookiesSent: 0n })];
  const ctl = await KstatCtl.over(clock.asSource(), [links, tcp]);
  return { clock, links, tcp, ctl };
}

const errorCode = (code: string) => (err: unknown) => KstatError.is(err) && err.code === code;

test('a new ctl has the whole set under chain id 1, kid 0 first, headers only (no data yet)', async () => {
  const { ctl } = await setup();
  assert.equal(ctl.chainId, 1);
  assert.deepEqual(ctl.chain.map((k) => `${k.kid}=${kstatKey(k)}`), ['0=unix:0:kstat_headers', '1=link:0:lo', '2=link:0:eth0', '3=tcp:0:Tcp', '4=tcp:0:TcpExt']);
  assert.ok(ctl.chain.every((k) => k.data === undefined && k.snaptime === 0n));
  assert.equal(ctl.chain[1]!.ndata, 1, 'ks_ndata is known from the chain update, as in a kstat header');
  assert.equal(ctl.bootTimeNs, 1_700_000_000_000_000_000n);
  assert.deepEqual([ctl.added, ctl.deleted], [[], []]);
});

test('chainUpdate(): 0 while unchanged, the new id with added/deleted when the set changes', async () => {
  const { ctl, links, clock } = await setup();
  assert.equal(await ctl.chainUpdate(), 0);
  assert.equal(ctl.chainId, 1);
  clock.now = 2_000n;
  links.kstats.push(namedKstat('link', 0, 'veth0'));
  assert.equal(await ctl.chainUpdate(), 2);
  assert.deepEqual(ctl.added.map(kstatKey), ['link:0:veth0']);
  assert.deepEqual(ctl.deleted, []);
  assert.equal(ctl.lookup('link', 0, 'veth0')!.crtime, 2_000n);
  assert.equal(ctl.lookup('link', 0, 'veth0')!.kid, 5);
  links.kstats = links.kstats.filter((k) => k.name !== 'eth0');
  assert.equal(await ctl.chainUpdate(), 3);
  assert.deepEqual(ctl.deleted.map(kstatKey), ['link:0:eth0']);
  assert.deepEqual(ctl.added, []);
  assert.equal(await ctl.chainUpdate(), 0);
  assert.deepEqual([ctl.added, ctl.deleted], [[], []]);
  assert.equal(ctl.lookup('link', 0, 'lo')!.kid, 1, 'survivors keep their kid');
});

test('lookup(): undefined/null module or name and instance undefined/-1 are wildcards; first match wins', async () => {
  const { ctl } = await setup();
  assert.equal(kstatKey(ctl.lookup('link', 0, 'eth0')!), 'link:0:eth0');
  assert.equal(kstatKey(ctl.lookup('link')!), 'link:0:lo');
  assert.equal(kstatKey(ctl.lookup('link', -1, 'eth0')!), 'link:0:eth0');
  assert.equal(kstatKey(ctl.lookup(null, -1, 'TcpExt')!), 'tcp:0:TcpExt');
  assert.equal(kstatKey(ctl.lookup(undefined, undefined, 'Tcp')!), 'tcp:0:Tcp');
  assert.equal(kstatKey(ctl.lookup()!), 'unix:0:kstat_headers');
  assert.equal(ctl.lookup('link', 1), undefined);
  assert.equal(ctl.lookup('nosuch'), undefined);
});

test('read(): fills data and snaptime, returns the chain id, asks only that kstat\'s provider', async () => {
  const { ctl, links, tcp, clock } = await setup();
  const before = [links.collects, tcp.collects];
  clock.now = 5_000n;
  links.kstats[0] = namedKstat('link', 0, 'lo', { rbytes64: 250n });
  const lo = ctl.lookup('link', 0, 'lo')!;
  assert.equal(await ctl.read(lo), 1);
  assert.deepEqual([links.collects - before[0]!, tcp.collects - before[1]!], [1, 0]);
  assert.equal(lo.snaptime, 5_000n);
  assert.deepEqual(lo.data, { type: 'NAMED', named: [{ name: 'rbytes64', type: 'UINT64', value: 250n }] });
  assert.deepEqual(ctl.dataLookup(lo, 'rbytes64'), { name: 'rbytes64', type: 'UINT64', value: 250n });
  assert.equal(ctl.dataLookup(lo, 'nosuch'), undefined);
  assert.equal(ctl.lookup('link', 0, 'eth0')!.data, undefined, 'read() fills only the kstat asked for');
});

test('read() of kid 0 gives every header in kid order (XDR kstat_headers)', async () => {
  const { ctl } = await setup();
  const h = ctl.chain[0]!;
  await ctl.read(h);
  assert.equal(h.data?.type, 'RAW');
  const headers = decodeKstatHeaders((h.data as { raw: Uint8Array }).raw);
  assert.deepEqual(headers.map((x) => `${x.kid}=${kstatKey(x)}`), ctl.chain.map((k) => `${k.kid}=${kstatKey(k)}`));
});

test('read() of a kstat gone from the source, or from the chain, is E_UNAVAILABLE', async () => {
  const { ctl, links } = await setup();
  const eth0 = ctl.lookup('link', 0, 'eth0')!;
  links.kstats = links.kstats.filter((k) => k.name !== 'eth0');
  await assert.rejects(ctl.read(eth0), errorCode('E_UNAVAILABLE'));
  await ctl.chainUpdate();
  await assert.rejects(ctl.read(eth0), errorCode('E_UNAVAILABLE'));
});

test('dataLookup() refuses an unread kstat and a kstat without named records', async () => {
  const { ctl } = await setup();
  assert.throws(() => ctl.dataLookup(ctl.lookup('link')!, 'rbytes64'), errorCode('E_ARGUMENT'));
  await ctl.read(ctl.chain[0]!);
  assert.throws(() => ctl.dataLookup(ctl.chain[0]!, 'x'), errorCode('E_ARGUMENT'));
});

test('write() is always refused with E_READ_ONLY', async () => {
  const { ctl } = await setup();
  const lo = ctl.lookup('link', 0, 'lo')!;
  await ctl.read(lo);
  await assert.rejects(ctl.write(lo, lo.data), (err: unknown) => errorCode('E_READ_ONLY')(err) && /read-only/.test((err as Error).message));
  await assert.rejects(ctl.write(), errorCode('E_READ_ONLY'));
});

test('close() closes the source once; afterwards updates and reads are E_CLOSED', async () => {
  const { ctl, clock } = await setup();
  await ctl.close();
  await ctl.close();
  assert.equal(clock.closed, 1);
  await assert.rejects(ctl.chainUpdate(), errorCode('E_CLOSED'));
  await assert.rejects(ctl.read(ctl.chain[0]!), errorCode('E_CLOSED'));
});

test('kstatOpen() takes the options of open(): unknown options and two sources are E_ARGUMENT', async () => {
  await assert.rejects(kstatOpen({ nope: 1 } as never), errorCode('E_ARGUMENT'));
  await assert.rejects(kstatOpen({ root: fixtureTree('procfs-fixtures'), snapshot: '/x.kss' }), errorCode('E_ARGUMENT'));
  await assert.rejects(kstatOpen({ snapshot: '/nonexistent/kstat-test.kss' }), errorCode('E_UNAVAILABLE'));
});

test('a failing provider leaves its kstats out of that update and is listed in failures; the others stay', async () => {
  const { ctl, tcp } = await setup();
  const broken = new Error('record does not fit its schema');
  tcp.collect = () => Promise.reject(broken);
  assert.equal(await ctl.chainUpdate(), 2);
  assert.deepEqual(ctl.deleted.map(kstatKey), ['tcp:0:Tcp', 'tcp:0:TcpExt']);
  assert.deepEqual(ctl.failures, [{ provider: 'tcp', error: broken }]);
  assert.ok(ctl.lookup('link', 0, 'lo') !== undefined);
});

test('providers that read the same view share one reading per update (and per readAll)', async () => {
  const clock = new FakeClockSource();
  let calls = 0;
  const source = clock.asSource();
  source.interfaces = async () => {
    calls++;
    return { source: clock.info, takenAt: new Date(0), monotonicNs: BigInt(calls), via: 'fake', data: [], issues: [], unavailable: [] };
  };
  const reader = (name: string) => ({
    name,
    modules: [name],
    collect: async (s: typeof source) => ({ kstats: [namedKstat(name, 0, name, { reading: (await s.interfaces()).monotonicNs })], issues: [] }),
  });
  const ctl = await KstatCtl.over(source, [reader('a'), reader('b')]);
  assert.equal(calls, 1);
  await ctl.chainUpdate();
  assert.equal(calls, 2);
  await ctl.readAll(ctl.chain.filter((k) => k.kid !== 0));
  assert.equal(calls, 3);
  assert.deepEqual(ctl.chain.slice(1).map((k) => (ctl.dataLookup(k, 'reading') as NamedStat).value), [3n, 3n], 'both from the same reading');
  await ctl.read(ctl.lookup('a')!);
  assert.equal(calls, 4, 'read() of one kstat reads again');
});
