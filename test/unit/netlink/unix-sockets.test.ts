/**
 * Unix socket records from unix_diag (readUnixSockets over a replayed capture) against the
 * procfs records of the same sockets: /proc/net/unix of the same namespace was saved at the
 * moment of the capture (unix-diag-all.proc-net-unix.txt) and goes through the procfs
 * assembler unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { UnixSocket } from '../../../src/records/socket.js';
import { readUnixSockets } from '../../../src/sources/netlink/unix-sockets.js';
import { TreeReader } from '../../../src/sources/tree/reader.js';
import { readSockets } from '../../../src/sources/tree/assemble/sockets.js';
import type { SocketQuery } from '../../../src/sources/socket-query.js';
import { NETLINK_FIXTURES } from '../../helpers/netlink-capture.js';
import { replayChannel } from '../../helpers/replay-channel.js';

const MEMORY_IDLE = { rmem_alloc: 0n, rcvbuf: 212992n, wmem_alloc: 0n, sndbuf: 212992n, fwd_alloc: 0n, wmem_queued: 0n, optmem: 0n, backlog: 0n, drops: 0n };

async function netlink(query: SocketQuery = {}) {
  const channel = replayChannel('unix-diag-all');
  const part = await readUnixSockets(channel, query);
  return { part, channel };
}

async function procfs(): Promise<UnixSocket[]> {
  const reader = new TreeReader({ root: NETLINK_FIXTURES, overrides: { 'proc/net/unix': join(NETLINK_FIXTURES, 'unix-diag-all.proc-net-unix.txt') } });
  const part = await readSockets(reader, { protocol: 'unix' });
  assert.deepEqual(part.issues, []);
  return part.data as UnixSocket[];
}

function u32At(payload: Uint8Array, at: number): number {
  return new DataView(payload.buffer, payload.byteOffset).getUint32(at, true);
}

test('a listener record: LISTEN with the accept flag, its queue and backlog, bound file, uid, memory', async () => {
  const { part } = await netlink();
  assert.deepEqual(part.issues, []);
  assert.deepEqual(
    part.data.find((s) => s.inode === 5593000),
    {
      protocol: 'unix',
      family: 'unix',
      type: 'STREAM',
      state: 'LISTEN',
      path: 'listener.sock',
      inode: 5593000,
      refcount: undefined,
      flags: 0x10000,
      kernelPointer: undefined,
      peerInode: 0,
      recvQueue: 1,
      sendQueue: 7,
      uid: 0,
      vfsInode: 2146456,
      vfsDevice: 266338304,
      memory: MEMORY_IDLE,
      processes: undefined,
      extra: undefined,
    },
  );
});

test('types, states, names, peers and queues of all 13 sockets', async () => {
  const { part } = await netlink();
  assert.deepEqual(
    part.data.map((s) => [s.inode, s.type, s.state, s.flags, s.path, s.peerInode, s.recvQueue, s.sendQueue, s.uid]),
    [
      [5593003, 'STREAM', 'CONNECTED', 0, 'listener.sock', 5593001, 100, 0, 0],
      [5593001, 'STREAM', 'CONNECTED', 0, undefined, 5593003, 0, 768, 0],
      [5593002, 'STREAM', 'CONNECTED', 0, undefined, 0, 0, 0, 0],
      [5593011, 'DGRAM', 'UNCONNECTED', 0, undefined, 0, 0, 0, 0],
      [5593005, 'STREAM', 'CONNECTED', 0, undefined, 5593004, 10, 0, 0],
      [5593004, 'STREAM', 'CONNECTED', 0, undefined, 5593005, 0, 768, 0],
      [5593000, 'STREAM', 'LISTEN', 0x10000, 'listener.sock', 0, 1, 7, 0],
      [5593007, 'DGRAM', 'CONNECTED', 0, 'dgram.sock', 0, 33, 0, 0],
      [5593010, 'DGRAM', 'UNCONNECTED', 0, 'with space é.sock', 0, 0, 0, 0],
      [5593008, 'DGRAM', 'CONNECTED', 0, undefined, 5593007, 0, 768, 0],
      [5593012, 'DGRAM', 'UNCONNECTED', 0, '@kstat-uid', 0, 0, 0, 4321],
      [5593009, 'SEQPACKET', 'LISTEN', 0x10000, '@kstat-seq', 0, 0, 1, 0],
      [5593006, 'STREAM', 'LISTEN', 0x10000, '@kstat-abstract@x', 0, 0, 3, 0],
    ],
  );
});

test('every field both paths give is equal; procfs alone lists the queued connection that has no file yet', async () => {
  const ours = (await netlink()).part.data;
  const theirs = await procfs();
  const byInode = new Map(theirs.map((s) => [s.inode, s]));
  assert.deepEqual(
    theirs.filter((s) => !ours.some((o) => o.inode === s.inode)).map((s) => [s.inode, s.state, s.path]),
    [[0, 'CONNECTING', 'listener.sock']],
  );
  for (const mine of ours) {
    const other = byInode.get(mine.inode);
    assert.ok(other !== undefined, `procfs lacks socket ${mine.inode}`);
    const shared = (Object.keys(mine) as (keyof UnixSocket)[]).filter((k) => mine[k] !== undefined && other[k] !== undefined);
    for (const k of ['protocol', 'family', 'type', 'state', 'inode', 'flags'] as const) assert.ok(shared.includes(k), `${mine.inode}: ${k}`);
    assert.equal(shared.includes('path'), mine.path !== undefined);
    for (const k of shared) assert.deepEqual(mine[k], other[k], `socket ${mine.inode} field ${k}`);
    assert.equal(other.path, mine.path, `socket ${mine.inode}: bound in one listing only`);
  }
});

test('the request asks for every state, names, files, peers, queues and uids; memory only when the query wants it', async () => {
  const plain = await netlink();
  assert.deepEqual(plain.channel.protocols, [4]);
  assert.equal(plain.channel.dumps[0]!.type, 20);
  assert.equal(u32At(plain.channel.dumps[0]!.payload, 4), 0xffffffff);
  assert.equal(u32At(plain.channel.dumps[0]!.payload, 12), 0x57);
  const memory = await netlink({ memory: true });
  assert.equal(u32At(memory.channel.dumps[0]!.payload, 12), 0x77);
});

test('a state query narrows the kernel\'s dump by sk_state and the records by state', async () => {
  const listen = await netlink({ state: 'LISTEN' });
  assert.equal(u32At(listen.channel.dumps[0]!.payload, 4), 1 << 10);
  assert.deepEqual(listen.part.data.map((s) => s.inode), [5593000, 5593009, 5593006]);
  const connected = await netlink({ state: ['CONNECTED', 'CONNECTING'] });
  assert.equal(u32At(connected.channel.dumps[0]!.payload, 4), 1 << 1);
  assert.equal(connected.part.data.length, 7);
  const unconnected = await netlink({ family: 'unix', state: 'UNCONNECTED' });
  assert.equal(u32At(unconnected.channel.dumps[0]!.payload, 4), 0xfffffbfd);
  assert.deepEqual(unconnected.part.data.map((s) => s.inode), [5593011, 5593010, 5593012]);
});

test('a query that rules unix sockets out opens no socket', async () => {
  for (const query of [{ protocol: 'tcp' }, { family: 'inet6' }, { port: 22 }, { state: 'ESTABLISHED' }] as SocketQuery[]) {
    const { part, channel } = await netlink(query);
    assert.deepEqual(part.data, [], JSON.stringify(query));
    assert.deepEqual(channel.protocols, [], JSON.stringify(query));
  }
});

test('a bad query is refused before any socket is opened', async () => {
  const channel = replayChannel('unix-diag-all');
  await assert.rejects(readUnixSockets(channel, { state: 'LISTENING' as never }), { code: 'E_ARGUMENT' });
  assert.deepEqual(channel.protocols, []);
});
