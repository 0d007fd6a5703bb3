/**
 * Which protocol-counter groups `-s` shows for -t/-u/--udplite/--icmp and -4/-6: a group's
 * protocol from its kernel prefix, its family from the "6" suffix of the snmp6 groups.
 * A group this table does not know is shown only when no protocol is asked for.
 */
import type { ProtocolCounterGroup } from '../../records/protocol-counters.js';
import type { InetProtocol } from '../../records/socket.js';
import type { InetFamily } from './options.js';

const GROUP_PROTOCOL: Readonly<Record<string, InetProtocol | 'ip'>> = {
  Ip: 'ip', IpExt: 'ip', Ip6: 'ip',
  Icmp: 'icmp', IcmpMsg: 'icmp', Icmp6: 'icmp',
  Tcp: 'tcp', TcpExt: 'tcp', MPTcpExt: 'tcp',
  Udp: 'udp', Udp6: 'udp',
  UdpLite: 'udplite', UdpLite6: 'udplite',
};

export function groupFamily(group: string): InetFamily {
  return group.endsWith('6') ? 'inet6' : 'inet';
}

export function selectGroups(groups: readonly ProtocolCounterGroup[], protocols: readonly InetProtocol[], families: readonly InetFamily[]): ProtocolCounterGroup[] {
  return groups.filter((g) => {
    if (!families.includes(groupFamily(g.group))) return false;
    if (protocols.length === 0) return true;
    const p = GROUP_PROTOCOL[g.group];
    return p !== undefined && p !== 'ip' && protocols.includes(p);
  });
}
