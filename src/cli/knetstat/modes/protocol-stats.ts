/** `knetstat -s`: protocol counters by kernel name; -z hides zeros; -t/-u/... and -4/-6 pick groups. */
import { counterText, formatCounterGroups } from '../../../format/knetstat/protocol-stats.js';
import type { ProtocolStats } from '../../../records/protocol-counters.js';
import { selectGroups } from '../stat-groups.js';
import type { ModeReport } from '../report.js';

export const protocolStatsReport: ModeReport = async (session, options) => {
  const reading = await session.protocolStats();
  const groups = selectGroups(reading.data.groups, options.protocols, options.families).map((g) => ({
    ...g,
    counters: options.hideZeros ? Object.fromEntries(Object.entries(g.counters).filter(([, v]) => v !== 0n)) : g.counters,
  }));
  const data: ProtocolStats = { groups };
  return { reading, data, empty: false, text: () => formatCounterGroups(counterText(groups, false)) };
};
