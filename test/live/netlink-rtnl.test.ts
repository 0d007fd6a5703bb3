/**
 * Live: rtnetlink links, addresses and routes of a network namespace this test makes
 * (veth pairs, a bridge, a link left down, IPv4 and IPv6 addresses, routes in table 100,
 * IPv4 and IPv6 multipath routes, metrics, reject routes, a route via an IPv6 gateway)
 * agree with `ip -j` and with the procfs/sysfs records of the same namespace.
 *
 * Counters move while the test reads (the kernel sends MLD reports on new links), so
 * each counter is bracketed: netlink, then the peer, then netlink again, and the peer's
 * value must lie between ours. Everything else must be equal.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { KstatError } from '../../src/errors.js';
import type { Interface, InterfaceAddress } from '../../src/records/interface.js';
import type { Route } from '../../src/records/route.js';
import { NetlinkSockets } from '../../src/sources/netlink/channel.js';
import { addressFlagNames } from '../../src/sources/netlink/interface-addresses.js';
import { readInterfaces } from '../../src/sources/netlink/interfaces.js';
import { readRoutes } from '../../src/sources/netlink/routes.js';
import { readInterfaces as readProcfsInterfaces } from '../../src/sources/tree/assemble/interfaces.js';
import { readRoutes as readProcfsRoutes } from '../../src/sources/tree/assemble/routes.js';
import { pidLayout } from '../../src/sources/tree/layouts.js';
import { TreeReader } from '../../src/sources/tree/reader.js';
import { parseExactJson, toBigInt } from '../helpers/exact-json.js';
import { TestNetns, canCreateNetns, run } from '../helpers/netns.js';
import { hasCommand, isRoot, skipOrFail } from '../helpers/skip.js';

/** What the namespace holds. DAD and router solicitations off: addresses are final at once. */
function setUp(ns: TestNetns): void {
  ns.exec('sysctl', ['-qw', 'net.ipv6.conf.all.accept_dad=0', 'net.ipv6.conf.default.accept_dad=0', 'net.ipv6.conf.all.router_solicitations=0', 'net.ipv6.conf.default.router_solicitations=0']);
  const steps = [
    'link add v0 type veth peer name v1', 'link add w0 type veth peer name w1', 'link add x0 type veth peer name x1', 'link add br0 type bridge',
    'link set w1 master br0', 'link set v0 up', 'link set v1 up', 'link set w0 up', 'link set w1 up', 'link set br0 up',
    'link set v1 promisc on', 'link set v1 txqueuelen 500', 'link set w0 mtu 1400',
    'addr add 10.1.0.1/24 dev v0', 'addr add 10.1.0.2/24 dev v0', 'addr add 10.1.0.3/24 dev v0 label v0:1',
    'addr add 10.2.0.1/24 brd + dev w0', 'addr add 10.4.0.1 peer 10.4.0.2/32 dev w0', 'addr add 10.3.0.1/24 dev br0 valid_lft 3000 preferred_lft 2000',
    'addr add fd00:1::1/64 dev v0 nodad', 'addr add fd00:2::1/64 dev w0 nodad', 'addr add fd00:3::1/64 dev w0 nodad noprefixroute',
    'route add default via 10.1.0.254', 'route add 10.5.0.0/16 via 10.1.0.254 table 100', 'route add prohibit 10.68.0.0/16 table 100',
    'route add 10.9.0.0/24 nexthop via 10.1.0.253 weight 1 nexthop via 10.2.0.254 weight 2',
    'route add 10.7.0.0/24 via 10.1.0.254 mtu 1400 advmss 1360 metric 50',
    'route add 10.11.0.0/24 via 10.1.0.254 mtu lock 1300 window 65535 rtt 100ms rttvar 20ms',
    'route add 10.10.0.0/24 via inet6 fd00:1::fe dev v0', 'route add 10.8.0.0/24 dev w0 src 10.2.0.1 proto static',
    'route add blackhole 10.66.0.0/16', 'route add unreachable 10.67.0.0/16',
    '-6 route add fd00:9::/64 nexthop via fd00:1::fe dev v0 nexthop via fd00:2::fe dev w0 weight 3',
    '-6 route add fd00:7::/64 via fd00:1::fe mtu 1400 advmss 1340', '-6 route add fd00:5::/64 via fd00:1::fe table 100',
    '-6 route add blackhole fd00:66::/64', '-6 route add unreachable fd00:67::/64', '-6 route add prohibit fd00:68::/64',
    '-6 route add throw fd00:69::/64 table 100', '-6 route add fd00:6a::/64 via fd00:1::fe dev v0 onlink',
    '-6 route add fd00:6b::/64 via fd00:1::fe dev v0 expires 3000', '-6 route add fd00:6c::/64 via fd00:1::fe dev v0 pref high',
  ];
  for (const step of steps) run('ip', ['-n', ns.name, ...step.split(' ')]);
}

function ipJson(ns: TestNetns, args: string[]): Record<string, unknown>[] {
  return parseExactJson(run('ip', ['-n', ns.name, '-j', ...args])) as Record<string, unknown>[];
}

test('rtnetlink in a test namespace agrees with ip -j and with procfs/sysfs', async (t) => {
  if (!isRoot()) return skipOrFail(t, 'needs root to create network namespaces');
  if (!hasCommand('ip', ['-V'])) return skipOrFail(t, 'ip (iproute2) is not installed');
  const why = canCreateNetns();
  if (why !== undefined) return skipOrFail(t, why);
  const ns = new TestNetns('rtnl');
  const channel = new NetlinkSockets(`/run/netns/${ns.name}`);
  try {
    setUp(ns);
    try {
      await channel.socket(0);
    } catch (cause) {
      if (KstatError.is(cause) && cause.code === 'E_UNAVAILABLE') return skipOrFail(t, `no netlink socket: ${cause.message}`);
      throw cause;
    }
    await t.test('links equal ip -j -d -s -s link show', (st) => compareLinks(st, ns, channel));
    await t.test('addresses equal ip -j addr show', () => compareAddresses(ns, channel));
    await t.test('IPv4 routes equal ip -4 -j route show table all', () => compareRoutes(ns, channel, 'inet'));
    await t.test('IPv6 routes equal ip -6 -j route show table all', () => compareRoutes(ns, channel, 'inet6'));
    await t.test('interfaces and routes equal the procfs/sysfs records on every field both give', () => compareWithProcfs(ns, channel));
  } finally {
    await channel.close();
    await ns.remove();
  }
});

// ---- links ------------------------------------------------------------------------

/** ip's stats64 key → the kernel name ours are kept under. */
const IP_STATS: readonly (readonly ['rx' | 'tx', string, string])[] = [
  ['rx', 'bytes', 'rx_bytes'], ['rx', 'packets', 'rx_packets'], ['rx', 'errors', 'rx_errors'], ['rx', 'dropped', 'rx_dropped'],
  ['rx', 'over_errors', 'rx_over_errors'], ['rx', 'multicast', 'multicast'], ['rx', 'length_errors', 'rx_length_errors'],
  ['rx', 'crc_errors', 'rx_crc_errors'], ['rx', 'frame_errors', 'rx_frame_errors'], ['rx', 'fifo_errors', 'rx_fifo_errors'],
  ['rx', 'missed_errors', 'rx_missed_errors'], ['tx', 'bytes', 'tx_bytes'], ['tx', 'packets', 'tx_packets'], ['tx', 'errors', 'tx_errors'],
  ['tx', 'dropped', 'tx_dropped'], ['tx', 'carrier_errors', 'tx_carrier_errors'], ['tx', 'collisions', 'collisions'],
  ['tx', 'aborted_errors', 'tx_aborted_errors'], ['tx', 'fifo_errors', 'tx_fifo_errors'], ['tx', 'window_errors', 'tx_window_errors'],
  ['tx', 'heartbeat_errors', 'tx_heartbeat_errors'],
];

/** ip's flags that are not dev->flags (computed, or ip's own words). */
const NOT_DEVICE_FLAGS = new Set(['LOWER_UP', 'DORMANT', 'NO-CARRIER', 'M-DOWN', 'RUNNING', 'PROMISC', 'ALLMULTI']);

async function compareLinks(t: TestContext, ns: TestNetns, channel: NetlinkSockets): Promise<void> {
  const before = await readInterfaces(channel);
  const links = ipJson(ns, ['-d', '-s', '-s', 'link', 'show']);
  const after = await readInterfaces(channel);
  assert.deepEqual(before.issues, []);
  assert.deepEqual(before.data.map((i) => i.name), links.map((l) => l.ifname));
  const nameOf = new Map(before.data.map((i) => [i.index!, i.name]));
  for (const link of links) {
    const name = link.ifname as string;
    const a = before.data.find((i) => i.name === name)!;
    const c = after.data.find((i) => i.name === name)!;
    assert.equal(a.index, link.ifindex, `${name} ifindex`);
    assert.equal(a.mtu, link.mtu, `${name} mtu`);
    assert.equal(a.operState, (link.operstate as string).toLowerCase(), `${name} operstate`);
    assert.equal(a.address, link.address, `${name} address`);
    assert.equal(a.broadcast, link.broadcast, `${name} broadcast`);
    assert.equal(a.txQueueLength, link.txqlen, `${name} txqlen`);
    assert.equal(a.alias, link.ifalias, `${name} alias`);
    assert.equal(a.iflink === a.index ? undefined : nameOf.get(a.iflink!), link.link, `${name} lower device`);
    const ipFlags = link.flags as string[];
    // dev->flags: ip's flags without the computed ones, PROMISC/ALLMULTI by the counters ip -d shows.
    const expected = ipFlags.filter((f) => !NOT_DEVICE_FLAGS.has(f));
    if ((link.promiscuity as number) > 0) expected.push('PROMISC');
    if ((link.allmulti as number) > 0) expected.push('ALLMULTI');
    assert.deepEqual([...a.flagNames!].sort(), expected.sort(), `${name} flags`);
    assert.equal(a.carrier, ipFlags.includes('UP') ? ipFlags.includes('LOWER_UP') : undefined, `${name} carrier`);
    const stats = link.stats64 as Record<'rx' | 'tx', Record<string, unknown>>;
    for (const [dir, ipName, kernel] of IP_STATS) {
      const theirs = toBigInt(stats[dir][ipName]);
      const lo = a.statistics![kernel]!;
      const hi = c.statistics![kernel]!;
      assert.ok(lo <= theirs && theirs <= hi, `${name} ${kernel}: ours ${lo}..${hi}, ip ${theirs}`);
    }
    const changes = toBigInt(stats.tx.carrier_changes);
    assert.ok(a.carrierChanges! <= changes && changes <= c.carrierChanges!, `${name} carrier_changes`);
  }
  t.diagnostic(`${links.length} links compared`);
}

// ---- addresses --------------------------------------------------------------------

/** ip's per-address flag words. */
const IP_ADDRESS_FLAGS = ['secondary', 'temporary', 'nodad', 'optimistic', 'dadfailed', 'home', 'deprecated', 'tentative', 'mngtmpaddr', 'noprefixroute', 'autojoin', 'stable-privacy', 'dynamic'];

/** Our flag names in ip's words: no "permanent", but "dynamic" when not permanent. */
function ipStyleFlags(a: InterfaceAddress): string[] {
  const names = a.flagNames.filter((n) => n !== 'permanent').map((n) => (n === 'homeaddress' ? 'home' : n));
  if (!a.flagNames.includes('permanent')) names.push('dynamic');
  return names.sort();
}

async function compareAddresses(ns: TestNetns, channel: NetlinkSockets): Promise<void> {
  const ours = await readInterfaces(channel);
  const theirs = ipJson(ns, ['addr', 'show']);
  for (const link of theirs) {
    const mine = ours.data.find((i) => i.name === link.ifname)!;
    const expected = (link.addr_info as Record<string, unknown>[]).map((x) => ({
      family: x.family,
      address: x.local,
      prefixLength: x.prefixlen,
      scope: x.scope,
      flags: IP_ADDRESS_FLAGS.filter((f) => x[f] === true).sort(),
    }));
    const got = mine.addresses!.map((x) => ({ family: x.family, address: x.address, prefixLength: x.prefixLength, scope: x.scope, flags: ipStyleFlags(x) }));
    assert.deepEqual(got, expected, `addresses of ${link.ifname}`);
  }
  // The ones this test made, literally.
  const w0 = ours.data.find((i) => i.name === 'w0')!.addresses!;
  assert.deepEqual(w0.filter((a) => a.scope === 'global').map((a) => `${a.address}/${a.prefixLength} ${a.flagNames.join(',')}`), [
    '10.2.0.1/24 permanent', '10.4.0.1/32 permanent', 'fd00:3::1/64 nodad,permanent,noprefixroute', 'fd00:2::1/64 nodad,permanent',
  ]);
}

// ---- routes -----------------------------------------------------------------------

interface Norm {
  table: number;
  type: string;
  destination: string;
  prefixLength: number;
  gateway?: string;
  interface?: string;
  protocol: string;
  scope: string;
  metric: number;
  preferredSource?: string;
  nextHops?: { gateway?: string; interface?: string; weight?: number }[];
  metrics?: Record<string, string>;
}

const IP_TABLES: Readonly<Record<string, number>> = { main: 254, local: 255, default: 253 };

function fromIp(r: Record<string, unknown>, family: 'inet' | 'inet6'): Norm {
  const dst = r.dst as string;
  const [destination, length] = dst === 'default' ? [family === 'inet' ? '0.0.0.0' : '::', '0'] : dst.includes('/') ? dst.split('/') : [dst, family === 'inet' ? '32' : '128'];
  const table = r.table === undefined ? 254 : (IP_TABLES[r.table as string] ?? Number(r.table));
  const via = (v: unknown) => (v as { host?: string } | undefined)?.host;
  const metrics = (r.metrics as Record<string, unknown>[] | undefined)?.[0];
  return clean({
    table,
    type: (r.type as string | undefined) ?? 'unicast',
    destination: destination!,
    prefixLength: Number(length),
    gateway: (r.gateway as string | undefined) ?? via(r.via),
    interface: r.dev as string | undefined,
    protocol: (r.protocol as string | undefined) ?? 'boot',
    scope: r.scope === undefined || r.scope === 'global' ? 'universe' : (r.scope as string),
    metric: (r.metric as number | undefined) ?? 0,
    preferredSource: r.prefsrc as string | undefined,
    nextHops: (r.nexthops as Record<string, unknown>[] | undefined)?.map((h) => clean({ gateway: (h.gateway as string | undefined) ?? via(h.via), interface: h.dev as string | undefined, weight: h.weight as number })),
    metrics: metrics === undefined ? undefined : Object.fromEntries(Object.entries(metrics).filter(([k]) => k !== 'congestion').map(([k, v]) => [k, String(v)])),
  });
}

function fromOurs(r: Route): Norm {
  const metrics = r.metrics === undefined ? undefined : Object.fromEntries(Object.entries(r.metrics).filter(([k]) => k !== 'lock').map(([k, v]) => [k, String(v)]));
  return clean({
    table: r.table!,
    type: r.type!,
    destination: r.destination,
    prefixLength: r.prefixLength,
    gateway: r.gateway,
    interface: r.interface,
    protocol: r.protocol!,
    scope: r.scope!,
    metric: r.metric,
    preferredSource: r.preferredSource,
    nextHops: r.nextHops?.map((h) => clean({ gateway: h.gateway, interface: h.interface, weight: h.weight })),
    metrics: metrics !== undefined && Object.keys(metrics).length > 0 ? metrics : undefined,
  });
}

function clean<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

const key = (n: Norm) => `${n.table} ${n.type} ${n.destination}/${n.prefixLength} ${n.interface ?? '-'} ${n.metric}`;
const sorted = (list: Norm[]) => [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

async function compareRoutes(ns: TestNetns, channel: NetlinkSockets, family: 'inet' | 'inet6'): Promise<void> {
  const ours = await readRoutes(channel, { family, table: 'all' });
  assert.deepEqual(ours.issues, []);
  const theirs = ipJson(ns, [family === 'inet' ? '-4' : '-6', 'route', 'show', 'table', 'all']).map((r) => fromIp(r, family));
  assert.deepEqual(sorted(ours.data.map(fromOurs)), sorted(theirs));
  // What this test made is there, read as such.
  const find = (d: string, table = 254) => ours.data.find((r) => r.destination === d && r.table === table)!;
  if (family === 'inet') {
    assert.equal(find('10.5.0.0', 100).gateway, '10.1.0.254');
    assert.equal(find('10.68.0.0', 100).type, 'prohibit');
    assert.deepEqual(find('10.9.0.0').nextHops, [{ gateway: '10.1.0.253', interface: 'v0', weight: 1 }, { gateway: '10.2.0.254', interface: 'w0', weight: 2 }]);
    assert.deepEqual(find('10.7.0.0').metrics, { mtu: 1400n, advmss: 1360n });
    assert.equal(find('10.66.0.0').type, 'blackhole');
    assert.equal(find('10.67.0.0').type, 'unreachable');
  } else {
    assert.deepEqual(find('fd00:9::').nextHops, [{ gateway: 'fd00:1::fe', interface: 'v0', weight: 1 }, { gateway: 'fd00:2::fe', interface: 'w0', weight: 3 }]);
    assert.equal(find('fd00:5::', 100).gateway, 'fd00:1::fe');
    assert.equal(find('fd00:69::', 100).type, 'throw');
  }
}

// ---- netlink against procfs/sysfs --------------------------------------------------

/** Interface fields netlink cannot give (the source merges them from sysfs/procfs). */
const NOT_FROM_NETLINK = new Set(['speed', 'duplex', 'txTimeouts', 'ipv6Counters', 'extra']);

// Inside the namespace: a process whose /proc/<pid>/net and /proc/<pid>/root/sys are the namespace's.
const HOLDER = `process.stdout.write('ready\\n'); process.stdin.on('end', () => process.exit(0)); process.stdin.resume(); setTimeout(() => process.exit(0), 60000).unref();`;

async function compareWithProcfs(ns: TestNetns, channel: NetlinkSockets): Promise<void> {
  const child = await ns.startNode(HOLDER);
  // The procfs/sysfs assemblers themselves, over the holder's /proc/<pid>/net and /proc/<pid>/root/sys.
  const reader = new TreeReader(pidLayout(child.pid!).layout);
  const a = await readInterfaces(channel);
  const procfs = await readProcfsInterfaces(reader);
  const c = await readInterfaces(channel);
  assert.deepEqual(procfs.issues, []);
  assert.deepEqual(a.data.map((i) => i.name), procfs.data.map((i) => i.name));
  for (const p of procfs.data) {
    const ours = a.data.find((i) => i.name === p.name)!;
    const later = c.data.find((i) => i.name === p.name)!;
    compareInterface(ours, later, p);
  }

  const routes = await readRoutes(channel, { table: 'all' });
  const procRoutes = (await readProcfsRoutes(reader, { table: 'all' })).data;
  compareIpv4Routes(routes.data, procRoutes.filter((r) => r.family === 'inet'));
  compareIpv6Routes(routes.data, procRoutes.filter((r) => r.family === 'inet6'));
}

function compareInterface(ours: Interface, later: Interface, p: Interface): void {
  const name = p.name;
  for (const [k, theirs] of Object.entries(p) as [keyof Interface, unknown][]) {
    if (NOT_FROM_NETLINK.has(k)) continue;
    const mine = ours[k];
    assert.notEqual(mine, undefined, `${name}.${k}: procfs gives it, netlink does not`);
    if (typeof theirs === 'bigint') {
      const hi = later[k] as bigint;
      assert.ok((mine as bigint) <= theirs && theirs <= hi, `${name}.${k}: ours ${mine}..${hi}, procfs ${theirs}`);
    } else if (k === 'statistics') {
      const stats = theirs as Record<string, bigint>;
      for (const [s, v] of Object.entries(stats)) {
        const lo = ours.statistics![s]!;
        const hi = later.statistics![s]!;
        assert.ok(lo <= v && v <= hi, `${name}.statistics.${s}: ours ${lo}..${hi}, sysfs ${v}`);
      }
    } else if (k === 'addresses') {
      // procfs lists IPv6 only, from if_inet6, with the low 8 flag bits.
      const v6 = ours.addresses!.filter((x) => x.family === 'inet6').map((x) => ({ ...x, flags: x.flags & 0xff, flagNames: addressFlagNames(x.flags & 0xff, 'inet6') }));
      const byAddress = (list: InterfaceAddress[]) => [...list].sort((x, y) => (x.address < y.address ? -1 : 1));
      assert.deepEqual(byAddress(v6), byAddress(theirs as InterfaceAddress[]), `${name} IPv6 addresses`);
    } else {
      assert.deepEqual(mine, theirs, `${name}.${k}`);
    }
  }
}

function compareIpv4Routes(ours: Route[], procfs: Route[]): void {
  // /proc/net/route: the main table without broadcast and multicast routes.
  const main = ours.filter((r) => r.family === 'inet' && r.table === 254 && r.type !== 'broadcast' && r.type !== 'multicast');
  assert.equal(main.length, procfs.length);
  for (const p of procfs) {
    const mine = main.find((r) => r.destination === p.destination && r.prefixLength === p.prefixLength && r.metric === p.metric)!;
    assert.ok(mine !== undefined, `${p.destination}/${p.prefixLength} not from netlink`);
    const first = mine.nextHops?.[0];
    for (const [k, theirs] of Object.entries(p) as [keyof Route, unknown][]) {
      let expected: unknown = mine[k];
      // A multipath route: /proc/net/route prints its first path as the route's.
      if (first !== undefined && (k === 'gateway' || k === 'interface')) expected = first[k];
      // A gateway of another family: /proc/net/route prints 0.0.0.0 (it has only IPv4 columns).
      if (k === 'gateway' && typeof expected === 'string' && expected.includes(':')) expected = '0.0.0.0';
      assert.deepEqual(expected, theirs, `${p.destination}/${p.prefixLength} ${k}`);
    }
  }
}

function compareIpv6Routes(ours: Route[], procfs: Route[]): void {
  // /proc/net/ipv6_route: every table, one line per path.
  const lines = ours
    .filter((r) => r.family === 'inet6')
    .flatMap((r) => (r.nextHops === undefined ? [r] : r.nextHops.map((h) => ({ ...r, gateway: h.gateway, interface: h.interface }))));
  assert.equal(lines.length, procfs.length);
  const same = (a: Route, b: Route) => a.destination === b.destination && a.prefixLength === b.prefixLength && a.metric === b.metric && a.interface === b.interface && a.gateway === b.gateway;
  for (const p of procfs) {
    const mine = lines.filter((r) => same(r, p));
    assert.equal(mine.length, 1, `${p.destination}/${p.prefixLength} dev ${p.interface} via ${p.gateway}: ${mine.length} netlink routes`);
    for (const [k, theirs] of Object.entries(p) as [keyof Route, unknown][]) {
      if (k === 'refcount' || k === 'use') continue; // not in netlink
      assert.deepEqual(mine[0]![k], theirs, `${p.destination}/${p.prefixLength} dev ${p.interface} ${k}`);
    }
  }
}
