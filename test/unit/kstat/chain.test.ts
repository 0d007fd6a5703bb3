/**
 * The chain: kid 0 is the headers kstat, kids are bound to module:instance:name for as
 * long as the kstat exists, the chain id changes exactly when the set changes, a merge
 * keeps survivors (with their data) and says what was added and deleted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Chain, kstatKey, sizeOf, type Found } from '../../../src/kstat/chain.js';
import type { KstatIdentity } from '../../../src/kstat/types.js';

const id = (module: string, instance: number, name: string, type: KstatIdentity['type'] = 'NAMED', cls = 'net'): KstatIdentity => ({ module, instance, name, class: cls, type });
const found = (ids: KstatIdentity[], provider = 0): Found[] => ids.map((i) => ({ id: i, provider }));
const keys = (c: Chain) => c.kstats.map((k) => `${k.kid}=${kstatKey(k)}`);

test('kid 0 is unix:0:kstat_headers, class kstat, RAW, in an empty chain', () => {
  const c = new Chain(5n);
  assert.deepEqual(keys(c), ['0=unix:0:kstat_headers']);
  const h = c.kstats[0]!;
  assert.equal(h.class, 'kstat');
  assert.equal(h.type, 'RAW');
  assert.equal(h.crtime, 5n);
  assert.equal(c.chainId, 1);
});

test('the first merge builds the chain under the initial id; kids follow the order found', () => {
  const c = new Chain(0n);
  const r = c.merge(found([id('link', 0, 'lo'), id('link', 0, 'eth0'), id('tcp', 0, 'Tcp')]), 10n);
  assert.equal(r.changed, true);
  assert.equal(c.chainId, 1);
  assert.deepEqual(keys(c), ['0=unix:0:kstat_headers', '1=link:0:lo', '2=link:0:eth0', '3=tcp:0:Tcp']);
  assert.deepEqual(r.added.map(kstatKey), ['link:0:lo', 'link:0:eth0', 'tcp:0:Tcp']);
  assert.equal(c.get('link:0:eth0')!.crtime, 10n);
});

test('the same set again: no change, same chain id, same objects', () => {
  const c = new Chain(0n);
  c.merge(found([id('link', 0, 'lo'), id('link', 0, 'eth0')]), 10n);
  const lo = c.get('link:0:lo');
  // Order in which providers report does not matter to the set.
  const r = c.merge(found([id('link', 0, 'eth0'), id('link', 0, 'lo')]), 20n);
  assert.deepEqual({ changed: r.changed, added: r.added.length, deleted: r.deleted.length }, { changed: false, added: 0, deleted: 0 });
  assert.equal(c.chainId, 1);
  assert.equal(c.get('link:0:lo'), lo);
  assert.equal(lo!.crtime, 10n, 'crtime is when the chain first saw it');
});

test('an added kstat bumps the chain id by one and gets the next kid; survivors keep theirs', () => {
  const c = new Chain(0n);
  c.merge(found([id('link', 0, 'lo'), id('link', 0, 'eth0')]), 10n);
  const r = c.merge(found([id('link', 0, 'lo'), id('link', 0, 'veth0'), id('link', 0, 'eth0')]), 20n);
  assert.equal(c.chainId, 2);
  assert.deepEqual(r.added.map(kstatKey), ['link:0:veth0']);
  assert.deepEqual(r.deleted, []);
  assert.deepEqual(keys(c), ['0=unix:0:kstat_headers', '1=link:0:lo', '2=link:0:eth0', '3=link:0:veth0']);
});

test('a deleted kstat bumps the chain id; a kstat that comes back is new (new kid, new crtime)', () => {
  const c = new Chain(0n);
  c.merge(found([id('link', 0, 'lo'), id('link', 0, 'veth0')]), 10n);
  const gone = c.merge(found([id('link', 0, 'lo')]), 20n);
  assert.equal(c.chainId, 2);
  assert.deepEqual(gone.deleted.map((k) => `${k.kid}=${kstatKey(k)}`), ['2=link:0:veth0']);
  assert.equal(c.byKidOf(2), undefined);
  const back = c.merge(found([id('link', 0, 'lo'), id('link', 0, 'veth0')]), 30n);
  assert.equal(c.chainId, 3);
  assert.deepEqual(keys(c), ['0=unix:0:kstat_headers', '1=link:0:lo', '3=link:0:veth0']);
  assert.equal(back.added[0]!.crtime, 30n);
});

test('adding and deleting in one update is one chain id step', () => {
  const c = new Chain(0n);
  c.merge(found([id('link', 0, 'a'), id('link', 0, 'b')]), 1n);
  const r = c.merge(found([id('link', 0, 'a'), id('link', 0, 'c')]), 2n);
  assert.equal(c.chainId, 2);
  assert.deepEqual([r.added.map(kstatKey), r.deleted.map(kstatKey)], [['link:0:c'], ['link:0:b']]);
});

test('a kstat whose type or class changes under the same name is deleted and added again', () => {
  const c = new Chain(0n);
  c.merge(found([id('x', 0, 'y', 'NAMED')]), 1n);
  const r = c.merge(found([id('x', 0, 'y', 'RAW')]), 2n);
  assert.deepEqual([r.added.map((k) => k.kid), r.deleted.map((k) => k.kid)], [[2], [1]]);
  const r2 = c.merge(found([id('x', 0, 'y', 'RAW', 'misc')]), 3n);
  assert.deepEqual([r2.added.map((k) => k.kid), r2.deleted.map((k) => k.kid)], [[3], [2]]);
  assert.equal(c.chainId, 3);
});

test('a duplicate module:instance:name from a second provider is ignored (first one owns it)', () => {
  const c = new Chain(0n);
  c.merge([...found([id('link', 0, 'lo')], 0), ...found([id('link', 0, 'lo')], 1)], 1n);
  assert.deepEqual(keys(c), ['0=unix:0:kstat_headers', '1=link:0:lo']);
  assert.equal(c.get('link:0:lo')!.provider, 0);
});

test('restore keeps the saved kids, chain id and next kid', () => {
  const c = new Chain(0n);
  c.merge(found([id('a', 0, 'a'), id('b', 0, 'b'), id('c', 0, 'c')]), 1n);
  c.merge(found([id('a', 0, 'a'), id('c', 0, 'c')]), 2n);
  const r = Chain.restore(c.chainId, 0n, c.kstats);
  assert.deepEqual(keys(r), ['0=unix:0:kstat_headers', '1=a:0:a', '3=c:0:c']);
  assert.equal(r.chainId, 2);
  r.merge(found([id('a', 0, 'a'), id('c', 0, 'c'), id('d', 0, 'd')]), 3n);
  assert.deepEqual(keys(r).at(-1), '4=d:0:d');
  assert.equal(r.chainId, 3, 'a restored chain is built: the next change bumps the id');
});

test('sizeOf gives the Solaris ks_ndata and ks_data_size', () => {
  assert.deepEqual(sizeOf({ type: 'NAMED', named: [{ name: 'a', type: 'UINT64', value: 1n }, { name: 'b', type: 'STRING', value: 'héllo' }] }), { ndata: 2, dataSize: 96 + 7 });
  assert.deepEqual(sizeOf({ type: 'RAW', raw: new Uint8Array(12) }), { ndata: 1, dataSize: 12 });
  assert.deepEqual(sizeOf({ type: 'TIMER', timers: [] }), { ndata: 0, dataSize: 0 });
  assert.deepEqual(sizeOf({ type: 'INTR', intr: { hard: 0n, soft: 0n, watchdog: 0n, spurious: 0n, multipleService: 0n } }), { ndata: 1, dataSize: 20 });
});
