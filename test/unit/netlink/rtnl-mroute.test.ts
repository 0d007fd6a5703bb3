/**
 * rtnetlink multicast routing parsers on captured dumps: parseIpmrTableMessage over the
 * RTM_GETLINK dump of family RTNL_FAMILY_IPMR (rtnl-ipmr-link.bin: the IPv4 vif tables) and
 * parseRouteMessage over the RTM_GETROUTE dumps of families RTNL_FAMILY_IPMR and
 * RTNL_FAMILY_IP6MR (rtnl-mroute-inet.bin, rtnl-mroute-inet6.bin). The captures come from
 * test/helpers/mroute-netns.ts (smcrouted for the default tables and for table 100; ifindex
 * 2 va, 3 vc, 4 vg, 5 ve), with `ip -s -j mroute show table all` (mroute.ip.json,
 * mroute6.ip.json), `ip -j link show` (mroute.ip.link.json) and /proc/net/ip*_mr_* of the
 * same moment beside them: every number asserted here is a literal read off the bytes, and
 * checked again against those files.
 *
 * Then the parsers' tolerance, in the manner of rtnl-fuzz.test.ts: messages of another
 * family, hand-built short and unknown attributes, every truncation and every split of the
 * nested IPMRA attributes, attribute lengths too short or running past their container,
 * a corrupted IPMRA_VIF length, and seeded random corruptions: never an exception, typed
 * issues, and what came before the fault kept.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Issue } from '../../../src/errors.js';
import { IFINFOMSG_BYTES } from '../../../src/protocol/netlink/rtnl-link.js';
import { buildIpmrTableDumpRequest, parseIpmrTableMessage, type IpmrTable, type IpmrVif } from '../../../src/protocol/netlink/rtnl-ipmr-link.js';
import { RTMSG_BYTES, RTNH_F_OFFLOAD, RTNH_F_UNRESOLVED, parseRouteMessage, type RtnlRoute } from '../../../src/protocol/netlink/rtnl-route.js';
import type { IpMroute } from '../../helpers/mroute-netns.js';
import { NETLINK_FIXTURES, readCapture, replay } from '../../helpers/netlink-capture.js';
import { flipped, layout, parseAll, patched, type DiagParser } from '../../helpers/sock-diag-fuzz.js';

const u8 = (...values: number[]) => new Uint8Array(values);
const fixture = (name: string) => readFileSync(join(NETLINK_FIXTURES, name), 'utf8');

/** Dotted quad → 4 bytes; IPv6 text → 16 bytes (independent of src/'s formatter). */
function v4(text: string): Uint8Array {
  return new Uint8Array(text.split('.').map(Number));
}
function v6(text: string): Uint8Array {
  const [head, tail] = text.split('::') as [string, string | undefined];
  const words = (s: string | undefined) => (s === undefined || s === '' ? [] : s.split(':').map((w) => parseInt(w, 16)));
  const h = words(head);
  const t = words(tail);
  const all = tail === undefined ? h : [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  return new Uint8Array(all.flatMap((w) => [w >> 8, w & 0xff]));
}

function parseCapture<T>(name: string, parse: (bytes: Uint8Array, view: DataView, start: number, end: number, issues: Issue[]) => T | undefined) {
  const items: T[] = [];
  const types: number[] = [];
  const issues: Issue[] = [];
  const walk = replay(readCapture(name), (bytes, view, type, start, end) => {
    types.push(type);
    const item = parse(bytes, view, start, end, issues);
    if (item !== undefined) items.push(item);
  });
  return { items, types, issues, outcome: walk.outcome.kind };
}

const tables = parseCapture('rtnl-ipmr-link', parseIpmrTableMessage);
const routes4 = parseCapture('rtnl-mroute-inet', parseRouteMessage);
const routes6 = parseCapture('rtnl-mroute-inet6', parseRouteMessage);

/** ifindex → name, from `ip -j link show` of the capture's moment. */
const NAMES = new Map((JSON.parse(fixture('mroute.ip.link.json')) as { ifindex: number; ifname: string }[]).map((l) => [l.ifindex, l.ifname] as const));

// ---- the vif tables --------------------------------------------------------------------

/** VIFF_USE_IFINDEX: smcrouted makes its vifs by device index; the kernel keeps the index where the local address goes. */
const VIFF_USE_IFINDEX = 0x8;

const TABLE_253: IpmrTable = {
  table: 253,
  unresolvedQueueLength: 1,
  registerVif: -1,
  assert: true,
  pim: true,
  wrongVifWhole: false,
  vifs: [
    { ifindex: 2, vif: 0, flags: 8, bytesIn: 768n, bytesOut: 0n, packetsIn: 6n, packetsOut: 0n, local: u8(2, 0, 0, 0), remote: u8(0, 0, 0, 0) },
    { ifindex: 3, vif: 1, flags: 8, bytesIn: 0n, bytesOut: 768n, packetsIn: 0n, packetsOut: 6n, local: u8(3, 0, 0, 0), remote: u8(0, 0, 0, 0) },
  ],
};

const TABLE_100: IpmrTable = {
  table: 100,
  unresolvedQueueLength: 0,
  registerVif: -1,
  assert: true,
  pim: true,
  wrongVifWhole: false,
  vifs: [
    { ifindex: 5, vif: 0, flags: 8, bytesIn: 0n, bytesOut: 0n, packetsIn: 0n, packetsOut: 0n, local: u8(5, 0, 0, 0), remote: u8(0, 0, 0, 0) },
    { ifindex: 4, vif: 1, flags: 8, bytesIn: 0n, bytesOut: 0n, packetsIn: 0n, packetsOut: 0n, local: u8(4, 0, 0, 0), remote: u8(0, 0, 0, 0) },
  ],
};

test('the table dump request is an ifinfomsg of family RTNL_FAMILY_IPMR (128), all else zero', () => {
  assert.equal(IFINFOMSG_BYTES, 16);
  assert.deepEqual([...buildIpmrTableDumpRequest()], [128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
});

test('rtnl-ipmr-link: two RTM_NEWLINK messages, one per table, without issues', () => {
  assert.equal(tables.outcome, 'done');
  assert.deepEqual(tables.types, [16, 16]);
  assert.deepEqual(tables.issues, []);
  assert.equal(tables.items.length, 2);
});

test('rtnl-ipmr-link: the default table 253, every field', () => {
  assert.deepEqual(tables.items[0], TABLE_253);
});

test('rtnl-ipmr-link: table 100 (the second smcrouted), every field', () => {
  assert.deepEqual(tables.items[1], TABLE_100);
});

test('rtnl-ipmr-link: table 253 agrees with /proc/net/ip_mr_vif and ip link of the same moment', () => {
  // " 0 va              768       6         0       0 00008 00000002 00000000"
  const rows = fixture('mroute.proc-net-ip-mr-vif.txt').trim().split('\n').slice(1).map((l) => l.trim().split(/\s+/));
  assert.equal(rows.length, 2);
  const [table] = tables.items;
  assert.equal(table!.vifs.length, rows.length);
  for (const [i, [vif, device, bytesIn, packetsIn, bytesOut, packetsOut, flags, local, remote]] of rows.entries()) {
    const ours = table!.vifs[i]!;
    assert.equal(ours.vif, Number(vif));
    assert.equal(NAMES.get(ours.ifindex!), device);
    assert.deepEqual([ours.bytesIn, ours.packetsIn, ours.bytesOut, ours.packetsOut], [BigInt(bytesIn!), BigInt(packetsIn!), BigInt(bytesOut!), BigInt(packetsOut!)]);
    assert.equal(ours.flags, parseInt(flags!, 16));
    // procfs prints the __be32 as a host-order word (%08X on x86-64): the bytes read little-endian.
    const word = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, 4).getUint32(0, true);
    assert.equal(word(ours.local!), parseInt(local!, 16));
    assert.equal(word(ours.remote!), parseInt(remote!, 16));
    assert.equal(ours.flags! & VIFF_USE_IFINDEX, VIFF_USE_IFINDEX);
    assert.equal(word(ours.local!), ours.ifindex); // USE_IFINDEX: the "local address" is the device index
  }
  assert.deepEqual(rows.map((r) => r[1]), ['va', 'vc']);
});

test('a message of another family is no table: undefined, without an issue', () => {
  // A plain RTM_NEWLINK payload: ifinfomsg of AF_UNSPEC (type ARPHRD_ETHER, index 7, IFF_UP),
  // IFLA_IFNAME "x0", and an IFLA_AF_SPEC that would read as IPMRA_TABLE_ID 9 were it IPMR.
  const body = [...attr(3, [0x78, 0x30, 0]), ...attr(26, attr(1, [9, 0, 0, 0]))];
  for (const family of [0, 2, 10, 129]) {
    const bytes = new Uint8Array([family, 0, 1, 0, 7, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, ...body]);
    const issues: Issue[] = [];
    assert.equal(parseIpmrTableMessage(bytes, new DataView(bytes.buffer), 0, bytes.length, issues), undefined, `family ${family}`);
    assert.deepEqual(issues, [], `family ${family}`);
  }
  // The same bytes of family 128 are a table.
  const ipmr = new Uint8Array([128, 0, 1, 0, 7, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, ...body]);
  const issues: Issue[] = [];
  assert.deepEqual(parseIpmrTableMessage(ipmr, new DataView(ipmr.buffer), 0, ipmr.length, issues), { table: 9, vifs: [] });
  assert.deepEqual(issues, []);
  // And the whole link dump a kernel without CONFIG_IP_MROUTE falls back to: nothing, quietly.
  const links = parseCapture('rtnl-link', parseIpmrTableMessage);
  assert.deepEqual(links.types, new Array<number>(8).fill(16));
  assert.deepEqual(links.items, []);
  assert.deepEqual(links.issues, []);
});

test('an ifinfomsg shorter than 16 bytes is a truncated issue and no table', () => {
  const bytes = new Uint8Array(15);
  bytes[0] = 128;
  const issues: Issue[] = [];
  assert.equal(parseIpmrTableMessage(bytes, new DataView(bytes.buffer), 0, 15, issues), undefined);
  assert.deepEqual(issues.map((i) => [i.file, i.code, i.message]), [['rtnetlink ipmr vif table', 'truncated', 'message at byte 0: 15 bytes, ifinfomsg needs 16']]);
});

/** One attribute: u16 length, u16 type, payload, zero padding to 4 bytes. */
function attr(type: number, payload: readonly number[], declared?: number): number[] {
  const len = declared ?? 4 + payload.length;
  const out = [len & 0xff, len >> 8, type & 0xff, type >> 8, ...payload];
  while (out.length % 4 !== 0) out.push(0);
  return out;
}

function ipmrMessage(...attributes: number[][]): Uint8Array {
  return new Uint8Array([128, ...new Array<number>(15).fill(0), ...attr(26, attributes.flat())]);
}

function parseOneTable(bytes: Uint8Array): { t: IpmrTable | undefined; issues: Issue[] } {
  const issues: Issue[] = [];
  const t = parseIpmrTableMessage(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0, bytes.length, issues);
  return { t, issues };
}

test('unknown table and vif attributes are kept by number, IPMRA_VIFA_PAD is dropped, without issues', () => {
  const { t, issues } = parseOneTable(ipmrMessage(attr(1, [7, 0, 0, 0]), attr(99, [1, 2, 3]), attr(6, attr(1, [...attr(10, []), ...attr(1, [4, 0, 0, 0]), ...attr(77, [5])]))));
  assert.deepEqual(issues, []);
  assert.deepEqual(t, { table: 7, unknown: { 99: u8(1, 2, 3) }, vifs: [{ ifindex: 4, unknown: { 77: u8(5) } }] });
});

test('short IPMRA attributes are truncated issues naming attribute and byte; the field stays undefined, the rest is read', () => {
  const { t, issues } = parseOneTable(
    ipmrMessage(
      attr(1, [7, 0]), // IPMRA_TABLE_ID of 2 bytes
      attr(3, [0xff, 0xff, 0xff, 0xff]),
      attr(4, []), // DO_ASSERT empty
      attr(6, attr(1, [...attr(4, [1, 0, 0, 0]), ...attr(3, [8]), ...attr(2, [1, 0, 0, 0])])), // BYTES_IN of 4, FLAGS of 1
    ),
  );
  assert.deepEqual(issues.map((i) => i.code), ['truncated', 'truncated', 'truncated', 'truncated']);
  assert.deepEqual(issues.map((i) => i.message), [
    'table message at byte 0: IPMRA_TABLE_ID at byte 24 has 2 bytes, needs 4',
    'table message at byte 0: IPMRA_TABLE_MROUTE_DO_ASSERT at byte 40 has 0 bytes, needs 1',
    'table message at byte 0: vif at byte 48: IPMRA_VIFA_BYTES_IN at byte 52 has 4 bytes, needs 8',
    'table message at byte 0: vif at byte 48: IPMRA_VIFA_FLAGS at byte 60 has 1 bytes, needs 2',
  ]);
  assert.deepEqual(t, { registerVif: -1, vifs: [{ vif: 1 }] });
});

// ---- the forwarding caches -------------------------------------------------------------

const RTPROT_MROUTED = 17;
const RTN_MULTICAST = 5;
const mroute = (family: number, table: number, src: Uint8Array, dst: Uint8Array, flags: number): RtnlRoute => ({
  family, dstLength: dst.length * 8, srcLength: src.length * 8, tos: 0, table, protocol: RTPROT_MROUTED, scope: 0, type: RTN_MULTICAST, flags, src, dst,
});

const ROUTES_4: readonly RtnlRoute[] = [
  { ...mroute(128, 253, v4('10.9.1.5'), v4('225.1.2.3'), 0), iif: 2, multipath: [{ flags: 0, hops: 5, ifindex: 3 }], mfcStats: { packets: 5n, bytes: 640n, wrongInterface: 0n }, expires: 26n },
  { ...mroute(128, 253, v4('10.9.1.5'), v4('225.4.5.6'), 0), iif: 2, multipath: [{ flags: 0, hops: 5, ifindex: 3 }], mfcStats: { packets: 1n, bytes: 128n, wrongInterface: 0n }, expires: 19n },
  mroute(128, 253, v4('10.9.1.5'), v4('225.7.7.7'), RTNH_F_UNRESOLVED),
  { ...mroute(128, 100, v4('10.9.3.7'), v4('226.1.1.1'), 0), iif: 5, multipath: [{ flags: 0, hops: 1, ifindex: 4 }], mfcStats: { packets: 0n, bytes: 0n, wrongInterface: 0n }, expires: 33n },
];

const ROUTES_6: readonly RtnlRoute[] = [
  { ...mroute(129, 254, v6('fd00:9:1::5'), v6('ff05::114'), 0), iif: 2, multipath: [{ flags: 0, hops: 1, ifindex: 3 }], mfcStats: { packets: 3n, bytes: 444n, wrongInterface: 0n }, expires: 9n },
  mroute(129, 254, v6('fd00:9:1::5'), v6('ff05::777'), RTNH_F_UNRESOLVED),
  { ...mroute(129, 100, v6('fd00:9:3::7'), v6('ff05::115'), 0), iif: 5, multipath: [{ flags: 0, hops: 1, ifindex: 4 }], mfcStats: { packets: 0n, bytes: 0n, wrongInterface: 0n }, expires: 33n },
];

test('RTNH_F_UNRESOLVED and RTNH_F_OFFLOAD are the uapi bits (32 and 8)', () => {
  assert.equal(RTNH_F_UNRESOLVED, 0x20);
  assert.equal(RTNH_F_OFFLOAD, 0x8);
});

test('rtnl-mroute-inet: four RTM_NEWROUTE of family 128 without issues, every field', () => {
  assert.equal(routes4.outcome, 'done');
  assert.deepEqual(routes4.types, [24, 24, 24, 24]);
  assert.deepEqual(routes4.issues, []);
  assert.deepEqual(routes4.items, ROUTES_4);
});

test('rtnl-mroute-inet6: three RTM_NEWROUTE of family 129 without issues, every field', () => {
  assert.equal(routes6.outcome, 'done');
  assert.deepEqual(routes6.types, [24, 24, 24]);
  assert.deepEqual(routes6.issues, []);
  assert.deepEqual(routes6.items, ROUTES_6);
});

test('unresolved entries carry addresses and table only; resolved ones input, outputs, counters and expires', () => {
  for (const r of [...routes4.items, ...routes6.items]) {
    const unresolved = (r.flags & RTNH_F_UNRESOLVED) !== 0;
    const what = `${r.family} table ${r.table} dst ${[...r.dst!].join(',')}`;
    assert.equal(r.flags & RTNH_F_OFFLOAD, 0, what);
    assert.equal(r.iif === undefined, unresolved, what);
    assert.equal(r.mfcStats === undefined, unresolved, what);
    assert.equal(r.multipath === undefined, unresolved, what);
    assert.equal(r.expires === undefined, unresolved, what);
    assert.equal(r.unknown, undefined, what);
    assert.equal(r.oif, undefined, what);
    assert.equal(r.priority, undefined, what);
  }
  assert.equal(routes4.items.filter((r) => (r.flags & RTNH_F_UNRESOLVED) !== 0).length, 1);
  assert.equal(routes6.items.filter((r) => (r.flags & RTNH_F_UNRESOLVED) !== 0).length, 1);
});

/** ip names table 253 "default" and leaves out the main table (254, IPv6's default). */
const ipTable = (t: string | undefined) => (t === undefined ? 254 : t === 'default' ? 253 : Number(t));

for (const [file, parsed, family, address] of [
  ['mroute.ip.json', routes4, 128, v4],
  ['mroute6.ip.json', routes6, 129, v6],
] as const) {
  test(`the parsed routes are the entries of ${file}, in the same order`, () => {
    const ip = JSON.parse(fixture(file)) as IpMroute[];
    assert.equal(parsed.items.length, ip.length);
    for (const [i, theirs] of ip.entries()) {
      const ours = parsed.items[i]!;
      const what = `${theirs.src} ${theirs.dst}`;
      assert.equal(ours.family, family, what);
      assert.deepEqual(ours.src, address(theirs.src), what);
      assert.deepEqual(ours.dst, address(theirs.dst), what);
      assert.equal(ours.table, ipTable(theirs.table), what);
      assert.equal((ours.flags & RTNH_F_UNRESOLVED) !== 0 ? 'unresolved' : 'resolved', theirs.state, what);
      if (theirs.state === 'unresolved') {
        assert.equal(theirs.iif, 'unresolved', what);
        continue;
      }
      assert.equal(NAMES.get(ours.iif!), theirs.iif, what);
      // ip prints a TTL threshold only above 1.
      assert.deepEqual(ours.multipath!.map((h) => ({ oif: NAMES.get(h.ifindex), ttl: h.hops })), theirs.multipath!.map((m) => ({ oif: m.oif, ttl: m.ttl ?? 1 })), what);
      assert.deepEqual(ours.mfcStats, { packets: BigInt(theirs.packets!), bytes: BigInt(theirs.bytes!), wrongInterface: BigInt(theirs.wrong_if ?? 0) }, what);
      // ip prints clock ticks as seconds, a moment after the capture (the same tick, or a few later).
      const ticks = Math.round(theirs.expires! * 100);
      assert.ok(ticks >= Number(ours.expires!) && ticks <= Number(ours.expires!) + 10, `${what}: ours ${ours.expires} ticks, ip ${theirs.expires} s`);
    }
  });
}

test('the default tables\' routes agree with /proc/net/ip_mr_cache and ip6_mr_cache counters', () => {
  // IPv4: "030201E1 0501090A 0          5      640        0  1:5" (addresses: __be32 printed host-order).
  const le = (hex: string) => {
    const w = parseInt(hex, 16);
    return u8(w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, w >>> 24);
  };
  // The default table's entries in procfs's order, addresses as printed there (IPv4 byte-reversed, IPv6 full-width groups).
  const sameAsProcfs = (file: string, routes: RtnlRoute[], address: (text: string) => Uint8Array) => {
    const rows = fixture(file).trim().split('\n').slice(1).map((l) => l.trim().split(/\s+/));
    assert.equal(routes.length, rows.length);
    for (const [i, [group, origin, , packets, bytes, wrong]] of rows.entries()) {
      const r = routes[i]!;
      assert.deepEqual([r.dst, r.src], [address(group!), address(origin!)]);
      assert.deepEqual([r.mfcStats?.packets ?? 0n, r.mfcStats?.bytes ?? 0n, r.mfcStats?.wrongInterface ?? 0n], [BigInt(packets!), BigInt(bytes!), BigInt(wrong!)]);
    }
  };
  sameAsProcfs('mroute.proc-net-ip-mr-cache.txt', routes4.items.filter((r) => r.table === 253), le);
  sameAsProcfs('mroute.proc-net-ip6-mr-cache.txt', routes6.items.filter((r) => r.table === 254), v6);
});

test('a corrupted rtnh_len in the first route: bad-length, no hops, the attributes after RTA_MULTIPATH still read', () => {
  const capture = readCapture('rtnl-mroute-inet');
  // Message 0: RTA_MULTIPATH at byte 60 (0x3c), its rtnexthop at 64.
  assert.deepEqual([...capture.subarray(60, 72)], [12, 0, 9, 0, 8, 0, 0, 5, 3, 0, 0, 0]);
  const run = parseAll(patched(capture, 64, 0xffff, 2), parseRouteMessage);
  assert.equal(run.parsed.length, 4);
  assert.deepEqual(run.issues.map((i) => [i.code, i.message]), [['bad-length', 'route at byte 16: RTA_MULTIPATH next hop at byte 64: length 65535 does not fit in 8..8']]);
  assert.deepEqual(run.parsed[0], { ...ROUTES_4[0], multipath: [] });
  assert.deepEqual(run.parsed.slice(1), ROUTES_4.slice(1));
});

test('a short RTA_MFC_STATS is a truncated issue; the counters stay undefined, the fields before kept', () => {
  const capture = readCapture('rtnl-mroute-inet');
  // Message 0: RTA_MFC_STATS at byte 72 (0x48), 28 bytes; declared 24 it has 20 of the 24 it needs.
  assert.deepEqual([...capture.subarray(72, 76)], [28, 0, 17, 0]);
  const run = parseAll(patched(capture, 72, 24, 2), parseRouteMessage);
  assert.equal(run.parsed.length, 4);
  assert.deepEqual(run.issues.map((i) => i.code), ['truncated', 'bad-length']); // then the last 4 counter bytes read as a header of length 0
  assert.equal(run.issues[0]!.message, 'route at byte 16: RTA_MFC_STATS at byte 76 has 20 bytes, needs 24');
  const { mfcStats, expires, ...before } = ROUTES_4[0]!;
  assert.deepEqual([mfcStats !== undefined, expires], [true, 26n]);
  assert.deepEqual(run.parsed[0], before);
  assert.deepEqual(run.parsed.slice(1), ROUTES_4.slice(1));
});

// ---- fuzz and splits -------------------------------------------------------------------

interface Case {
  readonly capture: string;
  readonly fixed: number;
  readonly parse: DiagParser;
  readonly messages: number;
  /** Top-level attributes (after the fixed struct) of all messages. */
  readonly attributes: number;
  readonly seed: number;
}

const CASES: readonly Case[] = [
  { capture: 'rtnl-ipmr-link', fixed: IFINFOMSG_BYTES, parse: parseIpmrTableMessage, messages: 2, attributes: 2, seed: 0x69706d72 },
  { capture: 'rtnl-mroute-inet', fixed: RTMSG_BYTES, parse: parseRouteMessage, messages: 4, attributes: 7 + 7 + 3 + 7, seed: 0x6d723476 },
  { capture: 'rtnl-mroute-inet6', fixed: RTMSG_BYTES, parse: parseRouteMessage, messages: 3, attributes: 7 + 3 + 7, seed: 0x6d723676 },
];

const PARSER_CODES = ['truncated', 'bad-length'];

for (const c of CASES) {
  const capture = readCapture(c.capture);
  const view = new DataView(capture.buffer, capture.byteOffset, capture.byteLength);
  const { messages, attributes } = layout(capture, c.fixed);
  const full = parseAll(capture, c.parse).parsed;

  test(`${c.capture}: the capture has the shape the cases below rely on`, () => {
    assert.equal(messages.length, c.messages);
    assert.equal(attributes.length, c.attributes);
    assert.equal(full.length, c.messages);
  });

  test(`${c.capture}: every truncation parses the whole messages before the cut, without issues`, () => {
    for (let n = 0; n <= capture.length; n++) {
      const run = parseAll(capture, c.parse, n);
      const whole = messages.filter((at) => at + view.getUint32(at, true) <= n).length;
      assert.equal(run.parsed.length, whole, `cut at ${n}`);
      assert.deepEqual(run.parsed, full.slice(0, whole), `cut at ${n}`);
      assert.deepEqual(run.issues, [], `cut at ${n}`);
      if (n === capture.length) assert.equal(run.outcome, 'done');
      else assert.ok(run.outcome === 'malformed' || run.outcome === 'more', `cut at ${n}: ${run.outcome}`);
    }
  });

  test(`${c.capture}: message lengths of 0, 1, 3 and huge make the walk malformed at that message, the ones before kept`, () => {
    for (const [k, at] of messages.entries()) {
      for (const len of [0, 1, 3, 0xffffffff]) {
        const run = parseAll(patched(capture, at, len, 4), c.parse);
        assert.equal(run.outcome, 'malformed', `message ${k} length ${len}`);
        assert.deepEqual(run.parsed, full.slice(0, k));
      }
    }
  });

  test(`${c.capture}: top-level attribute lengths of 0, 1, 3 and huge: bad-length, the other messages intact`, () => {
    for (const at of attributes) {
      const k = messages.filter((m) => m < at).length - 1;
      for (const len of [0, 1, 3, 0xffff]) {
        const run = parseAll(patched(capture, at, len, 2), c.parse);
        assert.equal(run.outcome, 'done');
        assert.equal(run.parsed.length, c.messages);
        assert.deepEqual(run.issues.map((i) => i.code), ['bad-length'], `attribute at ${at} length ${len}`);
        assert.match(run.issues[0]!.message, new RegExp(`attribute at byte ${at}: length ${len} (is shorter than its header|runs past the \\d+ bytes left)`));
        assert.deepEqual(run.parsed.filter((_, i) => i !== k), full.filter((_, i) => i !== k));
      }
    }
  });

  // The vif table parser reads IFLA_AF_SPEC only; its nested attributes are retyped below.
  if (c.parse === parseRouteMessage) test(`${c.capture}: every attribute retyped as unknown is kept by number, with no issue`, () => {
    for (const at of attributes) {
      const run = parseAll(patched(capture, at + 2, 999, 2), c.parse);
      assert.deepEqual(run.issues, []);
      assert.equal(run.parsed.filter((m) => (m as { unknown?: Record<number, Uint8Array> }).unknown?.[999] !== undefined).length, 1, `attribute at ${at}`);
    }
  });

  test(`${c.capture}: 2000 seeded random corruptions: a result and typed issues every time`, () => {
    let parsed = 0;
    for (const bytes of flipped(capture, 2000, c.seed)) {
      const run = parseAll(bytes, c.parse);
      parsed += run.parsed.length;
      for (const i of run.issues) assert.ok(PARSER_CODES.includes(i.code), `${i.code}: ${i.message}`);
    }
    assert.ok(parsed > 0);
  });
}

// Routes: every message cut short inside its payload keeps exactly the attributes before the cut.

const ROUTE_FIELDS: Readonly<Record<number, keyof RtnlRoute>> = { 1: 'dst', 2: 'src', 3: 'iif', 9: 'multipath', 15: 'table', 17: 'mfcStats', 23: 'expires' };

for (const name of ['rtnl-mroute-inet', 'rtnl-mroute-inet6']) {
  test(`${name}: every message cut at every byte keeps exactly the attributes wholly before the cut`, () => {
    const capture = readCapture(name);
    const view = new DataView(capture.buffer, capture.byteOffset, capture.byteLength);
    const { messages, attributes } = layout(capture, RTMSG_BYTES);
    const full = parseAll(capture, parseRouteMessage).parsed as RtnlRoute[];
    for (const [k, at] of messages.entries()) {
      const start = at + 16;
      const end = at + view.getUint32(at, true);
      const mine = attributes.filter((a) => a > start && a < end).map((a) => ({ at: a, len: view.getUint16(a, true), type: view.getUint16(a + 2, true) }));
      for (let e = start; e < end; e++) {
        const issues: Issue[] = [];
        const r = parseRouteMessage(capture, view, start, e, issues);
        if (e - start < RTMSG_BYTES) {
          assert.equal(r, undefined);
          assert.deepEqual(issues.map((i) => i.code), ['truncated']);
          continue;
        }
        const cutInside = mine.some((a) => a.at + 4 <= e && e < a.at + a.len);
        assert.deepEqual(issues.map((i) => i.code), cutInside ? ['bad-length'] : [], `message ${k} cut at ${e}`);
        const expected: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(full[k]!)) if (!Object.values(ROUTE_FIELDS).includes(key as keyof RtnlRoute) || key === 'table') expected[key] = value;
        for (const a of mine) if (a.at + a.len <= e) expected[ROUTE_FIELDS[a.type]!] = full[k]![ROUTE_FIELDS[a.type]!];
        assert.deepEqual(r, expected, `message ${k} cut at ${e}`);
      }
    }
  });
}

// The vif tables: the nested IPMRA attributes, walked here independently of the parser.

interface Nla {
  readonly at: number;
  readonly len: number;
  readonly type: number;
  /** End of the container it sits in (the message end for IFLA_AF_SPEC). */
  readonly parentEnd: number;
  readonly leaf: boolean;
}

/** IFLA_AF_SPEC (26) → table attributes; IPMRA_TABLE_VIFS (6) → IPMRA_VIF (1) → vif attributes (leaves). */
function nested(bytes: Uint8Array, start: number, end: number): Nla[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Nla[] = [];
  /** The container type of each level, and the level below it. */
  const CONTAINER = [26, 6, 1];
  const walk = (from: number, to: number, level: number) => {
    for (let p = from; to - p >= 4; ) {
      const len = view.getUint16(p, true);
      const type = view.getUint16(p + 2, true);
      const container = level < CONTAINER.length && type === CONTAINER[level];
      out.push({ at: p, len, type, parentEnd: to, leaf: !container });
      if (container) walk(p + 4, p + len, level + 1);
      p += (len + 3) & ~3;
    }
  };
  walk(start + IFINFOMSG_BYTES, end, 0);
  return out;
}

/** The fields a table or vif holds, leaves only: table id … wrongVifWhole, and each vif's nine. */
function leaves(t: IpmrTable): number {
  const count = (o: object) => Object.entries(o).filter(([k, v]) => k !== 'vifs' && k !== 'unknown' && v !== undefined).length;
  return count(t) + t.vifs.reduce((n, v) => n + count(v), 0);
}

/** Every field `part` has (but `unknown`, checked by the caller) equals the full table's field of the same vif position. */
function assertWithin(part: IpmrTable, whole: IpmrTable, what: string): void {
  for (const [k, v] of Object.entries(part)) if (k !== 'vifs' && k !== 'unknown') assert.deepEqual(v, whole[k as keyof IpmrTable], `${what}: ${k}`);
  assert.ok(part.vifs.length <= whole.vifs.length, what);
  for (const [i, vif] of part.vifs.entries()) {
    for (const [k, v] of Object.entries(vif)) if (k !== 'unknown') assert.deepEqual(v, whole.vifs[i]![k as keyof IpmrVif], `${what}: vif ${i} ${k}`);
  }
}

{
  const capture = readCapture('rtnl-ipmr-link');
  const view = new DataView(capture.buffer, capture.byteOffset, capture.byteLength);
  const { messages } = layout(capture, IFINFOMSG_BYTES);
  const shapes = messages.map((at) => {
    const start = at + 16;
    const end = at + view.getUint32(at, true);
    return { start, end, nodes: nested(capture, start, end) };
  });
  const whole = [TABLE_253, TABLE_100];

  test('rtnl-ipmr-link: the nested attributes the cases below rely on', () => {
    for (const { nodes } of shapes) {
      // IFLA_AF_SPEC; 6 table attributes and IPMRA_TABLE_VIFS; 2 IPMRA_VIF of 9 attributes each.
      assert.equal(nodes.length, 1 + 7 + 2 * (1 + 9));
      assert.equal(nodes.filter((n) => n.leaf).length, 24);
      assert.deepEqual(nodes.filter((n) => !n.leaf).map((n) => [n.type, n.len]), [[26, 240], [6, 188], [1, 92], [1, 92]]);
    }
    assert.deepEqual(shapes.map((s) => leaves(parseOneTable(capture.slice(s.start, s.end)).t!)), [24, 24]);
  });

  test('rtnl-ipmr-link: every message cut short: the ifinfomsg, then bad-length for the cut IFLA_AF_SPEC, never a partial table', () => {
    for (const { start, end } of shapes) {
      for (let e = start; e < end; e++) {
        const issues: Issue[] = [];
        const t = parseIpmrTableMessage(capture, view, start, e, issues);
        if (e - start < IFINFOMSG_BYTES) {
          assert.equal(t, undefined);
          assert.deepEqual(issues.map((i) => i.code), ['truncated'], `cut at ${e}`);
        } else {
          assert.deepEqual(t, { vifs: [] }, `cut at ${e}`);
          // 1..3 bytes of IFLA_AF_SPEC are no attribute header yet: nothing to report.
          assert.deepEqual(issues.map((i) => i.code), e - start >= IFINFOMSG_BYTES + 4 ? ['bad-length'] : [], `cut at ${e}`);
        }
      }
    }
  });

  test('rtnl-ipmr-link: split at every byte with each enclosing IPMRA container ending there: exactly the attributes before the split', () => {
    for (const [k, { start, end, nodes }] of shapes.entries()) {
      for (let p = start + IFINFOMSG_BYTES; p <= end; p++) {
        const bytes = capture.slice();
        const v = new DataView(bytes.buffer);
        for (const n of nodes) if (!n.leaf && n.at + 4 <= p && p < n.at + n.len) v.setUint16(n.at, p - n.at, true);
        const issues: Issue[] = [];
        const t = parseIpmrTableMessage(bytes, v, start, p, issues)!;
        const what = `table ${k} split at ${p}`;
        assertWithin(t, whole[k]!, what);
        assert.equal(leaves(t), nodes.filter((n) => n.leaf && n.at + n.len <= p).length, what);
        const cutLeaf = nodes.some((n) => n.leaf && n.at + 4 <= p && p < n.at + n.len);
        assert.deepEqual(issues.map((i) => i.code), cutLeaf ? ['bad-length'] : [], what);
      }
    }
  });

  test('rtnl-ipmr-link: every nested length of 0, 1, 3 and huge: one bad-length, only that attribute and its later siblings lost', () => {
    for (const [k, { start, end, nodes }] of shapes.entries()) {
      for (const x of nodes) {
        const lost = nodes.filter((n) => n.leaf && n.at >= x.at && n.at < x.parentEnd).length;
        for (const len of [0, 1, 3, 0xffff]) {
          const bytes = patched(capture, x.at, len, 2);
          const issues: Issue[] = [];
          const t = parseIpmrTableMessage(bytes, new DataView(bytes.buffer), start, end, issues)!;
          const what = `table ${k}: attribute ${x.type} at ${x.at} length ${len}`;
          assert.deepEqual(issues.map((i) => i.code), ['bad-length'], what);
          assert.match(issues[0]!.message, new RegExp(`^table message at byte ${start}: .*attribute at byte ${x.at}: length ${len} `), what);
          assertWithin(t, whole[k]!, what);
          assert.equal(leaves(t), 24 - lost, what);
        }
      }
    }
  });

  test('rtnl-ipmr-link: every nested attribute retyped as unknown is kept by number, with no issue; a retyped IPMRA_VIF or IFLA_AF_SPEC is skipped', () => {
    for (const [k, { start, end, nodes }] of shapes.entries()) {
      for (const x of nodes) {
        const bytes = patched(capture, x.at + 2, 999, 2);
        const issues: Issue[] = [];
        const t = parseIpmrTableMessage(bytes, new DataView(bytes.buffer), start, end, issues)!;
        const what = `table ${k}: attribute ${x.type} at ${x.at}`;
        assert.deepEqual(issues, [], what);
        const payload = capture.slice(x.at + 4, x.at + x.len);
        const lost = nodes.filter((n) => n.leaf && n.at >= x.at && n.at < x.at + x.len).length;
        if (x.type === 26) assert.deepEqual(t, { vifs: [] }, what);
        else if (!x.leaf && x.type === 1) {
          // Not an IPMRA_VIF any more: IPMRA_TABLE_VIFS skips it without a trace (no `unknown` there).
          const vifs = whole[k]!.vifs.filter((_, i) => nodes.filter((n) => !n.leaf && n.type === 1)[i]!.at !== x.at);
          assert.deepEqual(t, { ...whole[k]!, vifs }, what);
        } else if (!x.leaf) assert.deepEqual(t, { ...whole[k]!, vifs: [], unknown: { 999: payload } }, what);
        else {
          assert.equal(lost, 1);
          assert.equal(leaves(t), 23, what);
          const holder = t.unknown?.[999] !== undefined ? t : t.vifs.find((v) => v.unknown?.[999] !== undefined);
          assert.deepEqual(holder?.unknown, { 999: payload }, what);
          assertWithin(t, whole[k]!, what);
        }
      }
    }
  });

  test('rtnl-ipmr-link: every fixed-size IPMRA leaf declared empty: a truncated issue naming it, nothing thrown', () => {
    for (const { start, end, nodes } of shapes) {
      for (const x of nodes.filter((n) => n.leaf)) {
        const bytes = patched(capture, x.at, 4, 2);
        const issues: Issue[] = [];
        const t = parseIpmrTableMessage(bytes, new DataView(bytes.buffer), start, end, issues);
        assert.ok(t !== undefined);
        assert.ok(issues.some((i) => i.code === 'truncated' && i.message.includes(`at byte ${x.at + 4} has 0 bytes`)), `leaf ${x.type} at ${x.at}`);
        for (const i of issues) assert.ok(PARSER_CODES.includes(i.code), i.message);
      }
    }
  });

  test('rtnl-ipmr-link: the second IPMRA_VIF of table 253 running past the table: the first vif and every table field kept', () => {
    assert.deepEqual([...capture.subarray(180, 184)], [92, 0, 1, 0]); // IPMRA_VIF of vc: 180 + 92 = the message end
    const run = parseAll(patched(capture, 180, 0xffff, 2), parseIpmrTableMessage);
    assert.equal(run.outcome, 'done');
    assert.deepEqual(run.issues.map((i) => [i.code, i.message]), [['bad-length', 'table message at byte 16: IPMRA_TABLE_VIFS: attribute at byte 180: length 65535 runs past the 92 bytes left']]);
    assert.deepEqual(run.parsed, [{ ...TABLE_253, vifs: [TABLE_253.vifs[0]] }, TABLE_100]);
  });

  test('rtnl-ipmr-link: the first IPMRA_VIF of table 253 declared 8 bytes short: that vif without its remote address, no issue', () => {
    assert.deepEqual([...capture.subarray(88, 92)], [92, 0, 1, 0]);
    const run = parseAll(patched(capture, 88, 84, 2), parseIpmrTableMessage);
    assert.deepEqual(run.issues, []); // the orphaned IPMRA_VIFA_REMOTE_ADDR sits in IPMRA_TABLE_VIFS as a non-vif: skipped
    const { remote, ...first } = TABLE_253.vifs[0]!;
    assert.deepEqual(remote, u8(0, 0, 0, 0));
    assert.deepEqual(run.parsed, [{ ...TABLE_253, vifs: [first, TABLE_253.vifs[1]] }, TABLE_100]);
  });
}
