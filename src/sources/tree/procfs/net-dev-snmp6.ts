/**
 * /proc/net/dev_snmp6/<interface> — per-interface IPv6 MIB counters, "name value" lines:
 *
 *   ifIndex                         	1
 *   Ip6InReceives                   	3057229
 *
 * Printed by net/ipv6/proc.c snmp6_dev_seq_show: "%-32s\t%u" for ifIndex, then the
 * IPSTATS (Ip6*, "%-32s\t%llu"), ICMP6 (Icmp6*) and ICMP6MSG (Icmp6InType<n>, only
 * non-zero ones) lists. Names come and go with kernel versions (Ip6InNoECTPkts etc. in
 * 3.x, Ip6OutTransmits in 6.3), so rows are kept by the kernel's name. The file exists
 * only for interfaces with IPv6 enabled (an inet6_dev).
 */
import { issue, type Issue } from '../../../errors.js';
import { parseUnsignedCounter } from '../text/counter.js';
import { fields, forEachLine } from '../text/lines.js';
import type { ParseResult } from './parse-result.js';

export interface NetDevSnmp6Row {
  readonly name: string;
  readonly value: bigint;
}

export function parseNetDevSnmp6(text: string, file: string): ParseResult<NetDevSnmp6Row> {
  const rows: NetDevSnmp6Row[] = [];
  const issues: Issue[] = [];
  forEachLine(text, (line, lineNo) => {
    const parts = fields(line);
    if (parts.length < 2) {
      issues.push(issue(file, lineNo, 'short-line', 'expected "<name> <value>"', line));
      return;
    }
    if (parts.length > 2) {
      issues.push(issue(file, lineNo, 'width-mismatch', `${parts.length} fields, expected 2`, line));
      return;
    }
    const value = parseUnsignedCounter(parts[1]!);
    if (value === undefined) {
      issues.push(issue(file, lineNo, 'bad-number', `${parts[0]} is not an unsigned decimal: "${parts[1]}"`, line));
      return;
    }
    rows.push({ name: parts[0]!, value });
  });
  return { rows, issues };
}
