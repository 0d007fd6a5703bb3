/**
 * /proc/net/netstat — the Linux-specific extension MIBs of the reading network namespace.
 *
 * Printed by net/ipv4/proc.c netstat_seq_show() in the same header/value pair format as
 * /proc/net/snmp (text/header-value-pairs.ts):
 *   TcpExt    snmp4_net_list (LINUX_MIB_*): SyncookiesSent ... ; grows in nearly every
 *             kernel release (2.6.3x ended at TCPTimeWaitOverflow, 6.x has ~130).
 *   IpExt     snmp4_ipextstats_list: InNoRoutes ... ; InCsumErrors and the ECN counters
 *             appeared in 3.10, ReasmOverlaps in 5.x.
 *   MPTcpExt  net/mptcp/mib.c mptcp_seq_show(), appended since 5.6; printed (as zeros)
 *             even before MPTCP is first used in the namespace.
 * Counters are unsigned longs on 64-bit kernels: values above 2^53 are normal on busy
 * hosts and are kept exactly as bigint. Unknown groups and counters are kept by name.
 */
import type { ParseResult } from './parse-result.js';
import { parseHeaderValuePairs } from '../text/header-value-pairs.js';
import type { ProtocolCounterRow } from './net-snmp.js';

export function parseNetNetstat(text: string, file: string): ParseResult<ProtocolCounterRow> {
  const { rows, issues } = parseHeaderValuePairs(text, file);
  return { rows: rows.map((g) => ({ group: g.prefix, counters: g.counters, line: g.line })), issues };
}
