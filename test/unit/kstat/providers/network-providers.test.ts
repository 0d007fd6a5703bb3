/**
 * The network providers on the captured trees, through kstatOpen({ root }): names,
 * classes, statistic names and types, and values copied from the fixture files (and the
 * nstat output captured with them). Older-kernel sets check what they have.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kstatOpen, type KstatCtl } from '../../../../src/kstat/kstat-ctl.js';
import type { Kstat } from '../../../../src/kstat/chain.js';
import type { NamedStat } from '../../../../src/kstat/types.js';
import { tree } from '../../../helpers/fixture.js';

const LIVE = 'linux-6.18.44-fc-v595-live';

async function readAllOf(set: string): Promise<KstatCtl> {
  const ctl = await kstatOpen({ root: tree(set) });
  await ctl.readAll();
  return ctl;
}

function stat(ctl: KstatCtl, module: string, instance: number, name: string, statistic: string): NamedStat | undefined {
  const ks = ctl.lookup(module, instance, name);
  assert.ok(ks !== undefined, `${module}:${instance}:${name} exists`);
  return ctl.dataLookup(ks, statistic) as NamedStat | undefined;
}

const value = (ctl: KstatCtl, m: string, i: number, n: string, s: string) => stat(ctl, m, i, n, s)?.value;
const ids = (ctl: KstatCtl, module: string) => ctl.chain.filter((k: Kstat) => k.module === module).map((k) => `${k.instance}:${k.name}:${k.class}:${k.type}`);

test('link:0:<if> (live capture): every interface, class net, record fields and Solaris aliases', async () => {
  const ctl = await readAllOf(LIVE);
  assert.deepEqual(ids(ctl, 'link'), ['0:lo:net:NAMED', '0:ifb0:net:NAMED', '0:ifb1:net:NAMED', '0:eth0:net:NAMED', '0:kfxh0:net:NAMED']);
  assert.deepEqual(stat(ctl, 'link', 0, 'lo', 'rxBytes'), { name: 'rxBytes', type: 'UINT64', value: 7673997n });
  assert.deepEqual(stat(ctl, 'link', 0, 'lo', 'rbytes64'), { name: 'rbytes64', type: 'UINT64', value: 7673997n });
  assert.equal(value(ctl, 'link', 0, 'lo', 'ipackets64'), 140622n);
  assert.equal(value(ctl, 'link', 0, 'lo', 'obytes64'), 7673997n);
  assert.equal(value(ctl, 'link', 0, 'lo', 'opackets64'), 140622n);
  for (const alias of ['ierrors', 'oerrors', 'multircv', 'collisions', 'norcvbuf', 'noxmtbuf']) assert.equal(value(ctl, 'link', 0, 'lo', alias), 0n, alias);
  assert.deepEqual(stat(ctl, 'link', 0, 'lo', 'mtu'), { name: 'mtu', type: 'UINT32', value: 65536 });
  assert.deepEqual(stat(ctl, 'link', 0, 'eth0', 'mtu'), { name: 'mtu', type: 'UINT32', value: 1400 });
  assert.deepEqual(stat(ctl, 'link', 0, 'eth0', 'address'), { name: 'address', type: 'STRING', value: '02:fc:00:00:00:01' });
  assert.deepEqual(stat(ctl, 'link', 0, 'eth0', 'link_up'), { name: 'link_up', type: 'UINT32', value: 1 });
  assert.deepEqual(stat(ctl, 'link', 0, 'eth0', 'link_duplex'), { name: 'link_duplex', type: 'UINT32', value: 0 }, 'duplex unknown → 0');
  assert.equal(stat(ctl, 'link', 0, 'eth0', 'speed'), undefined, 'speed -1: absent, never 0');
  assert.equal(stat(ctl, 'link', 0, 'eth0', 'ifspeed'), undefined);
  assert.equal(stat(ctl, 'link', 0, 'lo', 'addresses'), undefined, 'lists are not statistics');
  assert.equal(stat(ctl, 'link', 0, 'lo', 'statistics.rx_bytes')?.type, 'UINT64');
  assert.equal(stat(ctl, 'link', 0, 'lo', 'ipv6Counters.Ip6InReceives')?.type, 'UINT64');
});

test('protocol counters (live capture): <module>:0:<Group>, kernel counter names, nstat values', async () => {
  const ctl = await readAllOf(LIVE);
  const groups = ctl.chain.filter((k) => k.class === 'net' && k.module !== 'protocols' && /^[A-Z]/.test(k.name)).map((k) => `${k.module}:${k.name}`);
  assert.deepEqual(groups, ['ip:Ip', 'icmp:Icmp', 'icmp:IcmpMsg', 'tcp:Tcp', 'udp:Udp', 'udplite:UdpLite', 'tcp:TcpExt', 'ip:IpExt', 'mptcp:MPTcpExt', 'ip6:Ip6', 'icmp6:Icmp6', 'udp6:Udp6', 'udplite6:UdpLite6']);
  assert.deepEqual(stat(ctl, 'tcp', 0, 'Tcp', 'MaxConn'), { name: 'MaxConn', type: 'INT64', value: -1n });
  assert.deepEqual(stat(ctl, 'tcp', 0, 'Tcp', 'RtoMin'), { name: 'RtoMin', type: 'INT64', value: 200n });
  assert.deepEqual(stat(ctl, 'tcp', 0, 'Tcp', 'ActiveOpens'), { name: 'ActiveOpens', type: 'UINT64', value: 20056n });
  // From peer-tools/nstat-asz.txt of the same moment:
  assert.equal(value(ctl, 'tcp', 0, 'TcpExt', 'TCPHPHits'), 52n);
  assert.equal(value(ctl, 'icmp', 0, 'IcmpMsg', 'InType3'), 22n);
  assert.equal(value(ctl, 'ip6', 0, 'Ip6', 'InReceives'), 71n);
  assert.equal(value(ctl, 'udplite6', 0, 'UdpLite6', 'InDatagrams'), 0n);
  assert.equal(value(ctl, 'mptcp', 0, 'MPTcpExt', 'MPCapableSYNRX'), 0n);
});

test('socket memory (live capture): sockstat, protocols, sockmem limits, softnet per CPU', async () => {
  const ctl = await readAllOf(LIVE);
  assert.deepEqual(stat(ctl, 'sockstat', 0, 'sockets', 'used'), { name: 'used', type: 'UINT64', value: 47n });
  assert.equal(value(ctl, 'sockstat', 0, 'tcp', 'inUse'), 11n);
  assert.equal(value(ctl, 'sockstat', 0, 'tcp', 'timeWait'), 12n);
  assert.equal(value(ctl, 'sockstat', 0, 'tcp', 'allocated'), 22n);
  assert.equal(value(ctl, 'sockstat', 0, 'tcp', 'protocol'), 'TCP');
  assert.equal(value(ctl, 'sockstat', 0, 'frag', 'memoryBytes'), 0n);
  assert.deepEqual(ids(ctl, 'sockstat').map((x) => x.split(':')[1]), ['sockets', 'tcp', 'udp', 'udplite', 'raw', 'frag', 'tcp6', 'udp6', 'udplite6', 'raw6', 'frag6']);
  assert.equal(value(ctl, 'protocols', 0, 'TCP', 'sockets'), 11n);
  assert.equal(value(ctl, 'protocols', 0, 'TCP', 'maxHeader'), 192);
  assert.equal(value(ctl, 'protocols', 0, 'TCP', 'pressure'), 0);
  assert.equal(value(ctl, 'protocols', 0, 'UNIX-STREAM', 'objectSize'), 1152);
  assert.equal(value(ctl, 'softnet', 0, 'softnet_stat', 'processed'), 61591n); // 0000f097
  assert.equal(value(ctl, 'softnet', 1, 'softnet_stat', 'processed'), 80468n); // 00013a54
  assert.equal(value(ctl, 'softnet', 1, 'softnet_stat', 'timeSqueeze'), 2n);
  assert.ok(ctl.lookup('sockmem', 0, 'limits') !== undefined);
});

test('route statistics (live capture): rt6_stats, rt_cache summed and per CPU, fib tries', async () => {
  const ctl = await readAllOf(LIVE);
  // rt6_stats: 000a 0007 0024 0009 0000 0000 0005
  assert.deepEqual(
    (ctl.lookup("route", 0, "rt6_stats")!.data as unknown as { named: NamedStat[] }).named.map((s) => `${s.name}=${s.value}`),
    ['ipv6FibNodes=10', 'ipv6FibRouteNodes=7', 'ipv6RouteAllocs=36', 'ipv6RouteEntries=9', 'ipv6RouteCacheEntries=0', 'ipv6DstEntries=0', 'ipv6DiscardedRoutes=5'],
  );
  assert.equal(value(ctl, 'route', 0, 'rt_cache', 'entries'), 15n);
  assert.equal(value(ctl, 'route', 0, 'rt_cache', 'in_slow_tot'), 19n); // 0b + 08
  assert.equal(value(ctl, 'rt_cache', 0, 'rt_cache', 'in_slow_tot'), 11n);
  assert.equal(value(ctl, 'rt_cache', 1, 'rt_cache', 'out_slow_tot'), 22n); // 0x16
  assert.equal(value(ctl, 'fib_trie', 0, 'fib_triestat', 'leafSize'), 48);
  assert.equal(value(ctl, 'fib_trie', 0, 'fib_triestat', 'nodeSize'), 40);
  assert.deepEqual(ids(ctl, 'fib_trie'), ['0:fib_triestat:net:NAMED', '7701:table7701:net:NAMED', '254:main:net:NAMED', '255:local:net:NAMED']);
  assert.equal(value(ctl, 'fib_trie', 254, 'main', 'leaves'), 7);
  assert.equal(value(ctl, 'fib_trie', 254, 'main', 'averageDepthHundredths'), 242);
  assert.equal(value(ctl, 'fib_trie', 254, 'main', 'nodes.2'), 3);
});

test('network namespace capture: its own interfaces and counts', async () => {
  const ctl = await readAllOf('linux-6.18.44-fc-v595-netns');
  assert.equal(value(ctl, 'link', 0, 'lo', 'rbytes64'), 247n);
  assert.equal(value(ctl, 'link', 0, 'kfxa1', 'obytes64'), 1050n);
  assert.equal(value(ctl, 'sockstat', 0, 'sockets', 'used'), 2n);
  assert.equal(value(ctl, 'tcp', 0, 'Tcp', 'OutSegs'), 386n);
});

test('older and foreign captures: what each set has, nothing it lacks', async () => {
  const procfs = await readAllOf('procfs-fixtures');
  assert.equal(value(procfs, 'link', 0, 'lo', 'rbytes64'), 1664039048n);
  assert.equal(value(procfs, 'link', 0, 'vethf345468', 'ipackets64'), 8n);
  assert.equal(value(procfs, 'sockstat', 0, 'tcp', 'memoryPages'), 22n);
  assert.equal(procfs.lookup('tcp', 0, 'Tcp'), undefined, 'no proc/net/snmp in this set: no protocol kstats');

  const diamond = await readAllOf('diamond-fixtures');
  assert.equal(value(diamond, 'tcp', 0, 'Tcp', 'InSegs'), 147752838797n);
  assert.equal(value(diamond, 'link', 0, 'eth0', 'obytes64'), 160843920170n);
  assert.equal(value(diamond, 'link', 0, 'eth0', 'multircv'), 2892717n);
  assert.equal(value(diamond, 'sockstat', 0, 'tcp', 'memoryPages'), 1n);

  const goprocinfo = await readAllOf('goprocinfo-fixtures');
  assert.equal(value(goprocinfo, 'link', 0, 'lo', 'rbytes64'), 480134461n);
  assert.equal(value(goprocinfo, 'link', 0, 'eth0', 'obytes64'), 10900929232n);
  assert.equal(value(goprocinfo, 'tcp', 0, 'Tcp', 'InCsumErrors'), 13n);
  assert.equal(goprocinfo.lookup('sockstat'), undefined, 'no sockstat in this set');
});
