/**
 * Snapshot round trip on captured trees: kstatOpen({ root }) → saveSnapshot → open({ snapshot })
 * gives every view exactly as the reading that was saved, and kstatOpen({ snapshot }) gives
 * every kstat (header and data), the chain id and the boot time as saved.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KstatCtl, kstatOpen } from '../../../src/kstat/kstat-ctl.js';
import { saveSnapshot } from '../../../src/kstat/save-snapshot.js';
import { open, openSource } from '../../../src/netstat/open.js';
import type { Kstat } from '../../../src/kstat/chain.js';
import type { Session } from '../../../src/netstat/session.js';
import { recording, withoutUndefined, type ViewMethod } from '../../helpers/recording-source.js';
import { tree } from '../../helpers/fixture.js';

const SETS = ['linux-6.18.44-fc-v595-live', 'linux-6.18.44-fc-v595-netns', 'procfs-fixtures', 'diamond-fixtures', 'goprocinfo-fixtures'];

/** A header and data as plain values, for deepEqual across the two chains. */
export function plainKstat(k: Kstat) {
  const { kid, module, instance, name, type, flags, crtime, snaptime, ndata, dataSize, data } = k;
  return { kid, module, instance, name, class: k.class, type, flags, crtime, snaptime, ndata, dataSize, data };
}

/** Session method of a view, with the query the providers used (every socket, every route table). */
const VIEW_CALLS: [ViewMethod, (s: Session) => Promise<unknown>][] = [
  ['sockets', (s) => s.sockets()],
  ['listenQueues', (s) => s.listenQueues()],
  ['interfaces', (s) => s.interfaces()],
  ['memory', (s) => s.memory()],
  ['packetSockets', (s) => s.packetSockets()],
  ['routes', (s) => s.routes({ table: 'all' })],
  ['neighbours', (s) => s.neighbours()],
  ['routeStats', (s) => s.routeStats()],
  ['multicast', (s) => s.multicast()],
  ['protocolStats', (s) => s.protocolStats()],
  ['cpu', (s) => s.cpu()],
  ['memoryInfo', (s) => s.memoryInfo()],
  ['disks', (s) => s.disks()],
  ['interrupts', (s) => s.interrupts()],
  ['scheduler', (s) => s.scheduler()],
];


for (const set of SETS) {
  test(`snapshot round trip of ${set}: every view and every kstat as saved`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'kstat-snap-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, `${set}.kss`);
    const rec = recording(await openSource({ root: tree(set) }));
    const ctl = await KstatCtl.over(rec.source);
    const saved = await saveSnapshot(ctl, file);
    assert.equal(saved.kstats, ctl.chain.length);
    assert.equal(saved.chainId, ctl.chainId);

    const session = await open({ snapshot: file });
    assert.equal(session.info.kind, 'snapshot');
    let views = 0;
    assert.deepEqual(ctl.failures.map((f) => `${f.provider}: ${(f.error as Error).message}`), [], 'every provider could save its kstats');
    for (const [view, call] of VIEW_CALLS) {
      const taken = rec.readings.get(view) ?? [];
      if (taken.length === 0) {
        await assert.rejects(call(session), (e: unknown) => (e as { code?: string }).code === 'E_UNAVAILABLE', `${view}: not in the source, not in the snapshot`);
        continue;
      }
      views++;
      // Several providers read some views (link and netstat:0:interfaces both read interfaces):
      // the saved one is the reading with the same monotonic stamp.
      const back = (await call(session)) as { monotonicNs: bigint };
      const original = taken.find((r) => r.monotonicNs === back.monotonicNs);
      assert.ok(original !== undefined, `${view}: the snapshot's reading is one the source gave`);
      assert.deepEqual(withoutUndefined(back), withoutUndefined(original), `${view} equals the saved reading`);
    }
    assert.ok(views >= 3, `${set}: at least 3 views saved (${views})`);

    const back = await kstatOpen({ snapshot: file });
    assert.equal(back.chainId, ctl.chainId);
    assert.equal(back.bootTimeNs, ctl.bootTimeNs);
    assert.equal(await back.chainUpdate(), 0, 'a snapshot chain never changes');
    await back.readAll();
    assert.deepEqual(back.chain.map(plainKstat), ctl.chain.map(plainKstat));
    await session.close();
    await back.close();
  });
}

test('the boot time of a tree comes from its proc/stat btime; a tree without it has 0', async () => {
  const live = await kstatOpen({ root: tree('linux-6.18.44-fc-v595-live') });
  assert.equal(live.bootTimeNs, 1795383160_000_000_000n);
  const diamond = await kstatOpen({ root: tree('diamond-fixtures') });
  assert.equal(diamond.bootTimeNs, 0n);
});

test('saveSnapshot(session) saves the session\'s source', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kstat-snap-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const session = await open({ root: tree('linux-6.18.44-fc-v595-netns') });
  const saved = await saveSnapshot(session, join(dir, 's.kss'));
  const back = await open({ snapshot: saved.path });
  assert.deepEqual((await back.interfaces()).data.map((i) => i.name), (await session.interfaces()).data.map((i) => i.name));
  assert.match(back.info.label, /\(tree .*linux-6\.18\.44-fc-v595-netns\)$/);
});
