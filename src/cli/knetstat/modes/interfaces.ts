/**
 * `knetstat -i` / `-I IF`: the interface table. Like netstat -i, only interfaces that are up
 * unless -a is given (or the flags are unknown); -I IF shows that interface whatever its state.
 */
import { formatInterfaces } from '../../../format/knetstat/interfaces.js';
import type { Unavailable } from '../../../sources/source.js';
import type { ModeReport } from '../report.js';
import type { Interface } from '../../../records/interface.js';
import type { KnetstatOptions } from '../options.js';

/** Parts of the interface reading the -i table does not show (addresses, speed, duplex, tx timeouts): no warning for them. */
const NOT_IN_TABLE = ['IPv4 interface addresses', 'transmit timeouts', 'speed, duplex and transmit timeouts'];
export const notInInterfaceTable = (u: Unavailable) => NOT_IN_TABLE.some((what) => u.what.startsWith(what));

/** -I IF: that one; otherwise the interfaces that are up (all with -a; unknown flags count as up). */
export function shownInterfaces(interfaces: readonly Interface[], options: Pick<KnetstatOptions, 'interfaceName' | 'all'>): Interface[] {
  const name = options.interfaceName;
  return interfaces.filter((i) => (name === undefined ? options.all || i.flagNames?.includes('UP') !== false : i.name === name));
}

export const interfacesReport: ModeReport = async (session, options) => {
  const reading = await session.interfaces();
  const name = options.interfaceName;
  const data = shownInterfaces(reading.data, options);
  const notes = name !== undefined && data.length === 0 ? [`knetstat: ${reading.source.label}: no interface named ${name}`] : [];
  return { reading, data, empty: data.length === 0, notes, irrelevant: notInInterfaceTable, text: () => formatInterfaces(data) };
};
