import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanSocketOwners } from '../../../../src/sources/tree/process-owners.js';
import { readerThread } from '../../../../src/sources/tree/reader-thread.js';
import { TreeReader, type ListOutcome } from '../../../../src/sources/tree/reader.js';

/*
 * The owner scan's second lane (fd tables read by the reader thread) against the main lane
 * alone: a synthetic /proc with many processes, some large fd tables, an unreadable link.
 */
const root = mkdtempSync(join(tmpdir(), 'kstat-lanes-'));
after(() => rmSync(root, { recursive: true, force: true }));

for (let p = 0; p < 40; p++) {
  const pid = String(1000 + p);
  const fd = join(root, 'proc', pid, 'fd');
  mkdirSync(fd, { recursive: true });
  writeFileSync(join(root, 'proc', pid, 'comm'), `cmd${p}\n`);
  const n = p % 10 === 0 ? 3000 : 5 + p;
  for (let i = 0; i < n; i++) symlinkSync(i % 7 === 0 ? '/dev/null' : `socket:[${(p % 3) * 100000 + i}]`, join(fd, String(i)));
}
// A process whose fd dir is a file: readdir fails (ENOTDIR: as if it vanished).
mkdirSync(join(root, 'proc', '77'), { recursive: true });
writeFileSync(join(root, 'proc', '77', 'fd'), 'not a directory');

/** The same tree, read by the main lane only (a reader whose listSync is its own keeps the thread out). */
class OneLane extends TreeReader {
  override listSync(logical: string): ListOutcome {
    return super.listSync(logical);
  }
}

async function threadUp(): Promise<void> {
  const thread = readerThread();
  assert.ok(thread !== undefined);
  for (let waited = 0; !thread.ready; waited += 10) {
    assert.ok(waited < 10_000, 'the reader thread started');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const sorted = (m: Map<number, unknown>) => [...m.entries()].sort((a, b) => a[0] - b[0]);

test('two lanes find exactly the owners one lane finds (all, and a wanted set)', async () => {
  await threadUp();
  const one = await scanSocketOwners(new OneLane({ root }));
  const two = await scanSocketOwners(new TreeReader({ root }));
  assert.deepEqual([two.issues, two.unavailable], [one.issues, one.unavailable]);
  assert.deepEqual(sorted(two.data), sorted(one.data));
  assert.ok(one.data.size > 5000, `${one.data.size} sockets`);
  // Shared inodes (pids with the same p % 3) list every holder in pid order.
  assert.deepEqual(two.data.get(1)?.map((o) => o.pid).slice(0, 3), [1000, 1003, 1006]);
  const wanted = new Set([1, 100001, 200002, 2999, 123456]);
  const w1 = await scanSocketOwners(new OneLane({ root }), wanted);
  const w2 = await scanSocketOwners(new TreeReader({ root }), wanted);
  assert.deepEqual(sorted(w2.data), sorted(w1.data));
  assert.deepEqual([...w2.data.keys()].sort((a, b) => a - b), [1, 2999, 100001, 200002]);
});

test('the thread lane reports a hidden fd directory as absent, like listSync', async () => {
  await threadUp();
  const reader = new TreeReader({ root, hidden: { 'proc/1000': 'another namespace' } });
  assert.deepEqual(await reader.linksInThread('proc/1000/fd', { first: 100 }), { ok: false, reason: 'absent', message: 'another namespace' });
  const got = await reader.linksInThread('proc/1001/fd', { first: 100 });
  assert.ok(got !== undefined && got.ok);
  assert.deepEqual([got.names.length, got.targets.filter((t) => typeof t === 'string').length], [6, 6]);
  const notDir = await reader.linksInThread('proc/77/fd', { first: 100 });
  assert.ok(notDir !== undefined && !notDir.ok && notDir.errno === 'ENOTDIR');
});
