import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { KstatError } from '../../../../../src/errors.js';
import type { InetSocket, Socket, UnixSocket } from '../../../../../src/records/socket.js';
import { readSockets } from '../../../../../src/sources/tree/assemble/sockets.js';
import { TreeReader, type ChunkOutcome, type ReadOutcome } from '../../../../../src/sources/tree/reader.js';
import { fixtureText, tree, VARIANTS } from '../../../../helpers/fixture.js';

const LIVE = 'linux-6.18.44-fc-v595-live';
const NETNS = 'linux-6.18.44-fc-v595-netns';

/** A reader that remembers which files were asked for. */
class CountingReader extends TreeReader {
  readonly reads: string[] = [];
  override async read(logical: string): Promise<ReadOutcome> {
    this.reads.push(logical);
    return super.read(logical);
  }
  override readChunks(logical: string, chunkBytes?: number): AsyncGenerator<ChunkOutcome, void, undefined> {
    this.reads.push(logical);
    return super.readChunks(logical, chunkBytes);
  }
}

const reader = (set: string) => new CountingReader({ root: tree(set) });
/** A tree with nothing in it but the given variant files at the given logical paths. */
const variantTree = (files: Record<string, string>) =>
  new TreeReader({ root: join(VARIANTS, 'no-such-dir'), overrides: Object.fromEntries(Object.entries(files).map(([l, v]) => [l, join(VARIANTS, v)])) });

const inet = (s: Socket[]) => s.filter((x): x is InetSocket => x.protocol !== 'unix');
const unix = (s: Socket[]) => s.filter((x): x is UnixSocket => x.protocol === 'unix');

/** ss's words for kernel states, and its endpoint text. */
const SS_STATE: Record<string, string> = { ESTABLISHED: 'ESTAB', CLOSE: 'UNCONN', FIN_WAIT1: 'FIN-WAIT-1', FIN_WAIT2: 'FIN-WAIT-2', CONNECTED: 'ESTAB', UNCONNECTED: 'UNCONN' };
const ssState = (state: string) => SS_STATE[state] ?? state.replace('_', '-');
const endpoint = (s: InetSocket, side: 'local' | 'remote') => {
  const [address, port] = side === 'local' ? [s.localAddress, s.localPort] : [s.remoteAddress, s.remotePort];
  return `${s.family === 'inet6' ? `[${address}]` : address}:${side === 'remote' && port === 0 ? '*' : port}`;
};
/** "State Recv-Q Local Peer" of each socket line of a committed ss output. */
const ssLines = (set: string, file: string, columns: number[]) =>
  fixtureText(set, `peer-tools/${file}`)
    .split('\n')
    .filter((l) => /^[A-Za-z]/.test(l) && !/^(State|Netid|Failed)/.test(l))
    .map((l) => columns.map((c) => l.split(/\s+/)[c]).join(' '))
    .sort();

test('live: every socket of every table, no issues, nothing unavailable', async () => {
  const part = await readSockets(reader(LIVE), {});
  assert.deepEqual(part.issues, []);
  assert.deepEqual(part.unavailable, []);
  const count = new Map<string, number>();
  for (const s of part.data) count.set(`${s.protocol}/${s.family}`, (count.get(`${s.protocol}/${s.family}`) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries(count), {
    'tcp/inet': 22, 'tcp/inet6': 6, 'udp/inet': 2, 'udp/inet6': 2, 'udplite/inet': 1, 'udplite/inet6': 1,
    'raw/inet': 1, 'raw/inet6': 1, 'unix/unix': 8,
  });
});

test('live and netns TCP are the sockets ss -tanoie printed: state, Recv-Q, endpoints', async () => {
  for (const set of [LIVE, NETNS]) {
    const part = await readSockets(reader(set), { protocol: 'tcp' });
    const ours = inet(part.data).map((s) => `${ssState(s.state)} ${s.recvQueue} ${endpoint(s, 'local')} ${endpoint(s, 'remote')}`).sort();
    assert.deepEqual(ours, ssLines(set, 'ss-tanoie.txt', [0, 1, 3, 4]), set);
  }
});

test('live UDP is what ss -uanoie printed (UNCONN = CLOSE, Recv-Q = receive memory)', async () => {
  const part = await readSockets(reader(LIVE), { protocol: 'udp' });
  const ours = inet(part.data).map((s) => `${ssState(s.state)} ${s.recvQueue} ${s.sendQueue} ${endpoint(s, 'local')} ${endpoint(s, 'remote')}`).sort();
  assert.deepEqual(ours, ssLines(LIVE, 'ss-uanoie.txt', [0, 1, 2, 3, 4]));
});

test('live unix sockets are what ss -xa printed: type, state, name, inode', async () => {
  const part = await readSockets(reader(LIVE), { family: 'unix' });
  const TYPE = { STREAM: 'u_str', DGRAM: 'u_dgr', SEQPACKET: 'u_seq' };
  const ours = unix(part.data).map((s) => `${TYPE[s.type]} ${ssState(s.state)} ${s.path ?? '*'} ${s.inode}`).sort();
  assert.deepEqual(ours, ssLines(LIVE, 'ss-xa.txt', [0, 1, 4, 5]));
});

test('records: a TCP listener (fast-open limit, not ssthresh), a connection with delayed-ACK state, a UDP socket', async () => {
  const part = await readSockets(reader(LIVE), { protocol: ['tcp', 'udp'], family: 'inet', localPort: 36195 });
  assert.deepEqual(part.data[0], {
    protocol: 'tcp', family: 'inet', localAddress: '127.0.0.1', localPort: 36195, remoteAddress: '0.0.0.0', remotePort: 0,
    state: 'LISTEN', sendQueue: 0, recvQueue: 1, timer: 'off', timerExpires: 0n, retransmits: 0, uid: 0, timeout: 0,
    inode: 114336, refcount: 2, kernelPointer: '000000000d05bf20', rto: 100, ato: 0, quickAck: 0, pingpong: false, cwnd: 10,
    ssthresh: undefined, fastOpenQueueMax: 0, drops: undefined, processes: undefined, extra: undefined,
  });
  const conn = inet(part.data).find((s) => s.remotePort === 51066)!;
  assert.deepEqual([conn.state, conn.recvQueue, conn.rto, conn.ato, conn.quickAck, conn.pingpong, conn.ssthresh, conn.fastOpenQueueMax], [
    'ESTABLISHED', 1000, 20, 4, 16, false, -1, undefined,
  ]);
  const udp = await readSockets(reader(LIVE), { protocol: 'udp', localPort: 35944 });
  assert.deepEqual(udp.data, [{
    protocol: 'udp', family: 'inet', localAddress: '127.0.0.1', localPort: 35944, remoteAddress: '0.0.0.0', remotePort: 0,
    state: 'CLOSE', sendQueue: 0, recvQueue: 2496, timer: 'off', timerExpires: 0n, retransmits: 0, uid: 0, timeout: 0,
    inode: 114353, refcount: 2, kernelPointer: '0000000008a6b1ce', rto: undefined, ato: undefined, quickAck: undefined,
    pingpong: undefined, cwnd: undefined, ssthresh: undefined, fastOpenQueueMax: undefined, drops: 0n, processes: undefined, extra: undefined,
  }]);
});

test('records: TIME_WAIT and FIN_WAIT2 timewait entries, a unix listener', async () => {
  const tw = await readSockets(reader(LIVE), { protocol: 'tcp', state: ['FIN_WAIT2'] });
  assert.deepEqual(inet(tw.data).map((s) => [s.localPort, s.timer, s.timerExpires, s.inode, s.refcount, s.rto]), [[51098, 'timewait', 5857n, 0, 3, undefined]]);
  const listener = await readSockets(reader(LIVE), { protocol: 'unix', state: 'LISTEN' });
  assert.deepEqual(listener.data, [{
    protocol: 'unix', family: 'unix', type: 'STREAM', state: 'LISTEN', path: '@kstat-fixture-stream', inode: 114364,
    refcount: 2, flags: 0x10000, kernelPointer: '000000005cd4b969', processes: undefined, extra: undefined,
  }]);
});

test('a query reads only the files it needs', async () => {
  const r = reader(LIVE);
  await readSockets(r, { protocol: 'tcp' });
  assert.deepEqual(r.reads, ['proc/net/tcp', 'proc/net/tcp6']);
  const l = reader(LIVE);
  const part = await readSockets(l, { state: 'LISTEN' });
  assert.deepEqual(l.reads, ['proc/net/tcp', 'proc/net/tcp6', 'proc/net/unix']);
  assert.deepEqual(part.data.map((s) => `${s.protocol} ${s.protocol === 'unix' ? s.path : `${s.localAddress}:${s.localPort}`}`), [
    'tcp 0.0.0.0:2024', 'tcp 127.0.0.1:36195', 'tcp ::1:36553', 'unix @kstat-fixture-stream',
  ]);
});

test('port filters: local or remote', async () => {
  const part = await readSockets(reader(LIVE), { port: 36553 });
  assert.deepEqual(inet(part.data).map((s) => `${s.localPort}>${s.remotePort}`), ['36553>0', '36553>38666', '36553>38658', '38658>36553', '38666>36553']);
});

test('a tree with only some tables: the rest is unavailable, named by file', async () => {
  const part = await readSockets(reader('procfs-fixtures'), {});
  assert.deepEqual(part.issues, []);
  assert.equal(part.data.length, 15);
  assert.deepEqual(part.unavailable.map((u) => [u.what, u.file, u.reason]), [
    ['udplite sockets', 'proc/net/udplite', 'not present in this source'],
    ['udplite6 sockets', 'proc/net/udplite6', 'not present in this source'],
    ['raw sockets', 'proc/net/raw', 'not present in this source'],
    ['raw6 sockets', 'proc/net/raw6', 'not present in this source'],
    ['icmp sockets', 'proc/net/icmp', 'not present in this source'],
    ['icmp6 sockets', 'proc/net/icmp6', 'not present in this source'],
  ]);
});

test('nothing the query needs is in the tree: E_UNAVAILABLE, not an empty list', async () => {
  await assert.rejects(readSockets(reader('diamond-fixtures'), { protocol: 'udp' }), (e: unknown) => KstatError.is(e) && e.code === 'E_UNAVAILABLE' && /proc\/net\/udp6/.test(e.message));
  // A query that rules out every file is simply empty.
  assert.deepEqual((await readSockets(reader(LIVE), { protocol: 'unix', port: 22 })).data, []);
});

test('an invalid query is E_ARGUMENT before anything is read', async () => {
  const r = reader(LIVE);
  await assert.rejects(readSockets(r, { protocol: 'sctp' as never }), (e: unknown) => KstatError.is(e) && e.code === 'E_ARGUMENT');
  assert.deepEqual(r.reads, []);
});

test('unknown state, timer, type codes: the socket is left out with an issue, or the code kept in extra', async () => {
  const part = await readSockets(variantTree({ 'proc/net/tcp': 'net-tcp.unknown-codes', 'proc/net/unix': 'net-unix.unknown-codes' }), {});
  assert.deepEqual(part.issues.map((i) => [i.file, i.line, i.code, i.message]), [
    ['proc/net/tcp', 2, 'unknown-format', 'unknown socket state 0xE; socket left out'],
    ['proc/net/unix', 2, 'unknown-format', 'unknown unix socket type 0x3; socket left out'],
    ['proc/net/unix', 3, 'unknown-format', 'unknown unix socket state 0x5; socket left out'],
  ]);
  assert.deepEqual(inet(part.data).map((s) => [s.localPort, s.timer, s.extra]), [[36195, undefined, { tr: 7n }]]);
  assert.deepEqual(unix(part.data).map((s) => [s.path, s.state]), [['/run/ok', 'CONNECTING']]);
  assert.equal(part.unavailable.length, 9);
});

test('busy: 29,982 TCP sockets, filtered to the two listeners', async () => {
  const all = await readSockets(reader('linux-6.18.44-fc-v595-busy'), { protocol: 'tcp', family: 'inet' });
  assert.equal(all.data.length, 29982);
  const listen = await readSockets(reader('linux-6.18.44-fc-v595-busy'), { protocol: 'tcp', state: 'LISTEN' });
  assert.deepEqual(inet(listen.data).map((s) => `${s.localAddress}:${s.localPort}`), ['0.0.0.0:2024', '127.0.0.1:17001']);
});
