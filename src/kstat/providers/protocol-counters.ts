/**
 * `<module>:0:<Group>`, class `net`: one NAMED kstat per protocol counter group of
 * /proc/net/snmp, /proc/net/netstat and /proc/net/snmp6, named exactly as the kernel
 * names the group (Tcp, TcpExt, Ip6, ...), with the kernel's counter names as statistics
 * (ActiveOpens, SyncookiesSent, InType3). So `nstat`'s name of a counter is always the
 * kstat name followed by the statistic name: TcpExtSyncookiesSent = tcp:0:TcpExt:SyncookiesSent.
 *
 * Module = the lower-case protocol family (table below); a group a newer kernel adds
 * gets its name lower-cased without a trailing "Ext" (so it still appears, without a
 * release). Every value is UINT64, except the four Tcp values RFC 2012 declares signed
 * (RtoAlgorithm, RtoMin, RtoMax, MaxConn — MaxConn is -1 on Linux) and any negative
 * value, which are INT64.
 */
import type { ProtocolCounterGroup } from '../../records/protocol-counters.js';
import type { KstatProvider } from '../provider.js';
import type { ProvidedKstat } from '../types.js';
import { counterStats, named } from './named-record.js';
import { fromView } from './view-reading.js';

const GROUP_MODULES: Readonly<Record<string, string>> = {
  Ip: 'ip',
  IpExt: 'ip',
  Icmp: 'icmp',
  IcmpMsg: 'icmp',
  Tcp: 'tcp',
  TcpExt: 'tcp',
  Udp: 'udp',
  UdpLite: 'udplite',
  MPTcpExt: 'mptcp',
  Ip6: 'ip6',
  Icmp6: 'icmp6',
  Udp6: 'udp6',
  UdpLite6: 'udplite6',
};

const SIGNED: Readonly<Record<string, ReadonlySet<string>>> = {
  Tcp: new Set(['RtoAlgorithm', 'RtoMin', 'RtoMax', 'MaxConn']),
};

export const PROTOCOL_MODULES: readonly string[] = [...new Set(Object.values(GROUP_MODULES))];

/** The module of a kernel counter group (see the table; unknown groups by rule). */
export function moduleOfGroup(group: string): string {
  return GROUP_MODULES[group] ?? group.replace(/Ext$/, '').toLowerCase();
}

export function protocolKstat(g: ProtocolCounterGroup): ProvidedKstat {
  return {
    module: moduleOfGroup(g.group),
    instance: 0,
    name: g.group,
    class: 'net',
    type: 'NAMED',
    data: named(counterStats(g.counters, '', SIGNED[g.group])),
  };
}

export const protocolCountersProvider: KstatProvider = {
  name: 'protocol-counters',
  modules: PROTOCOL_MODULES,
  collect: (source) => fromView(() => source.protocolStats(), (stats) => stats.groups.map(protocolKstat)),
};
