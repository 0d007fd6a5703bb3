/**
 * /proc/net/snmp6 — the IPv6 SNMP counters of the reading network namespace.
 *
 * Printed by net/ipv6/proc.c snmp6_seq_show() as one `Name<tab>value` line per counter
 * ("%-32s\t%lu"; old kernels used spaces), with the group folded into the name:
 *   Ip6*       snmp6_ipstats_list (Ip6InReceives ...; the ECN counters are 3.x+,
 *              Ip6OutTransmits 6.3+)
 *   Icmp6*     snmp6_icmp6_list, then snmp6_seq_show_icmpv6msg(): Icmp6InType<N> and
 *              Icmp6OutType<N> for NON-ZERO types only (absent means zero)
 *   Udp6*      snmp6_udp6_list;  UdpLite6*  snmp6_udplite6_list
 * The flat names are split back into groups by their prefix, so that group + counter is
 * again exactly the printed name (Ip6 + InReceives = Ip6InReceives), which is also the
 * name `nstat` shows. Icmp6InType<N>/OutType<N> stay in group Icmp6 (as InType<N>),
 * because that is how the kernel names them; IPv4 has a separate IcmpMsg line instead.
 * A name with an unknown prefix goes to the group named by its text up to the first "6"
 * followed by a capital ("Sctp6InX" → "Sctp6"), else to the group "" under its full name.
 */
import { issue, type Issue } from '../../../errors.js';
import type { ParseResult } from './parse-result.js';
import { parseKeyValueLines } from '../text/key-value-lines.js';
import { setCounter } from '../text/header-value-pairs.js';
import { SNMP6_GROUPS, type ProtocolCounterRow } from './net-snmp.js';

// Longest first: no known prefix is a prefix of another today, and this keeps it safe if one is added.
const PREFIXES = [...SNMP6_GROUPS].sort((a, b) => b.length - a.length);
const UNKNOWN_PREFIX = /^([A-Za-z]+?6)(?=[A-Z])/;

/** Splits a flat snmp6 name into [group, counter]. */
export function splitSnmp6Name(name: string): [string, string] {
  for (const p of PREFIXES) if (name.length > p.length && name.startsWith(p)) return [p, name.slice(p.length)];
  const m = UNKNOWN_PREFIX.exec(name);
  if (m !== null) return [m[1] as string, name.slice((m[1] as string).length)];
  return ['', name];
}

export function parseNetSnmp6(text: string, file: string): ParseResult<ProtocolCounterRow> {
  const parsed = parseKeyValueLines(text, file);
  const issues: Issue[] = [...parsed.issues];
  const groups = new Map<string, ProtocolCounterRow>();
  for (const { name, value, line } of parsed.rows) {
    const [group, counter] = splitSnmp6Name(name);
    let row = groups.get(group);
    if (row === undefined) {
      row = { group, counters: {}, line };
      groups.set(group, row);
    }
    if (Object.hasOwn(row.counters, counter)) {
      issues.push(issue(file, line, 'unknown-format', `${name} printed twice; kept the first value`));
    } else {
      setCounter(row.counters, counter, value);
    }
  }
  return { rows: [...groups.values()], issues };
}
