/** `knetstat -g`: multicast memberships, filters, routing tables, vifs and forwarding cache (-4/-6: one family, no link layer). */
import type { Multicast } from '../../../records/multicast.js';
import { formatMulticast } from '../../../format/knetstat/multicast.js';
import type { InetFamily } from '../options.js';
import type { ModeReport } from '../report.js';

function byFamily(m: Multicast, families: readonly InetFamily[]): Multicast {
  if (families.length === 2) return m;
  const keep = (f: string) => (families as readonly string[]).includes(f);
  const out: Multicast = {
    memberships: m.memberships.filter((g) => keep(g.family)),
    sourceFilters: m.sourceFilters.filter((f) => keep(f.family)),
    vifs: m.vifs.filter((v) => keep(v.family)),
    forwardingCache: m.forwardingCache.filter((e) => keep(e.family)),
  };
  if (m.routingTables !== undefined) out.routingTables = m.routingTables.filter((t) => keep(t.family));
  return out;
}

export const multicastReport: ModeReport = async (session, options) => {
  const reading = await session.multicast();
  const data = byFamily(reading.data, options.families);
  const empty = data.memberships.length + data.sourceFilters.length + data.vifs.length + data.forwardingCache.length === 0;
  return { reading, data, empty, text: () => formatMulticast(data) };
};
