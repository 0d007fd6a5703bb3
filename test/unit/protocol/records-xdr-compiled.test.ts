/**
 * The compiled record codec (records-xdr.ts) against its reference paths: every encoder
 * compiled from a schema writes byte for byte what the checked encoder writes — strings
 * inline, at the inline limit and past it, non-ASCII ones that leave a run part-way, enum
 * values, optional fields present and absent — and refuses what it refuses with the same
 * message; every compiled decoder reads what the interpreted decoder reads and fails, on
 * truncated and corrupted input, with the same error at the same offset. Bounded in
 * count: seeded generators, fixed numbers of cases.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FieldSpec, RecordSchema } from '../../../src/records/field.js';
import { RECORD_SCHEMAS } from '../../../src/records/catalog.js';
import { RecordDecoder, encodeChecked, encodeRecord } from '../../../src/protocol/records-xdr.js';
import { decodeReading, encodeReading } from '../../../src/protocol/reading-xdr.js';
import { NETSTAT_VIEW_SHAPES, NETSTAT_VIEWS, type NetstatView } from '../../../src/protocol/netstat-readings.js';
import { layoutTableFor } from '../../../src/protocol/record-layout.js';
import { XdrWriter } from '../../../src/protocol/xdr/writer.js';
import { XdrReader } from '../../../src/protocol/xdr/reader.js';
import { XdrError } from '../../../src/protocol/xdr/types.js';
import { KstatError } from '../../../src/errors.js';
import { open } from '../../../src/netstat/open.js';
import { prng } from '../../helpers/bytes.js';
import { tree } from '../../helpers/fixture.js';

const STRINGS = ['', 'a', 'tcp', '127.0.0.1', 'fe80::1ff:fe23:4567:890a', 'x'.repeat(39), 'y'.repeat(40), 'z'.repeat(41), 'é', 'naïve', 'ascii then ✓', '✓'.repeat(20), '\u0000nul', 'w'.repeat(300)];

function randomValue(spec: FieldSpec, rnd: () => number, depth: number): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  if (spec.optional && rnd() < 0.35) return undefined;
  switch (spec.kind) {
    case 'u64': return pick([0n, 1n, 1023n, 1024n, 2n ** 32n, 18446744073709551615n]);
    case 'i64': return pick([0n, -1n, 5n, -(2n ** 63n), 2n ** 63n - 1n]);
    case 'u32': return pick([0, 1, 65535, 4294967295]);
    case 'i32': return pick([0, -1, 2147483647, -2147483648]);
    case 'bool': return rnd() < 0.5;
    case 'string': return spec.values ? pick(spec.values) : pick(STRINGS);
    case 'strings': return Array.from({ length: Math.floor(rnd() * 3) }, () => pick(STRINGS));
    case 'counters': return rnd() < 0.5 ? {} : { InSegs: 18446744073709551615n, MaxConn: -1n, zero: 0n };
    case 'records': return depth > 1 ? [] : Array.from({ length: Math.floor(rnd() * 3) }, () => randomRecord(spec.of as RecordSchema, rnd, depth + 1));
  }
}

function randomRecord(schema: RecordSchema, rnd: () => number, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(schema.fields)) out[key] = randomValue(spec, rnd, depth);
  return out;
}

/** What `encode` writes after 4 bytes already in the writer (so offsets inside it are not 0). */
function written(encode: (w: XdrWriter) => void): Uint8Array | KstatError {
  const w = new XdrWriter(16);
  w.uint(0xdeadbeef);
  try {
    encode(w);
  } catch (err) {
    if (KstatError.is(err)) return err;
    throw err;
  }
  return w.toBytes();
}

test('every schema: compiled encoders write exactly what the checked encoder writes (200 random records each)', () => {
  const rnd = prng(7);
  let records = 0;
  for (const schema of RECORD_SCHEMAS) {
    for (let i = 0; i < 200; i++) {
      const record = randomRecord(schema, rnd);
      const fast = written((w) => encodeRecord(w, schema, record));
      const slow = written((w) => encodeChecked(w, schema, record));
      assert.deepEqual(fast, slow, `${schema.kind} #${i}`);
      records++;
    }
  }
  assert.ok(records >= 25 * 200);
});

test('refusals: the compiled encoder fails as the checked one does, whichever field is bad', () => {
  const rnd = prng(11);
  const bad: Record<string, unknown[]> = {
    u64: [-1n, 2n ** 64n, 5, '5'], i64: [2n ** 63n, 1], u32: [-1, 1.5, 2 ** 32, NaN, '1'], i32: [2 ** 31, 0.5],
    bool: [0, 'true'], string: [5, null], strings: ['a', [1]], counters: [[], { x: 1 }], records: [{}, [5]],
  };
  let cases = 0;
  for (const schema of RECORD_SCHEMAS) {
    for (const [key, spec] of Object.entries(schema.fields)) {
      const values = [...(bad[spec.kind] ?? []), ...(spec.values ? ['NOT A VALUE'] : []), ...(spec.optional ? [] : [undefined])];
      for (const v of values) {
        const record = { ...randomRecord(schema, rnd), [key]: v };
        const fast = written((w) => encodeRecord(w, schema, record));
        const slow = written((w) => encodeChecked(w, schema, record));
        assert.ok(slow instanceof KstatError, `${schema.kind}.${key} = ${String(v)} is refused`);
        assert.ok(fast instanceof KstatError, `${schema.kind}.${key} = ${String(v)} is refused by the compiled encoder`);
        assert.equal(fast.message, slow.message);
        cases++;
      }
    }
  }
  assert.ok(cases > 300, `${cases} cases`);
});

async function fixtureReadings(): Promise<{ view: NetstatView; bytes: Uint8Array }[]> {
  const out: { view: NetstatView; bytes: Uint8Array }[] = [];
  for (const set of ['linux-6.18.44-fc-v595-busy', 'linux-6.18.44-fc-v595-live', 'procfs-fixtures']) {
    const s = await open({ root: tree(set) });
    try {
      for (const view of NETSTAT_VIEWS) {
        const method = { sockets: 'sockets', 'listen-queues': 'listenQueues', interfaces: 'interfaces', memory: 'memory', 'packet-sockets': 'packetSockets', routes: 'routes', neighbours: 'neighbours', 'route-stats': 'routeStats', multicast: 'multicast', 'protocol-stats': 'protocolStats' }[view] as keyof typeof s;
        const args = view === 'routes' ? [{ table: 'all' }] : [];
        const reading = await (s[method] as (...a: unknown[]) => Promise<{ data: unknown }>).apply(s, args).catch(() => undefined);
        if (reading === undefined) continue;
        // Every 100th record of a long list: all kinds of records, and cuts stay cheap.
        const data = Array.isArray(reading.data) && reading.data.length > 300 ? reading.data.filter((_r, i) => i % 100 === 0) : reading.data;
        out.push({ view, bytes: encodeReading({ ...reading, data } as never, NETSTAT_VIEW_SHAPES[view]) });
      }
    } finally {
      await s.close();
    }
  }
  return out;
}

type Outcome = { ok: unknown } | { error: { offset: number; reason: string; message: string } };

function outcome(view: NetstatView, bytes: Uint8Array, interpreted: boolean): Outcome {
  try {
    return { ok: decodeReading(bytes, NETSTAT_VIEW_SHAPES[view], 0, { interpreted }) };
  } catch (err) {
    if (err instanceof XdrError) return { error: { offset: err.offset, reason: err.reason, message: err.message } };
    throw err;
  }
}

test('every view of three fixture trees: compiled and interpreted decoders agree, also on truncated and corrupted bytes', async () => {
  const readings = await fixtureReadings();
  assert.ok(readings.length >= 12, `${readings.length} readings`);
  const rnd = prng(3);
  let compared = 0;
  for (const { view, bytes } of readings) {
    const whole = outcome(view, bytes, false);
    assert.ok('ok' in whole, view);
    assert.deepEqual(whole, outcome(view, bytes, true), view);
    // Cuts: every offset of small readings, 300 of larger ones.
    const cuts = bytes.byteLength <= 600 ? Array.from({ length: bytes.byteLength }, (_, i) => i) : Array.from({ length: 300 }, () => Math.floor(rnd() * bytes.byteLength));
    for (const cut of cuts) {
      assert.deepEqual(outcome(view, bytes.subarray(0, cut), false), outcome(view, bytes.subarray(0, cut), true), `${view} cut at ${cut}`);
      compared++;
    }
    // 200 single-byte corruptions each.
    for (let i = 0; i < 200; i++) {
      const bad = bytes.slice();
      const at = Math.floor(rnd() * bad.byteLength);
      bad[at] = [0x00, 0xff, 0x80, 0x01, bad[at]! ^ 0x20][Math.floor(rnd() * 5)]!;
      assert.deepEqual(outcome(view, bad, false), outcome(view, bad, true), `${view} byte ${at}`);
      compared++;
    }
  }
  assert.ok(compared > 5000, `${compared} comparisons`);
});

test('strings on the wire: short ASCII (interned), long, UTF-8, invalid UTF-8, non-zero padding, over the maximum', () => {
  const schema = RECORD_SCHEMAS.find((s) => s.kind === 'unix-socket')!;
  const { table, index } = layoutTableFor([schema]);
  const rnd = prng(5);
  for (const path of STRINGS) {
    const record = { ...randomRecord(schema, rnd), path };
    const w = new XdrWriter();
    encodeRecord(w, schema, record);
    const bytes = w.toBytes();
    const read = (interpreted: boolean) => new RecordDecoder(table, { interpreted }).decode(new XdrReader(bytes), index.get(schema)!, schema);
    assert.equal(read(false).path, path);
    assert.deepEqual(read(false), read(true));
  }
  // One string decoded by both paths at once: a corrupted copy of each of its bytes.
  const w = new XdrWriter();
  encodeRecord(w, schema, { ...randomRecord(schema, rnd), path: 'abc', type: 'STREAM' });
  const bytes = w.toBytes();
  for (let at = 0; at < bytes.byteLength; at++) {
    for (const b of [0x00, 0x41, 0xc3, 0xff]) {
      const bad = bytes.slice();
      bad[at] = b;
      const run = (interpreted: boolean) => {
        try {
          return { ok: new RecordDecoder(table, { interpreted }).decode(new XdrReader(bad), index.get(schema)!, schema) };
        } catch (err) {
          if (err instanceof XdrError) return { error: err.message };
          throw err;
        }
      };
      assert.deepEqual(run(false), run(true), `byte ${at} = ${b}`);
    }
  }
});

test('decoders of readings with the same layouts share one compiled reader', () => {
  const schema = RECORD_SCHEMAS.find((s) => s.kind === 'inet-socket')!;
  const a = layoutTableFor([schema]);
  const b = layoutTableFor([schema]);
  assert.equal(new RecordDecoder(a.table).readerOf(a.index.get(schema)!, schema), new RecordDecoder(b.table).readerOf(b.index.get(schema)!, schema));
});
