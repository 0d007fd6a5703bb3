/** `knetstat -rs`: routing statistics. */
import { formatRouteStats } from '../../../format/knetstat/route-stats.js';
import type { ModeReport } from '../report.js';

export const routeStatsReport: ModeReport = async (session) => {
  const reading = await session.routeStats();
  return { reading, data: reading.data, empty: false, text: () => formatRouteStats(reading.data) };
};
