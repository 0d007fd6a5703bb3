/** `knetstat -m`: socket-buffer memory. */
import { formatMemory } from '../../../format/knetstat/memory.js';
import type { ModeReport } from '../report.js';

export const memoryReport: ModeReport = async (session) => {
  const reading = await session.memory();
  return { reading, data: reading.data, empty: false, text: () => formatMemory(reading.data) };
};
