/**
 * `netstat:0:<view>`, class `netstat`: one RAW kstat per netstat view (sockets,
 * listen-queues, interfaces, memory, packet-sockets, routes, neighbours, route-stats, multicast,
 * protocol-stats), whose bytes are the XDR encoding of the view's whole Reading — data,
 * issues, unavailable parts, takenAt, via (protocol/netstat-readings.ts). This is how a
 * snapshot file (and the remote daemon) carries every view losslessly: the snapshot
 * source decodes these kstats back into Readings.
 *
 * One provider per view, so that reading one of these kstats reads only its view (the
 * chain re-asks only the provider that made a kstat). Sockets are read with the empty
 * query (every socket, without owning processes: an owner scan walks every process and
 * is asked for explicitly); packet sockets likewise. A view the source lacks
 * (E_UNAVAILABLE) has no kstat.
 */
import { encodeViewReading, NETSTAT_VIEWS, type NetstatView, type NetstatViewData } from '../../protocol/netstat-readings.js';
import type { Reading, Source } from '../../sources/source.js';
import type { KstatProvider } from '../provider.js';
import { fromView } from './view-reading.js';

type ViewReaders = { readonly [V in NetstatView]: (s: Source) => Promise<Reading<NetstatViewData[V]>> };

/** How each view is read from a source (the Source method behind it). */
export const VIEW_READERS: ViewReaders = {
  sockets: (s) => s.sockets(),
  'listen-queues': (s) => s.listenQueues(),
  interfaces: (s) => s.interfaces(),
  memory: (s) => s.memory(),
  'packet-sockets': (s) => s.packetSockets(),
  routes: (s) => s.routes({ table: 'all' }),
  neighbours: (s) => s.neighbours(),
  'route-stats': (s) => s.routeStats(),
  multicast: (s) => s.multicast(),
  'protocol-stats': (s) => s.protocolStats(),
};

function viewProvider<V extends NetstatView>(view: V): KstatProvider {
  const read = VIEW_READERS[view] as (s: Source) => Promise<Reading<NetstatViewData[V]>>;
  return {
    name: `netstat-${view}`,
    modules: ['netstat'],
    collect: (source) =>
      fromView(
        () => read(source),
        (_data, reading) => [{ module: 'netstat', instance: 0, name: view, class: 'netstat', type: 'RAW', data: { type: 'RAW', raw: encodeViewReading(view, reading) } }],
      ),
  };
}

export const netstatViewProviders: readonly KstatProvider[] = NETSTAT_VIEWS.map((view) => viewProvider(view));
