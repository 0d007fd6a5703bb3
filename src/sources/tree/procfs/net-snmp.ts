/**
 * /proc/net/snmp — the IPv4 SNMP MIB counters of the reading network namespace.
 *
 * Printed by net/ipv4/proc.c snmp_seq_show() as header/value line pairs (see
 * text/header-value-pairs.ts), one pair per group:
 *   Ip       snmp_seq_show_ipstats: Forwarding, DefaultTTL, then the IPSTATS MIB
 *            (OutTransmits appeared in 6.3).
 *   Icmp     icmp_put: InMsgs InErrors InCsumErrors (3.10+), one In/Out counter per ICMP
 *            type; OutRateLimitGlobal/OutRateLimitHost appeared in 6.0.
 *   IcmpMsg  icmpmsg_put: only the ICMP types with a NON-ZERO count are printed
 *            (InType<N>/OutType<N>), in chunks of 16 per header/value pair; the line is
 *            absent when all are zero. An absent InType<N> therefore means zero.
 *   Tcp      tcp MIB; RtoAlgorithm/RtoMin/RtoMax/MaxConn are constants (MaxConn is
 *            printed as -1, hence signed values) and CurrEstab is a gauge.
 *   Udp      udp MIB; InCsumErrors (3.10+), IgnoredMulti (3.19+), MemErrors (5.x).
 *   UdpLite  same columns as Udp (2.6.20+; absent in some old kernels).
 * Old kernels print fewer columns; new ones more. Every counter is kept under the
 * kernel's name and a group this parser does not list is kept too (by its prefix).
 */
import type { ParseResult } from './parse-result.js';
import { parseHeaderValuePairs } from '../text/header-value-pairs.js';

/** Groups /proc/net/snmp prints on current kernels; others are kept all the same. */
export const SNMP_GROUPS = ['Ip', 'Icmp', 'IcmpMsg', 'Tcp', 'Udp', 'UdpLite'] as const;
/** Groups /proc/net/netstat prints on current kernels (MPTcpExt: 5.6+, net/mptcp/mib.c). */
export const NETSTAT_GROUPS = ['TcpExt', 'IpExt', 'MPTcpExt'] as const;
/** Groups /proc/net/snmp6 is split into, by name prefix. */
export const SNMP6_GROUPS = ['Ip6', 'Icmp6', 'Udp6', 'UdpLite6'] as const;

export type KnownCounterGroup = (typeof SNMP_GROUPS)[number] | (typeof NETSTAT_GROUPS)[number] | (typeof SNMP6_GROUPS)[number];

/** One group of counters as the kernel printed it, under the kernel's names. */
export interface ProtocolCounterRow {
  /** The kernel's group prefix ("Tcp", "TcpExt", "Ip6"), or an unknown one as printed. */
  readonly group: KnownCounterGroup | (string & {});
  /** Counter name without the group prefix ("ActiveOpens") → value. */
  readonly counters: Record<string, bigint>;
  /** 1-based line where the group starts. */
  readonly line: number;
}

export function parseNetSnmp(text: string, file: string): ParseResult<ProtocolCounterRow> {
  const { rows, issues } = parseHeaderValuePairs(text, file);
  return { rows: rows.map((g) => ({ group: g.prefix, counters: g.counters, line: g.line })), issues };
}
