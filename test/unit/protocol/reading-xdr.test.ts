import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defineRecord, f, opt } from '../../../src/records/field.js';
import { decodeReading, encodeReading, type ReadingShape } from '../../../src/protocol/reading-xdr.js';
import { NETSTAT_VIEWS, decodeViewReading, encodeViewReading, isNetstatView, type NetstatView } from '../../../src/protocol/netstat-readings.js';
import { XdrError } from '../../../src/protocol/xdr/types.js';
import { KstatError } from '../../../src/errors.js';
import type { Reading } from '../../../src/sources/source.js';
import type { Session } from '../../../src/netstat/session.js';
import { open } from '../../../src/netstat/open.js';
import { Bytes } from '../../helpers/bytes.js';
import { tree } from '../../helpers/fixture.js';
import { withoutUndefined } from '../../helpers/records.js';

const U64 = 1, U32 = 3, STRING = 5, RECORDS = 9;

const point = defineRecord('point', 'A test record.', { x: f.u32('x'), label: opt.string('label') });
const POINT_SHAPE: ReadingShape = { shape: 'one', schema: point };

function reading<T>(data: T, extra: Partial<Reading<T>> = {}): Reading<T> {
  return {
    source: { kind: 'tree', label: 'tree ./t' },
    takenAt: new Date(Date.UTC(2026, 10, 22, 22, 21, 40, 123)),
    monotonicNs: 123456789012345n,
    via: 'procfs',
    data,
    issues: [],
    unavailable: [],
    ...extra,
  };
}

/** The reading above with `point {x: 7}`, built by hand from the documented layout. */
function pointBytes(): Bytes {
  return new Bytes()
    .u32(1) // version
    .str('tree').str('tree ./t')
    .i64(1795386100123000000n) // 2026-11-22T22:21:40.123Z in ns
    .i64(123456789012345n)
    .str('procfs')
    .u32(1).str('point').u32(2) // one layout, two fields
    .str('x').i32(U32).bool(false).u32(0)
    .str('label').i32(STRING).bool(true).u32(0)
    .i32(0).u32(0) // shape ONE, layout 0
    .u32(7).optional(false) // the record
    .u32(0).u32(0); // no issues, nothing unavailable
}

test('a reading encodes to the documented bytes', () => {
  assert.deepEqual(encodeReading(reading({ x: 7 }), POINT_SHAPE), pointBytes().build());
  assert.deepEqual(decodeReading(pointBytes().build(), POINT_SHAPE), reading({ x: 7, label: undefined }));
});

test('issues and unavailable parts round-trip with every optional member', () => {
  const r = reading([{ x: 1 }, { x: 2, label: 'two' }], {
    issues: [
      { file: 'proc/net/tcp', line: 12, code: 'short-line', message: 'fewer fields', text: '  0: 0100007F:0016' },
      { file: 'proc/net/dev', offset: 9007199254740991, code: 'bad-number', message: 'not a number' },
      { file: 'proc/net/snmp', code: 'bad-header', message: 'no header' },
    ],
    unavailable: [{ what: 'udplite6 sockets', file: 'proc/net/udplite6', reason: 'absent' }, { what: 'owning processes', reason: 'denied' }],
  });
  const out = decodeReading(encodeReading(r, { shape: 'list', schema: point }), { shape: 'list', schema: point });
  assert.deepEqual(withoutUndefined(out), r);
});

test('takenAt keeps milliseconds; sub-millisecond writers round down, also before 1970; any hyper is a valid Date', () => {
  const before1970 = pointBytes().build();
  new DataView(before1970.buffer).setBigInt64(24, -1_500_000n); // -1.5 ms
  assert.equal(decodeReading(before1970, POINT_SHAPE).takenAt.getTime(), -2);
  // Every hyper of ns is inside the range of a Date (±2^63 ns is about ±292 years).
  const latest = pointBytes().build();
  new DataView(latest.buffer).setBigInt64(24, 9223372036854775807n);
  assert.equal(decodeReading(latest, POINT_SHAPE).takenAt.toISOString(), '2262-04-11T23:47:16.854Z');
  assert.throws(() => encodeReading(reading({ x: 1 }, { takenAt: new Date(NaN) }), POINT_SHAPE), (e: unknown) => KstatError.is(e) && e.code === 'E_ARGUMENT');
});

test('another encoding version, shape or record kind is refused with its offset', () => {
  const v2 = pointBytes().build();
  v2[3] = 2;
  assert.throws(() => decodeReading(v2, POINT_SHAPE, 1000), (e: unknown) => e instanceof XdrError && e.offset === 1000 && /version 2/.test(e.message));
  assert.throws(() => decodeReading(pointBytes().build(), { shape: 'list', schema: point }), (e: unknown) => e instanceof XdrError && /data shape one where list/.test(e.message));
  const other = defineRecord('other', 'x', { x: f.u32('x') });
  assert.throws(() => decodeReading(pointBytes().build(), { shape: 'one', schema: other }), (e: unknown) => e instanceof XdrError && /\(point\) is not one of other/.test(e.message));
});

test('truncation at every length is an XdrError, never another exception', () => {
  const bytes = encodeReading(reading([{ x: 1, label: 'a' }], { issues: [{ file: 'f', line: 1, code: 'short-line', message: 'm', text: 't' }] }), { shape: 'list', schema: point });
  for (let n = 0; n < bytes.length; n++) {
    assert.throws(() => decodeReading(bytes.subarray(0, n), { shape: 'list', schema: point }), (e: unknown) => e instanceof XdrError && e.offset <= n, `length ${n}`);
  }
});

// ------------------------------------------------------------ versions of a schema

const pointV2 = defineRecord('point', 'A later version.', { x: f.u64('x, widened'), y: opt.u32('new optional field') });
const pointV3 = defineRecord('point', 'A version with a new required field.', { x: f.u32('x'), z: f.string('required') });

test('a reader of another schema version maps fields by name: unknown skipped, new optional undefined, u32 widened', () => {
  const bytes = encodeReading(reading({ x: 7, label: 'seven' }), POINT_SHAPE);
  const later = decodeReading(bytes, { shape: 'one', schema: pointV2 });
  assert.deepEqual(later.data, { x: 7n, y: undefined });
});

test('a required field the writer lacked, or a narrowed kind, is a clean E_PARSE', () => {
  const bytes = encodeReading(reading({ x: 7 }), POINT_SHAPE);
  assert.throws(() => decodeReading(bytes, { shape: 'one', schema: pointV3 }), (e: unknown) => e instanceof XdrError && /lack field z, which this version requires/.test(e.message));
  const wide = encodeReading(reading({ x: 1n }), { shape: 'one', schema: pointV2 });
  assert.throws(() => decodeReading(wide, POINT_SHAPE), (e: unknown) => e instanceof XdrError && /x is u64 in the data but u32 in this version/.test(e.message));
});

test('layout tables are checked: nested layouts first, at least one field, unique names, known kinds', () => {
  const head = () => new Bytes().u32(1).str('tree').str('t').i64(0n).i64(0n).str('procfs');
  const table = (b: Bytes, build: (b: Bytes) => void) => { build(b); return b.i32(0).u32(0).u32(1).optional(false).u32(0).u32(0).build(); };
  const cases: Array<[(b: Bytes) => void, RegExp]> = [
    [(b) => b.u32(1).str('point').u32(1).str('x').i32(RECORDS).bool(false).u32(0), /nested layout 0 must come before layout 0/],
    [(b) => b.u32(1).str('point').u32(0), /layout "point" has no fields/],
    [(b) => b.u32(1).str('point').u32(2).str('x').i32(U32).bool(false).u32(0).str('x').i32(U64).bool(false).u32(0), /names field "x" twice/],
    [(b) => b.u32(1).str('point').u32(1).str('x').i32(42).bool(false).u32(0), /unknown field kind 42/],
    [(b) => b.u32(1).str('point').u32(1).str('x').i32(U32).bool(false).u32(3), /"of" must be 0 for a u32 field/],
  ];
  for (const [build, pattern] of cases) {
    assert.throws(() => decodeReading(table(head(), build), POINT_SHAPE), (e: unknown) => e instanceof XdrError && pattern.test(e.message), String(pattern));
  }
});

// ------------------------------------------------------------ the netstat views on real trees

const READERS: Record<NetstatView, (s: Session) => Promise<Reading<unknown>>> = {
  sockets: (s) => s.sockets(),
  'listen-queues': (s) => s.listenQueues(),
  interfaces: (s) => s.interfaces(),
  memory: (s) => s.memory(),
  'packet-sockets': (s) => s.packetSockets(),
  routes: (s) => s.routes(),
  neighbours: (s) => s.neighbours(),
  'route-stats': (s) => s.routeStats(),
  multicast: (s) => s.multicast(),
  'protocol-stats': (s) => s.protocolStats(),
};

test('every netstat view of the live, netns, busy and procfs-fixtures trees round-trips as a whole Reading', async () => {
  let views = 0;
  let withIssues = 0;
  let withUnavailable = 0;
  for (const set of ['linux-6.18.44-fc-v595-live', 'linux-6.18.44-fc-v595-netns', 'linux-6.18.44-fc-v595-busy', 'procfs-fixtures']) {
    const session = await open({ root: tree(set) });
    for (const view of NETSTAT_VIEWS) {
      const r = await READERS[view](session).catch((e: unknown) => (KstatError.is(e) && e.code === 'E_UNAVAILABLE' ? undefined : Promise.reject(e)));
      if (r === undefined) continue;
      const back = decodeViewReading(view, encodeViewReading(view, r as never));
      assert.deepEqual(withoutUndefined(back), withoutUndefined(r), `${set} ${view}`);
      views++;
      if (r.issues.length > 0) withIssues++;
      if (r.unavailable.length > 0) withUnavailable++;
    }
    await session.close();
  }
  assert.ok(views >= 25, `${views} views`);
  // The captures give no issues (their files are all well-formed); issues are covered by the synthetic test above.
  assert.equal(withIssues, 0);
  assert.ok(withUnavailable > 0, `unavailable in ${withUnavailable} readings`);
});

test('view names are the kstat names of the issue 5 brief', () => {
  assert.deepEqual(NETSTAT_VIEWS, ['sockets', 'listen-queues', 'interfaces', 'memory', 'packet-sockets', 'routes', 'neighbours', 'route-stats', 'multicast', 'protocol-stats']);
  assert.equal(isNetstatView('routes'), true);
  assert.equal(isNetstatView('toString'), false);
});
