/**
 * Live: the chain of another network namespace (kstatOpen({ pid }) of a process inside a
 * namespace this test creates) follows interfaces appearing and disappearing: the chain
 * id changes exactly when the set changes, chainUpdate() lists what was added and deleted,
 * survivors keep their kids, and a returning interface gets a new kid.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kstatOpen } from '../../src/kstat/kstat-ctl.js';
import { kstatKey } from '../../src/kstat/chain.js';
import type { NamedStat } from '../../src/kstat/types.js';
import { skipOrFail } from '../helpers/skip.js';
import { netnsUnavailable, TestNetns } from '../helpers/netns.js';

const INSIDE = `process.stdout.write('ready\\n'); process.stdin.on('end', () => process.exit(0)); process.stdin.resume(); setTimeout(() => process.exit(0), 60000).unref();`;

test('veth links appearing and disappearing in a namespace change the chain exactly then', async (t) => {
  const why = netnsUnavailable();
  if (why !== undefined) return skipOrFail(t, why);
  const ns = new TestNetns('kchain');
  try {
    const child = await ns.startNode(INSIDE);
    const ctl = await kstatOpen({ pid: child.pid! });
    const links = () => ctl.chain.filter((k) => k.module === 'link').map((k) => k.name);
    assert.deepEqual(links(), ['lo']);
    const id0 = ctl.chainId;
    const lo = ctl.lookup('link', 0, 'lo')!;
    assert.equal(await ctl.chainUpdate(), 0, 'nothing changed yet');

    ns.exec('ip', ['link', 'add', 'kst-a', 'type', 'veth', 'peer', 'name', 'kst-b']);
    const id1 = await ctl.chainUpdate();
    assert.equal(id1, id0 + 1);
    assert.equal(ctl.chainId, id1);
    assert.deepEqual(ctl.added.map(kstatKey).sort(), ['link:0:kst-a', 'link:0:kst-b']);
    assert.deepEqual(ctl.deleted, []);
    assert.equal(ctl.lookup('link', 0, 'lo'), lo, 'a survivor is the same kstat, same kid');
    const kidB = ctl.lookup('link', 0, 'kst-b')!.kid;
    assert.equal(await ctl.chainUpdate(), 0);

    const a = ctl.lookup('link', 0, 'kst-a')!;
    assert.equal(await ctl.read(a), id1, 'read() returns the chain id');
    assert.ok(a.snaptime > 0n && a.snaptime >= a.crtime);
    assert.equal((ctl.dataLookup(a, 'name') as NamedStat | undefined)?.value, 'kst-a');

    ns.exec('ip', ['link', 'del', 'kst-a']); // deletes the pair
    const id2 = await ctl.chainUpdate();
    assert.equal(id2, id1 + 1);
    assert.deepEqual(ctl.deleted.map(kstatKey).sort(), ['link:0:kst-a', 'link:0:kst-b']);
    assert.deepEqual(ctl.added, []);
    assert.deepEqual(links(), ['lo']);
    await assert.rejects(ctl.read(a), (e: unknown) => (e as { code?: string }).code === 'E_UNAVAILABLE');

    ns.exec('ip', ['link', 'add', 'kst-b', 'type', 'veth', 'peer', 'name', 'kst-c']);
    assert.equal(await ctl.chainUpdate(), id2 + 1);
    assert.deepEqual(ctl.added.map(kstatKey).sort(), ['link:0:kst-b', 'link:0:kst-c']);
    assert.ok(ctl.lookup('link', 0, 'kst-b')!.kid > kidB, 'a returning name is a new kstat with a new kid');
    await ctl.close();
  } finally {
    await ns.remove();
  }
});
