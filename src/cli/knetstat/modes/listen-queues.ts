/** `knetstat -L`: listen queues of every TCP listener (-4/-6 pick a family); ports by tcp service name unless -n. */
import { formatListenQueues } from '../../../format/knetstat/listen-queues.js';
import type { ModeReport } from '../report.js';

export const listenQueuesReport: ModeReport = async (session, options) => {
  const names = !options.json && !options.numeric ? import('../names.js').then((m) => m.loadNames(session, { services: true, users: false })) : undefined;
  names?.catch(() => undefined); // awaited below; must not be left unhandled if the reading fails first
  const reading = await session.listenQueues();
  const data = reading.data.filter((q) => options.families.includes(q.family));
  const lookup = await names;
  return { reading, data, empty: data.length === 0, text: () => formatListenQueues(data, lookup) };
};
