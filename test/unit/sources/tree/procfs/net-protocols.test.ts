import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetProtocols } from '../../../../../src/sources/tree/procfs/net-protocols.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const F = 'proc/net/protocols';
const ALL_N = { cl: false, co: false, di: false, ac: false, io: false, in: false, de: false, sh: false, ss: false, gs: false, se: false, re: false, bi: false, br: false, ha: false, uh: false, gp: false, em: false };

test('live 6.18: 18 protocols, -1 memory is undefined, method flags by header name', () => {
  const r = parseNetProtocols(fixtureText('linux-6.18.44-fc-v595-live', F), F);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(
    r.rows.map((p) => p.protocol),
    ['AF_VSOCK', 'PACKET', 'MPTCPv6', 'PINGv6', 'RAWv6', 'UDPLITEv6', 'UDPv6', 'TCPv6', 'XDP', 'UNIX-STREAM', 'UNIX', 'UDP-Lite', 'MPTCP', 'PING', 'RAW', 'UDP', 'TCP', 'NETLINK'],
  );
  assert.deepEqual(r.rows[1], { protocol: 'PACKET', size: 1600, sockets: 1n, press: 'NI', maxhdr: 0, slab: 'no', module: 'kernel', methods: ALL_N, extra: {}, line: 3 });
  assert.deepEqual(r.rows[16], {
    protocol: 'TCP', size: 2304, sockets: 11n, memory: 0n, press: 'no', maxhdr: 192, slab: 'yes', module: 'kernel',
    methods: { ...Object.fromEntries(Object.keys(ALL_N).map((k) => [k, true])), bi: false },
    extra: {},
    line: 18,
  });
});

test('netns 6.18 and procfs-fixtures (older kernel with the "sp" sendpage column)', () => {
  const netns = parseNetProtocols(fixtureText('linux-6.18.44-fc-v595-netns', F), F);
  assert.deepEqual(netns.issues, []);
  assert.equal(netns.rows.find((p) => p.protocol === 'TCP')?.sockets, 1n);

  const r = parseNetProtocols(fixtureText('procfs-fixtures', F), F);
  assert.deepEqual(r.issues, []);
  assert.equal(r.rows.length, 13);
  const tcp = r.rows.find((p) => p.protocol === 'TCP');
  assert.deepEqual([tcp?.size, tcp?.sockets, tcp?.memory, tcp?.press, tcp?.maxhdr], [1984, 93064n, 1225378n, 'yes', 320]);
  assert.equal(tcp?.methods.sp, true);
  assert.equal(tcp?.methods.bi, false);
  assert.equal(r.rows.find((p) => p.protocol === 'UDP')?.memory, 57n);
  assert.equal(r.rows.find((p) => p.protocol === 'UNIX')?.memory, undefined);
});

test('variant: unknown columns — y/n as method flags, numbers in extra; a bad known cell is an issue', () => {
  const r = parseNetProtocols(variantText('net-protocols.unknown-column'), F);
  assert.deepEqual(r.rows[0]?.methods.zz, true);
  assert.deepEqual(r.rows[0]?.extra, { num: 17n });
  assert.deepEqual(r.rows[2]?.extra, { num: -5n });
  assert.equal(r.rows[2]?.press, undefined);
  assert.equal(r.rows[2]?.memory, 0n);
  assert.deepEqual(r.issues.map((i) => [i.line, i.code]), [[4, 'unknown-format']]);
});

test('variant: short and long lines are skipped with an issue; no header → nothing', () => {
  const r = parseNetProtocols(variantText('net-protocols.short-line'), F);
  assert.deepEqual(r.rows.map((p) => p.protocol), ['AF_VSOCK']);
  assert.deepEqual(
    r.issues.map((i) => [i.line, i.code]),
    [
      [3, 'short-line'],
      [4, 'width-mismatch'],
    ],
  );
  const none = parseNetProtocols(variantText('net-protocols.no-header'), F);
  assert.deepEqual(none.rows, []);
  assert.deepEqual(none.issues.map((i) => [i.line, i.code]), [[1, 'bad-header']]);
});
