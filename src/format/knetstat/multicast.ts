/**
 * `knetstat -g`: group memberships per interface (netstat -g's Interface RefCnt Group, with
 * the family), then source filters, multicast-routing vifs and the forwarding cache with
 * their counters (FreeBSD netstat -g's tables), each with its multicast routing table id
 * (netlink reads every table; procfs only the default one), after the IPv4 routing tables
 * themselves when netlink read them. Empty tables keep their header.
 */
import type { Multicast } from '../../records/multicast.js';
import { renderTable, type Column } from '../table.js';
import { orDash } from './endpoint.js';

const right = (header: string): Column => ({ header, align: 'right' });

function membershipLines(m: Multicast): string[] {
  const rows = m.memberships.map((g) => [g.interface, orDash(g.users), g.family, g.group]);
  return ['IPv6/IPv4/link Group Memberships', ...renderTable([{ header: 'Interface' }, right('RefCnt'), { header: 'Family' }, { header: 'Group' }], rows)];
}

function filterLines(m: Multicast): string[] {
  const rows = m.sourceFilters.map((f) => [f.interface, f.family, f.group, f.source, String(f.includeCount), String(f.excludeCount)]);
  return ['Multicast Source Filters', ...renderTable([{ header: 'Interface' }, { header: 'Family' }, { header: 'Group' }, { header: 'Source' }, right('Include'), right('Exclude')], rows)];
}

function vifLines(m: Multicast): string[] {
  const rows = m.vifs.map((v) => [v.family, orDash(v.table), String(v.index), v.interface ?? '-', String(v.bytesIn), String(v.packetsIn), String(v.bytesOut), String(v.packetsOut), v.flagNames.join(',') || '-', v.local ?? '', v.remote ?? '']);
  const cols = [{ header: 'Family' }, right('Table'), right('Vif'), { header: 'Iface' }, right('BytesIn'), right('PktsIn'), right('BytesOut'), right('PktsOut'), { header: 'Flags' }, { header: 'Local' }, { header: 'Remote' }];
  return ['Multicast Virtual Interface Table', ...renderTable(cols, rows)];
}

function cacheLines(m: Multicast): string[] {
  const rows = m.forwardingCache.map((e) => [e.family, orDash(e.table), e.origin, e.group, String(e.inputVif), String(e.packets), String(e.bytes), String(e.wrongInterface), e.outputs.map((o) => `${o.vif}:${o.ttl}`).join(' ') || '-']);
  const cols = [{ header: 'Family' }, right('Table'), { header: 'Origin' }, { header: 'Group' }, right('Iif'), right('Packets'), right('Bytes'), right('WrongIf'), { header: 'Outputs(vif:ttl)' }];
  return ['Multicast Forwarding Cache', ...renderTable(cols, rows)];
}

/** The routing tables themselves: only netlink reads them, so from procfs the section is left out (not printed empty). */
function tableLines(m: Multicast): string[] {
  if (m.routingTables === undefined) return [];
  const yesNo = (b: boolean | undefined) => (b === undefined ? '-' : b ? 'yes' : 'no');
  const rows = m.routingTables.map((t) => [t.family, String(t.table), String(t.unresolvedQueueLength), t.registerVif < 0 ? '-' : String(t.registerVif), yesNo(t.assert), yesNo(t.pim)]);
  const cols = [{ header: 'Family' }, right('Table'), right('Unresolved'), right('RegisterVif'), { header: 'Assert' }, { header: 'PIM' }];
  return ['Multicast Routing Tables', ...renderTable(cols, rows), ''];
}

export function formatMulticast(m: Multicast): string[] {
  return [...membershipLines(m), '', ...filterLines(m), '', ...tableLines(m), ...vifLines(m), '', ...cacheLines(m)];
}
