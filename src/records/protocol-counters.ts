/**
 * Protocol counters: every counter of /proc/net/snmp, /proc/net/netstat and
 * /proc/net/snmp6, under the kernel's own names, grouped as the kernel groups them.
 *
 * Shape: `ProtocolStats = { groups: ProtocolCounterGroup[] }`, one group per kernel
 * prefix and file, in file order (snmp, netstat, snmp6), each `{ group, file, counters }`.
 * `counters` is an open map: a counter a newer kernel adds appears without a release,
 * and a counter an older kernel lacks is simply absent (never 0). Values are bigint
 * (signed: Tcp MaxConn is -1). Some groups print only non-zero members (IcmpMsg,
 * Icmp6 InType<N>/OutType<N>); there an absent counter does mean zero.
 *
 * Naming against iproute2's `nstat` (misc/nstat.c): nstat names a counter by group
 * prefix + counter name — "TcpExt"+"SyncookiesSent" = TcpExtSyncookiesSent,
 * "IcmpMsg"+"InType3" = IcmpMsgInType3, "Ip6"+"InReceives" = Ip6InReceives (snmp6 names
 * are printed that way already). `nstatNames()` gives exactly that map. nstat leaves out
 * seven values that are constants or gauges (its `useless_numbers`: IpForwarding,
 * IpDefaultTTL, TcpRtoAlgorithm, TcpRtoMin, TcpRtoMax, TcpMaxConn, TcpCurrEstab);
 * `nstatNames()` keeps them, and `NSTAT_OMITTED` lists them for comparisons.
 */
import { defineRecord, f, type RecordOf } from './field.js';

export const protocolCounterGroupSchema = defineRecord(
  'protocol-counter-group',
  'One group of protocol counters (a line prefix of snmp/netstat, a name prefix of snmp6), under kernel names.',
  {
    group: f.string('Group prefix exactly as the kernel prints it: Ip, Icmp, IcmpMsg, Tcp, Udp, UdpLite, TcpExt, IpExt, MPTcpExt, Ip6, Icmp6, Udp6, UdpLite6, or any other the kernel prints.', {
      kernel: 'line prefix (snmp, netstat) / name prefix (snmp6)',
    }),
    file: f.string('Logical file the group was read from, e.g. proc/net/netstat.'),
    counters: f.counters('Counter name without the group prefix (e.g. ActiveOpens) → value. Unknown counters kept by name.', {
      unit: 'count',
    }),
  },
);

export const protocolStatsSchema = defineRecord('protocol-stats', 'All protocol counter groups of one network namespace, as one reading.', {
  groups: f.records(protocolCounterGroupSchema, 'Counter groups in file order: proc/net/snmp, proc/net/netstat, proc/net/snmp6.'),
});

export type ProtocolCounterGroup = RecordOf<typeof protocolCounterGroupSchema>;
export type ProtocolStats = RecordOf<typeof protocolStatsSchema>;

/** Names nstat never prints (constants and gauges, iproute2 misc/nstat.c useless_numbers). */
export const NSTAT_OMITTED: readonly string[] = [
  'IpForwarding',
  'IpDefaultTTL',
  'TcpRtoAlgorithm',
  'TcpRtoMin',
  'TcpRtoMax',
  'TcpMaxConn',
  'TcpCurrEstab',
];

/**
 * Every counter under nstat's name (group + counter), in group order. Includes the
 * NSTAT_OMITTED ones. Should two groups give the same flat name, the later one wins.
 */
export function nstatNames(stats: ProtocolStats): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const g of stats.groups) {
    for (const [name, value] of Object.entries(g.counters)) out.set(`${g.group}${name}`, value);
  }
  return out;
}
