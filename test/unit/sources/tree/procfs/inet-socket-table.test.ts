import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  INET_SOCKET_FILES,
  inetSocketFile,
  parseInetSocketTable,
  type InetSocketRow,
} from '../../../../../src/sources/tree/procfs/inet-socket-table.js';
import { fixtureText } from '../../../../helpers/fixture.js';

const LIVE = 'linux-6.18.44-fc-v595-live';
const NETNS = 'linux-6.18.44-fc-v595-netns';
const BUSY = 'linux-6.18.44-fc-v595-busy';

const parse = (set: string, name: string) => parseInetSocketTable(fixtureText(set, `proc/net/${name}`), `proc/net/${name}`);
const at = (rows: InetSocketRow[], line: number) => {
  const row = rows.find((r) => r.line === line);
  assert.ok(row, `row at line ${line}`);
  return row;
};

test('the file table: ten files, protocol and family per file, also under /proc/<pid>/net', () => {
  assert.deepEqual(
    INET_SOCKET_FILES.map((f) => `${f.file} ${f.protocol} ${f.family}`),
    [
      'proc/net/tcp tcp inet', 'proc/net/tcp6 tcp inet6', 'proc/net/udp udp inet', 'proc/net/udp6 udp inet6',
      'proc/net/udplite udplite inet', 'proc/net/udplite6 udplite inet6', 'proc/net/raw raw inet', 'proc/net/raw6 raw inet6',
      'proc/net/icmp icmp inet', 'proc/net/icmp6 icmp inet6',
    ],
  );
  assert.equal(inetSocketFile('proc/1234/net/udplite6')?.protocol, 'udplite');
  assert.equal(inetSocketFile('proc/net/unix'), undefined);
});

test('live tcp: 22 sockets; a listener with every column, including the TCP-only trailer', () => {
  const r = parse(LIVE, 'tcp');
  assert.deepEqual(r.issues, []);
  assert.equal(r.rows.length, 22);
  assert.deepEqual(at(r.rows, 2), {
    line: 2, sl: 0, local_address: '0.0.0.0', local_port: 2024, rem_address: '0.0.0.0', rem_port: 0, st: 0x0a,
    tx_queue: 0, rx_queue: 0, tr: 0, tm_when: 0n, retrnsmt: 0, uid: 0, timeout: 0, inode: 1058, ref: 1,
    pointer: '000000000e254d08', rto: 100, ato: 0, quick_pingpong: 0, cwnd: 10, ssthresh: 0, drops: undefined, extra: undefined,
  });
});

test('live tcp: the listener with one connection waiting in its accept queue (rx_queue 1, SOURCE.md)', () => {
  const r = parse(LIVE, 'tcp');
  const listener = at(r.rows, 3);
  assert.equal(listener.local_address, '127.0.0.1');
  assert.equal(listener.local_port, 36195);
  assert.equal(listener.st, 0x0a);
  assert.equal(listener.rx_queue, 1);
  assert.equal(listener.inode, 114336);
  assert.equal(listener.ref, 2);
  // The waiting connection: established, no socket file yet (inode 0).
  const waiting = at(r.rows, 17);
  assert.deepEqual([waiting.local_port, waiting.rem_port, waiting.st, waiting.inode], [36195, 51102, 1, 0]);
});

test('live tcp: unread bytes, TIME_WAIT, FIN_WAIT2 and CLOSE_WAIT rows', () => {
  const r = parse(LIVE, 'tcp');
  const unread = at(r.rows, 6); // 127.0.0.1:36195 <- :51066, 1000 unread bytes
  assert.deepEqual([unread.rem_port, unread.rx_queue, unread.rto, unread.ato, unread.quick_pingpong, unread.cwnd, unread.ssthresh], [51066, 1000, 20, 4, 32, 10, -1]);
  assert.equal(at(r.rows, 12).rx_queue, 5000);
  const tw = at(r.rows, 4); // TIME_WAIT: stops after the pointer
  assert.deepEqual([tw.st, tw.tr, tw.tm_when, tw.inode, tw.ref, tw.pointer, tw.rto, tw.cwnd], [6, 3, 3214n, 0, 3, '0000000042e92fe8', undefined, undefined]);
  const fw2 = at(r.rows, 14); // an orphaned FIN_WAIT2 is a timewait socket (tw_substate)
  assert.deepEqual([fw2.local_port, fw2.st, fw2.tr, fw2.tm_when], [51098, 5, 3, 5857n]);
  const cw = at(r.rows, 23); // CLOSE_WAIT: the received FIN counts as one unread byte
  assert.deepEqual([cw.rem_port, cw.st, cw.rx_queue, cw.inode], [51098, 8, 1, 114346]);
});

test('live tcp6: ::1 listener and connections', () => {
  const r = parse(LIVE, 'tcp6');
  assert.deepEqual(r.issues, []);
  assert.equal(r.rows.length, 6);
  const l = at(r.rows, 2);
  assert.deepEqual([l.local_address, l.local_port, l.rem_address, l.rem_port, l.st, l.inode], ['::1', 36553, '::', 0, 0x0a, 114348]);
  const c = at(r.rows, 4);
  assert.deepEqual([c.rem_address, c.rem_port, c.rx_queue, c.inode], ['::1', 38658, 3000, 114351]);
  assert.deepEqual([at(r.rows, 5).st, at(r.rows, 5).tm_when], [6, 4834n]);
});

test('live udp, udp6, udplite, udplite6: bucket numbers, receive memory, drops', () => {
  const udp = parse(LIVE, 'udp');
  assert.deepEqual(udp.issues, []);
  assert.deepEqual(
    udp.rows.map((r) => [r.sl, r.local_address, r.local_port, r.rem_address, r.rem_port, r.st, r.rx_queue, r.inode, r.ref, r.drops]),
    [
      [211, '127.0.0.1', 35944, '0.0.0.0', 0, 7, 2496, 114353, 2, 0n],
      [305, '127.0.0.1', 52422, '127.0.0.1', 35944, 1, 0, 114354, 2, 0n],
    ],
  );
  assert.equal(udp.rows[0]!.rto, undefined);
  const udp6 = parse(LIVE, 'udp6');
  assert.deepEqual(udp6.rows.map((r) => [r.sl, r.local_address, r.local_port, r.rx_queue, r.inode]), [
    [2066, '::1', 54183, 832, 114355],
    [15326, '::1', 51059, 0, 114356],
  ]);
  assert.deepEqual(parse(LIVE, 'udplite').rows.map((r) => [r.local_address, r.local_port, r.inode]), [['127.0.0.1', 40470, 114359]]);
  assert.deepEqual(parse(LIVE, 'udplite6').rows.map((r) => [r.local_address, r.local_port, r.inode]), [['::1', 35186, 114360]]);
});

test('live raw, raw6 (port = IP protocol), icmp, icmp6 (header only)', () => {
  assert.deepEqual(parse(LIVE, 'raw').rows.map((r) => [r.sl, r.local_port, r.rx_queue, r.inode, r.drops]), [[139, 1, 4992, 114370, 0n]]);
  assert.deepEqual(parse(LIVE, 'raw6').rows.map((r) => [r.local_address, r.local_port, r.rx_queue, r.inode]), [['::', 58, 12032, 114371]]);
  for (const name of ['icmp', 'icmp6']) assert.deepEqual(parse(LIVE, name), { rows: [], issues: [] });
});

test('netns: one IPv4 and one IPv6 connection over veth', () => {
  const v4 = parse(NETNS, 'tcp');
  assert.deepEqual(v4.rows.map((r) => [r.local_address, r.local_port, r.rem_address, r.rem_port, r.inode, r.quick_pingpong, r.cwnd, r.ssthresh]), [
    ['10.77.0.1', 38148, '10.77.0.2', 5201, 114060, 1, 192, -1],
  ]);
  const v6 = parse(NETNS, 'tcp6');
  assert.deepEqual(v6.rows.map((r) => [r.local_address, r.local_port, r.rem_address, r.rem_port, r.inode, r.cwnd, r.ssthresh]), [
    ['fd77::1', 34786, 'fd77::2', 5202, 114062, 195, 150],
  ]);
  assert.deepEqual(parse(NETNS, 'udp'), { rows: [], issues: [] });
});

test('busy: 29,982 rows (20,000 established, 9,980 TIME_WAIT, 2 listeners), first and last', () => {
  const r = parse(BUSY, 'tcp');
  assert.deepEqual(r.issues, []);
  assert.equal(r.rows.length, 29982);
  const byState = new Map<number, number>();
  for (const row of r.rows) byState.set(row.st, (byState.get(row.st) ?? 0) + 1);
  assert.deepEqual([...byState].sort((a, b) => a[0] - b[0]), [[1, 20000], [6, 9980], [10, 2]]);
  const tw = at(r.rows, 1527);
  assert.deepEqual([tw.sl, tw.local_address, tw.local_port, tw.rem_address, tw.rem_port, tw.tr, tw.tm_when], [1525, '192.0.2.2', 52440, '203.0.113.80', 80, 3, 0n]);
  const last = r.rows[r.rows.length - 1]!;
  assert.deepEqual([last.sl, last.local_port, last.rem_port, last.inode, last.pointer], [29981, 17001, 50864, 72258, '000000008fd4415e']);
});

test('procfs-fixtures: hand-made tcp, a UDP-format tcp6, TCP lines in a udp file (unnamed extras)', () => {
  const tcp = parse('procfs-fixtures', 'tcp');
  assert.deepEqual(tcp.issues, []);
  assert.deepEqual(tcp.rows.map((r) => [r.local_address, r.local_port, r.tx_queue, r.rx_queue, r.inode, r.pointer]), [
    ['10.0.0.5', 22, 0, 1, 2740, 'ffff88003d3af3c0'],
    ['0.0.0.0', 22, 1, 0, 2740, 'ffff88003d3af3c0'],
    ['0.0.0.0', 22, 1, 1, 2740, 'ffff88003d3af3c0'],
  ]);
  const tcp6 = parse('procfs-fixtures', 'tcp6');
  assert.deepEqual(tcp6.issues, []);
  assert.deepEqual(tcp6.rows.map((r) => [r.sl, r.local_address, r.local_port, r.uid, r.inode, r.drops, r.rto]), [
    [1315, '::', 5355, 981, 21040, 0n, undefined],
    [6073, 'fe80::56e1:adff:fe7c:6609', 51073, 1000, 11337031, 0n, undefined],
  ]);
  const udp = parse('procfs-fixtures', 'udp');
  assert.deepEqual(udp.issues, []);
  assert.deepEqual(udp.rows[0]!.extra, { field13: 100n, field14: 0n, field15: 0n, field16: 10n, field17: 0n });
  assert.equal(udp.rows[0]!.ref, 1);
  assert.equal(udp.rows[0]!.drops, undefined);
});

test('procfs-fixtures udp_broken: a header without the core columns is a bad-header issue', () => {
  const r = parse('procfs-fixtures', 'udp_broken');
  assert.deepEqual(r.rows, []);
  assert.deepEqual(r.issues.map((i) => [i.file, i.line, i.code]), [['proc/net/udp_broken', 1, 'bad-header']]);
});

test('goprocinfo (3.x/4.x): tcp6 listener, udp with non-zero drops and zeroed pointers, udp6 global addresses', () => {
  const tcp6 = parse('goprocinfo-fixtures', 'tcp6');
  assert.deepEqual(tcp6.rows.map((r) => [r.local_address, r.local_port, r.st, r.inode, r.pointer, r.cwnd, r.ssthresh]), [
    ['::', 22, 0x0a, 420555, 'ffff88003bee27c0', 2, -1],
  ]);
  const udp = parse('goprocinfo-fixtures', 'udp');
  assert.deepEqual(udp.issues, []);
  assert.equal(udp.rows.length, 6);
  assert.deepEqual(udp.rows.map((r) => `${r.sl} ${r.local_address}:${r.local_port}`), [
    '24 127.0.0.1:53', '39 0.0.0.0:68', '94 192.168.1.111:123', '94 127.0.0.1:123', '94 0.0.0.0:123', '1228 0.0.0.0:5353',
  ]);
  assert.deepEqual([udp.rows[5]!.uid, udp.rows[5]!.inode, udp.rows[5]!.drops, udp.rows[5]!.pointer], [109, 9025, 2237n, '0000000000000000']);
  const udp6 = parse('goprocinfo-fixtures', 'udp6');
  assert.equal(udp6.rows.length, 7);
  assert.deepEqual(udp6.rows.map((r) => r.local_address), [
    '::1', 'fe80::221:6aff:fea0:dd5e', 'fe80::226:b9ff:fe1f:155e', '2a01:e35:2e12:f90:226:b9ff:fe1f:155e',
    '2a01:e35:2e12:f90:adea:ed85:d1aa:4da6', '::', '::',
  ]);
  assert.equal(udp6.rows[5]!.drops, 8946n);
});

test('diamond (2.6/3.x): inode numbers above 2^31, 64-bit pointers, rto 99', () => {
  const r = parse('diamond-fixtures', 'tcp');
  assert.deepEqual(r.issues, []);
  assert.equal(r.rows.length, 9);
  assert.deepEqual([r.rows[0]!.local_port, r.rows[0]!.inode, r.rows[0]!.pointer, r.rows[0]!.rto, r.rows[0]!.ssthresh], [22, 3806422273, 'ffff8802477e4440', 99, -1]);
  assert.deepEqual(r.rows.map((x) => `${x.local_address}:${x.local_port}`).slice(3), [
    '10.20.0.0:53', '176.31.0.0:53', '176.31.0.0:53', '127.0.0.0:53', '127.0.0.0:53', '178.32.0.0:80',
  ]);
  assert.equal(r.rows[2]!.uid, 101);
});
