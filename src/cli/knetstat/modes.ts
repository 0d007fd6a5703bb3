/**
 * Mode → report function, loaded on first use so a run pays only for the formatter it
 * needs (start-up time is most of a short command's time).
 */
import type { Mode } from './options.js';
import type { ModeReport } from './report.js';

const LOADERS: Readonly<Record<Mode, () => Promise<ModeReport>>> = {
  sockets: async () => (await import('./modes/sockets.js')).socketsReport,
  'listen-queues': async () => (await import('./modes/listen-queues.js')).listenQueuesReport,
  'packet-sockets': async () => (await import('./modes/packet-sockets.js')).packetSocketsReport,
  memory: async () => (await import('./modes/memory.js')).memoryReport,
  'protocol-stats': async () => (await import('./modes/protocol-stats.js')).protocolStatsReport,
  interfaces: async () => (await import('./modes/interfaces.js')).interfacesReport,
  routes: async () => (await import('./modes/routes.js')).routesReport,
  neighbours: async () => (await import('./modes/neighbours.js')).neighboursReport,
  'route-stats': async () => (await import('./modes/route-stats.js')).routeStatsReport,
  multicast: async () => (await import('./modes/multicast.js')).multicastReport,
};

export function loadMode(mode: Mode): Promise<ModeReport> {
  return LOADERS[mode]();
}
