import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defineRecord, f, opt, type FieldSpec, type RecordSchema } from '../../../src/records/field.js';
import { RECORD_SCHEMAS } from '../../../src/records/catalog.js';
import { decodeRecord, encodeRecord } from '../../../src/protocol/records-xdr.js';
import { XdrReader } from '../../../src/protocol/xdr/reader.js';
import { XdrWriter } from '../../../src/protocol/xdr/writer.js';
import { XdrError } from '../../../src/protocol/xdr/types.js';
import { KstatError } from '../../../src/errors.js';
import { open } from '../../../src/netstat/open.js';
import { Bytes } from '../../helpers/bytes.js';
import { tree } from '../../helpers/fixture.js';
import { withoutUndefined } from '../../helpers/records.js';

const small = defineRecord('small', 'A test record.', {
  port: f.u32('A port.'),
  name: opt.string('A name.'),
  state: f.enum(['UP', 'DOWN'] as const, 'A state.'),
  total: f.u64('A counter.'),
  delta: opt.i64('A signed value.'),
  level: f.i32('A signed 32-bit value.'),
  on: opt.bool('A flag.'),
  tags: f.strings('Tags.'),
  extra: opt.counters('Counters by name.'),
});

function encode(schema: RecordSchema, record: object): Uint8Array {
  const w = new XdrWriter();
  encodeRecord(w, schema, record);
  return w.toBytes();
}

function decode(schema: RecordSchema, bytes: Uint8Array): Record<string, unknown> {
  const r = new XdrReader(bytes);
  const out = decodeRecord(r, schema) as Record<string, unknown>;
  r.end();
  return out;
}

test('a record is its fields in declaration order, optional fields as bool + value', () => {
  const record = { port: 443, name: 'eth0', state: 'UP', total: 18446744073709551615n, level: -2, on: false, tags: ['a', 'bc'], extra: { MaxConn: -1n, Big: 18446744073709551615n } };
  const expected = new Bytes()
    .u32(443)
    .optional(true, (b) => b.str('eth0'))
    .str('UP')
    .u64(18446744073709551615n)
    .optional(false) // delta
    .i32(-2)
    .optional(true, (b) => b.bool(false))
    .u32(2).str('a').str('bc')
    .optional(true, (b) => b.u32(2).str('MaxConn').bool(true).i64(-1n).str('Big').bool(false).u64(18446744073709551615n))
    .build();
  assert.deepEqual(encode(small, record), expected);
  assert.deepEqual(decode(small, expected), { ...record, delta: undefined });
});

test('decoded records carry every schema field, undefined when absent', () => {
  const bytes = new Bytes().u32(1).optional(false).str('DOWN').u64(0n).optional(false).i32(0).optional(false).u32(0).optional(false).build();
  const out = decode(small, bytes);
  assert.deepEqual(Object.keys(out), Object.keys(small.fields));
  assert.equal(out.name, undefined);
  assert.deepEqual(out.tags, []);
});

test('an enum value outside the schema values is refused on decode, with its offset', () => {
  const bytes = new Bytes().u32(1).optional(false).str('SIDEWAYS').u64(0n).optional(false).i32(0).optional(false).u32(0).optional(false).build();
  assert.throws(() => decode(small, bytes), (e: unknown) => e instanceof XdrError && e.offset === 8 && e.reason === 'value');
});

test('counters: a duplicate name, or a NEGATIVE arm holding a non-negative value, is refused', () => {
  const base = () => new Bytes().u32(1).optional(false).str('UP').u64(0n).optional(false).i32(0).optional(false).u32(0);
  const dup = base().optional(true, (b) => b.u32(2).str('x').bool(false).u64(1n).str('x').bool(false).u64(2n)).build();
  assert.throws(() => decode(small, dup), (e: unknown) => e instanceof XdrError && /appears twice/.test(e.message));
  const neg = base().optional(true, (b) => b.u32(1).str('x').bool(true).i64(5n)).build();
  assert.throws(() => decode(small, neg), (e: unknown) => e instanceof XdrError && /NEGATIVE/.test(e.message));
});

test('a counter named __proto__ stays an own property', () => {
  const extra = JSON.parse('{"__proto__": 1}') as Record<string, number>;
  const counters: Record<string, bigint> = {};
  for (const k of Object.keys(extra)) Object.defineProperty(counters, k, { value: 7n, enumerable: true, writable: true, configurable: true });
  const record = { port: 1, state: 'UP', total: 0n, level: 0, tags: [], extra: counters };
  const out = decode(small, encode(small, record));
  assert.ok(Object.hasOwn(out.extra as object, '__proto__'));
  assert.equal(Object.getPrototypeOf(out.extra), Object.prototype);
});

test('encoding refuses values that do not fit, naming the field (E_ARGUMENT)', () => {
  const ok = { port: 1, state: 'UP', total: 0n, level: 0, tags: [] };
  const cases: Array<[object, RegExp]> = [
    [{ ...ok, port: 4294967296 }, /small\.port: .*unsigned int out of range/],
    [{ ...ok, port: undefined }, /small\.port: required field is undefined/],
    [{ ...ok, total: 18446744073709551616n }, /small\.total: .*unsigned hyper out of range/],
    [{ ...ok, total: 5 }, /small\.total/],
    [{ ...ok, state: 'SIDEWAYS' }, /small\.state: "SIDEWAYS" is not one of its values/],
    [{ ...ok, extra: { x: 1 } }, /small\.extra\.x: counter must be a bigint/],
    [{ ...ok, extra: { x: 18446744073709551616n } }, /small\.extra/],
    [{ ...ok, tags: 'a' }, /small\.tags/],
  ];
  for (const [record, pattern] of cases) {
    assert.throws(() => encode(small, record), (e: unknown) => KstatError.is(e) && e.code === 'E_ARGUMENT' && pattern.test(e.message), String(pattern));
  }
});

// ------------------------------------------------------------ every schema, every kind

/** A value for every field: extremes for numbers, the last enum value, nested full + minimal records. */
function fullRecord(schema: RecordSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(schema.fields)) out[key] = fullValue(spec);
  return out;
}

function minimalRecord(schema: RecordSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(schema.fields)) out[key] = spec.optional ? undefined : spec.kind === 'records' || spec.kind === 'strings' ? [] : spec.kind === 'counters' ? {} : fullValue(spec);
  return out;
}

function fullValue(spec: FieldSpec): unknown {
  switch (spec.kind) {
    case 'u64': return 18446744073709551615n;
    case 'i64': return -9223372036854775808n;
    case 'u32': return 4294967295;
    case 'i32': return -2147483648;
    case 'string': return spec.values ? spec.values[spec.values.length - 1] : 'text ✓ with "quotes"';
    case 'bool': return true;
    case 'strings': return ['', 'two words'];
    case 'counters': return { InReceives: 18446744073709551615n, MaxConn: -1n, zero: 0n };
    case 'records': return [fullRecord(spec.of as RecordSchema), minimalRecord(spec.of as RecordSchema)];
  }
}

test('every schema of the catalog round-trips a record with every field set, and one with none optional', () => {
  assert.ok(RECORD_SCHEMAS.length >= 25);
  for (const schema of RECORD_SCHEMAS) {
    for (const record of [fullRecord(schema), minimalRecord(schema)]) {
      assert.deepEqual(decode(schema, encode(schema, record)), record, schema.kind);
    }
  }
});

test('the catalog uses every field kind, so the round trip above covers them all', () => {
  const kinds = new Set<string>();
  const walk = (s: RecordSchema) => Object.values(s.fields).forEach((spec) => kinds.add(spec.kind + (spec.values ? '(enum)' : '')));
  RECORD_SCHEMAS.forEach(walk);
  for (const k of ['u64', 'i64', 'u32', 'i32', 'string', 'string(enum)', 'bool', 'strings', 'counters', 'records']) assert.ok(kinds.has(k), k);
});

// ------------------------------------------------------------ real records

/** Every record reachable from `value`, by schema (nested `records` fields followed). */
function collect(schema: RecordSchema, record: Record<string, unknown>, into: Map<RecordSchema, Record<string, unknown>[]>): void {
  const list = into.get(schema);
  if (list === undefined) into.set(schema, [record]);
  else list.push(record);
  for (const [key, spec] of Object.entries(schema.fields)) {
    const nested = record[key];
    if (spec.kind === 'records' && Array.isArray(nested)) for (const n of nested) collect(spec.of as RecordSchema, n, into);
  }
}

const FIXTURE_SETS = ['linux-6.18.44-fc-v595-live', 'linux-6.18.44-fc-v595-netns', 'linux-6.18.44-fc-v595-busy', 'procfs-fixtures', 'diamond-fixtures', 'goprocinfo-fixtures'];
const bySchemaKind = new Map(RECORD_SCHEMAS.map((s) => [s.kind, s]));

async function realRecords(): Promise<Map<RecordSchema, Record<string, unknown>[]>> {
  const into = new Map<RecordSchema, Record<string, unknown>[]>();
  for (const set of FIXTURE_SETS) {
    const s = await open({ root: tree(set) });
    const views: Array<[string, () => Promise<{ data: unknown }>]> = [
      ['listen-queue', () => s.listenQueues()],
      ['interface', () => s.interfaces()],
      ['socket-memory', () => s.memory()],
      ['packet-socket', () => s.packetSockets()],
      ['route', () => s.routes()],
      ['route-stats', () => s.routeStats()],
      ['multicast', () => s.multicast()],
      ['protocol-stats', () => s.protocolStats()],
    ];
    for (const [kind, read] of views) {
      const data = await read().then((r) => r.data, (e: unknown) => (KstatError.is(e) && e.code === 'E_UNAVAILABLE' ? undefined : Promise.reject(e)));
      const list = data === undefined ? [] : Array.isArray(data) ? data : [data];
      for (const rec of list) collect(bySchemaKind.get(kind) as RecordSchema, rec, into);
    }
    for (const sock of (await s.sockets()).data) collect(bySchemaKind.get(sock.protocol === 'unix' ? 'unix-socket' : 'inet-socket') as RecordSchema, sock as unknown as Record<string, unknown>, into);
    await s.close();
  }
  return into;
}

/** Records that break their own schema: none (the encoder refuses them rather than wrap). */
const KNOWN_SCHEMA_VIOLATIONS: string[] = [];

test('real records of the fixture trees round-trip exactly, schema by schema', async () => {
  const real = await realRecords();
  let count = 0;
  const violations = new Set<string>();
  for (const [schema, records] of real) {
    for (const record of records) {
      let bytes: Uint8Array;
      try {
        bytes = encode(schema, record);
      } catch (e) {
        if (!KstatError.is(e) || e.code !== 'E_ARGUMENT') throw e;
        violations.add(e.message);
        continue;
      }
      assert.deepEqual(withoutUndefined(decode(schema, bytes)), withoutUndefined(record), schema.kind);
      count++;
    }
  }
  assert.deepEqual([...violations], KNOWN_SCHEMA_VIOLATIONS, 'records that do not fit their schema (see KNOWN_SCHEMA_VIOLATIONS)');
  // Kinds the captures certainly have, top-level and nested.
  for (const kind of ['inet-socket', 'unix-socket', 'listen-queue', 'interface', 'socket-memory', 'packet-socket', 'route', 'route-stats', 'multicast', 'protocol-stats', 'interface-address', 'sockstat-protocol', 'protocol-memory', 'softnet-cpu', 'route-cache-cpu', 'fib-trie', 'fib-trie-node-size', 'multicast-membership', 'protocol-counter-group']) {
    assert.ok((real.get(bySchemaKind.get(kind) as RecordSchema)?.length ?? 0) > 0, `no real ${kind} record`);
  }
  assert.ok(count > 30_000, `only ${count} real records`);
  process.stderr.write(`${count} real records round-tripped\n`);
});
