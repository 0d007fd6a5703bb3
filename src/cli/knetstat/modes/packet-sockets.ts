/** `knetstat -B`: packet sockets, always with their owning processes (where permitted); User by name unless -n. */
import { formatPacketSockets } from '../../../format/knetstat/packet-sockets.js';
import type { ModeReport } from '../report.js';

export const packetSocketsReport: ModeReport = async (session, options) => {
  const names = !options.json && !options.numeric ? import('../names.js').then((m) => m.loadNames(session, { services: false, users: true })) : undefined;
  names?.catch(() => undefined); // awaited below; must not be left unhandled if the reading fails first
  const reading = await session.packetSockets({ processes: true });
  const lookup = await names;
  return { reading, data: reading.data, empty: reading.data.length === 0, text: () => formatPacketSockets(reading.data, lookup) };
};
