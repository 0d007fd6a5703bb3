import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as limits from '../../../../../src/sources/tree/procfs/sys-net-limits.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const LIVE = 'linux-6.18.44-fc-v595-live';
const NETNS = 'linux-6.18.44-fc-v595-netns';
const D = 'proc/sys/net/ipv4/';

test('live 6.18: tcp_mem/udp_mem pages, tcp_rmem/wmem bytes, udp_*mem_min', () => {
  assert.deepEqual(limits.parseSysNetIpv4TcpMem(fixtureText(LIVE, `${D}tcp_mem`), `${D}tcp_mem`), {
    rows: [{ low: 287901n, pressure: 383869n, high: 575802n }],
    issues: [],
  });
  assert.deepEqual(limits.parseSysNetIpv4UdpMem(fixtureText(LIVE, `${D}udp_mem`), `${D}udp_mem`).rows, [{ low: 575802n, pressure: 767738n, high: 1151604n }]);
  assert.deepEqual(limits.parseSysNetIpv4TcpRmem(fixtureText(LIVE, `${D}tcp_rmem`), `${D}tcp_rmem`).rows, [{ min: 4096n, default: 131072n, max: 33554432n }]);
  assert.deepEqual(limits.parseSysNetIpv4TcpWmem(fixtureText(LIVE, `${D}tcp_wmem`), `${D}tcp_wmem`).rows, [{ min: 4096n, default: 16384n, max: 4194304n }]);
  assert.deepEqual(limits.parseSysNetIpv4UdpRmemMin(fixtureText(LIVE, `${D}udp_rmem_min`), `${D}udp_rmem_min`).rows, [{ value: 4096n }]);
  assert.deepEqual(limits.parseSysNetIpv4UdpWmemMin(fixtureText(LIVE, `${D}udp_wmem_min`), `${D}udp_wmem_min`).rows, [{ value: 4096n }]);
});

test('netns 6.18: the per-namespace ones exist', () => {
  assert.deepEqual(limits.parseSysNetIpv4TcpRmem(fixtureText(NETNS, `${D}tcp_rmem`), `${D}tcp_rmem`).rows, [{ min: 4096n, default: 131072n, max: 33554432n }]);
  assert.deepEqual(limits.parseSysNetIpv4UdpWmemMin(fixtureText(NETNS, `${D}udp_wmem_min`), `${D}udp_wmem_min`).rows, [{ value: 4096n }]);
});

test('variants: too few, too many, not a number → no row, one issue', () => {
  const short = limits.parseSysNetIpv4TcpMem(variantText('sys-net-ipv4-tcp-mem.short-line'), `${D}tcp_mem`);
  assert.deepEqual(short.rows, []);
  assert.deepEqual(short.issues.map((i) => [i.file, i.line, i.code]), [[`${D}tcp_mem`, 1, 'short-line']]);
  const wide = limits.parseSysNetIpv4TcpRmem(variantText('sys-net-ipv4-tcp-rmem.width-mismatch'), `${D}tcp_rmem`);
  assert.deepEqual([wide.rows, wide.issues.map((i) => i.code)], [[], ['width-mismatch']]);
  const bad = limits.parseSysNetIpv4TcpWmem(variantText('sys-net-ipv4-tcp-wmem.bad-number'), `${D}tcp_wmem`);
  assert.deepEqual([bad.rows, bad.issues.map((i) => i.code)], [[], ['bad-number']]);
  assert.deepEqual(limits.parseSysNetIpv4UdpRmemMin('', `${D}udp_rmem_min`).issues.map((i) => i.code), ['short-line']);
});
