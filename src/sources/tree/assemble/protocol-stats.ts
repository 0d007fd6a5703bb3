/**
 * Protocol counters of one network namespace: /proc/net/snmp, /proc/net/netstat and
 * /proc/net/snmp6 → `ProtocolStats`. Each file is optional (a kernel without IPv6 has no
 * snmp6; a capture may lack any of them): a missing one is listed as unavailable, and
 * only when none can be read is the whole kind unavailable (E_UNAVAILABLE).
 */
import type { ParseResult } from '../procfs/parse-result.js';
import type { ProtocolCounterGroup, ProtocolStats } from '../../../records/protocol-counters.js';
import type { TreeReader } from '../reader.js';
import { parseNetSnmp, type ProtocolCounterRow } from '../procfs/net-snmp.js';
import { parseNetNetstat } from '../procfs/net-netstat.js';
import { parseNetSnmp6 } from '../procfs/net-snmp6.js';
import { emptyPart, readInto, requireSome, type Part } from './part.js';

type CounterParser = (text: string, file: string) => ParseResult<ProtocolCounterRow>;

const FILES: readonly { file: string; what: string; parse: CounterParser }[] = [
  { file: 'proc/net/snmp', what: 'IPv4 SNMP counters (Ip, Icmp, Tcp, Udp, ...)', parse: parseNetSnmp },
  { file: 'proc/net/netstat', what: 'extended counters (TcpExt, IpExt, MPTcpExt)', parse: parseNetNetstat },
  { file: 'proc/net/snmp6', what: 'IPv6 SNMP counters (Ip6, Icmp6, Udp6, ...)', parse: parseNetSnmp6 },
];

export async function readProtocolStats(reader: TreeReader): Promise<Part<ProtocolStats>> {
  const groups: ProtocolCounterGroup[] = [];
  const part = emptyPart<ProtocolStats>({ groups });
  let anyRead = false;
  for (const { file, what, parse } of FILES) {
    const text = await readInto(part, reader, file, what);
    if (text === undefined) continue;
    anyRead = true;
    const { rows, issues } = parse(text, file);
    part.issues.push(...issues);
    for (const row of rows) groups.push({ group: row.group, file, counters: row.counters });
  }
  requireSome(part, anyRead, 'protocol counters');
  return part;
}
