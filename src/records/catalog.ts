/**
 * Every record kind of the library, in one list: the public schema exports, and the
 * table that docs/records.md is generated from (and later the kstat, wire, SNMP and
 * OpenMetrics mappings walk).
 */
import type { RecordSchema } from './field.js';
import { inetSocketSchema, unixSocketSchema } from './socket.js';
import { processOwnerSchema } from './process-owner.js';
import { listenQueueSchema } from './listen-queue.js';
import { interfaceSchema, interfaceAddressSchema } from './interface.js';
import { socketMemorySchema, sockstatProtocolSchema, protocolMemorySchema, softnetCpuSchema } from './socket-memory.js';
import { packetSocketSchema } from './packet-socket.js';
import { routeSchema, nextHopSchema } from './route.js';
import { neighbourSchema } from './neighbour.js';
import { routeStatsSchema, routeCacheCpuSchema, fibTrieSchema, fibTrieNodeSizeSchema } from './route-stats.js';
import {
  multicastSchema,
  multicastMembershipSchema,
  multicastSourceFilterSchema,
  multicastVifSchema,
  multicastOutputSchema,
  multicastForwardingSchema,
  multicastRoutingTableSchema,
} from './multicast.js';
import { protocolStatsSchema, protocolCounterGroupSchema } from './protocol-counters.js';
import { cpuStatsSchema, cpuTimesSchema } from './cpu.js';
import { memoryInfoSchema } from './memory-info.js';
import { diskSchema } from './disk.js';
import { interruptsSchema, interruptLineSchema, softirqSchema } from './interrupt.js';
import { schedulerStatsSchema, schedulerCpuSchema } from './scheduler.js';

export * from './socket.js';
export * from './process-owner.js';
export * from './listen-queue.js';
export * from './interface.js';
export * from './socket-memory.js';
export * from './packet-socket.js';
export * from './route.js';
export * from './neighbour.js';
export * from './route-stats.js';
export * from './multicast.js';
export * from './protocol-counters.js';
export * from './cpu.js';
export * from './memory-info.js';
export * from './disk.js';
export * from './interrupt.js';
export * from './scheduler.js';
export type { RecordSchema, FieldSpec, FieldKind, Unit, RecordOf } from './field.js';

/** Top-level record kinds (what a view returns), then the nested ones they contain. */
export const RECORD_SCHEMAS: readonly RecordSchema[] = [
  inetSocketSchema,
  unixSocketSchema,
  listenQueueSchema,
  interfaceSchema,
  socketMemorySchema,
  packetSocketSchema,
  routeSchema,
  neighbourSchema,
  routeStatsSchema,
  multicastSchema,
  protocolStatsSchema,
  cpuStatsSchema,
  memoryInfoSchema,
  diskSchema,
  interruptsSchema,
  schedulerStatsSchema,
  processOwnerSchema,
  interfaceAddressSchema,
  sockstatProtocolSchema,
  protocolMemorySchema,
  softnetCpuSchema,
  nextHopSchema,
  routeCacheCpuSchema,
  fibTrieSchema,
  fibTrieNodeSizeSchema,
  multicastMembershipSchema,
  multicastSourceFilterSchema,
  multicastVifSchema,
  multicastOutputSchema,
  multicastForwardingSchema,
  multicastRoutingTableSchema,
  protocolCounterGroupSchema,
  cpuTimesSchema,
  interruptLineSchema,
  softirqSchema,
  schedulerCpuSchema,
];
