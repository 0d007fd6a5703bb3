/**
 * `knetstat -i` / `-I IF`: the interface table. Like netstat -i, only interfaces that are up
 * unless -a is given (or the flags are unknown); -I IF shows that interface whatever its state.
 */
import { formatInterfaces } from '../../../format/knetstat/interfaces.js';
import type { Unavailable } from '../../../sources/source.js';
import type { ModeReport } from '../report.js';

/** Parts of the interface reading the -i table does not show (addresses, tx timeouts): no warning for them. */
const NOT_IN_TABLE = ['IPv4 interface addresses', 'transmit timeouts'];
const irrelevant = (u: Unavailable) => NOT_IN_TABLE.some((what) => u.what.startsWith(what));

export const interfacesReport: ModeReport = async (session, options) => {
  const reading = await session.interfaces();
  const name = options.interfaceName;
  const data = reading.data.filter((i) => (name === undefined ? options.all || i.flagNames?.includes('UP') !== false : i.name === name));
  const notes = name !== undefined && data.length === 0 ? [`knetstat: ${reading.source.label}: no interface named ${name}`] : [];
  return { reading, data, empty: data.length === 0, notes, irrelevant, text: () => formatInterfaces(data) };
};
