/** `knetstat -B`: packet sockets, always with their owning processes (where permitted). */
import { formatPacketSockets } from '../../../format/knetstat/packet-sockets.js';
import type { ModeReport } from '../report.js';

export const packetSocketsReport: ModeReport = async (session) => {
  const reading = await session.packetSockets({ processes: true });
  return { reading, data: reading.data, empty: reading.data.length === 0, text: () => formatPacketSockets(reading.data) };
};
