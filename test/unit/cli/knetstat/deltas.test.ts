import { test } from 'node:test';
import assert from 'node:assert/strict';
import { counterDelta, counterGroupDeltas, interfaceDeltas, perSecond } from '../../../../src/cli/knetstat/deltas.js';
import type { Interface } from '../../../../src/records/interface.js';
import type { ProtocolCounterGroup } from '../../../../src/records/protocol-counters.js';

test('counter deltas are exact; a counter that went backwards has none', () => {
  assert.equal(counterDelta(18446744073709551000n, 18446744073709551615n), 615n);
  assert.equal(counterDelta(10n, 5n), undefined);
  assert.equal(counterDelta(undefined, 5n), undefined);
  assert.equal(perSecond(3000n, 2_000_000_000n), 1500n);
  assert.equal(perSecond(undefined, 1n), undefined);
  assert.equal(perSecond(1n, 0n), undefined);
});

test('interface deltas: matched by name, interfaces that appeared are left out', () => {
  const before = [{ name: 'lo', rxBytes: 100n, rxPackets: 1n, txBytes: 50n }, { name: 'eth0', rxBytes: 9n }] as Interface[];
  const after = [{ name: 'lo', rxBytes: 2100n, rxPackets: 3n, txBytes: 40n }, { name: 'veth9', rxBytes: 1n }] as Interface[];
  assert.deepEqual(interfaceDeltas(before, after, 2_000_000_000n), [{ name: 'lo', rxBytes: 2000n, rxPackets: 2n, rxBytesPerSecond: 1000n }]);
});

test('counter group deltas: by file and group, counters present in both readings', () => {
  const before = [{ group: 'Tcp', file: 'proc/net/snmp', counters: { ActiveOpens: 5n, MaxConn: -1n } }];
  const after: ProtocolCounterGroup[] = [
    { group: 'Tcp', file: 'proc/net/snmp', counters: { ActiveOpens: 8n, MaxConn: -1n, NewOne: 1n } },
    { group: 'Udp', file: 'proc/net/snmp', counters: { InDatagrams: 1n } },
  ];
  assert.deepEqual(counterGroupDeltas(before, after), [
    { group: 'Tcp', file: 'proc/net/snmp', deltas: { ActiveOpens: 3n, MaxConn: 0n } },
    { group: 'Udp', file: 'proc/net/snmp', deltas: {} },
  ]);
});
