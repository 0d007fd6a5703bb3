import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readerThread } from '../../../../src/sources/tree/reader-thread.js';
import { TreeReader, type ChunkOutcome } from '../../../../src/sources/tree/reader.js';
import { REPO_ROOT, tree } from '../../../helpers/fixture.js';

const LIVE = 'linux-6.18.44-fc-v595-live';
const BUSY = 'linux-6.18.44-fc-v595-busy';

/** Every step of a chunked read: the bytes joined, and the failure that ended it, if any. */
async function readAll(reader: TreeReader, logical: string, chunkBytes?: number, pause = false) {
  const parts: Buffer[] = [];
  let failure: ChunkOutcome | undefined;
  let chunks = 0;
  for await (const step of reader.readChunks(logical, chunkBytes)) {
    if (!step.ok) {
      failure = step;
      continue;
    }
    assert.equal(failure, undefined, 'nothing after a failure');
    assert.ok(step.bytes.length > 0 && (chunkBytes === undefined || step.bytes.length <= chunkBytes));
    parts.push(Buffer.from(step.bytes)); // a chunk is valid until the next step: keep a copy
    chunks++;
    if (pause) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return { bytes: Buffer.concat(parts), failure, chunks };
}

const fileBytes = (set: string, logical: string) => readFileSync(join(tree(set), logical));
const openFds = () => readdirSync('/proc/self/fd').length;

async function threadReady(): Promise<void> {
  const thread = readerThread();
  assert.ok(thread !== undefined, 'a reader thread can run here');
  for (let waited = 0; !thread.ready; waited += 10) {
    assert.ok(waited < 10_000, 'the reader thread started');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// The first reads of the process run before the reader thread is up: the reader reads by itself.
test('before the thread runs: the chunks are the file, at every chunk size', async () => {
  const reader = new TreeReader({ root: tree(LIVE) });
  const want = fileBytes(LIVE, 'proc/net/tcp');
  for (const size of [1, 7, 149, 150, 4096, want.length, want.length + 1]) {
    const got = await readAll(reader, 'proc/net/tcp', size);
    assert.deepEqual([got.failure, got.bytes.equals(want)], [undefined, true], `chunk ${size}`);
  }
  assert.deepEqual((await readAll(reader, 'proc/net/icmp')).bytes, fileBytes(LIVE, 'proc/net/icmp'));
});

test('through the thread: the chunks are the file (4.5 MB busy capture, small and large chunks)', async () => {
  await threadReady();
  const reader = new TreeReader({ root: tree(BUSY) });
  const want = fileBytes(BUSY, 'proc/net/tcp');
  assert.ok(want.length > 4_000_000);
  for (const size of [4096, 65536, undefined]) {
    const got = await readAll(reader, 'proc/net/tcp', size);
    assert.deepEqual([got.failure, got.bytes.equals(want)], [undefined, true], `chunk ${size}`);
  }
});

test('two reads at once: one through the thread, the other by the reader, handing over when the thread is free', async () => {
  await threadReady();
  const reader = new TreeReader({ root: tree(BUSY) });
  const [a, b, c] = await Promise.all([
    readAll(reader, 'proc/net/tcp', 65536, true),
    readAll(reader, 'proc/net/tcp6', 512, true),
    readAll(new TreeReader({ root: tree(LIVE) }), 'proc/net/tcp', 100, true),
  ]);
  assert.ok(a.bytes.equals(fileBytes(BUSY, 'proc/net/tcp')));
  assert.ok(b.bytes.equals(fileBytes(BUSY, 'proc/net/tcp6')));
  assert.ok(c.bytes.equals(fileBytes(LIVE, 'proc/net/tcp')));
});

test('failures: hidden, absent, a directory, larger than the cap (by the reader and through the thread)', async () => {
  const hidden = new TreeReader({ root: tree(LIVE), hidden: { 'proc/net/tcp6': 'another namespace' } });
  assert.deepEqual(await readAll(hidden, 'proc/net/tcp6'), { bytes: Buffer.alloc(0), failure: { ok: false, reason: 'absent', message: 'another namespace' }, chunks: 0 });
  const reader = new TreeReader({ root: tree(LIVE) });
  const absent = await readAll(reader, 'proc/net/no-such-table');
  assert.deepEqual([absent.chunks, absent.failure?.ok === false && absent.failure.reason, absent.failure?.ok === false && absent.failure.errno], [0, 'absent', 'ENOENT']);
  await threadReady();
  const dir = await readAll(reader, 'proc/net');
  assert.deepEqual([dir.chunks, dir.failure?.ok === false && dir.failure.reason, dir.failure?.ok === false && dir.failure.errno], [0, 'error', 'EISDIR']);
  const capped = new TreeReader({ root: tree(LIVE) }, 1000);
  for (const size of [256, 4096]) {
    const big = await readAll(capped, 'proc/net/tcp', size);
    assert.ok(big.bytes.length <= 1000 + size);
    assert.deepEqual(big.failure, { ok: false, reason: 'too-large', message: 'larger than the 1000-byte cap' }, `chunk ${size}`);
  }
  assert.ok((await readAll(capped, 'proc/net/icmp')).failure === undefined, 'a file under the cap reads');
});

test('a consumer that stops early: the descriptor is closed and the thread reads on for the next caller', async () => {
  await threadReady();
  const reader = new TreeReader({ root: tree(BUSY) });
  const before = openFds();
  for (const size of [4096, 65536]) {
    for await (const step of reader.readChunks('proc/net/tcp', size)) {
      assert.ok(step.ok);
      break;
    }
    assert.equal(openFds(), before, `chunk ${size}: nothing left open`);
  }
  const again = await readAll(reader, 'proc/net/tcp');
  assert.ok(again.bytes.equals(fileBytes(BUSY, 'proc/net/tcp')));
  assert.equal(openFds(), before);
});

test('the reader thread never keeps a process alive', () => {
  const url = pathToFileURL(join(REPO_ROOT, 'build/src/sources/tree/reader.js')).href;
  const script = `
    const { TreeReader } = await import(${JSON.stringify(url)});
    const reader = new TreeReader({ root: ${JSON.stringify(tree(BUSY))} });
    let bytes = 0;
    for await (const s of reader.readChunks('proc/net/tcp', 4096)) bytes += s.ok ? s.bytes.length : 0;
    await new Promise((r) => setTimeout(r, 300)); // the thread is up by now
    for await (const s of reader.readChunks('proc/net/tcp', 4096)) bytes += s.ok ? s.bytes.length : 0;
    console.log(bytes);`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(run.signal, null, 'exited by itself');
  assert.deepEqual([run.status, run.stdout.trim()], [0, String(2 * fileBytes(BUSY, 'proc/net/tcp').length)], run.stderr);
});
