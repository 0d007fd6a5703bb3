/**
 * The snapshot source: queries applied at read time with the matching every source uses,
 * a view absent from the snapshot is E_UNAVAILABLE, owners are listed as unavailable,
 * the clock is the saved one, and a damaged file is E_PARSE.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KstatCtl, kstatOpen } from '../../../../src/kstat/kstat-ctl.js';
import { saveSnapshot } from '../../../../src/kstat/save-snapshot.js';
import { open, openSource } from '../../../../src/netstat/open.js';
import { PROVIDERS } from '../../../../src/kstat/providers/catalog.js';
import { KstatError } from '../../../../src/errors.js';
import { withoutUndefined } from '../../../helpers/recording-source.js';
import { tree } from '../../../helpers/fixture.js';

const LIVE = tree('linux-6.18.44-fc-v595-live');
const code = (c: string) => (e: unknown) => KstatError.is(e) && e.code === c;

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'kstat-snapsrc-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('socket and route queries are applied at read time, as on the tree itself', async (t) => {
  const file = join(tempDir(t), 'live.kss');
  await saveSnapshot(await kstatOpen({ root: LIVE }), file);
  const snap = await open({ snapshot: file });
  const live = await open({ root: LIVE });
  const queries = [{ protocol: 'tcp' as const, state: 'LISTEN' as const }, { family: 'unix' as const }, { port: 22 }, { protocol: ['udp', 'udplite'] as ('udp' | 'udplite')[], family: 'inet6' as const }];
  for (const q of queries) {
    assert.deepEqual(withoutUndefined((await snap.sockets(q)).data), withoutUndefined((await live.sockets(q)).data), JSON.stringify(q));
  }
  for (const q of [{}, { table: 'all' as const }, { family: 'inet6' as const, table: 'all' as const }, { family: 'inet' as const }]) {
    assert.deepEqual(withoutUndefined((await snap.routes(q)).data), withoutUndefined((await live.routes(q)).data), JSON.stringify(q));
  }
  // procfs cannot answer IPv4 table 255 at all (E_UNAVAILABLE there); the snapshot, saved
  // with every table, answers from what it holds, and says what the source could not give.
  await assert.rejects(live.routes({ table: 'local', family: 'inet' }), code('E_UNAVAILABLE'));
  const local = await snap.routes({ table: 'local', family: 'inet' });
  assert.deepEqual(local.data, []);
  assert.ok(local.unavailable.some((u) => u.what === 'IPv4 routes outside the main table'));
  const v6main = await snap.routes({ family: 'inet6' });
  assert.deepEqual(v6main.data, []);
  assert.ok(v6main.unavailable.some((u) => /saved routes whose table the original source could not tell/.test(u.what)));
  await assert.rejects(snap.sockets({ protocol: 'sctp' as never }), code('E_ARGUMENT'));
  const withOwners = await snap.sockets({ processes: true });
  assert.ok(withOwners.unavailable.some((u) => u.what === 'owning processes'));
  assert.ok(withOwners.data.every((s) => s.processes === undefined));
});

test('a view the snapshot does not hold is E_UNAVAILABLE', async (t) => {
  const file = join(tempDir(t), 'partial.kss');
  const onlyLinks = PROVIDERS.filter((p) => p.name === 'link' || p.name === 'netstat-interfaces');
  await saveSnapshot(await KstatCtl.over(await openSource({ root: LIVE }), onlyLinks), file);
  const snap = await open({ snapshot: file });
  assert.equal((await snap.interfaces()).data.length, 5);
  await assert.rejects(snap.routes(), code('E_UNAVAILABLE'));
  await assert.rejects(snap.cpu(), code('E_UNAVAILABLE'));
  const ctl = await kstatOpen({ snapshot: file });
  assert.deepEqual([...new Set(ctl.chain.map((k) => k.module))], ['unix', 'link', 'netstat']);
});

test('the clock of a snapshot is the saved one: latest snaptime, saved boot time', async (t) => {
  const file = join(tempDir(t), 'clock.kss');
  const ctl = await kstatOpen({ root: LIVE });
  await saveSnapshot(ctl, file);
  const source = await openSource({ snapshot: file });
  const clock = await source.clock();
  assert.equal(clock.bootTimeNs, 1795383160_000_000_000n);
  assert.equal(clock.sinceBootNs, ctl.chain.reduce((m, k) => (k.snaptime > m ? k.snaptime : m), 0n));
});

test('a damaged or truncated snapshot file is E_PARSE naming the file; a missing one E_UNAVAILABLE', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'ok.kss');
  await saveSnapshot(await kstatOpen({ root: LIVE }), file);
  const bytes = readFileSync(file);
  const flipped = Buffer.from(bytes);
  flipped[100] = flipped[100]! ^ 0xff;
  writeFileSync(join(dir, 'flipped.kss'), flipped);
  writeFileSync(join(dir, 'short.kss'), bytes.subarray(0, bytes.length - 9));
  for (const name of ['flipped.kss', 'short.kss']) {
    await assert.rejects(open({ snapshot: join(dir, name) }), (e: unknown) => code('E_PARSE')(e) && (e as KstatError).message.includes(name));
    await assert.rejects(kstatOpen({ snapshot: join(dir, name) }), code('E_PARSE'));
  }
  await assert.rejects(open({ snapshot: join(dir, 'nope.kss') }), code('E_UNAVAILABLE'));
});
