import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecordDeframer, frameRecord, recordFragments, type DeframerLimits } from '../../../../src/protocol/rpc/record-mark.js';
import { KstatError } from '../../../../src/errors.js';
import { Bytes } from '../../../helpers/bytes.js';

const LAST = 0x80000000;
const WIDE: DeframerLimits = { maxRecordBytes: 1 << 20, maxFragments: 64, maxEmptyFragments: 4 };

/** Record marks written by hand: [last, data] per fragment. */
function stream(...records: [boolean, number[]][][]): Uint8Array {
  const b = new Bytes();
  for (const fragments of records) for (const [last, data] of fragments) b.u32((last ? LAST : 0) + data.length).raw(data);
  return b.build();
}

const seq = (from: number, n: number) => Array.from({ length: n }, (_, i) => (from + i) & 0xff);
/** Four records: three fragments; one; an empty record; an empty non-last fragment then data. */
const RECORDS = [[...seq(1, 5), ...seq(10, 3), ...seq(20, 7)], seq(40, 8), [], seq(60, 4)];
const STREAM = stream(
  [[false, seq(1, 5)], [false, seq(10, 3)], [true, seq(20, 7)]],
  [[true, seq(40, 8)]],
  [[true, []]],
  [[false, []], [true, seq(60, 4)]],
);

function collect(d: RecordDeframer, chunks: Uint8Array[]): number[][] {
  const out: number[][] = [];
  for (const c of chunks) {
    const r = d.push(c);
    assert.equal(r.violation, undefined);
    for (const rec of r.records) out.push([...rec]);
  }
  return out;
}

test('a multi-fragment record stream split at every offset, and at every pair of offsets, gives the same records', () => {
  assert.deepEqual(collect(new RecordDeframer(WIDE), [STREAM]), RECORDS);
  for (let i = 0; i <= STREAM.length; i++) {
    const d = new RecordDeframer(WIDE);
    assert.deepEqual(collect(d, [STREAM.subarray(0, i), STREAM.subarray(i)]), RECORDS, `split at ${i}`);
    assert.equal(d.midRecord, false);
  }
  for (let i = 0; i <= STREAM.length; i++) {
    for (let j = i; j <= STREAM.length; j++) {
      const chunks = [STREAM.subarray(0, i), STREAM.subarray(i, j), STREAM.subarray(j)];
      assert.deepEqual(collect(new RecordDeframer(WIDE), chunks), RECORDS, `split at ${i}, ${j}`);
    }
  }
  const bytewise = Array.from(STREAM, (b) => Uint8Array.of(b));
  assert.deepEqual(collect(new RecordDeframer(WIDE), bytewise), RECORDS);
});

test('midRecord says when a close would cut a message', () => {
  const d = new RecordDeframer(WIDE);
  assert.equal(d.midRecord, false);
  d.push(STREAM.subarray(0, 2)); // half a fragment header
  assert.equal(d.midRecord, true);
  d.push(STREAM.subarray(2, 9)); // first fragment complete, not last
  assert.equal(d.midRecord, true);
  d.push(STREAM.subarray(9, 4 + 5 + 4 + 3 + 4 + 7));
  assert.equal(d.midRecord, false);
});

test('a fragment that would pass the record cap is a violation at its header, before its data arrives', () => {
  const d = new RecordDeframer({ ...WIDE, maxRecordBytes: 10 });
  const first = d.push(new Bytes().u32(6).raw(seq(0, 6)).build());
  assert.deepEqual(first, { records: [] });
  const r = d.push(new Bytes().u32(LAST + 5).build());
  assert.deepEqual(r.violation, { kind: 'record-too-large', limit: 10, declared: 11, offset: 10 });
  // a 2 GiB declaration costs nothing to refuse
  const huge = new RecordDeframer(WIDE).push(new Bytes().u32(0xffffffff).build());
  assert.deepEqual(huge.violation, { kind: 'record-too-large', limit: 1 << 20, declared: 0x7fffffff, offset: 0 });
  // exactly at the cap is accepted
  assert.deepEqual(collect(new RecordDeframer({ ...WIDE, maxRecordBytes: 10 }), [stream([[false, seq(0, 4)], [true, seq(4, 6)]])]), [seq(0, 10)]);
});

test('too many fragments and a storm of empty fragments are violations; the deframer then stays broken', () => {
  const many = new RecordDeframer({ ...WIDE, maxFragments: 3 });
  const r = many.push(stream([[false, [1]], [false, [2]], [false, [3]], [true, [4]]]));
  assert.deepEqual(r, { records: [], violation: { kind: 'too-many-fragments', limit: 3, offset: 15 } });
  assert.deepEqual(many.push(stream([[true, [1]]])), { records: [], violation: r.violation });
  const storm = new RecordDeframer(WIDE);
  const s = storm.push(stream([[false, []], [false, []], [false, []], [false, []], [false, []], [true, [9]]]));
  assert.deepEqual(s.violation, { kind: 'empty-fragments', limit: 4, offset: 16 });
  // the counts are per record: four empty fragments in each of two records are fine
  const twice = stream([[false, []], [false, []], [false, []], [false, []], [true, [1]]], [[false, []], [false, []], [false, []], [false, []], [true, [2]]]);
  assert.deepEqual(collect(new RecordDeframer(WIDE), [twice]), [[1], [2]]);
  // records completed before the violation in the same chunk are still delivered
  const mixed = new RecordDeframer({ ...WIDE, maxRecordBytes: 4 }).push(stream([[true, [1, 2]]], [[true, [1, 2, 3, 4, 5]]]));
  assert.deepEqual(mixed.records.map((x) => [...x]), [[1, 2]]);
  assert.equal(mixed.violation?.kind, 'record-too-large');
});

test('the framer splits a record into fragments of the chosen size with the last-fragment bit on the last only', () => {
  const record = Uint8Array.from(seq(1, 10));
  const expected = new Bytes().u32(4).raw(seq(1, 4)).u32(4).raw(seq(5, 4)).u32(LAST + 2).raw(seq(9, 2)).build();
  assert.deepEqual(frameRecord(record, 4), expected);
  assert.deepEqual(frameRecord(record), new Bytes().u32(LAST + 10).raw(seq(1, 10)).build());
  assert.deepEqual(frameRecord(record, 5), new Bytes().u32(5).raw(seq(1, 5)).u32(LAST + 5).raw(seq(6, 5)).build());
  assert.deepEqual(frameRecord(new Uint8Array(0), 4), new Bytes().u32(LAST).build());
  const pieces = recordFragments(record, 4);
  assert.equal(pieces.length, 6);
  assert.equal(pieces[1]!.buffer, record.buffer, 'data pieces are views of the record');
  for (const max of [0, -1, 1.5, 0x80000000]) assert.throws(() => frameRecord(record, max), (e: unknown) => KstatError.is(e) && e.code === 'E_ARGUMENT');
});

test('framer and deframer round-trip a large record at several fragment sizes', () => {
  const record = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 31) & 0xff);
  for (const size of [1000, 4096, 65_536, 100_000]) {
    const framed = frameRecord(record, size);
    const d = new RecordDeframer({ maxRecordBytes: 100_000, maxFragments: 100, maxEmptyFragments: 0 });
    const chunks = [];
    for (let at = 0; at < framed.length; at += 1460) chunks.push(framed.subarray(at, at + 1460));
    const out = chunks.flatMap((c) => d.push(c).records);
    assert.equal(out.length, 1);
    assert.deepEqual(out[0], record);
  }
});

test('limits must be non-negative integers', () => {
  assert.throws(() => new RecordDeframer({ ...WIDE, maxFragments: -1 }), (e: unknown) => KstatError.is(e) && e.code === 'E_ARGUMENT');
  assert.throws(() => new RecordDeframer({ ...WIDE, maxRecordBytes: Number.NaN }), (e: unknown) => KstatError.is(e) && e.code === 'E_ARGUMENT');
});
