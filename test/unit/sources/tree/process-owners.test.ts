import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanSocketOwners, socketInode } from '../../../../src/sources/tree/process-owners.js';
import { TreeReader, type LinkTarget, type ListOutcome, type ReadOutcome } from '../../../../src/sources/tree/reader.js';

/*
 * A synthetic /proc made by the test: proc/<pid>/fd/<n> are symbolic links with the
 * kernel's target text, proc/<pid>/comm the command with its newline.
 */
const root = mkdtempSync(join(tmpdir(), 'kstat-owners-'));
after(() => rmSync(root, { recursive: true, force: true }));

function proc(pid: string, comm: string | undefined, links: Record<string, string>): void {
  const fd = join(root, 'proc', pid, 'fd');
  mkdirSync(fd, { recursive: true });
  if (comm !== undefined) writeFileSync(join(root, 'proc', pid, 'comm'), `${comm}\n`);
  for (const [n, target] of Object.entries(links)) symlinkSync(target, join(fd, n));
}

proc('100', 'nginx', { '0': '/dev/null', '3': 'socket:[123]', '4': 'socket:[456]', '5': 'pipe:[789]', '6': 'anon_inode:[eventpoll]' });
proc('200', 'worker', { '7': 'socket:[123]', '2': 'socket:[999]' });
proc('31', 'sshd', { '9': 'socket:[123]' }); // '31' sorts after '200' as text: owners must sort by number
proc('self', 'not-a-pid', { '1': 'socket:[555]' }); // /proc/self and friends are not pids
mkdirSync(join(root, 'proc', '300'), { recursive: true }); // no fd dir: a process that just exited
mkdirSync(join(root, 'proc', 'net'), { recursive: true });
// A large fd table, beyond one synchronous batch (2048 links), to exercise the chunking.
const big: Record<string, string> = {};
for (let i = 0; i < 5000; i++) big[String(i + 10)] = `socket:[${700000 + i}]`;
proc('4000', 'haproxy', big);

test('socket:[N] targets map inode → pid, command, fd; shared sockets list every holder by pid', async () => {
  const part = await scanSocketOwners(new TreeReader({ root }));
  assert.deepEqual(part.issues, []);
  assert.deepEqual(part.unavailable, []);
  assert.deepEqual(part.data.get(123), [
    { pid: 31, command: 'sshd', fd: 9 },
    { pid: 100, command: 'nginx', fd: 3 },
    { pid: 200, command: 'worker', fd: 7 },
  ]);
  assert.deepEqual(part.data.get(456), [{ pid: 100, command: 'nginx', fd: 4 }]);
  assert.deepEqual(part.data.get(999), [{ pid: 200, command: 'worker', fd: 2 }]);
  assert.equal(part.data.get(555), undefined);
  assert.equal(part.data.get(789), undefined); // a pipe, not a socket
  assert.deepEqual(part.data.get(700000), [{ pid: 4000, command: 'haproxy', fd: 10 }]);
  assert.deepEqual(part.data.get(704999), [{ pid: 4000, command: 'haproxy', fd: 5009 }]);
  assert.equal(part.data.size, 3 + 5000);
});

/** Counts comm reads, to check that `wanted` skips processes without a wanted socket. */
class CountingReader extends TreeReader {
  readonly reads: string[] = [];
  override async read(logical: string): Promise<ReadOutcome> {
    this.reads.push(logical);
    return super.read(logical);
  }
}

test('wanted: only those inodes are kept, and comm is read only for processes holding one', async () => {
  const reader = new CountingReader({ root });
  const part = await scanSocketOwners(reader, new Set([456, 999]));
  assert.deepEqual([...part.data.keys()].sort((a, b) => a - b), [456, 999]);
  assert.deepEqual(part.data.get(456), [{ pid: 100, command: 'nginx', fd: 4 }]);
  assert.deepEqual(reader.reads.sort(), ['proc/100/comm', 'proc/200/comm']);
});

/**
 * Failures a synthetic tree cannot produce when the tests run as root (who passes
 * permission checks on plain files): another user's fd dir (EACCES on readdir), a
 * process whose links are refused (readdir allowed, readlink EACCES: what pid 1 does
 * on some machines), processes exiting mid-scan (ESRCH, ENOENT), and an I/O error.
 */
class FailingReader extends TreeReader {
  override listSync(logical: string): ListOutcome {
    if (logical === 'proc/100/fd' || logical === 'proc/31/fd') return { ok: false, reason: 'denied', errno: 'EACCES', message: 'EACCES' };
    if (logical === 'proc/4000/fd') return { ok: false, reason: 'error', errno: 'ESRCH', message: 'ESRCH' };
    return super.listSync(logical);
  }
  override readLinksSync(logicalDir: string, names: readonly string[]): LinkTarget[] {
    const out = super.readLinksSync(logicalDir, names);
    if (logicalDir === 'proc/200/fd') {
      // fd 2 vanished between readdir and readlink; fd 7 gives EIO.
      return names.map((n, i) =>
        n === '2' ? { ok: false, reason: 'absent', errno: 'ENOENT', message: 'ENOENT' } : n === '7' ? { ok: false, reason: 'error', errno: 'EIO', message: 'EIO' } : out[i]!,
      );
    }
    return out;
  }
}

test('denied pids: one unavailable entry with the count; vanished silent; other errors one issue', async () => {
  const part = await scanSocketOwners(new FailingReader({ root }));
  assert.deepEqual(part.unavailable, [{ what: 'owning processes of 2 processes', reason: 'permission denied' }]);
  assert.equal(part.issues.length, 1);
  assert.equal(part.issues[0]?.code, 'read-error');
  assert.equal(part.issues[0]?.message, '1 fd or comm reads failed while scanning owning processes (first: EIO: EIO)');
  assert.equal(part.data.size, 0);
});

class LinkDeniedReader extends TreeReader {
  override readLinksSync(logicalDir: string, names: readonly string[]): LinkTarget[] {
    if (logicalDir !== 'proc/100/fd') return super.readLinksSync(logicalDir, names);
    return names.map(() => ({ ok: false, reason: 'denied', errno: 'EACCES', message: 'EACCES' }) as const);
  }
}

test('readdir allowed but readlink refused: counted once as denied, its sockets not attributed', async () => {
  const part = await scanSocketOwners(new LinkDeniedReader({ root }));
  assert.deepEqual(part.unavailable, [{ what: 'owning processes of 1 processes', reason: 'permission denied' }]);
  assert.equal(part.data.get(456), undefined);
  assert.deepEqual(part.data.get(123), [
    { pid: 31, command: 'sshd', fd: 9 },
    { pid: 200, command: 'worker', fd: 7 },
  ]);
});

test('a tree without proc/<pid>/fd (a capture): owners unavailable, said once', async () => {
  const bare = mkdtempSync(join(tmpdir(), 'kstat-owners-bare-'));
  try {
    mkdirSync(join(bare, 'proc', 'net'), { recursive: true });
    mkdirSync(join(bare, 'proc', '26231', 'net'), { recursive: true });
    const part = await scanSocketOwners(new TreeReader({ root: bare }));
    assert.equal(part.data.size, 0);
    assert.deepEqual(part.unavailable, [{ what: 'owning processes', file: 'proc/<pid>/fd', reason: 'not present in this source' }]);
    const none = await scanSocketOwners(new TreeReader({ root: join(bare, 'nothing') }));
    assert.deepEqual(none.unavailable, [{ what: 'owning processes', file: 'proc', reason: 'not present in this source' }]);
  } finally {
    rmSync(bare, { recursive: true, force: true });
  }
});

test('socketInode: only socket:[digits]', () => {
  assert.equal(socketInode('socket:[114372]'), 114372);
  assert.equal(socketInode('socket:[4294967295]'), 4294967295);
  assert.equal(socketInode('socket:[]'), undefined);
  assert.equal(socketInode('socket:[ 12]'), undefined);
  assert.equal(socketInode('socket:[12'), undefined);
  assert.equal(socketInode('pipe:[12]'), undefined);
  assert.equal(socketInode('/dev/null'), undefined);
});

test('an empty wanted set: no scan at all (no reads), an empty map', async () => {
  const reader = new CountingReader({ root });
  const part = await scanSocketOwners(reader, new Set());
  assert.deepEqual(part, { data: new Map(), issues: [], unavailable: [] });
  assert.deepEqual(reader.reads, []);
});
