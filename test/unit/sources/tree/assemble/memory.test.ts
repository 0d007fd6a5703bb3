import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { TreeReader } from '../../../../../src/sources/tree/reader.js';
import { readSocketMemory } from '../../../../../src/sources/tree/assemble/memory.js';
import { tree, VARIANTS } from '../../../../helpers/fixture.js';

const reader = (set: string) => new TreeReader({ root: tree(set) });
const ZERO_SOFTNET = { cpuCollision: 0n, receivedRps: 0n, flowLimitCount: 0n, backlogLength: 0, inputQueueLength: 0, processQueueLength: 0 };

test('live 6.18: sockstat, protocols, limits and softnet in one record', async () => {
  const part = await readSocketMemory(reader('linux-6.18.44-fc-v595-live'));
  assert.deepEqual(part.issues, []);
  assert.deepEqual(part.unavailable, []);
  const m = part.data;
  assert.equal(m.socketsUsed, 47n);
  assert.deepEqual(m.sockstat, [
    { protocol: 'TCP', family: 'inet', inUse: 11n, orphan: 0n, timeWait: 12n, allocated: 22n, memoryPages: 0n },
    { protocol: 'UDP', family: 'inet', inUse: 2n, memoryPages: 0n },
    { protocol: 'UDPLITE', family: 'inet', inUse: 1n },
    { protocol: 'RAW', family: 'inet', inUse: 1n },
    { protocol: 'FRAG', family: 'inet', inUse: 0n, memoryBytes: 0n },
    { protocol: 'TCP6', family: 'inet6', inUse: 5n },
    { protocol: 'UDP6', family: 'inet6', inUse: 2n },
    { protocol: 'UDPLITE6', family: 'inet6', inUse: 1n },
    { protocol: 'RAW6', family: 'inet6', inUse: 1n },
    { protocol: 'FRAG6', family: 'inet6', inUse: 0n, memoryBytes: 0n },
  ]);
  assert.equal(m.protocols.length, 18);
  assert.deepEqual(m.protocols.find((p) => p.protocol === 'TCP'), {
    protocol: 'TCP', objectSize: 2304, sockets: 11n, memoryPages: 0n, pressure: false, maxHeader: 192, slab: true, module: 'kernel',
    methods: ['cl', 'co', 'di', 'ac', 'io', 'in', 'de', 'sh', 'ss', 'gs', 'se', 're', 'br', 'ha', 'uh', 'gp', 'em'],
  });
  // memory -1 and press NI: not tracked → undefined, not 0 / false.
  assert.deepEqual(m.protocols.find((p) => p.protocol === 'NETLINK'), {
    protocol: 'NETLINK', objectSize: 1096, sockets: 1n, maxHeader: 0, slab: false, module: 'kernel', methods: [],
  });
  assert.deepEqual(
    [m.tcpMemLow, m.tcpMemPressure, m.tcpMemHigh, m.udpMemLow, m.udpMemPressure, m.udpMemHigh],
    [287901n, 383869n, 575802n, 575802n, 767738n, 1151604n],
  );
  assert.deepEqual([m.tcpRmemMin, m.tcpRmemDefault, m.tcpRmemMax], [4096n, 131072n, 33554432n]);
  assert.deepEqual([m.tcpWmemMin, m.tcpWmemDefault, m.tcpWmemMax], [4096n, 16384n, 4194304n]);
  assert.deepEqual([m.udpRmemMin, m.udpWmemMin], [4096n, 4096n]);
  assert.deepEqual(m.softnet, [
    { row: 0, cpu: 0, processed: 61591n, dropped: 0n, timeSqueeze: 0n, ...ZERO_SOFTNET },
    { row: 1, cpu: 1, processed: 80468n, dropped: 0n, timeSqueeze: 2n, ...ZERO_SOFTNET },
  ]);
  assert.equal(m.pageSize, undefined);
});

test('netns 6.18: tcp_mem and udp_mem do not exist there (global sysctls) → unavailable, fields undefined', async () => {
  const part = await readSocketMemory(reader('linux-6.18.44-fc-v595-netns'));
  assert.deepEqual(part.issues, []);
  assert.deepEqual(part.unavailable.map((u) => u.file), ['proc/sys/net/ipv4/tcp_mem', 'proc/sys/net/ipv4/udp_mem']);
  const m = part.data;
  assert.deepEqual([m.tcpMemLow, m.udpMemHigh], [undefined, undefined]);
  assert.deepEqual([m.tcpRmemMax, m.udpRmemMin], [33554432n, 4096n]);
  assert.equal(m.socketsUsed, 2n);
  assert.deepEqual(m.sockstat[0], { protocol: 'TCP', family: 'inet', inUse: 1n, orphan: 0n, timeWait: 0n, allocated: 22n, memoryPages: 0n });
});

test('procfs-fixtures: older protocols (sp column), softnet rows of mixed widths, no sysctls', async () => {
  const part = await readSocketMemory(reader('procfs-fixtures'));
  assert.deepEqual(part.issues, []);
  assert.equal(part.unavailable.length, 6);
  const m = part.data;
  assert.equal(m.socketsUsed, 1602n);
  assert.deepEqual(m.protocols.find((p) => p.protocol === 'TCP')?.memoryPages, 1225378n);
  assert.deepEqual(m.protocols.find((p) => p.protocol === 'TCP')?.pressure, true);
  assert.ok(m.protocols.find((p) => p.protocol === 'TCP')?.methods?.includes('sp'));
  assert.deepEqual(m.softnet[1], {
    row: 1, cpu: 1, processed: 0x953d1an, dropped: 0x446n, timeSqueeze: 0xb1n, cpuCollision: 0n, receivedRps: 0x8eeb9an,
    flowLimitCount: 0x2bn, backlogLength: 0xdc,
  });
  // 9 columns (before 2.6.35): no RPS, no CPU id.
  assert.deepEqual(m.softnet[3], { row: 3, processed: 0x1663fb2n, dropped: 0n, timeSqueeze: 0x109a4n, cpuCollision: 0x20e76n });
});

test('diamond: only sockstat files → the rest unavailable; nothing at all → E_UNAVAILABLE', async () => {
  const part = await readSocketMemory(reader('diamond-fixtures'));
  assert.equal(part.data.socketsUsed, 118n);
  assert.deepEqual(part.data.sockstat.find((s) => s.protocol === 'TCP6'), { protocol: 'TCP6', family: 'inet6', inUse: 51n });
  assert.deepEqual(part.data.softnet, []);
  assert.equal(part.unavailable.length, 8);
  const none = new TreeReader({ root: join(tree('diamond-fixtures'), 'no-such-dir') });
  await assert.rejects(readSocketMemory(none), (err: unknown) => (err as { code?: string }).code === 'E_UNAVAILABLE');
});

test('variant sockstat through the assembler: unknown keys and labels kept, issues passed on', async () => {
  const r = new TreeReader({ root: tree('diamond-fixtures'), overrides: { 'proc/net/sockstat': join(VARIANTS, 'net-sockstat.bad-lines') } });
  const part = await readSocketMemory(r);
  assert.deepEqual(part.issues.map((i) => [i.file, i.line, i.code]), [
    ['proc/net/sockstat', 2, 'short-line'],
    ['proc/net/sockstat', 3, 'bad-number'],
    ['proc/net/sockstat', 4, 'unknown-format'],
  ]);
  assert.equal(part.data.socketsUsed, 47n);
  assert.deepEqual(part.data.sockstat.filter((s) => s.family === 'inet'), [
    { protocol: 'sockets', family: 'inet', extra: { extra: 3n } },
    { protocol: 'TCP', family: 'inet', inUse: 11n, orphan: 0n, timeWait: 12n, allocated: 22n, memoryPages: 0n, extra: { newkey: 9n } },
    { protocol: 'UDP', family: 'inet', memoryPages: 18446744073709551615n },
    { protocol: 'MPTCP', family: 'inet', inUse: 4n },
  ]);
});
