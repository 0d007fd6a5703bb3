import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isListening, socketQuery } from '../../../../src/cli/knetstat/modes/sockets.js';
import { selectGroups } from '../../../../src/cli/knetstat/stat-groups.js';
import type { Socket } from '../../../../src/records/socket.js';
import type { ProtocolCounterGroup } from '../../../../src/records/protocol-counters.js';

test('socket queries: only the files the selection needs', () => {
  assert.deepEqual(socketQuery({ protocols: ['tcp'], families: ['inet', 'inet6'], unix: false, show: 'all' }, false), { family: ['inet', 'inet6'], protocol: ['tcp'] });
  assert.deepEqual(socketQuery({ protocols: [], families: ['inet', 'inet6'], unix: true, show: 'all' }, true), { family: ['unix'], protocol: ['unix'], processes: true });
  assert.deepEqual(socketQuery({ protocols: ['udp'], families: ['inet6'], unix: true, show: 'all' }, false), { family: ['inet6', 'unix'], protocol: ['udp', 'unix'] });
});

test("netstat's listening: TCP LISTEN, unconnected datagram sockets, unix listeners", () => {
  const inet = (protocol: 'tcp' | 'udp' | 'raw', state: 'LISTEN' | 'CLOSE' | 'ESTABLISHED') => ({ protocol, family: 'inet', state }) as Socket;
  assert.equal(isListening(inet('tcp', 'LISTEN')), true);
  assert.equal(isListening(inet('tcp', 'CLOSE')), false);
  assert.equal(isListening(inet('udp', 'CLOSE')), true);
  assert.equal(isListening(inet('udp', 'ESTABLISHED')), false);
  assert.equal(isListening(inet('raw', 'CLOSE')), true);
  assert.equal(isListening({ protocol: 'unix', state: 'LISTEN' } as Socket), true);
  assert.equal(isListening({ protocol: 'unix', state: 'UNCONNECTED' } as Socket), false);
});

test('-s group selection by protocol and family', () => {
  const g = (group: string): ProtocolCounterGroup => ({ group, file: 'f', counters: {} });
  const all = ['Ip', 'Icmp', 'IcmpMsg', 'Tcp', 'Udp', 'UdpLite', 'TcpExt', 'IpExt', 'MPTcpExt', 'Ip6', 'Icmp6', 'Udp6', 'UdpLite6', 'Future'].map(g);
  const names = (p: Parameters<typeof selectGroups>[1], f: Parameters<typeof selectGroups>[2]) => selectGroups(all, p, f).map((x) => x.group);
  assert.deepEqual(names(['tcp'], ['inet', 'inet6']), ['Tcp', 'TcpExt', 'MPTcpExt']);
  assert.deepEqual(names(['udp'], ['inet6']), ['Udp6']);
  assert.deepEqual(names([], ['inet6']), ['Ip6', 'Icmp6', 'Udp6', 'UdpLite6']);
  assert.deepEqual(names(['icmp', 'udplite'], ['inet']), ['Icmp', 'IcmpMsg', 'UdpLite']);
  assert.equal(names([], ['inet', 'inet6']).length, all.length);
});
