/**
 * readMulticastRouting on a replay of the three multicast routing captures of
 * test/helpers/mroute-netns.ts (rtnl-ipmr-link.bin: the IPv4 vif tables 253 and 100;
 * rtnl-mroute-inet.bin, rtnl-mroute-inet6.bin: the forwarding caches of every table), with
 * interface names from `ip -j link show` of the same moment (mroute.ip.link.json) and the
 * default tables' entries as procfs has them (mroute.proc-net-ip-mr-cache.txt,
 * mroute.proc-net-ip6-mr-cache.txt): the vifs, routing tables and forwarding entries as
 * whole literal records, their numbers checked against /proc/net/ip_mr_vif, ip_mr_cache and
 * ip6_mr_cache of the same moment; then what changes without names or without procfs's
 * entries, on a kernel without IPv4 multicast routing (its AF_UNSPEC fallback dumps), with
 * damaged captures and seeded random corruptions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MulticastForwardingEntry, MulticastRoutingTable, MulticastVif } from '../../../src/records/multicast.js';
import { readMulticastRouting, type MulticastRoutingOptions } from '../../../src/sources/netlink/multicast-routing.js';
import { NETLINK_FIXTURES, readCapture } from '../../helpers/netlink-capture.js';
import { ReplayChannel } from '../../helpers/rtnl-replay-channel.js';
import { flipped, patched } from '../../helpers/sock-diag-fuzz.js';

const CAPTURES = { '18/128': 'rtnl-ipmr-link', '26/128': 'rtnl-mroute-inet', '26/129': 'rtnl-mroute-inet6' };
const fixture = (name: string) => readFileSync(join(NETLINK_FIXTURES, name), 'utf8');
const rows = (name: string) => fixture(name).trim().split('\n').slice(1).map((l) => l.trim().split(/\s+/));

/** ifindex → name from `ip -j link show` of the capture's moment. */
const NAMES: ReadonlyMap<number, string> = new Map((JSON.parse(fixture('mroute.ip.link.json')) as { ifindex: number; ifname: string }[]).map((l) => [l.ifindex, l.ifname] as const));

/** procfs addresses: IPv4 as the __be32 printed host-order (little-endian here), IPv6 as 8 full groups. */
function procV4(hex: string): string {
  const w = parseInt(hex, 16);
  return [w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, w >>> 24].join('.');
}
function procV6(full: string): string {
  // RFC 5952 for these addresses: leading zeros dropped, the longest zero run as "::".
  const groups = full.split(':').map((g) => parseInt(g, 16).toString(16));
  let best = [-1, 0];
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best[1]! && j - i > 1) best = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  if (best[0]! < 0) return groups.join(':');
  return `${groups.slice(0, best[0]).join(':')}::${groups.slice(best[0]! + best[1]!).join(':')}`;
}

/** The default table's forwarding entries as the procfs reader gives them: "030201E1 0501090A 0  5  640  0  1:5". */
function procfsCache(name: string, family: 'inet' | 'inet6'): MulticastForwardingEntry[] {
  return rows(name).map(([group, origin, iif, packets, bytes, wrong, ...oifs]) => ({
    family,
    group: family === 'inet' ? procV4(group!) : procV6(group!),
    origin: family === 'inet' ? procV4(origin!) : procV6(origin!),
    inputVif: Number(iif),
    packets: BigInt(packets!),
    bytes: BigInt(bytes!),
    wrongInterface: BigInt(wrong!),
    outputs: oifs.map((o) => o.split(':').map(Number)).map(([vif, ttl]) => ({ vif: vif!, ttl: ttl! })),
    table: family === 'inet' ? 253 : 254,
  }));
}

const PROCFS_4 = procfsCache('mroute.proc-net-ip-mr-cache.txt', 'inet');
const PROCFS_6 = procfsCache('mroute.proc-net-ip6-mr-cache.txt', 'inet6');
const DEFAULTS: MulticastRoutingOptions['defaultTables'] = { inet: PROCFS_4, inet6: PROCFS_6 };

const VIFS: readonly MulticastVif[] = [
  { family: 'inet', index: 0, interface: 'va', bytesIn: 768n, packetsIn: 6n, bytesOut: 0n, packetsOut: 0n, flags: 8, flagNames: ['USE_IFINDEX'], remote: '0.0.0.0', table: 253, ifindex: 2 },
  { family: 'inet', index: 1, interface: 'vc', bytesIn: 0n, packetsIn: 0n, bytesOut: 768n, packetsOut: 6n, flags: 8, flagNames: ['USE_IFINDEX'], remote: '0.0.0.0', table: 253, ifindex: 3 },
  { family: 'inet', index: 0, interface: 've', bytesIn: 0n, packetsIn: 0n, bytesOut: 0n, packetsOut: 0n, flags: 8, flagNames: ['USE_IFINDEX'], remote: '0.0.0.0', table: 100, ifindex: 5 },
  { family: 'inet', index: 1, interface: 'vg', bytesIn: 0n, packetsIn: 0n, bytesOut: 0n, packetsOut: 0n, flags: 8, flagNames: ['USE_IFINDEX'], remote: '0.0.0.0', table: 100, ifindex: 4 },
];

const ROUTING_TABLES: readonly MulticastRoutingTable[] = [
  { family: 'inet', table: 253, unresolvedQueueLength: 1, registerVif: -1, assert: true, pim: true, wrongVifWhole: false },
  { family: 'inet', table: 100, unresolvedQueueLength: 0, registerVif: -1, assert: true, pim: true, wrongVifWhole: false },
];

const CACHE_4: readonly MulticastForwardingEntry[] = [
  {
    family: 'inet', group: '225.1.2.3', origin: '10.9.1.5', inputVif: 0, packets: 5n, bytes: 640n, wrongInterface: 0n,
    outputs: [{ vif: 1, ttl: 5, ifindex: 3, interface: 'vc' }], table: 253, unresolved: false, offloaded: false, inputIfindex: 2, inputInterface: 'va', sinceUsed: 26n,
  },
  {
    family: 'inet', group: '225.4.5.6', origin: '10.9.1.5', inputVif: 0, packets: 1n, bytes: 128n, wrongInterface: 0n,
    outputs: [{ vif: 1, ttl: 5, ifindex: 3, interface: 'vc' }], table: 253, unresolved: false, offloaded: false, inputIfindex: 2, inputInterface: 'va', sinceUsed: 19n,
  },
  { family: 'inet', group: '225.7.7.7', origin: '10.9.1.5', inputVif: -1, packets: 0n, bytes: 0n, wrongInterface: 0n, outputs: [], table: 253, unresolved: true, offloaded: false },
  {
    family: 'inet', group: '226.1.1.1', origin: '10.9.3.7', inputVif: 0, packets: 0n, bytes: 0n, wrongInterface: 0n,
    outputs: [{ vif: 1, ttl: 1, ifindex: 4, interface: 'vg' }], table: 100, unresolved: false, offloaded: false, inputIfindex: 5, inputInterface: 've', sinceUsed: 33n,
  },
];

const CACHE_6: readonly MulticastForwardingEntry[] = [
  {
    family: 'inet6', group: 'ff05::114', origin: 'fd00:9:1::5', inputVif: 0, packets: 3n, bytes: 444n, wrongInterface: 0n,
    outputs: [{ vif: 1, ttl: 1, ifindex: 3, interface: 'vc' }], table: 254, unresolved: false, offloaded: false, inputIfindex: 2, inputInterface: 'va', sinceUsed: 9n,
  },
  { family: 'inet6', group: 'ff05::777', origin: 'fd00:9:1::5', inputVif: -1, packets: 0n, bytes: 0n, wrongInterface: 0n, outputs: [], table: 254, unresolved: true, offloaded: false },
];

const UNNUMBERED_4 = 'IPv4 multicast forwarding entries that cannot be numbered';
const UNNUMBERED_6 = 'IPv6 multicast forwarding entries that cannot be numbered';

/** A copy of a record without one key (a name left out, as the records leave out what they lack). */
function without<T extends object>(record: T, key: string): T {
  const copy = { ...record } as Record<string, unknown>;
  delete copy[key];
  return copy as T;
}
const unnamedEntry = (e: MulticastForwardingEntry): MulticastForwardingEntry => ({ ...without(e, 'inputInterface'), outputs: e.outputs.map((o) => without(o, 'interface')) });

async function read(options: MulticastRoutingOptions, captures: Readonly<Record<string, string>> = CAPTURES, patch?: (name: string, bytes: Uint8Array) => Uint8Array) {
  const channel = new ReplayChannel({ captures, ...(patch === undefined ? {} : { patch }) });
  const part = await readMulticastRouting(channel, options);
  return { part, requests: channel.requests };
}

test('the inputs: names from ip link, the default tables\' entries from procfs', () => {
  assert.deepEqual([...NAMES], [[1, 'lo'], [2, 'va'], [3, 'vc'], [4, 'vg'], [5, 've']]);
  assert.deepEqual(PROCFS_4, [
    { family: 'inet', group: '225.1.2.3', origin: '10.9.1.5', inputVif: 0, packets: 5n, bytes: 640n, wrongInterface: 0n, outputs: [{ vif: 1, ttl: 5 }], table: 253 },
    { family: 'inet', group: '225.4.5.6', origin: '10.9.1.5', inputVif: 0, packets: 1n, bytes: 128n, wrongInterface: 0n, outputs: [{ vif: 1, ttl: 5 }], table: 253 },
    { family: 'inet', group: '225.7.7.7', origin: '10.9.1.5', inputVif: -1, packets: 0n, bytes: 0n, wrongInterface: 0n, outputs: [], table: 253 },
  ]);
  assert.deepEqual(PROCFS_6, [
    { family: 'inet6', group: 'ff05::114', origin: 'fd00:9:1::5', inputVif: 0, packets: 3n, bytes: 444n, wrongInterface: 0n, outputs: [{ vif: 1, ttl: 1 }], table: 254 },
    { family: 'inet6', group: 'ff05::777', origin: 'fd00:9:1::5', inputVif: -1, packets: 0n, bytes: 0n, wrongInterface: 0n, outputs: [], table: 254 },
  ]);
});

test('three dumps, no issues: IPv4 vifs of tables 253 and 100 and both routing tables, as whole records', async () => {
  const { part, requests } = await read({ interfaceNames: NAMES, defaultTables: DEFAULTS });
  assert.deepEqual(requests, ['18/128', '26/128', '26/129']);
  assert.deepEqual(part.issues, []);
  assert.deepEqual(Object.keys(part.data), ['inet', 'inet6']);
  assert.deepEqual(part.data.inet!.vifs, VIFS);
  assert.deepEqual(part.data.inet!.routingTables, ROUTING_TABLES);
  // USE_IFINDEX vifs: no local address at all (the kernel keeps the device index there).
  assert.ok(part.data.inet!.vifs.every((v) => !('local' in v)));
});

test('IPv4 vifs of table 253 are /proc/net/ip_mr_vif\'s rows', async () => {
  const { part } = await read({ interfaceNames: NAMES, defaultTables: {} });
  const proc = rows('mroute.proc-net-ip-mr-vif.txt');
  const ours = part.data.inet!.vifs.filter((v) => v.table === 253);
  assert.equal(ours.length, proc.length);
  for (const [i, [index, device, bytesIn, packetsIn, bytesOut, packetsOut, flags, local, remote]] of proc.entries()) {
    const v = ours[i]!;
    assert.deepEqual([v.index, v.interface, v.bytesIn, v.packetsIn, v.bytesOut, v.packetsOut, v.flags], [Number(index), device, BigInt(bytesIn!), BigInt(packetsIn!), BigInt(bytesOut!), BigInt(packetsOut!), parseInt(flags!, 16)]);
    assert.equal(v.ifindex, parseInt(local!, 16)); // USE_IFINDEX: procfs's Local column holds the device index
    assert.equal(v.remote, procV4(remote!));
  }
});

test('the IPv4 forwarding cache of every table, as whole records; unresolved: vif -1, zero counters, no input or sinceUsed', async () => {
  const { part } = await read({ interfaceNames: NAMES, defaultTables: DEFAULTS });
  assert.deepEqual(part.data.inet!.forwardingCache, CACHE_4);
  const unresolved = part.data.inet!.forwardingCache.filter((e) => e.unresolved);
  assert.equal(unresolved.length, 1);
  assert.ok(!('inputIfindex' in unresolved[0]!) && !('inputInterface' in unresolved[0]!) && !('sinceUsed' in unresolved[0]!));
  for (const e of part.data.inet!.forwardingCache) if (!e.unresolved) assert.equal(typeof e.sinceUsed, 'bigint');
  assert.deepEqual(part.unavailable.filter((u) => u.what === UNNUMBERED_4), []);
});

test('IPv4 vif numbers and counters of table 253 are /proc/net/ip_mr_cache\'s, in its order', async () => {
  const { part } = await read({ interfaceNames: NAMES, defaultTables: DEFAULTS });
  const proc = rows('mroute.proc-net-ip-mr-cache.txt');
  const ours = part.data.inet!.forwardingCache.filter((e) => e.table === 253);
  assert.equal(ours.length, proc.length);
  for (const [i, [group, origin, iif, packets, bytes, wrong, ...oifs]] of proc.entries()) {
    const e = ours[i]!;
    assert.deepEqual(
      [e.group, e.origin, e.inputVif, e.packets, e.bytes, e.wrongInterface, e.outputs.map((o) => `${o.vif}:${o.ttl}`)],
      [procV4(group!), procV4(origin!), Number(iif), BigInt(packets!), BigInt(bytes!), BigInt(wrong!), oifs],
    );
  }
  assert.deepEqual(proc.map((r) => r[2]), ['0', '0', '-1']);
});

test('without procfs\'s IPv4 entries the vif dump numbers the default table, and gives procfs\'s numbers', async () => {
  const { part, requests } = await read({ interfaceNames: NAMES, defaultTables: {} });
  assert.deepEqual(requests, ['18/128', '26/128']); // IPv6 is read only with procfs's entries
  assert.deepEqual(part, { data: { inet: { vifs: VIFS, forwardingCache: CACHE_4, routingTables: ROUTING_TABLES } }, issues: [], unavailable: [] });
});

test('IPv6: the default table\'s entries numbered by procfs; the resolved table-100 entry left out, said once in unavailable', async () => {
  const { part } = await read({ interfaceNames: NAMES, defaultTables: DEFAULTS });
  assert.deepEqual(part.data.inet6, { forwardingCache: CACHE_6 });
  assert.equal(part.unavailable.length, 1);
  assert.equal(part.unavailable[0]!.what, UNNUMBERED_6);
  assert.match(part.unavailable[0]!.reason, /^1 left out: /);
  const proc = rows('mroute.proc-net-ip6-mr-cache.txt');
  assert.equal(part.data.inet6!.forwardingCache.length, proc.length);
  for (const [i, [group, origin, iif, packets, bytes, wrong, ...oifs]] of proc.entries()) {
    const e: MulticastForwardingEntry = part.data.inet6!.forwardingCache[i]!;
    assert.deepEqual(
      [e.group, e.origin, e.inputVif, e.packets, e.bytes, e.wrongInterface, e.outputs.map((o) => `${o.vif}:${o.ttl}`)],
      [procV6(group!), procV6(origin!), Number(iif), BigInt(packets!), BigInt(bytes!), BigInt(wrong!), oifs],
    );
  }
  assert.deepEqual(part.data.inet6!.forwardingCache.map((e) => e.group), ['ff05::114', 'ff05::777']);
});

test('without interfaceNames: every record whole but without device names; IPv6 still numbered by procfs', async () => {
  const { part } = await read({ defaultTables: DEFAULTS });
  assert.deepEqual(part.issues, []);
  assert.deepEqual(part.data.inet!.vifs, VIFS.map((v) => without(v, 'interface')));
  assert.deepEqual(part.data.inet!.routingTables, ROUTING_TABLES);
  assert.deepEqual(part.data.inet!.forwardingCache, CACHE_4.map(unnamedEntry));
  assert.deepEqual(part.data.inet6!.forwardingCache, CACHE_6.map(unnamedEntry));
  assert.deepEqual(part.unavailable.map((u) => u.what), [UNNUMBERED_6]);
});

test('procfs\'s moment for the default tables: an entry only netlink saw is left out, one only procfs saw kept as procfs has it', async () => {
  const gone: MulticastForwardingEntry = { family: 'inet', group: '225.9.9.9', origin: '10.9.1.5', inputVif: 0, packets: 2n, bytes: 256n, wrongInterface: 0n, outputs: [{ vif: 1, ttl: 5 }], table: 253 };
  const { part } = await read({ interfaceNames: NAMES, defaultTables: { inet: [PROCFS_4[0]!, gone, PROCFS_4[1]!] } });
  assert.deepEqual(part.issues, []);
  assert.deepEqual(part.data.inet!.forwardingCache, [CACHE_4[0], gone, CACHE_4[1], CACHE_4[3]]);
});

test('a kernel without IPv4 multicast routing answers with its plain link dump: inet undefined, no route dump, nothing leaks', async () => {
  const captures = { '18/128': 'rtnl-link', '26/128': 'rtnl-route-inet' };
  const { part, requests } = await read({ interfaceNames: NAMES, defaultTables: {} }, captures);
  assert.deepEqual(requests, ['18/128']);
  assert.deepEqual(part, { data: {}, issues: [], unavailable: [] });
  // Without IPv6 multicast routing either (procfs's cache empty): the AF_UNSPEC route dump's IPv6 routes are no multicast entries.
  const both = await read({ interfaceNames: NAMES, defaultTables: { inet6: [] } }, { ...captures, '26/129': 'rtnl-route-inet6' });
  assert.deepEqual(both.requests, ['18/128', '26/129']);
  assert.deepEqual(both.part, { data: { inet6: { forwardingCache: [] } }, issues: [], unavailable: [] });
});

test('route replies of another family are dropped: the vif tables stay, the caches are procfs\'s or empty', async () => {
  const captures = { '18/128': 'rtnl-ipmr-link', '26/128': 'rtnl-route-inet', '26/129': 'rtnl-route-inet6' };
  const alone = await read({ interfaceNames: NAMES, defaultTables: { inet6: [] } }, captures);
  assert.deepEqual(alone.part, { data: { inet: { vifs: VIFS, forwardingCache: [], routingTables: ROUTING_TABLES }, inet6: { forwardingCache: [] } }, issues: [], unavailable: [] });
  const withProcfs = await read({ interfaceNames: NAMES, defaultTables: DEFAULTS }, captures);
  assert.deepEqual(withProcfs.part.issues, []);
  assert.deepEqual(withProcfs.part.data.inet!.forwardingCache, PROCFS_4);
  assert.deepEqual(withProcfs.part.data.inet6!.forwardingCache, PROCFS_6);
});

test('an interrupted dump is taken again; the result is the same', async () => {
  const channel = new ReplayChannel({ captures: CAPTURES, interruptions: 2 });
  const part = await readMulticastRouting(channel, { interfaceNames: NAMES, defaultTables: DEFAULTS });
  assert.deepEqual(channel.requests, ['18/128', '18/128', '18/128', '26/128', '26/129']);
  assert.deepEqual(part.issues, []);
  assert.deepEqual(part.data.inet!.forwardingCache, CACHE_4);
  assert.deepEqual(part.data.inet6!.forwardingCache, CACHE_6);
});

test('a vif the parser could not complete: left out with an issue; the default table keeps procfs\'s entries (those through that vif without netlink\'s fields: its device cannot be checked), without them its entries are counted', async () => {
  // The IPMRA_VIF of va in table 253 (byte 88) declared 8 bytes short: no IPMRA_VIFA_REMOTE_ADDR.
  assert.deepEqual([...readCapture('rtnl-ipmr-link').subarray(88, 96)], [92, 0, 1, 0, 8, 0, 1, 0]);
  const patch = (name: string, bytes: Uint8Array) => (name === 'rtnl-ipmr-link' ? patched(bytes, 88, 84, 2) : bytes);
  const lacking = [['unknown-format', 'table 253: a vif lacks its id, device, flags, a counter or an address; left out']];
  const withProcfs = await read({ interfaceNames: NAMES, defaultTables: { inet: PROCFS_4 } }, CAPTURES, patch);
  assert.deepEqual(withProcfs.part.issues.map((i) => [i.code, i.message]), lacking);
  assert.deepEqual(withProcfs.part.data.inet!.vifs, VIFS.slice(1));
  assert.deepEqual(withProcfs.part.data.inet!.routingTables, ROUTING_TABLES);
  assert.deepEqual(withProcfs.part.data.inet!.forwardingCache, [PROCFS_4[0], PROCFS_4[1], ...CACHE_4.slice(2)]);
  assert.deepEqual(withProcfs.part.unavailable, []);
  const alone = await read({ interfaceNames: NAMES, defaultTables: {} }, CAPTURES, patch);
  assert.deepEqual(alone.part.issues.map((i) => [i.code, i.message]), lacking);
  assert.deepEqual(alone.part.data.inet!.forwardingCache, CACHE_4.slice(2));
  assert.deepEqual(alone.part.unavailable.map((u) => u.what), [UNNUMBERED_4]);
  assert.match(alone.part.unavailable[0]!.reason, /^2 left out: /);
});

test('a table lacking IPMRA_TABLE_ID is left out with its vifs; its entries cannot be numbered', async () => {
  // Table 100's IPMRA_TABLE_ID (message at 0x110, attribute at + 16 + 16 + 4) retyped to an unknown attribute.
  const at = 0x110 + 36;
  assert.deepEqual([...readCapture('rtnl-ipmr-link').subarray(at, at + 8)], [8, 0, 1, 0, 100, 0, 0, 0]);
  const patch = (name: string, bytes: Uint8Array) => (name === 'rtnl-ipmr-link' ? patched(bytes, at + 2, 99, 2) : bytes);
  const { part } = await read({ interfaceNames: NAMES, defaultTables: { inet: PROCFS_4 } }, CAPTURES, patch);
  assert.deepEqual(part.data.inet!.vifs, VIFS.slice(0, 2));
  assert.deepEqual(part.data.inet!.routingTables, ROUTING_TABLES.slice(0, 1));
  assert.deepEqual(part.data.inet!.forwardingCache, CACHE_4.slice(0, 3));
  assert.deepEqual(part.issues.map((i) => [i.code, i.message]), [
    ['unknown-format', 'a multicast routing table lacks one of IPMRA_TABLE_ID, CACHE_RES_QUEUE_LEN, MROUTE_REG_VIF_NUM, DO_ASSERT, DO_PIM; left out with its vifs'],
  ]);
  assert.deepEqual(part.unavailable.map((u) => [u.what, u.reason.split(':')[0]]), [[UNNUMBERED_4, '1 left out']]);
});

test('600 seeded random corruptions of each capture, read whole: a result and typed issues every time', async () => {
  const codes = ['truncated', 'bad-length', 'unknown-format', 'bad-address'];
  let entries = 0;
  for (const [name, seed] of [['rtnl-ipmr-link', 0x6d727631], ['rtnl-mroute-inet', 0x6d727632], ['rtnl-mroute-inet6', 0x6d727633]] as const) {
    for (const bytes of flipped(readCapture(name), 600, seed)) {
      for (const defaultTables of [DEFAULTS, {}]) {
        const { part } = await read({ interfaceNames: NAMES, defaultTables }, CAPTURES, (n, original) => (n === name ? bytes : original));
        for (const i of part.issues) assert.ok(codes.includes(i.code), `${name}: ${i.code}: ${i.message}`);
        entries += (part.data.inet?.forwardingCache.length ?? 0) + (part.data.inet6?.forwardingCache.length ?? 0);
      }
    }
  }
  assert.ok(entries > 0);
});
