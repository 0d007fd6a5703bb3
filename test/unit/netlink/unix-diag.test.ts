/**
 * unix_diag request bytes and message parsing, on a real reply: test/fixtures/netlink/
 * unix-diag-all.bin was captured (kernel 6.18, every UDIAG_SHOW_* bit) in a namespace holding
 * a stream listener "listener.sock" (backlog 7) with one accepted connection (100 bytes
 * unread) and one still queued, a socketpair (10 bytes unread), an abstract listener
 * "\0kstat-abstract\0x" (backlog 3), a datagram server "dgram.sock" with a connected client
 * (33 bytes queued), an abstract seqpacket listener "\0kstat-seq", a datagram socket bound to
 * "with space é.sock", an unbound datagram socket and one bound to "\0kstat-uid" by uid 4321.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Issue } from '../../../src/errors.js';
import {
  buildUnixDiagRequest,
  parseUnixDiagMessage,
  unixNameText,
  type UnixDiagMessage,
} from '../../../src/protocol/netlink/unix-diag.js';
import { hex } from '../../helpers/bytes.js';
import { readCapture, replay } from '../../helpers/netlink-capture.js';

function parseCapture(): { messages: UnixDiagMessage[]; issues: Issue[]; outcome: string } {
  const messages: UnixDiagMessage[] = [];
  const issues: Issue[] = [];
  const walk = replay(readCapture('unix-diag-all'), (bytes, view, _type, start, end) => {
    const m = parseUnixDiagMessage(bytes, view, start, end, issues);
    if (m !== undefined) messages.push(m);
  });
  return { messages, issues, outcome: walk.outcome.kind };
}

const MEMORY_IDLE = { rmem_alloc: 0n, rcvbuf: 212992n, wmem_alloc: 0n, sndbuf: 212992n, fwd_alloc: 0n, wmem_queued: 0n, optmem: 0n, backlog: 0n, drops: 0n };

function parseOne(payload: Uint8Array): { message: UnixDiagMessage | undefined; issues: Issue[] } {
  const issues: Issue[] = [];
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  return { message: parseUnixDiagMessage(payload, view, 0, payload.length, issues), issues };
}

test('the request is struct unix_diag_req: AF_UNIX, protocol 0, states, inode, show, cookie (host order)', () => {
  assert.deepEqual(buildUnixDiagRequest({ show: 0x7f }), hex('01 00 0000 | ffffffff | 00000000 | 7f000000 | 00000000 00000000'));
  assert.deepEqual(
    buildUnixDiagRequest({ states: 1 << 10, inode: 5593000, show: 0x01, cookie: 0x1122334455667788n }),
    hex('01 00 0000 | 00040000 | a8575500 | 01000000 | 88776655 44332211'),
  );
});

test('the capture holds 13 sockets, in the kernel\'s order, and no issue', () => {
  const { messages, issues, outcome } = parseCapture();
  assert.equal(outcome, 'done');
  assert.deepEqual(issues, []);
  assert.deepEqual(
    messages.map((m) => [m.inode, m.type, m.state, m.name]),
    [
      [5593003, 1, 1, 'listener.sock'], // the accepted end carries its listener's name
      [5593001, 1, 1, undefined],
      [5593002, 1, 1, undefined], // the client still in the accept queue
      [5593011, 2, 7, undefined],
      [5593005, 1, 1, undefined],
      [5593004, 1, 1, undefined],
      [5593000, 1, 10, 'listener.sock'],
      [5593007, 2, 1, 'dgram.sock'],
      [5593010, 2, 7, 'with space é.sock'],
      [5593008, 2, 1, undefined],
      [5593012, 2, 7, '@kstat-uid'],
      [5593009, 5, 10, '@kstat-seq'],
      [5593006, 1, 10, '@kstat-abstract@x'],
    ],
  );
});

test('a listener: bound file, pending connection inodes, accept queue and backlog, memory', () => {
  const listener = parseCapture().messages.find((m) => m.inode === 5593000);
  assert.deepEqual(listener, {
    type: 1,
    state: 10,
    inode: 5593000,
    cookie: 2110647n,
    name: 'listener.sock',
    vfsInode: 2146456,
    vfsDevice: 266338304, // 254:0 in the kernel's dev_t encoding (major << 20 | minor)
    pendingConnections: [5593002],
    receiveQueue: 1,
    sendQueue: 7,
    memory: MEMORY_IDLE,
    shutdown: 0,
    uid: 0,
    peerInode: undefined, // a listener has no peer
    unknown: undefined,
  });
});

test('connected sockets: peer inodes both ways, bytes queued in and out; no peer attribute when unconnected', () => {
  const byInode = new Map(parseCapture().messages.map((m) => [m.inode, m]));
  assert.deepEqual([byInode.get(5593003)!.peerInode, byInode.get(5593003)!.receiveQueue, byInode.get(5593003)!.sendQueue], [5593001, 100, 0]);
  assert.deepEqual([byInode.get(5593001)!.peerInode, byInode.get(5593001)!.sendQueue], [5593003, 768]);
  assert.deepEqual([byInode.get(5593005)!.peerInode, byInode.get(5593005)!.receiveQueue], [5593004, 10]);
  assert.deepEqual([byInode.get(5593008)!.peerInode, byInode.get(5593007)!.receiveQueue], [5593007, 33]);
  // The queued client's peer is the embryo socket, which has no inode yet.
  assert.equal(byInode.get(5593002)!.peerInode, 0);
  assert.equal(byInode.get(5593011)!.peerInode, undefined);
  assert.equal(byInode.get(5593011)!.vfsInode, undefined);
});

test('abstract and unbound names, the owner uid, empty pending lists', () => {
  const byInode = new Map(parseCapture().messages.map((m) => [m.inode, m]));
  assert.equal(byInode.get(5593012)!.uid, 4321);
  assert.equal(byInode.get(5593012)!.vfsInode, undefined);
  assert.deepEqual(byInode.get(5593009)!.pendingConnections, []);
  assert.deepEqual([byInode.get(5593009)!.receiveQueue, byInode.get(5593009)!.sendQueue], [0, 1]);
  assert.deepEqual(byInode.get(5593006)!.pendingConnections, []);
});

test('names print as /proc/net/unix prints them', () => {
  const text = (h: string) => {
    const b = hex(h);
    return unixNameText(b, 0, b.length);
  };
  assert.equal(text('2f 72 75 6e 2f 78 00'), '/run/x'); // the terminating NUL the kernel counts
  assert.equal(text('00 61 62'), '@ab');
  assert.equal(text('00 61 00 62'), '@a@b');
  assert.equal(text('00'), '@');
  assert.equal(text('61 00 62 00'), 'a@b'); // a NUL inside a path prints as "@" too
  assert.equal(text('c3 a9 00'), 'é');
  assert.equal(text('00 ff'), '@\ufffd');
  assert.equal(text(''), undefined);
  assert.equal(text('61'), undefined); // one byte of path is only its NUL: nothing to print
});

test('an unknown attribute is kept by number; a short one is a truncated issue and its field stays undefined', () => {
  const header = '01 01 07 00 | 01000000 | 02000000 03000000';
  const { message, issues } = parseOne(hex(`${header} | 08002a00 deadbeef | 08000100 44332211 | 05000600 01000000`));
  assert.deepEqual(issues.map((i) => i.code), ['truncated']);
  assert.match(issues[0]!.message, /UNIX_DIAG_VFS at byte 24 has 4 bytes, needs 8/);
  assert.equal(message!.vfsInode, undefined);
  assert.equal(message!.cookie, 0x0000000300000002n);
  assert.equal(message!.shutdown, 1);
  assert.deepEqual(message!.unknown, { 42: hex('deadbeef') });
});

test('a short header or another family gives no message, with an issue', () => {
  const short = parseOne(hex('01 01 07 00 01000000'));
  assert.equal(short.message, undefined);
  assert.deepEqual(short.issues.map((i) => i.code), ['truncated']);
  const inet = parseOne(hex('02 01 07 00 | 01000000 | 00000000 00000000'));
  assert.equal(inet.message, undefined);
  assert.deepEqual(inet.issues.map((i) => i.code), ['unknown-format']);
});

test('an attribute length running past the message stops the walk with bad-length; earlier attributes stay', () => {
  const { message, issues } = parseOne(hex('01 01 01 00 | 01000000 | 00000000 00000000 | 08000200 09000000 | 40000700 00000000'));
  assert.equal(message!.peerInode, 9);
  assert.equal(message!.uid, undefined);
  assert.deepEqual(issues.map((i) => i.code), ['bad-length']);
  assert.match(issues[0]!.message, /byte 24: length 64 runs past/);
});

test('a pending-connection list that is not whole u32s keeps the whole ones and says so', () => {
  const { message, issues } = parseOne(hex('01 01 0a 00 | 01000000 | 00000000 00000000 | 0a000300 05000000 0600 0000'));
  assert.deepEqual(message!.pendingConnections, [5]);
  assert.deepEqual(issues.map((i) => i.code), ['bad-length']);
});
