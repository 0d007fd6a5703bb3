/**
 * Multicast routing over netlink in the cases a lab cannot easily make, on replies built by
 * hand here (the layout of net/ipv4/ipmr.c ipmr_rtm_dumplink and ipmr_base.c mr_fill_mroute):
 * a table split over two messages, two vifs on one device, an entry whose input device is
 * gone, procfs's numbers winning on the default tables, IPv6 tables other than the default,
 * and how the live source serves (or refuses) the view when a family is missing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KstatError } from '../../../src/errors.js';
import type { MulticastForwardingEntry } from '../../../src/records/multicast.js';
import { readMulticastRouting } from '../../../src/sources/netlink/multicast-routing.js';
import { KernelSource } from '../../../src/sources/netlink/kernel-source.js';
import type { ReadPath } from '../../../src/sources/netlink/read-path.js';
import { capturedTreeLayout } from '../../../src/sources/tree/layouts.js';
import { TreeReader } from '../../../src/sources/tree/reader.js';
import { TreeSource } from '../../../src/sources/tree/tree-source.js';
import { tree, variantText, withTree } from '../../helpers/fixture.js';
import { ReplayChannel } from '../../helpers/rtnl-replay-channel.js';

// --- little-endian builders (independent of src/protocol) ---
const cat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
};
const num = (bytes: number, v: number | bigint) => {
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  if (bytes === 1) view.setUint8(0, Number(v));
  else if (bytes === 2) view.setUint16(0, Number(v), true);
  else if (bytes === 4) view.setInt32(0, Number(v), true);
  else view.setBigUint64(0, BigInt(v), true);
  return out;
};
const attr = (type: number, payload: Uint8Array) => cat(num(2, 4 + payload.length), num(2, type), payload, new Uint8Array((4 - (payload.length % 4)) % 4));
const ip4 = (text: string) => new Uint8Array(text.split('.').map(Number));
const ip6 = (last: number) => cat(new Uint8Array([0xfd, 0, 0, 9]), new Uint8Array(11), new Uint8Array([last]));
const ff05 = (last: number) => cat(new Uint8Array([0xff, 5]), new Uint8Array(13), new Uint8Array([last]));
/** Messages of one dump, then NLMSG_DONE; all with sequence number 1. */
const dump = (type: number, bodies: Uint8Array[]) =>
  cat(...bodies.map((b) => cat(num(4, 16 + b.length), num(2, type), num(2, 2), num(4, 1), num(4, 0), b)), cat(num(4, 20), num(2, 3), num(2, 2), num(4, 1), num(4, 0), num(4, 0)));

interface Vif {
  vif: number;
  dev: number;
}
function table(id: number, vifs: Vif[]): Uint8Array {
  const vifAttrs = vifs.map((v) =>
    attr(1, cat(attr(1, num(4, v.dev)), attr(2, num(4, v.vif)), attr(3, num(2, 0)), ...[4, 5, 6, 7].map((t) => attr(t, num(8, 7n))), attr(8, ip4('10.0.0.9')), attr(9, ip4('0.0.0.0')))),
  );
  const spec = cat(attr(1, num(4, id)), attr(2, num(4, 0)), attr(3, num(4, -1)), attr(4, num(1, 0)), attr(5, num(1, 0)), attr(6, cat(...vifAttrs)));
  return cat(num(1, 128), new Uint8Array(15), attr(26, spec));
}

interface Route {
  family: 128 | 129;
  table: number;
  src: Uint8Array;
  dst: Uint8Array;
  iif?: number;
  oifs?: [number, number][];
  unresolved?: boolean;
  packets?: bigint;
}
function route(r: Route): Uint8Array {
  const head = cat(new Uint8Array([r.family, r.dst.length * 8, r.src.length * 8, 0, r.table > 255 ? 252 : r.table, 17, 0, 5]), num(4, r.unresolved === true ? 0x20 : 0));
  const attrs = [attr(15, num(4, r.table)), attr(2, r.src), attr(1, r.dst)];
  if (r.unresolved !== true) {
    if (r.iif !== undefined) attrs.push(attr(3, num(4, r.iif)));
    attrs.push(attr(9, cat(...(r.oifs ?? []).map(([dev, ttl]) => cat(num(2, 8), num(1, 0), num(1, ttl), num(4, dev))))));
    attrs.push(attr(17, cat(num(8, r.packets ?? 6n), num(8, 600n), num(8, 0n))), attr(23, num(8, 123n)));
  }
  return cat(head, ...attrs);
}

/** A channel whose IPMR/IP6MR dumps answer with the given bytes (the capture names are only carriers). */
function channel(built: { tables?: Uint8Array[]; routes4?: Route[]; routes6?: Route[] }): ReplayChannel {
  const bytes: Record<string, Uint8Array> = {
    'rtnl-link': built.tables === undefined ? new Uint8Array() : dump(16, built.tables),
    'rtnl-route-inet': dump(24, (built.routes4 ?? []).map(route)),
    'rtnl-route-inet6': dump(24, (built.routes6 ?? []).map(route)),
  };
  return new ReplayChannel({ captures: { '18/128': 'rtnl-link', '26/128': 'rtnl-route-inet', '26/129': 'rtnl-route-inet6' }, patch: (name, original) => (built.tables === undefined && name === 'rtnl-link' ? original : bytes[name]!) });
}

const NAMES = new Map([
  [10, 'a0'], [11, 'a1'], [12, 'a2'], [20, 'b0'], [21, 'b1'], [30, 'c0'], [31, 'c1'],
]);

test('a table the kernel splits over two messages is one table, and its vifs number its entries', async () => {
  const ch = channel({
    tables: [table(100, [{ vif: 0, dev: 10 }, { vif: 1, dev: 11 }]), table(100, [{ vif: 2, dev: 12 }])],
    routes4: [{ family: 128, table: 100, src: ip4('10.0.0.1'), dst: ip4('239.0.0.1'), iif: 12, oifs: [[10, 1], [11, 4]] }],
  });
  const r = await readMulticastRouting(ch, { interfaceNames: NAMES, defaultTables: {} });
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.data.inet?.routingTables.map((t) => t.table), [100]);
  assert.deepEqual(r.data.inet?.vifs.map((v) => [v.table, v.index, v.interface]), [[100, 0, 'a0'], [100, 1, 'a1'], [100, 2, 'a2']]);
  assert.deepEqual(r.data.inet?.forwardingCache, [
    {
      family: 'inet', group: '239.0.0.1', origin: '10.0.0.1', inputVif: 2, packets: 6n, bytes: 600n, wrongInterface: 0n,
      outputs: [{ vif: 0, ttl: 1, ifindex: 10, interface: 'a0' }, { vif: 1, ttl: 4, ifindex: 11, interface: 'a1' }],
      table: 100, unresolved: false, offloaded: false, inputIfindex: 12, inputInterface: 'a2', sinceUsed: 123n,
    },
  ]);
  assert.deepEqual(r.unavailable, []);
});

test('other tables: a device shared by two vifs, or an input device gone, cannot be numbered and is counted', async () => {
  const ch = channel({
    tables: [table(101, [{ vif: 0, dev: 20 }, { vif: 1, dev: 20 }, { vif: 2, dev: 21 }])],
    routes4: [
      { family: 128, table: 101, src: ip4('10.0.0.1'), dst: ip4('239.0.0.1'), iif: 21, oifs: [[20, 1]] },
      { family: 128, table: 101, src: ip4('10.0.0.2'), dst: ip4('239.0.0.2'), iif: 20, oifs: [] },
      { family: 128, table: 101, src: ip4('10.0.0.3'), dst: ip4('239.0.0.3'), oifs: [[21, 1]] },
      { family: 128, table: 101, src: ip4('10.0.0.4'), dst: ip4('239.0.0.4'), iif: 21, oifs: [] },
    ],
  });
  const r = await readMulticastRouting(ch, { interfaceNames: NAMES, defaultTables: {} });
  assert.deepEqual(r.data.inet?.forwardingCache.map((e) => [e.origin, e.inputVif]), [['10.0.0.4', 2]]);
  assert.deepEqual(r.unavailable.map((u) => [u.what, u.reason.split(':')[0]]), [['IPv4 multicast forwarding entries that cannot be numbered', '3 left out']]);
});

test("default tables: procfs's entries and numbers, with netlink's devices, state and age; an entry only netlink saw, or changed between the reads, is as procfs saw it", async () => {
  const procfs: MulticastForwardingEntry[] = [
    { family: 'inet', group: '239.1.1.1', origin: '10.0.0.1', inputVif: 1, packets: 5n, bytes: 500n, wrongInterface: 0n, outputs: [{ vif: 2, ttl: 3 }], table: 253 },
    { family: 'inet', group: '239.1.1.2', origin: '10.0.0.1', inputVif: -1, packets: 0n, bytes: 0n, wrongInterface: 0n, outputs: [], table: 253 },
    { family: 'inet', group: '239.1.1.3', origin: '10.0.0.1', inputVif: 0, packets: 1n, bytes: 100n, wrongInterface: 0n, outputs: [], table: 253 },
    // Changed between the two reads: netlink's output device is not vif 0's.
    { family: 'inet', group: '239.1.1.4', origin: '10.0.0.1', inputVif: 2, packets: 1n, bytes: 100n, wrongInterface: 0n, outputs: [{ vif: 0, ttl: 1 }], table: 253 },
  ];
  const ch = channel({
    // vifs 0 and 1 share device 30: only procfs can say the input is vif 1.
    tables: [table(253, [{ vif: 0, dev: 30 }, { vif: 1, dev: 30 }, { vif: 2, dev: 31 }])],
    routes4: [
      { family: 128, table: 253, src: ip4('10.0.0.1'), dst: ip4('239.1.1.1'), iif: 30, oifs: [[31, 3]], packets: 6n },
      { family: 128, table: 253, src: ip4('10.0.0.1'), dst: ip4('239.1.1.2'), unresolved: true },
      { family: 128, table: 253, src: ip4('10.0.0.1'), dst: ip4('239.1.1.9'), iif: 31, oifs: [] },
      { family: 128, table: 253, src: ip4('10.0.0.1'), dst: ip4('239.1.1.4'), iif: 31, oifs: [[31, 1]] },
    ],
  });
  const r = await readMulticastRouting(ch, { interfaceNames: NAMES, defaultTables: { inet: procfs } });
  assert.deepEqual(r.data.inet?.forwardingCache, [
    { ...procfs[0], outputs: [{ vif: 2, ttl: 3, ifindex: 31, interface: 'c1' }], unresolved: false, offloaded: false, inputIfindex: 30, inputInterface: 'c0', sinceUsed: 123n },
    { ...procfs[1], unresolved: true, offloaded: false },
    procfs[2],
    procfs[3],
  ]);
  assert.deepEqual([r.issues, r.unavailable], [[], []]);
});

test('IPv6: the default table numbered by procfs; elsewhere unresolved entries listed, resolved ones counted', async () => {
  const procfs: MulticastForwardingEntry[] = [{ family: 'inet6', group: 'ff05::1', origin: 'fd00:9::1', inputVif: 0, packets: 3n, bytes: 300n, wrongInterface: 0n, outputs: [{ vif: 1, ttl: 1 }], table: 254 }];
  const ch = channel({
    routes6: [
      { family: 129, table: 254, src: ip6(1), dst: ff05(1), iif: 30, oifs: [[31, 1]] },
      { family: 129, table: 100, src: ip6(2), dst: ff05(2), unresolved: true },
      { family: 129, table: 100, src: ip6(3), dst: ff05(3), iif: 30, oifs: [] },
    ],
  });
  const r = await readMulticastRouting(ch, { interfaceNames: NAMES, defaultTables: { inet6: procfs } });
  assert.equal(r.data.inet, undefined, 'no IPMR table message: no IPv4 multicast routing');
  assert.deepEqual(r.data.inet6?.forwardingCache, [
    { ...procfs[0], outputs: [{ vif: 1, ttl: 1, ifindex: 31, interface: 'c1' }], unresolved: false, offloaded: false, inputIfindex: 30, inputInterface: 'c0', sinceUsed: 123n },
    { family: 'inet6', group: 'ff05::2', origin: 'fd00:9::2', inputVif: -1, packets: 0n, bytes: 0n, wrongInterface: 0n, outputs: [], table: 100, unresolved: true, offloaded: false },
  ]);
  assert.deepEqual(r.unavailable.map((u) => [u.what, u.reason.split(':')[0]]), [['IPv6 multicast forwarding entries that cannot be numbered', '1 left out']]);
});

function kernelSource(treeName: string, ch: ReplayChannel, path: ReadPath): KernelSource {
  const setup = capturedTreeLayout(tree(treeName));
  return new KernelSource(new TreeSource(new TreeReader(setup.layout), setup.info), Object.assign(ch, { close: async () => {} }), path);
}

test('the live source: a kernel without IPv4 multicast routing (its plain link dump answers the IPMR request)', async () => {
  const plain = { '18/0': 'rtnl-link', '18/128': 'rtnl-link', '26/128': 'rtnl-route-inet', '26/129': 'rtnl-route-inet6' };
  // And no ip6_mr_cache in procfs either: nothing for netlink to serve; strict mode fails and says why.
  const strict = kernelSource('procfs-fixtures', new ReplayChannel({ captures: plain }), 'netlink');
  await assert.rejects(strict.multicast(), (e: unknown) => KstatError.is(e) && e.code === 'E_UNAVAILABLE' && /rtnetlink/.test(e.message));
  // With procfs's IPv6 cache (this tree has the files): IPv6 over netlink (none of the plain routes is IP6MR), IPv4 stays procfs's.
  const r = await kernelSource('linux-6.18.44-fc-v595-netns', new ReplayChannel({ captures: plain }), 'auto').multicast();
  assert.equal(r.via, 'netlink+procfs');
  assert.equal(r.data.routingTables, undefined);
  assert.deepEqual([r.data.vifs, r.data.forwardingCache, r.issues], [[], [], []]);
  assert.ok(r.data.memberships.length > 0);
});

test('the live source: procfs without any multicast file still gets the routing part from netlink, and says what it lacks', async () => {
  const ch = new ReplayChannel({ captures: { '18/0': 'rtnl-link', '18/128': 'rtnl-ipmr-link', '26/128': 'rtnl-mroute-inet' } });
  const r = await kernelSource('procfs-fixtures', ch, 'auto').multicast();
  assert.equal(r.via, 'netlink+procfs');
  assert.deepEqual(r.data.memberships, []);
  assert.deepEqual(r.data.routingTables?.map((t) => t.table).sort(), [100, 253]);
  assert.ok(r.data.vifs.length > 0 && r.data.vifs.every((v) => v.family === 'inet'));
  assert.ok(r.unavailable.some((u) => u.what === 'multicast memberships and source filters'));
  assert.ok(r.unavailable.some((u) => u.what === 'IPv6 multicast forwarding cache'));
});

test("the live source: issues of procfs's ip_mr_vif go with its records (netlink's replace them); those of ip_mr_cache stay with the entries still used", async () => {
  await withTree({ 'proc/net/ip_mr_vif': variantText('net-ip-mr-vif.bad-lines'), 'proc/net/ip_mr_cache': variantText('net-ip-mr-cache.bad-lines') }, async (root) => {
    const ch = new ReplayChannel({ captures: { '18/0': 'rtnl-link', '18/128': 'rtnl-ipmr-link', '26/128': 'rtnl-mroute-inet' } });
    const setup = capturedTreeLayout(root);
    const r = await new KernelSource(new TreeSource(new TreeReader(setup.layout), setup.info), Object.assign(ch, { close: async () => {} }), 'auto').multicast();
    assert.equal(r.via, 'netlink+procfs');
    const files = new Set(r.issues.map((i) => i.file));
    assert.ok(files.has('proc/net/ip_mr_cache'), 'the cache file\'s issues stay');
    assert.ok(!files.has('proc/net/ip_mr_vif'), 'the vif file\'s issues go with its records');
    assert.deepEqual(r.data.vifs.map((v) => v.table), [253, 253, 100, 100], 'the vifs are netlink\'s');
  });
});
