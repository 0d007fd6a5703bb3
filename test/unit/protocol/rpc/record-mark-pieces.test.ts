/**
 * A record given as pieces (an encoder's chunks, large RAW data spliced in by reference)
 * frames to exactly the bytes of the joined record, every data piece a view of an input
 * piece (nothing copied); the XDR writer's splicing gives the same encoding as copying; and the
 * client deframer's copy mode gives the records of any cutting of the stream out of one reused
 * read buffer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecordDeframer, frameRecord, recordFragments } from '../../../../src/protocol/rpc/record-mark.js';
import { XdrWriter } from '../../../../src/protocol/xdr/writer.js';
import { KstatError } from '../../../../src/errors.js';
import { prng } from '../../../helpers/bytes.js';

function join(pieces: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

test('recordFragments(pieces) frames exactly as the joined record, with views of the pieces (300 random cases)', () => {
  const rnd = prng(9);
  for (let i = 0; i < 300; i++) {
    const total = Math.floor(rnd() * 5000);
    const record = Uint8Array.from({ length: total }, () => Math.floor(rnd() * 256));
    const pieces: Uint8Array[] = [];
    for (let at = 0; at < total || (pieces.length === 0 && rnd() < 0.5); ) {
      const n = rnd() < 0.2 ? 0 : Math.min(total - at, 1 + Math.floor(rnd() * 900));
      pieces.push(new Uint8Array(record.subarray(at, at + n))); // own buffers
      at += n;
    }
    const size = [1, 3, 4, 7, 100, 1000, 4096, 0x7fffffff][i % 8]!;
    const framed = recordFragments(pieces, size);
    assert.deepEqual(join(framed), frameRecord(record, size), `case ${i}: ${pieces.length} pieces, fragments of ${size}`);
    const buffers = new Set(pieces.map((p) => p.buffer));
    assert.ok(framed.filter((p) => buffers.has(p.buffer)).reduce((n, p) => n + p.byteLength, 0) === total, 'every data byte is a view of a piece');
  }
});

test('a splicing writer: large opaque data kept by reference, the same bytes as a copying writer', () => {
  const big = Uint8Array.from({ length: 70_001 }, (_, i) => i & 0xff);
  const write = (w: XdrWriter) => {
    w.int(1).string('head').opaque(big).uint(7).opaque(new Uint8Array([1, 2, 3])).opaque(big.subarray(0, 65_536)).string('tail');
  };
  const copied = new XdrWriter();
  write(copied);
  const spliced = new XdrWriter(64, { spliceFrom: 65_536 });
  write(spliced);
  const chunks = spliced.chunks();
  assert.deepEqual(join(chunks), copied.toBytes());
  assert.deepEqual(spliced.toBytes(), copied.toBytes());
  assert.equal(spliced.length, copied.length);
  assert.ok(chunks.includes(big), 'the large opaque is one of the chunks, not a copy');
  assert.ok(chunks.some((c) => c.buffer === big.buffer && c.byteLength === 65_536));
  assert.throws(() => spliced.rewind(0), (e: unknown) => KstatError.is(e) && e.code === 'E_ARGUMENT', 'no rewinding into spliced data');
  assert.deepEqual(spliced.take(), copied.toBytes());
  assert.equal(spliced.length, 0);
});

test('take(): a view when the bytes fill half the buffer or more, else a copy; rewind zeroes what it drops', () => {
  const w = new XdrWriter(16);
  w.uint(1).uint(2).uint(3);
  const t = w.take();
  assert.deepEqual([...t], [0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3]);
  const small = new XdrWriter(1024);
  small.uint(5);
  const copy = small.take();
  assert.equal(copy.buffer.byteLength, 4, 'a small result does not hold a large buffer');
  const r = new XdrWriter(16);
  r.uint(9).string('abcdef');
  r.rewind(4);
  r.string('x');
  assert.deepEqual([...r.toBytes()], [0, 0, 0, 9, 0, 0, 0, 1, 0x78, 0, 0, 0]);
});

test('copy mode: the same records from any cutting of the stream, out of a read buffer reused for every chunk', () => {
  const rnd = prng(21);
  const records = [new Uint8Array(0), Uint8Array.from({ length: 10 }, (_, i) => i), Uint8Array.from({ length: 3000 }, (_, i) => (i * 7) & 0xff), Uint8Array.from({ length: 5 }, () => 9), Uint8Array.from({ length: 2500 }, (_, i) => i & 0xff)];
  const stream = join(records.map((r, i) => frameRecord(r, [1, 4, 700, 100, 999][i]!)));
  const limits = { maxRecordBytes: 1 << 20, maxFragments: 4096, maxEmptyFragments: 16 };
  for (let round = 0; round < 200; round++) {
    const copying = new RecordDeframer(limits, { copy: true });
    const viewing = new RecordDeframer(limits);
    const reused = new Uint8Array(512);
    const got: Uint8Array[] = [];
    const seen: Uint8Array[] = [];
    for (let at = 0; at < stream.byteLength; ) {
      const n = Math.min(stream.byteLength - at, 1 + Math.floor(rnd() * (round % 2 === 0 ? 7 : 511)));
      reused.set(stream.subarray(at, at + n));
      got.push(...copying.push(reused.subarray(0, n)).records);
      seen.push(...viewing.push(stream.slice(at, at + n)).records);
      reused.fill(0xee); // the next read overwrites the buffer: copied records must not care
      at += n;
    }
    assert.deepEqual(got.map((r) => [...r]), records.map((r) => [...r]), `round ${round}`);
    assert.deepEqual(seen.map((r) => [...r]), records.map((r) => [...r]));
  }
});

test('copy mode keeps the caps: a record over the maximum is a violation before its data is buffered', () => {
  const d = new RecordDeframer({ maxRecordBytes: 100, maxFragments: 4, maxEmptyFragments: 1 }, { copy: true });
  const r = d.push(new Uint8Array([0x80, 0, 0, 101]));
  assert.equal(r.violation?.kind, 'record-too-large');
});
