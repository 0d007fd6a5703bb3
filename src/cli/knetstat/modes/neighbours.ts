/**
 * `knetstat --neighbours`: the neighbour cache (ARP and IPv6 neighbour discovery); -4/-6 for
 * one family. Like `ip neigh show`, entries in state NOARP (the kernel's fixed mappings, e.g.
 * of IPv6 multicast addresses) and NONE are left out unless -a is given (`nud all`); the
 * library's reading has them all.
 */
import { PROCFS_NEIGHBOUR_GAPS, type Neighbour } from '../../../records/neighbour.js';
import { formatNeighbours } from '../../../format/knetstat/neighbours.js';
import type { ModeReport } from '../report.js';

function shownByDefault(n: Neighbour): boolean {
  return n.state !== 'noarp' && n.state !== 'none';
}

export const neighboursReport: ModeReport = async (session, options) => {
  const reading = await session.neighbours();
  const families: readonly string[] = options.families;
  const data = reading.data.filter((n) => families.includes(n.family) && (options.all || shownByDefault(n)));
  // What a source cannot give matters only when it was asked for: IPv6 entries, and (-a) the NOARP/NONE ones.
  const irrelevant = (u: { what: string }) =>
    (u.what === PROCFS_NEIGHBOUR_GAPS.ipv6 && !families.includes('inet6')) || (u.what === PROCFS_NEIGHBOUR_GAPS.noarp && !(options.all && families.includes('inet')));
  return { reading, data, empty: data.length === 0, irrelevant, text: () => formatNeighbours(data) };
};
