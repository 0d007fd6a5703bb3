/**
 * `knetstat --neighbours`: the neighbour cache as one table, what `ip neigh show` lists (and
 * `arp -an` for IPv4), IPv4 entries first. State is the kernel's NUD state in `ip neigh`'s
 * upper case; where the source tells only whether the entry is complete (/proc/net/arp),
 * arp's words "complete" / "incomplete" stand in lower case so the two are never confused.
 */
import type { Neighbour } from '../../records/neighbour.js';
import { renderTable } from '../table.js';

export function neighbourState(n: Neighbour): string {
  if (n.state !== undefined) return n.state.toUpperCase();
  if (n.stateBits !== undefined) return `0x${n.stateBits.toString(16)}`;
  return n.complete ? 'complete' : 'incomplete';
}

export function formatNeighbours(neighbours: readonly Neighbour[]): string[] {
  const ordered = [...neighbours.filter((n) => n.family === 'inet'), ...neighbours.filter((n) => n.family === 'inet6')];
  const cols = [{ header: 'Address' }, { header: 'Iface' }, { header: 'Link address' }, { header: 'State' }, { header: 'Flags' }];
  const rows = ordered.map((n) => [
    n.address,
    n.interface ?? (n.ifindex !== undefined ? `#${n.ifindex}` : '-'),
    n.linkAddress ?? '-',
    neighbourState(n),
    n.flagNames?.join(',') ?? '',
  ]);
  return ['Neighbour cache', ...renderTable(cols, rows)];
}
