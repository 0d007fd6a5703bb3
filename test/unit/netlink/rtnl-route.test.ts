/**
 * rtnetlink routes: the RTM_GETROUTE request, the RTM_NEWROUTE parser, the procfs flag
 * rebuild and the Route mapping on captured IPv4 and IPv6 dumps of the test namespace
 * (see rtnl-link.test.ts for its links). Routes the capture step made:
 *   IPv4: default via 10.1.0.254; table 100: 10.5.0.0/16 via 10.1.0.254, prohibit
 *   10.68.0.0/16; 10.9.0.0/24 nexthop via 10.1.0.253 weight 1 nexthop via 10.2.0.254
 *   weight 2; 10.7.0.0/24 via 10.1.0.254 mtu 1400 advmss 1360 metric 50; 10.11.0.0/24 via
 *   10.1.0.254 mtu lock 1300 window 65535 rtt 100ms rttvar 20ms congctl cubic;
 *   10.10.0.0/24 via inet6 fd00:1::fe; 10.8.0.0/24 dev w0 src 10.2.0.1 proto static;
 *   blackhole 10.66.0.0/16; unreachable 10.67.0.0/16.
 *   IPv6: fd00:9::/64 nexthop via fd00:1::fe dev v0 nexthop via fd00:2::fe dev w0 weight 3;
 *   fd00:7::/64 via fd00:1::fe mtu 1400 advmss 1340; table 100: fd00:5::/64 via fd00:1::fe,
 *   throw fd00:69::/64; blackhole/unreachable/prohibit fd00:66/67/68::/64; fd00:6a::/64
 *   onlink; fd00:6b::/64 expires 3000; fd00:6c::/64 pref high.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Issue } from '../../../src/errors.js';
import type { Route } from '../../../src/records/route.js';
import { RTMSG_BYTES, buildRouteDumpRequest, parseRouteMessage, type RtnlRoute } from '../../../src/protocol/netlink/rtnl-route.js';
import { procfsRouteFlags } from '../../../src/sources/netlink/rtf-flags.js';
import { readRoutes, routeFromRtnl } from '../../../src/sources/netlink/routes.js';
import { readCapture, replay } from '../../helpers/netlink-capture.js';
import { ReplayChannel, RTNL_CAPTURES } from '../../helpers/rtnl-replay-channel.js';

const NAMES = new Map([[1, 'lo'], [2, 'v1'], [3, 'v0'], [4, 'w1'], [5, 'w0'], [6, 'x1'], [7, 'x0'], [8, 'br0']]);

function parse(name: string): { routes: RtnlRoute[]; issues: Issue[] } {
  const routes: RtnlRoute[] = [];
  const issues: Issue[] = [];
  replay(readCapture(name), (bytes, view, type, start, end) => {
    assert.equal(type, 24); // RTM_NEWROUTE
    const r = parseRouteMessage(bytes, view, start, end, issues);
    if (r !== undefined) routes.push(r);
  });
  return { routes, issues };
}

const v4 = parse('rtnl-route-inet');
const v6 = parse('rtnl-route-inet6');
const records = (routes: RtnlRoute[]): Route[] => {
  const issues: Issue[] = [];
  const out = routes.map((r) => routeFromRtnl(r, NAMES, issues)!);
  assert.deepEqual(issues, []);
  return out;
};
const r4 = records(v4.routes);
const r6 = records(v6.routes);
const find = (list: Route[], destination: string, table?: number) => list.find((r) => r.destination === destination && (table === undefined || r.table === table))!;

test('the request is an rtmsg naming only the family (table 0: every table)', () => {
  assert.deepEqual([...buildRouteDumpRequest(2)], [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.equal(RTMSG_BYTES, 12);
});

test('both captures parse without issues; every table is in one dump', () => {
  assert.deepEqual(v4.issues, []);
  assert.deepEqual(v6.issues, []);
  assert.equal(v4.routes.length, 26);
  assert.equal(v6.routes.length, 31);
  assert.deepEqual([...new Set(v4.routes.map((r) => r.table))], [100, 254, 255]);
  assert.deepEqual([...new Set(v6.routes.map((r) => r.table))], [100, 254, 255]);
});

test('rtmsg fields and attributes of an IPv4 route with metrics', () => {
  const r = v4.routes.find((x) => x.priority === 50)!;
  assert.deepEqual(
    { family: r.family, dstLength: r.dstLength, srcLength: r.srcLength, tos: r.tos, table: r.table, protocol: r.protocol, scope: r.scope, type: r.type, flags: r.flags },
    { family: 2, dstLength: 24, srcLength: 0, tos: 0, table: 254, protocol: 3, scope: 0, type: 1, flags: 0 },
  );
  assert.deepEqual([...r.dst!], [10, 7, 0, 0]);
  assert.deepEqual([...r.gateway!], [10, 1, 0, 254]);
  assert.equal(r.oif, 3);
  assert.deepEqual(r.metrics, { 2: 1400, 8: 1360 });
});

test('lock, window, rtt, rttvar and the congestion control name', () => {
  const r = v4.routes.find((x) => x.ccAlgo !== undefined)!;
  assert.equal(r.ccAlgo, 'cubic');
  assert.deepEqual(r.metrics, { 1: 4, 2: 1300, 3: 65535, 4: 800, 5: 80 });
  const rec = find(r4, '10.11.0.0');
  assert.deepEqual(rec.metrics, { lock: 4n, mtu: 1300n, window: 65535n, rtt: 100n, rttvar: 20n });
  assert.equal(rec.window, 65535);
  assert.equal(rec.irtt, 100); // the /proc/net/route IRTT column: rtt >> 3
  assert.equal(rec.mtu, undefined); // /proc/net/route MTU is advmss + 40: no advmss here
  assert.equal(find(r4, '10.7.0.0').mtu, 1400); // 1360 + 40
});

test('an IPv4 multipath route: one record with both paths and their weights', () => {
  const r = v4.routes.find((x) => x.multipath !== undefined)!;
  assert.equal(r.multipath!.length, 2);
  assert.deepEqual(r.multipath!.map((h) => [h.flags, h.hops, h.ifindex, [...h.gateway!].join('.')]), [[0, 0, 3, '10.1.0.253'], [0, 1, 5, '10.2.0.254']]);
  assert.deepEqual(find(r4, '10.9.0.0'), {
    family: 'inet', table: 254, tableName: 'main', type: 'unicast', destination: '10.9.0.0', prefixLength: 24,
    metric: 0, flags: 3, flagNames: ['UP', 'GATEWAY'], scope: 'universe', protocol: 'boot',
    nextHops: [{ gateway: '10.1.0.253', interface: 'v0', weight: 1 }, { gateway: '10.2.0.254', interface: 'w0', weight: 2 }],
  });
});

test('IPv4 records: custom table, reject types, prefsrc, protocols, scopes, via, local table', () => {
  assert.deepEqual(find(r4, '10.5.0.0'), {
    family: 'inet', table: 100, type: 'unicast', destination: '10.5.0.0', prefixLength: 16, gateway: '10.1.0.254', interface: 'v0',
    metric: 0, flags: 3, flagNames: ['UP', 'GATEWAY'], scope: 'universe', protocol: 'boot',
  });
  assert.deepEqual(find(r4, '0.0.0.0'), {
    family: 'inet', table: 254, tableName: 'main', type: 'unicast', destination: '0.0.0.0', prefixLength: 0, gateway: '10.1.0.254',
    interface: 'v0', metric: 0, flags: 3, flagNames: ['UP', 'GATEWAY'], scope: 'universe', protocol: 'boot',
  });
  assert.deepEqual(find(r4, '10.8.0.0'), {
    family: 'inet', table: 254, tableName: 'main', type: 'unicast', destination: '10.8.0.0', prefixLength: 24, preferredSource: '10.2.0.1',
    interface: 'w0', metric: 0, flags: 1, flagNames: ['UP'], scope: 'link', protocol: 'static',
  });
  assert.equal(find(r4, '10.68.0.0').type, 'prohibit');
  assert.deepEqual(find(r4, '10.68.0.0').flagNames, ['UP', 'REJECT']);
  assert.deepEqual(find(r4, '10.66.0.0').flagNames, ['UP']); // blackhole: no REJECT in /proc/net/route
  assert.deepEqual(find(r4, '10.67.0.0').flagNames, ['UP', 'REJECT']);
  assert.equal(find(r4, '10.66.0.0').interface, undefined);
  assert.deepEqual(find(r4, '10.4.0.2').flagNames, ['UP', 'HOST']);
  assert.equal(find(r4, '10.10.0.0').gateway, 'fd00:1::fe'); // RTA_VIA
  assert.deepEqual(find(r4, '10.1.0.255'), {
    family: 'inet', table: 255, tableName: 'local', type: 'broadcast', destination: '10.1.0.255', prefixLength: 32, preferredSource: '10.1.0.1',
    interface: 'v0', metric: 0, flags: 5, flagNames: ['UP', 'HOST'], scope: 'link', protocol: 'kernel',
  });
  assert.equal(find(r4, '127.0.0.1').scope, 'host');
});

test('IPv6: RTA_TABLE, priority always sent, pref and cacheinfo', () => {
  const r = v6.routes.find((x) => x.table === 100 && x.type === 1)!;
  assert.equal(r.priority, 1024);
  assert.equal(r.pref, 0);
  assert.deepEqual(r.cacheInfo, { clntref: 0, lastuse: 0, expires: 0, error: 0, used: 0, id: 0, ts: 0, tsage: 0 });
  const expiring = v6.routes.find((x) => x.cacheInfo !== undefined && x.cacheInfo.expires !== 0)!;
  assert.equal(expiring.cacheInfo!.expires, 299986); // clock ticks left of the 3000 s
});

test('IPv6 records and their procfs flags', () => {
  assert.deepEqual(find(r6, 'fd00:9::'), {
    family: 'inet6', table: 254, tableName: 'main', type: 'unicast', destination: 'fd00:9::', prefixLength: 64, metric: 1024,
    flags: 3, flagNames: ['UP', 'GATEWAY'], scope: 'universe', protocol: 'boot',
    nextHops: [{ gateway: 'fd00:1::fe', interface: 'v0', weight: 1 }, { gateway: 'fd00:2::fe', interface: 'w0', weight: 3 }],
  });
  assert.deepEqual(find(r6, 'fd00:7::'), {
    family: 'inet6', table: 254, tableName: 'main', type: 'unicast', destination: 'fd00:7::', prefixLength: 64, gateway: 'fd00:1::fe',
    interface: 'v0', metric: 1024, flags: 3, flagNames: ['UP', 'GATEWAY'], scope: 'universe', protocol: 'boot', metrics: { mtu: 1400n, advmss: 1340n },
  });
  assert.equal(find(r6, 'fd00:7::').mtu, undefined); // the MTU column is /proc/net/route's (IPv4) only
  const flags = (d: string) => find(r6, d).flags.toString(16);
  assert.equal(flags('fd00:66::'), '200200'); // blackhole: REJECT | NONEXTHOP and no UP, as ipv6_route prints
  assert.equal(flags('fd00:67::'), '200200');
  assert.equal(flags('fd00:68::'), '200200');
  assert.equal(flags('fd00:69::'), '200200');
  assert.deepEqual(find(r6, 'fd00:66::').flagNames, ['REJECT', 'NONEXTHOP']);
  assert.equal(flags('fd00:6a::'), '7'); // onlink shares RTF_HOST's bit
  assert.equal(flags('fd00:6b::'), '400003'); // EXPIRES
  assert.equal(flags('fd00:6c::'), '8000003'); // PREF_HIGH
  assert.deepEqual(find(r6, 'fd00:6c::').flagNames, ['UP', 'GATEWAY', 'PREF_HIGH']);
  assert.equal(flags('fd00:1::1'), '80200001'); // local address route: LOCAL | NONEXTHOP
  assert.equal(find(r6, 'fd00:69::').type, 'throw');
  assert.equal(find(r6, 'fd00:69::').interface, 'lo');
  assert.equal(find(r6, 'ff00::').type, 'multicast');
  assert.equal(flags('ff00::'), '1');
  assert.equal(find(r6, '::1').metric, 0);
  assert.equal(find(r6, 'fe80::').protocol, 'kernel');
});

test('procfsRouteFlags per path of an IPv6 multipath route (ipv6_route prints one line per path)', () => {
  const r = v6.routes.find((x) => x.multipath !== undefined)!;
  assert.deepEqual(r.multipath!.map((h) => procfsRouteFlags(r, h)), [3, 3]);
  const onlink: RtnlRoute = { ...r, multipath: [{ flags: 4, hops: 0, ifindex: 3 }] };
  assert.equal(procfsRouteFlags(onlink), 0x5);
  const anycast: RtnlRoute = { family: 10, dstLength: 128, srcLength: 0, tos: 0, table: 255, protocol: 2, scope: 0, type: 4, flags: 0 };
  assert.equal(procfsRouteFlags(anycast), 0x00300001); // addrconf anycast: ANYCAST | NONEXTHOP
  assert.equal(procfsRouteFlags({ ...anycast, protocol: 3 }), 0x1);
  assert.equal(procfsRouteFlags({ ...anycast, type: 2, protocol: 3 }), 0x80000001); // a user's local route: no NONEXTHOP
});

test('source-specific IPv6 routes carry source and its length; names fall back to numbers', () => {
  const issues: Issue[] = [];
  const base: RtnlRoute = { family: 10, dstLength: 0, srcLength: 48, tos: 0, table: 1000, protocol: 77, scope: 0, type: 1, flags: 0, src: new Uint8Array([0x20, 1, 0xd, 0xb8, 0, 1, ...new Array(10).fill(0)]), oif: 3, priority: 5 };
  const r = routeFromRtnl(base, NAMES, issues)!;
  assert.deepEqual(issues, []);
  assert.equal(r.destination, '::');
  assert.equal(r.source, '2001:db8:1::');
  assert.equal(r.sourcePrefixLength, 48);
  assert.equal(r.table, 1000);
  assert.equal(r.tableName, undefined);
  assert.equal(r.protocol, '77');
});

test('a route naming an unknown ifindex, or with a destination of the wrong length, is reported', () => {
  const issues: Issue[] = [];
  const r = routeFromRtnl({ family: 2, dstLength: 8, srcLength: 0, tos: 0, table: 254, protocol: 3, scope: 0, type: 1, flags: 0, dst: new Uint8Array([10, 0, 0, 0]), oif: 99 }, NAMES, issues)!;
  assert.equal(r.interface, undefined);
  assert.deepEqual(issues.map((i) => i.code), ['unknown-format']);
  const bad = routeFromRtnl({ family: 2, dstLength: 8, srcLength: 0, tos: 0, table: 254, protocol: 3, scope: 0, type: 1, flags: 0, dst: new Uint8Array([10, 0]) }, NAMES, issues);
  assert.equal(bad, undefined);
  assert.equal(issues[1]!.code, 'bad-address');
});

test('readRoutes over the captures: table and family selection', async () => {
  const all = await readRoutes(new ReplayChannel(), { table: 'all' });
  assert.deepEqual(all.issues, []);
  assert.equal(all.data.length, 26 + 31);
  const main = await readRoutes(new ReplayChannel(), {});
  assert.ok(main.data.every((r) => r.table === 254));
  assert.equal(main.data.length, 12 + 15);
  const custom = await readRoutes(new ReplayChannel(), { table: 100, family: 'inet6' });
  assert.deepEqual(custom.data.map((r) => `${r.destination}/${r.prefixLength} ${r.type}`), ['fd00:5::/64 unicast', 'fd00:69::/64 throw']);
  const channel = new ReplayChannel();
  await readRoutes(channel, { family: 'inet' });
  assert.deepEqual(channel.requests, ['18/0', '26/2']); // one link dump for names, then IPv4 only
});

test('readRoutes skips cache entries (RTM_F_CLONED), as ip route show does', async () => {
  // The first IPv4 message's rtm_flags (header 16 + rtmsg offset 8) marked cloned.
  const patch = (name: string, bytes: Uint8Array) => {
    if (name === 'rtnl-route-inet') new DataView(bytes.buffer).setUint32(16 + 8, 0x200, true);
    return bytes;
  };
  const part = await readRoutes(new ReplayChannel({ captures: RTNL_CAPTURES, patch }), { family: 'inet', table: 'all' });
  assert.equal(part.data.length, 25);
  assert.equal(part.data.some((r) => r.destination === '10.5.0.0'), false);
});

test('readRoutes: a refused family is unavailable, the other still served', async () => {
  const part = await readRoutes(new ReplayChannel({ captures: RTNL_CAPTURES, refuse: ['26/10'] }), { table: 'all' });
  assert.equal(part.data.length, 26);
  assert.deepEqual(part.unavailable.map((u) => u.what), ['IPv6 routes']);
});

test('an interrupted dump is taken again; interrupted every time, it is kept with an issue', async () => {
  const once = new ReplayChannel({ captures: RTNL_CAPTURES, interruptions: 1 });
  const part = await readRoutes(once, { family: 'inet', table: 'all' });
  assert.deepEqual(part.issues, []);
  assert.deepEqual(once.requests, ['18/0', '18/0', '26/2']);
  const always = await readRoutes(new ReplayChannel({ captures: RTNL_CAPTURES, interruptions: 100 }), { family: 'inet', table: 'all' });
  assert.equal(always.data.length, 26);
  assert.deepEqual(always.issues.map((i) => i.code), ['read-error', 'read-error']);
});

test('malformed multipath and metrics: typed issues, the paths before the fault kept', () => {
  // rtmsg (12) + RTA_MULTIPATH: one good next hop (8 bytes) then one claiming 200 bytes.
  const bytes = new Uint8Array(12 + 4 + 8 + 8);
  const view = new DataView(bytes.buffer);
  bytes[0] = 2;
  view.setUint16(12, 4 + 16, true);
  view.setUint16(14, 9, true);
  view.setUint16(16, 8, true);
  view.setInt32(20, 3, true);
  view.setUint16(24, 200, true);
  const issues: Issue[] = [];
  const r = parseRouteMessage(bytes, view, 0, bytes.length, issues)!;
  assert.equal(r.multipath!.length, 1);
  assert.equal(r.multipath![0]!.ifindex, 3);
  assert.deepEqual(issues.map((i) => i.code), ['bad-length']);
  assert.match(issues[0]!.message, /RTA_MULTIPATH next hop at byte 24: length 200/);
});
