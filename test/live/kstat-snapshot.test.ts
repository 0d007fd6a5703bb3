/**
 * Live: save a snapshot of the live kernel, open it, and get back every view exactly as
 * the reading that was saved (deepEqual, with the saved takenAt and via) and every kstat
 * (header and data), the chain id and the boot time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KstatCtl, kstatOpen } from '../../src/kstat/kstat-ctl.js';
import { saveSnapshot } from '../../src/kstat/save-snapshot.js';
import { open, openSource } from '../../src/netstat/open.js';
import type { Kstat } from '../../src/kstat/chain.js';
import type { Session } from '../../src/netstat/session.js';
import { recording, withoutUndefined, type ViewMethod } from '../helpers/recording-source.js';

const plain = (k: Kstat) => ({ kid: k.kid, module: k.module, instance: k.instance, name: k.name, class: k.class, type: k.type, flags: k.flags, crtime: k.crtime, snaptime: k.snaptime, ndata: k.ndata, dataSize: k.dataSize, data: k.data });

const VIEWS: [ViewMethod, (s: Session) => Promise<unknown>][] = [
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

test('live → saveSnapshot → open({ snapshot }): every view and every kstat as saved', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kstat-live-snap-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'live.kss');
  const rec = recording(await openSource());
  const ctl = await KstatCtl.over(rec.source);
  const saved = await saveSnapshot(ctl, file);
  assert.deepEqual(ctl.failures, []);
  assert.ok(saved.bytes > 0);

  const session = await open({ snapshot: file });
  for (const [view, call] of VIEWS) {
    const taken = rec.readings.get(view) ?? [];
    if (taken.length === 0) {
      await assert.rejects(call(session), (e: unknown) => (e as { code?: string }).code === 'E_UNAVAILABLE', view);
      continue;
    }
    const back = (await call(session)) as { monotonicNs: bigint };
    const original = taken.find((r) => r.monotonicNs === back.monotonicNs);
    assert.ok(original !== undefined, `${view}: the saved reading is one the live source gave`);
    assert.deepEqual(withoutUndefined(back), withoutUndefined(original), `${view} equals the saved reading`);
  }
  for (const view of ['sockets', 'interfaces', 'protocolStats', 'memory'] as const) assert.ok(rec.readings.has(view), `live ${view} saved`);

  const back = await kstatOpen({ snapshot: file });
  assert.equal(back.chainId, ctl.chainId);
  assert.equal(back.bootTimeNs, ctl.bootTimeNs);
  assert.ok(back.bootTimeNs > 0n);
  await back.readAll();
  assert.deepEqual(back.chain.map(plain), ctl.chain.map(plain));
  await session.close();
  await back.close();
  await ctl.close();
});
