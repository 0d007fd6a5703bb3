/** `knetstat -L`: listen queues of every TCP listener (-4/-6 pick a family). */
import { formatListenQueues } from '../../../format/knetstat/listen-queues.js';
import type { ModeReport } from '../report.js';

export const listenQueuesReport: ModeReport = async (session, options) => {
  const reading = await session.listenQueues();
  const data = reading.data.filter((q) => options.families.includes(q.family));
  return { reading, data, empty: data.length === 0, text: () => formatListenQueues(data) };
};
