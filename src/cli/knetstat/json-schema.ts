/**
 * The JSON Schema of knetstat's --json output (docs/knetstat.schema.json is this, written
 * by scripts/gen-knetstat-schema.mjs): one document per report, whose `mode` says what
 * `data` holds; the interval modes (interface-rates, protocol-rates) are NDJSON lines of
 * the same envelope plus intervalSeconds and elapsedNs.
 */
import { inetSocketSchema, unixSocketSchema } from '../../records/socket.js';
import { listenQueueSchema } from '../../records/listen-queue.js';
import { packetSocketSchema } from '../../records/packet-socket.js';
import { socketMemorySchema } from '../../records/socket-memory.js';
import { protocolStatsSchema } from '../../records/protocol-counters.js';
import { interfaceSchema } from '../../records/interface.js';
import { routeSchema } from '../../records/route.js';
import { neighbourSchema } from '../../records/neighbour.js';
import { routeStatsSchema } from '../../records/route-stats.js';
import { multicastSchema } from '../../records/multicast.js';
import { recordDefs, refTo, type JsonSchema } from '../../format/json-schema.js';
import { INTERFACE_DELTA_FIELDS } from './deltas.js';
import { JSON_FORMAT } from './report.js';

const listOf = (kind: string): JsonSchema => ({ type: 'array', items: refTo(kind) });

/** mode → schema of `data`. */
const DATA: Readonly<Record<string, JsonSchema>> = {
  sockets: { type: 'array', items: { oneOf: [refTo(inetSocketSchema.kind), refTo(unixSocketSchema.kind)] } },
  'listen-queues': listOf(listenQueueSchema.kind),
  'packet-sockets': listOf(packetSocketSchema.kind),
  memory: refTo(socketMemorySchema.kind),
  'protocol-stats': refTo(protocolStatsSchema.kind),
  interfaces: listOf(interfaceSchema.kind),
  routes: listOf(routeSchema.kind),
  neighbours: listOf(neighbourSchema.kind),
  'route-stats': refTo(routeStatsSchema.kind),
  multicast: refTo(multicastSchema.kind),
  'interface-rates': listOf('interface-delta'),
  'protocol-rates': { type: 'object', properties: { groups: listOf('counter-group-delta') }, required: ['groups'], additionalProperties: false },
};

const INTERVAL_MODES = new Set(['interface-rates', 'protocol-rates']);

const integer = (description: string): JsonSchema => ({ type: 'integer', minimum: 0, description });

const EXTRA_DEFS: Record<string, JsonSchema> = {
  source: {
    type: 'object',
    description: 'The one source the report was read from.',
    properties: { kind: { type: 'string', enum: ['live', 'tree', 'pid', 'netns', 'snapshot', 'remote', 'snmp'] }, label: { type: 'string' } },
    required: ['kind', 'label'],
    additionalProperties: false,
  },
  issue: {
    type: 'object',
    description: 'A located problem in the source data (a malformed line, an unreadable file); codes in docs/errors.md.',
    properties: { file: { type: 'string' }, line: { type: 'integer', minimum: 1 }, offset: { type: 'integer', minimum: 0 }, code: { type: 'string' }, message: { type: 'string' }, text: { type: 'string' } },
    required: ['file', 'code', 'message'],
    additionalProperties: false,
  },
  unavailable: {
    type: 'object',
    description: 'A part of the report the source cannot give, and why.',
    properties: { what: { type: 'string' }, file: { type: 'string' }, reason: { type: 'string' } },
    required: ['what', 'reason'],
    additionalProperties: false,
  },
  'interface-delta': {
    type: 'object',
    description: 'Increase of an interface\'s counters over the interval (absent when a counter went backwards), and byte rates per second.',
    properties: {
      name: { type: 'string' },
      ...Object.fromEntries(INTERFACE_DELTA_FIELDS.map((f) => [f, integer(`Increase of ${f} over the interval.`)])),
      rxBytesPerSecond: integer('rxBytes increase per second (rounded down).'),
      txBytesPerSecond: integer('txBytes increase per second (rounded down).'),
    },
    required: ['name'],
    additionalProperties: false,
  },
  'counter-group-delta': {
    type: 'object',
    description: 'Increase of each counter of a protocol group over the interval (absent when a counter went backwards).',
    properties: { group: { type: 'string' }, file: { type: 'string' }, deltas: { type: 'object', additionalProperties: { type: 'integer' } } },
    required: ['group', 'file', 'deltas'],
    additionalProperties: false,
  },
};

function documentSchema(mode: string): JsonSchema {
  const interval = INTERVAL_MODES.has(mode);
  const properties: Record<string, JsonSchema> = {
    format: { const: JSON_FORMAT },
    mode: { const: mode },
    source: refTo('source'),
    takenAt: { type: 'string', description: 'When the reading was taken (ISO 8601, UTC).' },
    via: { type: 'string', description: 'Which path served it: "netlink", "procfs", or "netlink+procfs" (docs/netlink.md).' },
    fallback: { type: 'string', description: 'Present when procfs served a report netlink was preferred for: why netlink could not (koffi missing, namespace not enterable, kernel lacks the handler).' },
  };
  if (interval) {
    properties.intervalSeconds = { type: 'number', description: 'The interval asked for (-w SECS).' };
    properties.elapsedNs = integer('Measured time between the two readings, in nanoseconds (monotonic clock).');
  }
  properties.data = DATA[mode]!;
  properties.issues = { type: 'array', items: refTo('issue') };
  properties.unavailable = { type: 'array', items: refTo('unavailable') };
  return { type: 'object', properties, required: Object.keys(properties).filter((k) => k !== 'fallback'), additionalProperties: false };
}

export function knetstatJsonSchema(): JsonSchema {
  const records = [inetSocketSchema, unixSocketSchema, listenQueueSchema, packetSocketSchema, socketMemorySchema, protocolStatsSchema, interfaceSchema, routeSchema, routeStatsSchema, multicastSchema];
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'knetstat --json output',
    description: `One document per report (format "${JSON_FORMAT}"); with -w SECS one such document per line (NDJSON). 64-bit counters are exact JSON integers.`,
    oneOf: Object.keys(DATA).map(documentSchema),
    $defs: { ...EXTRA_DEFS, ...recordDefs(records) },
  };
}
