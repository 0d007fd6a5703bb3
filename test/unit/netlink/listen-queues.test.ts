/**
 * Listen queues from sock_diag (readListenQueues over the replayed LISTEN + SYN_RECV dumps of
 * the test namespace described in inet-diag.test.ts) against the procfs listen queues of the
 * same moment (inet.proc-net-tcp*.txt): the same listeners, queues and half-open counts, plus
 * the backlog procfs cannot give.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readListenQueues } from '../../../src/sources/netlink/listen-queues.js';
import { readListenQueues as readProcfsListenQueues } from '../../../src/sources/tree/assemble/listen-queues.js';
import { TreeReader } from '../../../src/sources/tree/reader.js';
import { NETLINK_FIXTURES, readCapture } from '../../helpers/netlink-capture.js';
import { inetReplayChannel } from '../../helpers/inet-replay-channel.js';

function channel() {
  return inetReplayChannel((ask) => (ask.family === 2 ? 'inet-listen4' : 'inet-listen6'));
}

test('every listener with its accept queue, half-open requests and backlog', async () => {
  const c = channel();
  const part = await readListenQueues(c);
  assert.deepEqual(part.issues, []);
  assert.deepEqual(part.unavailable, []);
  assert.deepEqual(
    c.asked.map((a) => [a.family, a.protocol, a.ext, a.states]),
    [
      [2, 6, 0, (1 << 10) | (1 << 3) | (1 << 12)],
      [10, 6, 0, (1 << 10) | (1 << 3) | (1 << 12)],
    ],
  );
  assert.deepEqual(part.data, [
    { protocol: 'tcp', family: 'inet', localAddress: '127.0.0.1', localPort: 7070, inode: 5600530, acceptQueue: 1, incomplete: 0, maxBacklog: 7 },
    { protocol: 'tcp', family: 'inet', localAddress: '10.231.0.1', localPort: 7072, inode: 5600541, acceptQueue: 0, incomplete: 2, maxBacklog: 5 },
    { protocol: 'tcp', family: 'inet', localAddress: '127.0.0.2', localPort: 7071, inode: 5600536, acceptQueue: 0, incomplete: 0, maxBacklog: 3 },
    { protocol: 'tcp', family: 'inet6', localAddress: '::', localPort: 7081, inode: 5600537, acceptQueue: 1, incomplete: 0, maxBacklog: 4 },
    { protocol: 'tcp', family: 'inet6', localAddress: '::1', localPort: 7082, inode: 5600539, acceptQueue: 1, incomplete: 0, maxBacklog: 2 },
  ]);
});

test('the same as procfs of the same moment, except the backlog only netlink gives', async () => {
  const overrides = { 'proc/net/tcp': join(NETLINK_FIXTURES, 'inet.proc-net-tcp.txt'), 'proc/net/tcp6': join(NETLINK_FIXTURES, 'inet.proc-net-tcp6.txt') };
  const theirs = await readProcfsListenQueues(new TreeReader({ root: NETLINK_FIXTURES, overrides }));
  const ours = await readListenQueues(channel());
  assert.deepEqual(
    ours.data.map((q) => ({ ...q, maxBacklog: undefined })),
    theirs.data,
  );
});

test('a dual-stack wildcard listener counts IPv4 requests; a request with no listener is not counted', async () => {
  // The captured request sockets (10.231.0.1:7072) re-aimed: first at port 7081, where only
  // [::]:7081 listens (dual-stack, so the kernel would have sent the SYN there), then at 7099.
  for (const [port, expected] of [[7081, [0, 2]], [7099, [0, 0]]] as const) {
    const bytes = readCapture('inet-listen4').slice();
    const view = new DataView(bytes.buffer);
    for (let at = 0; at < bytes.length; at += (view.getUint32(at, true) + 3) & ~3) {
      if (view.getUint16(at + 4, true) === 20 && bytes[at + 16 + 1] === 3) view.setUint16(at + 16 + 4, port, false);
    }
    const c = inetReplayChannel((ask) => (ask.family === 2 ? bytes : 'inet-listen6'));
    const part = await readListenQueues(c);
    const at7072 = part.data.find((q) => q.localPort === 7072)!;
    const at7081 = part.data.find((q) => q.localPort === 7081)!;
    assert.deepEqual([at7072.incomplete, at7081.incomplete], expected, `requests aimed at port ${port}`);
  }
});

test('a kernel without tcp_diag: listen queues are unavailable (an error, not an empty list)', async () => {
  await assert.rejects(readListenQueues(inetReplayChannel(() => 'inet-raw4-enoent')), { code: 'E_UNAVAILABLE' });
});
