import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KstatError } from '../../../../../src/errors.js';
import { readMulticast } from '../../../../../src/sources/tree/assemble/multicast.js';
import { TreeReader } from '../../../../../src/sources/tree/reader.js';
import { tree, variantText, withTree } from '../../../../helpers/fixture.js';

test('live: the joins SOURCE.md describes — 239.1.2.3 and SSM 232.1.2.3 on lo, ff15::1234 on lo', async () => {
  const part = await readMulticast(new TreeReader({ root: tree('linux-6.18.44-fc-v595-live') }));
  assert.deepEqual(part.issues, []);
  assert.deepEqual(part.unavailable, []);
  const m = part.data;
  assert.equal(m.memberships.length, 26); // 5 igmp + 13 igmp6 + 8 dev_mcast
  const idle = { timerRunning: false, timer: 0n, reporter: false };
  assert.deepEqual(m.memberships[1], { family: 'inet', interface: 'lo', ifindex: 1, group: '239.1.2.3', users: 1, ...idle, querier: 'V3', interfaceGroups: 3 });
  assert.deepEqual(m.memberships[5], { family: 'inet6', interface: 'lo', ifindex: 1, group: 'ff15::1234', users: 1, ...idle, flags: 4, flagNames: ['LOADED'] });
  assert.deepEqual(m.memberships[18], { family: 'link', interface: 'ifb0', ifindex: 2, group: '33:33:00:00:00:01', users: 1, globalUse: 0 });
  assert.deepEqual(m.sourceFilters, [{ family: 'inet', interface: 'lo', ifindex: 1, group: '232.1.2.3', source: '127.0.0.1', includeCount: 1, excludeCount: 0 }]);
  assert.deepEqual(m.vifs, []);
  assert.deepEqual(m.forwardingCache, []);
});

test('netns: all-hosts and all-nodes per interface, no filters, no multicast routing', async () => {
  const part = await readMulticast(new TreeReader({ root: tree('linux-6.18.44-fc-v595-netns') }));
  assert.deepEqual(part.issues, []);
  const m = part.data;
  assert.deepEqual(m.memberships.filter((x) => x.family === 'inet').map((x) => `${x.interface} ${x.group}`), ['lo 224.0.0.1', 'kfxa1 224.0.0.1', 'kfxa0 224.0.0.1']);
  assert.equal(m.memberships.filter((x) => x.family === 'inet6').length, 10);
  assert.equal(m.memberships.filter((x) => x.family === 'link').length, 8);
  assert.deepEqual([m.sourceFilters, m.vifs, m.forwardingCache], [[], [], []]);
});

test('variants: full names for cut mcfilter names, vifs and cache entries, unavailable files listed', async () => {
  const files = {
    'proc/net/igmp': variantText('net-igmp.long-name'),
    'proc/net/mcfilter': variantText('net-mcfilter.truncated-name'),
    'proc/net/ip_mr_vif': variantText('net-ip-mr-vif.constructed'),
    'proc/net/ip_mr_cache': variantText('net-ip-mr-cache.constructed'),
    'proc/net/ip6_mr_vif': variantText('net-ip6-mr-vif.constructed'),
    'proc/net/ip6_mr_cache': variantText('net-ip6-mr-cache.bad-lines'),
  };
  await withTree(files, async (root) => {
    const part = await readMulticast(new TreeReader({ root }));
    assert.deepEqual(part.unavailable.map((u) => u.file), ['proc/net/igmp6', 'proc/net/dev_mcast', 'proc/net/mcfilter6']);
    assert.deepEqual(part.issues.map((i) => [i.file, i.line, i.code]), [
      ['proc/net/ip6_mr_cache', 2, 'bad-address'],
      ['proc/net/ip6_mr_cache', 3, 'short-line'],
    ]);
    const m = part.data;
    assert.deepEqual(m.memberships[1], {
      family: 'inet', interface: 'enp0s31f6123', ifindex: 5, group: '239.1.2.3', users: 2, timerRunning: true, timer: 30n, reporter: true, querier: 'V2', interfaceGroups: 2,
    });
    assert.deepEqual(m.sourceFilters.map((f) => [f.interface, f.source, f.includeCount, f.excludeCount]), [
      ['enp0s31f6123', '192.0.2.1', 1, 0],
      ['enp0s31f6123', '192.0.2.2', 0, 2],
    ]);
    assert.deepEqual(m.vifs[1], {
      family: 'inet', index: 1, interface: 'tun0', bytesIn: 18446744073709551615n, packetsIn: 5n, bytesOut: 1000n, packetsOut: 5n, flags: 1, flagNames: ['TUNNEL'], local: '10.0.0.2', remote: '192.168.0.1', table: 253,
    });
    assert.deepEqual(m.vifs[3], { family: 'inet', index: 3, bytesIn: 100n, packetsIn: 1n, bytesOut: 0n, packetsOut: 0n, flags: 0x10, flagNames: ['0x10'], local: '0.0.0.0', remote: '0.0.0.0', table: 253 });
    // A vif made by device index has no local address (the kernel keeps the index there).
    assert.deepEqual(m.vifs[4], { family: 'inet', index: 4, interface: 'va', bytesIn: 0n, packetsIn: 0n, bytesOut: 0n, packetsOut: 0n, flags: 8, flagNames: ['USE_IFINDEX'], remote: '0.0.0.0', table: 253 });
    assert.deepEqual(m.vifs.slice(5).map((v) => [v.family, v.index, v.interface, v.flagNames, v.table]), [
      ['inet6', 0, 'eth0', [], 254],
      ['inet6', 1, 'pim6reg', ['REGISTER'], 254],
      ['inet6', 2, 'eth1', [], 254],
    ]);
    assert.deepEqual(m.forwardingCache, [
      { family: 'inet', group: '239.1.2.3', origin: '10.0.0.2', inputVif: 0, packets: 12345n, bytes: 18446744073709551615n, wrongInterface: 3n, outputs: [{ vif: 1, ttl: 1 }, { vif: 2, ttl: 64 }], table: 253 },
      { family: 'inet', group: '239.1.2.5', origin: '10.0.0.3', inputVif: 1, packets: 0n, bytes: 0n, wrongInterface: 0n, outputs: [], table: 253 },
    ]);
  });
});

test('a tree with none of the files (procfs-fixtures) is E_UNAVAILABLE', async () => {
  await assert.rejects(readMulticast(new TreeReader({ root: tree('procfs-fixtures') })), (err: unknown) => KstatError.is(err) && err.code === 'E_UNAVAILABLE');
});
