/**
 * The netstat views as XDR: which record schemas each view's `Reading` holds, and typed
 * encode/decode of one view's reading. These bytes are the data of the RAW kstat
 * `netstat:0:<view>` (class `netstat`), so a snapshot or a remote peer carries every view
 * losslessly and every netstat view works on it. View names are the kstat names.
 * Pure: no I/O, no timers.
 */
import type { RecordSchema } from '../records/field.js';
import { inetSocketSchema, unixSocketSchema, type Socket } from '../records/socket.js';
import { listenQueueSchema, type ListenQueue } from '../records/listen-queue.js';
import { interfaceSchema, type Interface } from '../records/interface.js';
import { socketMemorySchema, type SocketMemory } from '../records/socket-memory.js';
import { packetSocketSchema, type PacketSocket } from '../records/packet-socket.js';
import { routeSchema, type Route } from '../records/route.js';
import { neighbourSchema, type Neighbour } from '../records/neighbour.js';
import { routeStatsSchema, type RouteStats } from '../records/route-stats.js';
import { multicastSchema, type Multicast } from '../records/multicast.js';
import { protocolStatsSchema, type ProtocolStats } from '../records/protocol-counters.js';
import type { Reading } from '../records/reading.js';
import { decodeReading, encodeReading, type ReadingShape } from './reading-xdr.js';

/** The data type of each view's reading, by view (= kstat) name. */
export interface NetstatViewData {
  sockets: Socket[];
  'listen-queues': ListenQueue[];
  interfaces: Interface[];
  memory: SocketMemory;
  'packet-sockets': PacketSocket[];
  routes: Route[];
  neighbours: Neighbour[];
  'route-stats': RouteStats;
  multicast: Multicast;
  'protocol-stats': ProtocolStats;
}
export type NetstatView = keyof NetstatViewData;

/** Sockets are a tagged union: `protocol` is "unix" exactly for unix-socket records. */
const pickSocket = (record: object): RecordSchema =>
  (record as { protocol?: unknown }).protocol === 'unix' ? unixSocketSchema : inetSocketSchema;

export const NETSTAT_VIEW_SHAPES: Readonly<Record<NetstatView, ReadingShape>> = {
  sockets: { shape: 'tagged-list', schemas: [inetSocketSchema, unixSocketSchema], pick: pickSocket },
  'listen-queues': { shape: 'list', schema: listenQueueSchema },
  interfaces: { shape: 'list', schema: interfaceSchema },
  memory: { shape: 'one', schema: socketMemorySchema },
  'packet-sockets': { shape: 'list', schema: packetSocketSchema },
  routes: { shape: 'list', schema: routeSchema },
  neighbours: { shape: 'list', schema: neighbourSchema },
  'route-stats': { shape: 'one', schema: routeStatsSchema },
  multicast: { shape: 'one', schema: multicastSchema },
  'protocol-stats': { shape: 'one', schema: protocolStatsSchema },
};

/** View names in Source method order. */
export const NETSTAT_VIEWS = Object.keys(NETSTAT_VIEW_SHAPES) as NetstatView[];

export function isNetstatView(name: string): name is NetstatView {
  return Object.hasOwn(NETSTAT_VIEW_SHAPES, name);
}

export function encodeViewReading<V extends NetstatView>(view: V, reading: Reading<NetstatViewData[V]>): Uint8Array {
  return encodeReading(reading, NETSTAT_VIEW_SHAPES[view]);
}

/** Throws XdrError (E_PARSE, byte offset + `base`) on malformed bytes. */
export function decodeViewReading<V extends NetstatView>(view: V, bytes: Uint8Array, base = 0): Reading<NetstatViewData[V]> {
  return decodeReading<NetstatViewData[V]>(bytes, NETSTAT_VIEW_SHAPES[view], base);
}
