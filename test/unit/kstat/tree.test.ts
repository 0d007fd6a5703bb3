/**
 * The Perl-style tree: tree[module][instance][name][statistic], leaves filled on first
 * access, update() returning { added, deleted } and refreshing only accessed leaves,
 * empty levels pruned, kstat_* left out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KstatCtl } from '../../../src/kstat/kstat-ctl.js';
import { tree } from '../../../src/kstat/tree.js';
import { tree as fixtureTree } from '../../helpers/fixture.js';
import { FakeClockSource, FakeProvider, namedKstat } from '../../helpers/fake-kstat-source.js';

async function setup() {
  const clock = new FakeClockSource();
  const links = new FakeProvider('link', ['link']);
  links.kstats = [namedKstat('link', 0, 'lo', { rbytes64: 100n }), namedKstat('link', 0, 'eth0', { rbytes64: 5n })];
  const ctl = await KstatCtl.over(clock.asSource(), [links]);
  return { clock, links, ctl, t: await tree(ctl) };
}

test('three upper levels from the chain; kstat_headers is not in the tree', async () => {
  const { t } = await setup();
  assert.deepEqual(Object.keys(t), ['link']);
  assert.deepEqual(Object.keys(t.link!), ['0']);
  assert.deepEqual(Object.keys(t.link![0]!), ['lo', 'eth0']);
  assert.equal(t.unix, undefined);
});

test('a leaf holds class and crtime until first access, then every statistic and snaptime', async () => {
  const { t, clock, links } = await setup();
  const lo = t.link![0]!.lo!;
  assert.equal(lo.class, 'net');
  assert.equal(lo.crtime, 1_000n);
  const collects = links.collects;
  assert.equal(lo.rbytes64, 100n);
  assert.equal(typeof lo.rbytes64, 'bigint');
  assert.equal(lo.snaptime, 1_000n);
  assert.equal(links.collects, collects, 'first access uses the chain update\'s reading: no new read');
  assert.deepEqual(Object.keys(lo).sort(), ['class', 'crtime', 'rbytes64', 'snaptime']);
  assert.equal('rbytes64' in lo, true);
  assert.equal('nosuch' in lo, false);
  clock.now = 2_000n;
  assert.throws(() => {
    (lo as Record<string, unknown>).rbytes64 = 1n;
  }, TypeError);
});

test('update(): Perl lists, refreshed accessed leaves, new and pruned entries', async () => {
  const { t, clock, links } = await setup();
  assert.equal(t.link![0]!.lo!.rbytes64, 100n);
  clock.now = 3_000n;
  links.kstats = [namedKstat('link', 0, 'lo', { rbytes64: 180n }), namedKstat('link', 2, 'veth0', { rbytes64: 1n })];
  const r = await t.update();
  assert.deepEqual(r, { added: ['link:2:veth0'], deleted: ['link:0:eth0'] });
  assert.equal(t.link![0]!.lo!.rbytes64, 180n);
  assert.equal(t.link![0]!.lo!.snaptime, 3_000n);
  assert.deepEqual(Object.keys(t.link!), ['0', '2']);
  assert.equal(t.link![0]!.eth0, undefined);
  assert.equal(t.link![2]!.veth0!.rbytes64, 1n);
  links.kstats = [namedKstat('link', 0, 'lo', { rbytes64: 181n })];
  assert.deepEqual(await t.update(), { added: [], deleted: ['link:2:veth0'] });
  assert.equal(t.link![2], undefined, 'an instance with no names left is pruned');
  assert.deepEqual(await t.update(), { added: [], deleted: [] });
});

test('tree({ root }) opens its own ctl; link:0:lo.rbytes64 is the /proc/net/dev bigint; netstat views decode', async () => {
  const t = await tree({ root: fixtureTree('linux-6.18.44-fc-v595-live') });
  assert.equal(t.link![0]!.lo!.rbytes64, 7673997n);
  assert.equal(t.tcp![0]!.Tcp!.MaxConn, -1n);
  assert.equal(t.link![0]!.eth0!.mtu, 1400);
  const interfaces = t.netstat![0]!.interfaces!;
  assert.equal(interfaces.class, 'netstat');
  assert.equal(interfaces.records, 5);
  assert.deepEqual(((interfaces.reading as { data: { name: string }[] }).data).map((i) => i.name), ['lo', 'ifb0', 'ifb1', 'eth0', 'kfxh0']);
  assert.equal(t.ctl.info.kind, 'tree');
  await t.ctl.close();
});
