/**
 * rtnetlink links: the RTM_GETLINK request, and the RTM_NEWLINK parser and Interface
 * mapping on a captured dump of a test namespace made by the capture step:
 * lo; veth v0/v1 (v0 alias "test veth", v1 promisc on and txqueuelen 500); veth w0/w1
 * (w0 mtu 1400, w1 a port of bridge br0); veth x0/x1 left down; all values literal.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Issue } from '../../../src/errors.js';
import {
  IFINFOMSG_BYTES,
  IFLA_STATS64,
  LINK_STATS64_FIELDS,
  buildLinkDumpRequest,
  hardwareAddressText,
  parseLinkMessage,
  readLinkStats64,
  type RtnlLink,
} from '../../../src/protocol/netlink/rtnl-link.js';
import { deviceFlags, interfaceFromLink } from '../../../src/sources/netlink/interfaces.js';
import { readCapture, replay } from '../../helpers/netlink-capture.js';

function parseCapture(): { links: RtnlLink[]; issues: Issue[] } {
  const links: RtnlLink[] = [];
  const issues: Issue[] = [];
  const walk = replay(readCapture('rtnl-link'), (bytes, view, type, start, end) => {
    assert.equal(type, 16); // RTM_NEWLINK
    const link = parseLinkMessage(bytes, view, start, end, issues);
    if (link !== undefined) links.push(link);
  });
  assert.equal(walk.outcome.kind, 'done');
  return { links, issues };
}

const { links, issues } = parseCapture();
const byName = (name: string) => links.find((l) => l.name === name)!;

test('the request is a zeroed ifinfomsg (family AF_UNSPEC: every link)', () => {
  assert.deepEqual([...buildLinkDumpRequest()], new Array(IFINFOMSG_BYTES).fill(0));
});

test('the capture parses without issues into the eight links of the namespace', () => {
  assert.deepEqual(issues, []);
  assert.deepEqual(
    links.map((l) => [l.index, l.name, l.kind]),
    [[1, 'lo', undefined], [2, 'v1', 'veth'], [3, 'v0', 'veth'], [4, 'w1', 'veth'], [5, 'w0', 'veth'], [6, 'x1', 'veth'], [7, 'x0', 'veth'], [8, 'br0', 'bridge']],
  );
});

test('ifinfomsg and the scalar attributes of v1', () => {
  const v1 = byName('v1');
  assert.equal(v1.family, 0);
  assert.equal(v1.type, 1);
  assert.equal(v1.flags, 0x11143); // UP BROADCAST RUNNING PROMISC MULTICAST LOWER_UP
  assert.equal(v1.mtu, 1500);
  assert.equal(v1.minMtu, 68);
  assert.equal(v1.maxMtu, 65535);
  assert.equal(v1.txQueueLength, 500);
  assert.equal(v1.operState, 6);
  assert.equal(v1.linkMode, 0);
  assert.equal(v1.carrier, 1);
  assert.equal(v1.carrierChanges, 2);
  assert.equal(v1.carrierUpCount, 1);
  assert.equal(v1.carrierDownCount, 1);
  assert.equal(v1.promiscuity, 1);
  assert.equal(v1.allmulti, 0);
  assert.equal(v1.txQueues, 2);
  assert.equal(v1.rxQueues, 2);
  assert.equal(v1.group, 0);
  assert.equal(v1.link, 3);
  assert.equal(v1.qdisc, 'noqueue');
  assert.equal(v1.address, '66:72:a6:27:6b:b3');
  assert.equal(v1.broadcast, 'ff:ff:ff:ff:ff:ff');
  assert.equal(v1.alias, undefined);
});

test('alias, bridge port, bridge, down link and loopback', () => {
  assert.equal(byName('v0').alias, 'test veth');
  const w1 = byName('w1');
  assert.equal(w1.master, 8);
  assert.equal(w1.slaveKind, 'bridge');
  assert.equal(w1.promiscuity, 1);
  assert.equal(w1.allmulti, 1);
  assert.equal(byName('w0').mtu, 1400);
  assert.equal(byName('br0').link, undefined); // no lower device: the kernel sends no IFLA_LINK
  const x0 = byName('x0');
  assert.equal(x0.flags, 0x1002);
  assert.equal(x0.operState, 2);
  assert.equal(x0.carrier, 0);
  assert.equal(x0.qdisc, 'noop');
  const lo = byName('lo');
  assert.equal(lo.type, 772);
  assert.equal(lo.mtu, 65536);
  assert.equal(lo.address, '00:00:00:00:00:00');
  assert.equal(lo.operState, 0);
});

test('IFLA_STATS64: all 25 fields of a 6.x kernel, by kernel name', () => {
  const v1 = byName('v1');
  assert.equal(Object.keys(v1.stats64!).length, 25);
  assert.deepEqual(Object.keys(v1.stats64!), [...LINK_STATS64_FIELDS]);
  assert.equal(v1.stats64!.rx_packets, 4n);
  assert.equal(v1.stats64!.tx_packets, 2n);
  assert.equal(v1.stats64!.rx_bytes, 380n);
  assert.equal(v1.stats64!.tx_bytes, 180n);
  assert.equal(v1.stats64!.rx_otherhost_dropped, 0n);
  assert.equal(byName('br0').stats64!.multicast, 2n);
});

test('attributes this parser does not decode are kept by number', () => {
  const keys = Object.keys(byName('v0').unknown!).map(Number);
  assert.ok(keys.includes(7)); // IFLA_STATS (the 32-bit copy)
  assert.ok(keys.includes(26)); // IFLA_AF_SPEC
  assert.equal(byName('v0').unknown![7]!.length, 96);
});

/** struct rtnl_link_stats64 with field i = 1000 + i (u64 little-endian), `count` fields. */
function stats64(count: number, extraBytes = 0): { view: DataView; end: number } {
  const buf = new Uint8Array(count * 8 + extraBytes);
  const view = new DataView(buf.buffer);
  for (let i = 0; i < count; i++) view.setBigUint64(i * 8, BigInt(1000 + i), true);
  return { view, end: buf.length };
}

test('stats64 is read by position: an older kernel\'s shorter struct leaves the new fields undefined', () => {
  const { view, end } = stats64(23); // before rx_nohandler (4.6)
  const issues: Issue[] = [];
  const s = readLinkStats64(view, 0, end, 9, issues);
  assert.deepEqual(issues, []);
  assert.equal(s.tx_compressed, 1022n);
  assert.equal(s.rx_nohandler, undefined);
  assert.equal(s.rx_otherhost_dropped, undefined);
});

test('stats64 from a newer kernel keeps the fields past the known ones by position; an odd tail is bad-length', () => {
  const { view, end } = stats64(27, 3);
  const issues: Issue[] = [];
  const s = readLinkStats64(view, 0, end, 9, issues);
  assert.equal(s.rx_otherhost_dropped, 1024n);
  assert.equal(s.stats64_25, 1025n);
  assert.equal(s.stats64_26, 1026n);
  assert.deepEqual(issues.map((i) => i.code), ['bad-length']);
  assert.match(issues[0]!.message, /IFLA_STATS64 at byte 0 has 219 bytes/);
});

test('interfaceFromLink folds stats64 exactly as /proc/net/dev does, with u64 wrap-around', () => {
  const stats: Record<string, bigint> = {};
  LINK_STATS64_FIELDS.forEach((name, i) => (stats[name] = BigInt(1000 + i)));
  stats.rx_length_errors = (1n << 64n) - 1n; // the kernel's u64 sum wraps
  const record = interfaceFromLink({ family: 0, type: 1, index: 4, flags: 0x1003, name: 'eth9', stats64: stats })!;
  assert.equal(record.rxBytes, 1002n);
  assert.equal(record.rxPackets, 1000n);
  assert.equal(record.rxErrors, 1004n);
  assert.equal(record.rxDropped, 1006n + 1015n); // rx_dropped + rx_missed_errors
  assert.equal(record.rxFifoErrors, 1014n);
  assert.equal(record.rxFrameErrors, 1011n + 1012n + 1013n - 1n); // length (2^64-1) + over + crc + frame, mod 2^64
  assert.equal(record.rxCompressed, 1021n);
  assert.equal(record.rxMulticast, 1008n);
  assert.equal(record.txBytes, 1003n);
  assert.equal(record.txPackets, 1001n);
  assert.equal(record.txErrors, 1005n);
  assert.equal(record.txDropped, 1007n);
  assert.equal(record.txFifoErrors, 1018n);
  assert.equal(record.txCollisions, 1009n);
  assert.equal(record.txCarrierErrors, 1017n + 1016n + 1020n + 1019n); // carrier + aborted + window + heartbeat
  assert.equal(record.txCompressed, 1022n);
  assert.equal(record.rxCrcErrors, 1012n);
  assert.equal(record.rxLengthErrors, (1n << 64n) - 1n);
  assert.equal(record.rxMissedErrors, 1015n);
  assert.equal(record.rxOverErrors, 1011n);
  assert.equal(record.rxNoHandler, 1023n);
  assert.equal(record.txAbortedErrors, 1016n);
  assert.equal(record.txHeartbeatErrors, 1019n);
  assert.equal(record.txWindowErrors, 1020n);
  assert.equal(record.statistics!.rx_dropped, 1006n); // unfolded
  assert.equal(record.statistics!.rx_otherhost_dropped, 1024n);
});

test('a column is undefined when a field it sums is missing (never a partial sum)', () => {
  const record = interfaceFromLink({ family: 0, type: 1, index: 4, flags: 0, name: 'old', stats64: { rx_bytes: 5n, rx_dropped: 1n } })!;
  assert.equal(record.rxBytes, 5n);
  assert.equal(record.rxDropped, undefined);
  assert.equal(record.txBytes, undefined);
});

test('deviceFlags: computed bits out, PROMISC and ALLMULTI from the counters (dev->flags, as sysfs prints)', () => {
  const UP = 0x1, RUNNING = 0x40, PROMISC = 0x100, ALLMULTI = 0x200, LOWER_UP = 0x10000, DORMANT = 0x20000;
  // A bridge port: promiscuous because of the bridge, not because the user asked (gflags clear).
  assert.equal(deviceFlags({ flags: UP | RUNNING | LOWER_UP, promiscuity: 1, allmulti: 1 }), UP | PROMISC | ALLMULTI);
  // The user asked for promisc (ifi_flags has it) and the counter agrees.
  assert.equal(deviceFlags({ flags: UP | PROMISC | DORMANT, promiscuity: 1, allmulti: 0 }), UP | PROMISC);
  // No counters (old kernel): the user's bits stay.
  assert.equal(deviceFlags({ flags: UP | ALLMULTI | RUNNING }), UP | ALLMULTI);
});

test('interfaceFromLink on the capture: the sysfs view of each link', () => {
  const v1 = interfaceFromLink(byName('v1'))!;
  const { statistics, ...rest } = v1;
  assert.equal(statistics!.rx_bytes, 380n);
  assert.deepEqual(rest, {
    name: 'v1', index: 2,
    rxBytes: 380n, rxPackets: 4n, rxErrors: 0n, rxDropped: 0n, rxFifoErrors: 0n, rxFrameErrors: 0n, rxCompressed: 0n, rxMulticast: 0n,
    txBytes: 180n, txPackets: 2n, txErrors: 0n, txDropped: 0n, txFifoErrors: 0n, txCollisions: 0n, txCarrierErrors: 0n, txCompressed: 0n,
    rxCrcErrors: 0n, rxLengthErrors: 0n, rxMissedErrors: 0n, rxOverErrors: 0n, rxNoHandler: 0n, txAbortedErrors: 0n, txHeartbeatErrors: 0n, txWindowErrors: 0n,
    mtu: 1500, address: '66:72:a6:27:6b:b3', broadcast: 'ff:ff:ff:ff:ff:ff', operState: 'up', carrier: true, type: 1, typeName: 'ether',
    flags: 0x1103, flagNames: ['UP', 'BROADCAST', 'PROMISC', 'MULTICAST'], txQueueLength: 500, iflink: 3, kind: 'veth',
    carrierChanges: 2n, carrierUpCount: 1n, carrierDownCount: 1n,
  });
  const w1 = interfaceFromLink(byName('w1'))!;
  assert.equal(w1.flags, 0x1303);
  assert.equal(w1.masterIndex, interfaceFromLink(byName('br0'))?.index, 'a bridge port names its bridge');
  assert.deepEqual(w1.flagNames, ['UP', 'BROADCAST', 'PROMISC', 'ALLMULTI', 'MULTICAST']);
  const x0 = interfaceFromLink(byName('x0'))!;
  assert.equal(x0.operState, 'down');
  assert.equal(x0.carrier, undefined); // down: sysfs answers EINVAL
  assert.equal(x0.flags, 0x1002);
  const br0 = interfaceFromLink(byName('br0'))!;
  assert.equal(br0.iflink, 8); // no IFLA_LINK: its own index
  assert.equal(br0.rxMulticast, 2n);
  const lo = interfaceFromLink(byName('lo'))!;
  assert.equal(lo.typeName, 'loopback');
  assert.equal(lo.operState, 'unknown');
  assert.deepEqual(lo.flagNames, ['UP', 'LOOPBACK']);
  assert.equal(interfaceFromLink(byName('v0'))!.alias, 'test veth');
  assert.equal(interfaceFromLink({ family: 0, type: 1, index: 1, flags: 0 }), undefined); // no name
});

test('hardware addresses print as sysfs prints them', () => {
  const b = new Uint8Array([0x0a, 0xff, 0x00, 0x1b]);
  assert.equal(hardwareAddressText(b, 0, 4), '0a:ff:00:1b');
  assert.equal(hardwareAddressText(b, 2, 2), undefined);
});

test('a message shorter than ifinfomsg is truncated; short scalar attributes are truncated, the rest parses', () => {
  const issues: Issue[] = [];
  const bytes = new Uint8Array(40);
  const view = new DataView(bytes.buffer);
  assert.equal(parseLinkMessage(bytes, view, 0, 15, issues), undefined);
  assert.equal(issues[0]!.code, 'truncated');
  // ifinfomsg index 7, then IFLA_MTU with 2 bytes, then IFLA_IFNAME "ab".
  view.setInt32(4, 7, true);
  view.setUint16(16, 6, true);
  view.setUint16(18, 4, true);
  view.setUint16(24, 7, true);
  view.setUint16(26, 3, true);
  bytes.set([0x61, 0x62, 0], 28);
  const more: Issue[] = [];
  const link = parseLinkMessage(bytes, view, 0, 31, more)!;
  assert.equal(link.index, 7);
  assert.equal(link.mtu, undefined);
  assert.equal(link.name, 'ab');
  assert.deepEqual(more.map((i) => i.code), ['truncated']);
  assert.match(more[0]!.message, /link 7: IFLA_MTU at byte 20 has 2 bytes, needs 4/);
  assert.equal(IFLA_STATS64, 23);
});
