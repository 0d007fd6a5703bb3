/**
 * Live: scanSocketOwners on this machine's /proc finds the sockets this test process
 * holds, with the right fds. The inodes are taken independently, by reading
 * /proc/self/fd/<fd> here, not by the code under test. Loopback only (127.0.0.1).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { scanSocketOwners } from '../../src/sources/tree/process-owners.js';
import { TreeReader } from '../../src/sources/tree/reader.js';
import { isRoot, skipOrFail } from '../helpers/skip.js';

/** The fd behind a node:net socket or server (Node keeps it on the libuv handle). */
function fdOf(s: Socket | Server): number {
  const fd = (s as unknown as { _handle?: { fd?: number } })._handle?.fd;
  if (typeof fd !== 'number' || fd < 0) throw new Error('no fd on the handle');
  return fd;
}

function inodeOfFd(fd: number): number {
  const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
  if (m === null) throw new Error(`fd ${fd} is not a socket`);
  return Number(m[1]);
}

async function loopbackPairs(count: number): Promise<{ server: Server; sockets: Socket[] }> {
  const accepted: Socket[] = [];
  const server = createServer((s) => accepted.push(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const clients = await Promise.all(
    Array.from({ length: count }, () => new Promise<Socket>((resolve, reject) => {
      const c = connect(port, '127.0.0.1', () => resolve(c));
      c.once('error', reject);
    })),
  );
  while (accepted.length < count) await new Promise((r) => setTimeout(r, 5));
  return { server, sockets: [...clients, ...accepted] };
}

test('finds this process as owner of its own loopback TCP sockets, with the right fds', async (t) => {
  if (!existsSync('/proc/self/fd')) return skipOrFail(t, 'no /proc/self/fd on this machine');
  const { server, sockets } = await loopbackPairs(3);
  try {
    const expected = new Map<number, number>(); // inode → fd, from /proc/self/fd directly
    for (const s of [server, ...sockets]) expected.set(inodeOfFd(fdOf(s)), fdOf(s));
    assert.equal(expected.size, 7);
    const command = readFileSync('/proc/self/comm', 'utf8').replace(/\n$/, '');

    const part = await scanSocketOwners(new TreeReader({ root: '/' }), new Set(expected.keys()));
    assert.deepEqual(part.issues, []);
    assert.equal(part.data.size, 7);
    for (const [inode, fd] of expected) {
      assert.deepEqual(part.data.get(inode), [{ pid: process.pid, command, fd }], `inode ${inode}`);
    }
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('without wanted: our sockets are among all the sockets found', async () => {
  const { server, sockets } = await loopbackPairs(1);
  try {
    const inode = inodeOfFd(fdOf(server));
    const part = await scanSocketOwners(new TreeReader({ root: '/' }));
    assert.deepEqual(part.data.get(inode)?.map((o) => [o.pid, o.fd]), [[process.pid, fdOf(server)]]);
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('an unprivileged scan: other users\' processes give ONE unavailable entry, no issue storm', (t) => {
  const here = dirname(fileURLToPath(import.meta.url));
  const module = join(here, '..', '..', 'src', 'sources', 'tree', 'process-owners.js');
  const reader = join(here, '..', '..', 'src', 'sources', 'tree', 'reader.js');
  const script = `
    const { scanSocketOwners } = await import(${JSON.stringify(module)});
    const { TreeReader } = await import(${JSON.stringify(reader)});
    const p = await scanSocketOwners(new TreeReader({ root: '/' }));
    console.log(JSON.stringify({ unavailable: p.unavailable, issues: p.issues.length }));`;
  // As root, drop to nobody for the child; otherwise we are already unprivileged.
  const ids = isRoot() ? { uid: 65534, gid: 65534 } : {};
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', ...ids });
  if (r.status !== 0) return skipOrFail(t, `could not run an unprivileged child: ${r.stderr.slice(0, 200)}`);
  const out = JSON.parse(r.stdout) as { unavailable: { what: string; reason: string }[]; issues: number };
  assert.equal(out.issues, 0);
  assert.equal(out.unavailable.length, 1);
  assert.match(out.unavailable[0]!.what, /^owning processes of [1-9]\d* processes$/);
  assert.equal(out.unavailable[0]!.reason, 'permission denied');
});
