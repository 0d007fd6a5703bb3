/**
 * /proc/net/ip6_mr_vif — IPv6 multicast routing interfaces (mifs) of the default table,
 * printed by ip6mr_vif_seq_show in net/ipv6/ip6mr.c (CONFIG_IPV6_MROUTE):
 *   header "Interface      BytesIn  PktsIn  BytesOut PktsOut Flags"
 *   "%2td %-10s %8ld %7ld  %8ld %7ld %05X\n"
 *   mif index, device ("none" once gone), bytes in, packets in, bytes out, packets out,
 *   MIFF_* flags (hex)
 * The layout of ip_mr_vif without Local/Remote: parsed by the same code (net-ip-mr-vif.ts),
 * with the same `%ld`-of-unsigned counters.
 */
import type { ParseResult } from './parse-result.js';
import { parseMrVif, type NetMrVifRow } from './net-ip-mr-vif.js';

export function parseNetIp6MrVif(text: string, file: string): ParseResult<NetMrVifRow> {
  return parseMrVif(text, file, false);
}
