import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { TreeReader } from '../../../../../src/sources/tree/reader.js';
import { readProtocolStats } from '../../../../../src/sources/tree/assemble/protocol-stats.js';
import { tree } from '../../../../helpers/fixture.js';

function shape(groups: { group: string; file: string; counters: Record<string, bigint> }[]): [string, string, number][] {
  return groups.map((g) => [g.group, g.file, Object.keys(g.counters).length]);
}

test('live 6.18: snmp, netstat and snmp6 groups in file order', async () => {
  const part = await readProtocolStats(new TreeReader({ root: tree('linux-6.18.44-fc-v595-live') }));
  assert.deepEqual(part.issues, []);
  assert.deepEqual(part.unavailable, []);
  assert.deepEqual(shape(part.data.groups), [
    ['Ip', 'proc/net/snmp', 20],
    ['Icmp', 'proc/net/snmp', 29],
    ['IcmpMsg', 'proc/net/snmp', 6],
    ['Tcp', 'proc/net/snmp', 15],
    ['Udp', 'proc/net/snmp', 9],
    ['UdpLite', 'proc/net/snmp', 9],
    ['TcpExt', 'proc/net/netstat', 135],
    ['IpExt', 'proc/net/netstat', 18],
    ['MPTcpExt', 'proc/net/netstat', 76],
    ['Ip6', 'proc/net/snmp6', 33],
    ['Icmp6', 'proc/net/snmp6', 46],
    ['Udp6', 'proc/net/snmp6', 9],
    ['UdpLite6', 'proc/net/snmp6', 8],
  ]);
  assert.equal(part.data.groups[3]?.counters.MaxConn, -1n);
});

test('procfs-fixtures through a per-process layout (proc/net → proc/26231/net); its stray line is an issue', async () => {
  const root = tree('procfs-fixtures');
  const part = await readProtocolStats(new TreeReader({ root, overrides: { 'proc/net': join(root, 'proc/26231/net') } }));
  assert.deepEqual(part.unavailable, []);
  assert.deepEqual(part.issues.map((i) => [i.file, i.line, i.code]), [['proc/net/snmp6', 92, 'unknown-format']]);
  assert.deepEqual(
    part.data.groups.map((g) => g.group),
    ['Ip', 'Icmp', 'IcmpMsg', 'Tcp', 'Udp', 'UdpLite', 'TcpExt', 'IpExt', 'Ip6', 'Icmp6', 'Udp6', 'UdpLite6'],
  );
});

test('a missing file is unavailable, the rest is read (goprocinfo has no snmp6)', async () => {
  const part = await readProtocolStats(new TreeReader({ root: tree('goprocinfo-fixtures') }));
  assert.deepEqual(part.unavailable.map((u) => u.file), ['proc/net/snmp6']);
  assert.deepEqual(part.data.groups.map((g) => g.group), ['Ip', 'Icmp', 'IcmpMsg', 'Tcp', 'Udp', 'UdpLite', 'TcpExt', 'IpExt']);
  const diamond = await readProtocolStats(new TreeReader({ root: tree('diamond-fixtures') }));
  assert.deepEqual(diamond.unavailable, []);
  assert.equal(diamond.data.groups.length, 11);
});

test('nothing readable → E_UNAVAILABLE, not an empty list', async () => {
  const reader = new TreeReader({ root: join(tree('goprocinfo-fixtures'), 'no-such-dir') });
  await assert.rejects(readProtocolStats(reader), (err: unknown) => (err as { code?: string }).code === 'E_UNAVAILABLE');
});
