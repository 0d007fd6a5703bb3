import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { KstatError } from '../../../../../src/errors.js';
import { readListenQueues } from '../../../../../src/sources/tree/assemble/listen-queues.js';
import { TreeReader } from '../../../../../src/sources/tree/reader.js';
import { fixtureText, tree, VARIANTS } from '../../../../helpers/fixture.js';

const LIVE = 'linux-6.18.44-fc-v595-live';
const read = (set: string) => readListenQueues(new TreeReader({ root: tree(set) }));
const brief = (q: { family: string; localAddress: string; localPort: number; inode: number; acceptQueue: number; incomplete: number }) =>
  `${q.family} ${q.localAddress}:${q.localPort} inode=${q.inode} accept=${q.acceptQueue} incomplete=${q.incomplete}`;

test('live: three listeners; 127.0.0.1:36195 has the one connection left in its accept queue (SOURCE.md)', async () => {
  const part = await read(LIVE);
  assert.deepEqual(part.issues, []);
  assert.deepEqual(part.unavailable, []);
  assert.deepEqual(part.data.map(brief), [
    'inet 0.0.0.0:2024 inode=1058 accept=0 incomplete=0',
    'inet 127.0.0.1:36195 inode=114336 accept=1 incomplete=0',
    'inet6 ::1:36553 inode=114348 accept=0 incomplete=0',
  ]);
  assert.deepEqual(part.data[1], {
    protocol: 'tcp', family: 'inet', localAddress: '127.0.0.1', localPort: 36195, inode: 114336, acceptQueue: 1, incomplete: 0, maxBacklog: undefined,
  });
});

test('live: the accept queues are the Recv-Q that ss printed for the LISTEN lines (ss got Send-Q, the backlog, from netlink)', async () => {
  const ss = fixtureText(LIVE, 'peer-tools/ss-tanoie.txt')
    .split('\n')
    .filter((l) => l.startsWith('LISTEN'))
    .map((l) => l.split(/\s+/))
    .map((f) => `${f[3]} ${f[1]}`);
  assert.deepEqual(ss, ['0.0.0.0:2024 0', '127.0.0.1:36195 1', '[::1]:36553 0']);
  const ours = (await read(LIVE)).data.map((q) => `${q.family === 'inet6' ? `[${q.localAddress}]` : q.localAddress}:${q.localPort} ${q.acceptQueue}`);
  assert.deepEqual(ours, ss);
});

test('other sets: busy, netns (no listener), procfs-fixtures, goprocinfo (tcp6 only), diamond (tcp only)', async () => {
  assert.deepEqual((await read('linux-6.18.44-fc-v595-busy')).data.map(brief), [
    'inet 0.0.0.0:2024 inode=1058 accept=0 incomplete=0',
    'inet 127.0.0.1:17001 inode=50628 accept=0 incomplete=0',
  ]);
  assert.deepEqual((await read('linux-6.18.44-fc-v595-netns')).data, []);
  assert.deepEqual((await read('procfs-fixtures')).data.map((q) => `${q.localAddress}:${q.localPort} ${q.acceptQueue}`), ['10.0.0.5:22 1', '0.0.0.0:22 0', '0.0.0.0:22 1']);
  const go = await read('goprocinfo-fixtures');
  assert.deepEqual(go.data.map(brief), ['inet6 :::22 inode=420555 accept=0 incomplete=0']);
  assert.deepEqual(go.unavailable.map((u) => [u.what, u.file]), [['tcp listen queues', 'proc/net/tcp']]);
  const diamond = await read('diamond-fixtures');
  assert.equal(diamond.data.length, 9);
  assert.deepEqual(diamond.unavailable.map((u) => u.file), ['proc/net/tcp6']);
});

test('request entries are matched to listeners in the kernel lookup order, dual-stack included', async () => {
  const reader = new TreeReader({
    root: join(VARIANTS, 'no-such-dir'),
    overrides: { 'proc/net/tcp': join(VARIANTS, 'net-tcp.listen-queues'), 'proc/net/tcp6': join(VARIANTS, 'net-tcp6.listen-queues') },
  });
  const part = await readListenQueues(reader);
  assert.deepEqual(part.issues, []);
  assert.deepEqual(part.data.map(brief), [
    // 127.0.0.1:80 and 127.0.0.2:80 have no listener of their own: both go to the wildcard.
    // The Fast Open child (SYN_RECV with TCP columns) and the ESTABLISHED one are not requests.
    'inet 0.0.0.0:80 inode=5001 accept=2 incomplete=2',
    // SO_REUSEPORT pair on one address: requests are counted on the first.
    'inet 127.0.0.1:8080 inode=5002 accept=0 incomplete=1',
    'inet 127.0.0.1:8080 inode=5003 accept=0 incomplete=0',
    // An IPv4 request to :443, where only a [::] listener exists: that listener is dual-stack.
    // Plus the IPv6 requests to ::1:443 and fe80::1:443.
    'inet6 :::443 inode=6001 accept=0 incomplete=3',
    // An IPv4 request to 127.0.0.1:9000 reaches the listener bound to ::ffff:127.0.0.1.
    'inet6 ::ffff:127.0.0.1:9000 inode=6002 accept=1 incomplete=1',
    'inet6 ::1:8443 inode=6003 accept=0 incomplete=1',
  ]);
  // Not counted anywhere: 127.0.0.1:10000 (no listener) and [::1]:9000 (the ::ffff: listener is not ::1).
  assert.equal(part.data.reduce((n, q) => n + q.incomplete, 0), 8);
});

test('no tcp table at all: E_UNAVAILABLE', async () => {
  const reader = new TreeReader({ root: join(VARIANTS, 'no-such-dir') });
  await assert.rejects(readListenQueues(reader), (e: unknown) => KstatError.is(e) && e.code === 'E_UNAVAILABLE' && /listen queues/.test(e.message));
});
