import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSnapshotFile, readSnapshotFile, writeSnapshotFile } from '../../../../src/sources/snapshot/snapshot-file.js';
import { encodeSnapshot, type Snapshot } from '../../../../src/protocol/snapshot/format.js';
import { KstatError } from '../../../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'kstat-snapshot-file-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const snapshot: Snapshot = {
  formatVersion: { major: 1, minor: 0 },
  source: { kind: 'live', label: 'live kernel' },
  savedAtNs: 1_795_386_100_123_456_789n,
  chainId: 1,
  kstats: [{ kid: 1, module: 'link', instance: 0, name: 'lo', class: 'net', type: 'NAMED', flags: 0, crtime: 1n, snaptime: 2n, ndata: 1, dataSize: 48, data: { type: 'NAMED', named: [{ name: 'rbytes64', type: 'UINT64', value: 42n }] } }],
};

function code(expected: string, pattern?: RegExp) {
  return (e: unknown) => KstatError.is(e) && e.code === expected && (pattern === undefined || pattern.test(e.message));
}

test('written bytes read back exactly; no temporary file is left behind', async () => {
  const path = join(dir, 'a.kss');
  const bytes = encodeSnapshot(snapshot);
  await writeSnapshotFile(path, bytes);
  assert.deepEqual(new Uint8Array(readFileSync(path)), bytes);
  assert.deepEqual(await readSnapshotFile(path), bytes);
  assert.deepEqual(await loadSnapshotFile(path), snapshot);
  assert.deepEqual(readdirSync(dir).filter((n) => n.startsWith('.a.kss')), []);
});

test('writing over an existing file replaces it whole', async () => {
  const path = join(dir, 'b.kss');
  writeFileSync(path, 'old content that is longer than the new one '.repeat(100));
  await writeSnapshotFile(path, Uint8Array.of(1, 2, 3, 4));
  assert.deepEqual([...readFileSync(path)], [1, 2, 3, 4]);
});

test('a write that cannot happen leaves no temporary file and is E_SOURCE_IO or E_UNAVAILABLE', async () => {
  await assert.rejects(writeSnapshotFile(join(dir, 'no-such-dir', 'c.kss'), Uint8Array.of(1)), code('E_UNAVAILABLE'));
  const target = join(dir, 'is-a-dir');
  mkdirSync(target);
  await assert.rejects(writeSnapshotFile(target, Uint8Array.of(1)), code('E_SOURCE_IO', /EISDIR/));
  assert.deepEqual(readdirSync(dir).filter((n) => n.endsWith('.tmp')), []);
});

test('reading refuses a file above the cap before reading it (E_LIMIT)', async () => {
  const path = join(dir, 'big.kss');
  writeFileSync(path, new Uint8Array(1000));
  await assert.rejects(readSnapshotFile(path, { maxBytes: 999 }), code('E_LIMIT', /larger than the limit of 999 bytes/));
  assert.equal((await readSnapshotFile(path, { maxBytes: 1000 })).length, 1000);
});

test('a missing file is E_UNAVAILABLE, a directory E_SOURCE_IO', async () => {
  await assert.rejects(readSnapshotFile(join(dir, 'missing.kss')), code('E_UNAVAILABLE', /no such file/));
  await assert.rejects(readSnapshotFile(dir), code('E_SOURCE_IO'));
});

test('another failure to open (a path through a regular file: ENOTDIR) is E_SOURCE_IO', async () => {
  const file = join(dir, 'plain');
  writeFileSync(file, 'x');
  await assert.rejects(readSnapshotFile(join(file, 'x.kss')), code('E_SOURCE_IO', /ENOTDIR/));
});

test('loading a damaged file is E_PARSE naming the file and the byte', async () => {
  const path = join(dir, 'damaged.kss');
  const bytes = encodeSnapshot(snapshot);
  bytes[30] = (bytes[30] as number) ^ 0xff;
  writeFileSync(path, bytes);
  await assert.rejects(loadSnapshotFile(path), (e: unknown) => code('E_PARSE', /checksum .* the file is damaged \(at byte \d+\)$/)(e) && (e as KstatError).file === path);
  const truncated = join(dir, 'truncated.kss');
  writeFileSync(truncated, encodeSnapshot(snapshot).subarray(0, 40));
  await assert.rejects(loadSnapshotFile(truncated), code('E_PARSE', /shorter than the \d+ its header declares \(at byte 40\)$/));
});
