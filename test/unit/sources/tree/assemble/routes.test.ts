import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KstatError } from '../../../../../src/errors.js';
import type { Route } from '../../../../../src/records/route.js';
import { readRoutes } from '../../../../../src/sources/tree/assemble/routes.js';
import { TreeReader } from '../../../../../src/sources/tree/reader.js';
import { fixtureText, tree, variantText, withTree } from '../../../../helpers/fixture.js';

const LIVE = 'linux-6.18.44-fc-v595-live';
const NETNS = 'linux-6.18.44-fc-v595-netns';
const V4_OUTSIDE_MAIN = {
  what: 'IPv4 routes outside the main table',
  file: 'proc/net/route',
  reason: 'IPv4 routes outside the main table need netlink: /proc/net/route shows only the main table',
};

/** A route the way `ip route` starts its line (type, destination, via, dev). */
function ipText(r: Route): string {
  const dest = r.prefixLength === 0 ? 'default' : r.prefixLength === (r.family === 'inet' ? 32 : 128) ? r.destination : `${r.destination}/${r.prefixLength}`;
  const type = r.type === 'unicast' ? '' : `${r.type} `;
  return `${type}${dest}${r.gateway ? ` via ${r.gateway}` : ''} dev ${r.interface}`;
}

test('live: all tables → IPv4 main (2) + every IPv6 route (9), and why IPv4 is not complete', async () => {
  const part = await readRoutes(new TreeReader({ root: tree(LIVE) }), { table: 'all' });
  assert.deepEqual(part.issues, []);
  assert.deepEqual(part.unavailable, [V4_OUTSIDE_MAIN]);
  assert.deepEqual(part.data.slice(0, 2), [
    { family: 'inet', table: 254, tableName: 'main', type: 'unicast', destination: '0.0.0.0', prefixLength: 0, gateway: '192.0.2.1', interface: 'eth0', metric: 0, flags: 3, flagNames: ['UP', 'GATEWAY'] },
    { family: 'inet', table: 254, tableName: 'main', type: 'unicast', destination: '192.0.2.0', prefixLength: 24, interface: 'eth0', metric: 0, flags: 1, flagNames: ['UP'] },
  ]);
  assert.deepEqual(part.data[6], {
    family: 'inet6', type: 'local', destination: '::1', prefixLength: 128, interface: 'lo', metric: 0,
    flags: 0x80200001, flagNames: ['UP', 'NONEXTHOP', 'LOCAL'], refcount: 4, use: 0n,
  });
  // ipv6_route has no table column: undefined, never a guess.
  assert.deepEqual(part.data.filter((r) => r.family === 'inet6').map((r) => r.table), Array(9).fill(undefined));
});

test('live: every route matches the start of the peer `ip route show table all` line, in order', async () => {
  const part = await readRoutes(new TreeReader({ root: tree(LIVE) }), { table: 'all' });
  const v4Main = fixtureText(LIVE, 'peer-tools/ip-route-all.txt').split('\n').filter((l) => /^(default|\d)/.test(l) && !l.includes(' table ') && !l.includes(':'));
  const v6 = fixtureText(LIVE, 'peer-tools/ip6-route-all.txt').split('\n').filter((l) => l !== '');
  const ours = part.data;
  assert.deepEqual(v4Main, ['default via 192.0.2.1 dev eth0 ', '192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.2 ']);
  assert.equal(v6.length, 9);
  const peer = [...v4Main, ...v6];
  assert.equal(ours.length, peer.length);
  ours.forEach((r, i) => {
    assert.ok(peer[i]?.startsWith(`${ipText(r)} `), `${ipText(r)} vs ${peer[i]}`);
    if (r.family === 'inet6') assert.ok(peer[i]?.includes(` metric ${r.metric} `), `metric of ${peer[i]}`);
  });
});

test('netns: default query is the main table: IPv4 from procfs, IPv6 unavailable (no table column)', async () => {
  const part = await readRoutes(new TreeReader({ root: tree(NETNS) }), {});
  assert.deepEqual(part.issues, []);
  assert.deepEqual(part.data.map(ipText), ['10.77.0.0/24 dev kfxa0', '10.78.0.0/30 dev kfxa1']);
  const peerMain = fixtureText(NETNS, 'peer-tools/ip-route-all.txt').split('\n').filter((l) => /^\d/.test(l) && !l.includes(' table '));
  assert.deepEqual(peerMain, ['10.77.0.0/24 dev kfxa0 proto kernel scope link src 10.77.0.1 ', '10.78.0.0/30 dev kfxa1 proto kernel scope link src 10.78.0.1 ']);
  assert.deepEqual(part.unavailable, [
    {
      what: 'IPv6 routes of table 254',
      file: 'proc/net/ipv6_route',
      reason: 'selecting IPv6 routes by table needs netlink: /proc/net/ipv6_route lists every table without a table column',
    },
  ]);
});

test('netns: all IPv6 tables, policy table 100 included, as `ip -6 route show table all`', async () => {
  const part = await readRoutes(new TreeReader({ root: tree(NETNS) }), { family: 'inet6', table: 'all' });
  assert.deepEqual(part.unavailable, []);
  const peer = fixtureText(NETNS, 'peer-tools/ip6-route-all.txt').split('\n').filter((l) => l !== '');
  assert.equal(part.data.length, 12);
  part.data.forEach((r, i) => assert.ok(peer[i]?.startsWith(`${ipText(r)} `), `${ipText(r)} vs ${peer[i]}`));
  assert.deepEqual(part.data[0], {
    family: 'inet6', type: 'unicast', destination: 'fd99::', prefixLength: 64, gateway: 'fd77::2', interface: 'kfxa0',
    metric: 1024, flags: 3, flagNames: ['UP', 'GATEWAY'], refcount: 2, use: 0n,
  });
});

test('netns: IPv4 main by number asks nothing procfs lacks', async () => {
  const part = await readRoutes(new TreeReader({ root: tree(NETNS) }), { family: 'inet', table: 254 });
  assert.deepEqual(part.unavailable, []);
  assert.equal(part.data.length, 2);
});

test('a table procfs cannot show at all (local) is E_UNAVAILABLE, not an empty list', async () => {
  const reader = new TreeReader({ root: tree(NETNS) });
  await assert.rejects(readRoutes(reader, { table: 'local' }), (err: unknown) => KstatError.is(err) && err.code === 'E_UNAVAILABLE' && /netlink/.test(err.message));
  await assert.rejects(readRoutes(reader, { family: 'inet', table: 100 }), (err: unknown) => KstatError.is(err) && err.code === 'E_UNAVAILABLE');
});

test('a tree without route files (diamond) is E_UNAVAILABLE', async () => {
  await assert.rejects(readRoutes(new TreeReader({ root: tree('diamond-fixtures') }), { table: 'all' }), (err: unknown) => KstatError.is(err) && err.code === 'E_UNAVAILABLE');
});

test('variants: unset metrics undefined, reject route without device, unknown column, RA and source-specific IPv6 routes', async () => {
  await withTree({ 'proc/net/route': variantText('net-route.unknown-column'), 'proc/net/ipv6_route': variantText('net-ipv6-route.no-device') }, async (root) => {
    const part = await readRoutes(new TreeReader({ root }), { table: 'all' });
    assert.deepEqual(part.issues, []);
    assert.deepEqual(part.data.slice(0, 3), [
      { family: 'inet', table: 254, tableName: 'main', type: 'unicast', destination: '0.0.0.0', prefixLength: 0, gateway: '192.0.2.1', interface: 'eth0', metric: 4294967295, flags: 3, flagNames: ['UP', 'GATEWAY'], mtu: 1500, window: 65535, irtt: 300, extraColumns: ['Table=254'] },
      { family: 'inet', table: 254, tableName: 'main', destination: '10.0.0.0', prefixLength: 8, metric: 0, flags: 0x201, flagNames: ['UP', 'REJECT'], extraColumns: ['Table=254'] },
      { family: 'inet', table: 254, tableName: 'main', type: 'unicast', destination: '192.0.2.5', prefixLength: 32, interface: 'eth0', metric: 10, flags: 5, flagNames: ['UP', 'HOST'], extraColumns: ['Table=254'] },
    ]);
    const v6 = part.data.slice(3);
    assert.deepEqual(v6.map((r) => [r.destination, r.type, r.interface, r.flagNames.join(' ')]), [
      ['2001:db8:0:1::', undefined, undefined, 'REJECT NONEXTHOP'],
      ['2001:db8:0:2::', 'unicast', 'eth0', 'UP GATEWAY'],
      ['2001:db8:0:3::1', 'unicast', 'eth0', 'UP GATEWAY CACHE'],
      ['::', 'unicast', 'eth0', 'UP GATEWAY DEFAULT ADDRCONF EXPIRES PREF_HIGH'],
      ['2001:db8:0:4::', 'unicast', 'eth0', 'UP 0x20000000'],
    ]);
    assert.deepEqual([v6[1]?.source, v6[1]?.sourcePrefixLength, v6[1]?.gateway], ['2001:db8:ffff::', 48, 'fe80::1']);
    assert.deepEqual([v6[2]?.use, v6[0]?.source, v6[0]?.gateway], [42n, undefined, undefined]);
  });
});
