/** `knetstat -r`: routes of one table (--table, default main) or all, -4/-6 for one family. */
import { formatRoutes } from '../../../format/knetstat/routes.js';
import type { RouteQuery } from '../../../sources/route-query.js';
import type { ModeReport } from '../report.js';

export const routesReport: ModeReport = async (session, options) => {
  const query: RouteQuery = options.families.length === 1 ? { table: options.table, family: options.families[0]! } : { table: options.table };
  const reading = await session.routes(query);
  return { reading, data: reading.data, empty: reading.data.length === 0, text: () => formatRoutes(reading.data, options.families) };
};
