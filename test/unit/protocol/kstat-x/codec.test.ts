import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeKstatHeaders,
  decodeKstatList,
  encodeKstatHeaders,
  encodeKstatList,
  readKstat,
  writeKstat,
  type KstatWithData,
} from '../../../../src/protocol/kstat-x/codec.js';
import { XdrReader } from '../../../../src/protocol/xdr/reader.js';
import { XdrWriter } from '../../../../src/protocol/xdr/writer.js';
import { XdrError } from '../../../../src/protocol/xdr/types.js';
import { KstatError } from '../../../../src/errors.js';
import type { KstatData, KstatHeader, KstatType } from '../../../../src/kstat/types.js';
import { Bytes } from '../../../helpers/bytes.js';

const U64_MAX = 18446744073709551615n;
const I64_MIN = -9223372036854775808n;

function header(kid: number, type: KstatType, name: string): KstatHeader {
  return { kid, module: 'test', instance: 0, name, class: 'misc', type, flags: 0, crtime: 1_000_000n, snaptime: 2_000_000n, ndata: 1, dataSize: 8 };
}

const DATA: Record<KstatType, KstatData> = {
  NAMED: {
    type: 'NAMED',
    named: [
      { name: 'c', type: 'CHAR', value: 'sixteen bytes..!' },
      { name: 'empty', type: 'CHAR', value: '' },
      { name: 'i32', type: 'INT32', value: -2147483648 },
      { name: 'u32', type: 'UINT32', value: 4294967295 },
      { name: 'i64', type: 'INT64', value: I64_MIN },
      { name: 'u64', type: 'UINT64', value: U64_MAX },
      { name: 'str', type: 'STRING', value: 'a long string ✓ '.repeat(100) },
    ],
  },
  INTR: { type: 'INTR', intr: { hard: 1n, soft: 2n, watchdog: 3n, spurious: 4n, multipleService: U64_MAX } },
  IO: {
    type: 'IO',
    io: { nread: U64_MAX, nwritten: 2n, reads: 3n, writes: 4n, wtime: 5n, wlentime: 6n, wlastupdate: 7n, rtime: 8n, rlentime: 9n, rlastupdate: 10n, wcnt: 11, rcnt: 4294967295 },
  },
  TIMER: {
    type: 'TIMER',
    timers: [
      { name: 'cpu0', numEvents: U64_MAX, elapsedTime: 1n, minTime: 2n, maxTime: 3n, startTime: 4n, stopTime: I64_MIN },
      { name: 'cpu1', numEvents: 0n, elapsedTime: 0n, minTime: 0n, maxTime: 0n, startTime: 0n, stopTime: 0n },
    ],
  },
  RAW: { type: 'RAW', raw: Uint8Array.of(1, 2, 3, 4, 5) },
};

const TYPES = ['RAW', 'NAMED', 'INTR', 'IO', 'TIMER'] as const;
const ALL: KstatWithData[] = TYPES.map((t, i) => ({ ...header(i + 1, t, t.toLowerCase()), data: DATA[t] }));

test('a NAMED kstat encodes to the documented bytes', () => {
  const k: KstatWithData = {
    ...header(7, 'NAMED', 'lo'),
    data: { type: 'NAMED', named: [{ name: 'rbytes64', type: 'UINT64', value: U64_MAX }, { name: 'ifname', type: 'CHAR', value: 'lo' }] },
  };
  const expected = new Bytes()
    .i32(7).str('test').i32(0).str('lo').str('misc').i32(1).u32(0).i64(1_000_000n).i64(2_000_000n).u32(1).u32(8)
    .i32(1) // KSTAT_TYPE_NAMED
    .u32(2)
    .str('rbytes64').i32(4).u64(U64_MAX) // KSTAT_DATA_UINT64
    .str('ifname').i32(0).opaque([0x6c, 0x6f]) // KSTAT_DATA_CHAR as opaque<16>
    .build();
  const w = new XdrWriter();
  writeKstat(w, k);
  assert.deepEqual(w.toBytes(), expected);
  assert.deepEqual(readKstat(new XdrReader(expected)), k);
});

test('IO, INTR and TIMER data are laid out in kstat.h order', () => {
  const io: KstatWithData = { ...header(1, 'IO', 'sda'), data: DATA.IO };
  const expected = new Bytes()
    .i32(1).str('test').i32(0).str('sda').str('misc').i32(3).u32(0).i64(1_000_000n).i64(2_000_000n).u32(1).u32(8)
    .i32(3).u64(U64_MAX).u64(2n).u64(3n).u64(4n).i64(5n).i64(6n).i64(7n).i64(8n).i64(9n).i64(10n).u32(11).u32(4294967295)
    .build();
  assert.deepEqual(encodeKstatList([io]).subarray(4), expected);
  const intr = encodeKstatList([{ ...header(1, 'INTR', 'x'), data: DATA.INTR }]);
  assert.deepEqual(intr.subarray(intr.length - 44), new Bytes().i32(2).u64(1n).u64(2n).u64(3n).u64(4n).u64(U64_MAX).build());
});

test('all five kstat types round-trip, as a list and one by one', () => {
  assert.deepEqual(decodeKstatList(encodeKstatList(ALL)), ALL);
  for (const k of ALL) assert.deepEqual(decodeKstatList(encodeKstatList([k])), [k]);
});

test('the headers kstat (kid 0) data round-trips', () => {
  const headers = ALL.map(({ data: _data, ...h }) => h);
  assert.deepEqual(decodeKstatHeaders(encodeKstatHeaders(headers)), headers);
});

test('a header type that disagrees with its data, an unknown type or data type, is E_PARSE with the offset', () => {
  const bytes = encodeKstatList([{ ...header(1, 'INTR', 'x'), data: DATA.INTR }]);
  const dataAt = bytes.length - 44;
  const wrongHeader = bytes.slice();
  new DataView(wrongHeader.buffer).setInt32(dataAt - 32, 3); // header says IO
  assert.throws(() => decodeKstatList(wrongHeader, 24), (e: unknown) => e instanceof XdrError && e.offset === 24 + dataAt && /is IO but its data is INTR/.test(e.message));
  const unknownType = bytes.slice();
  new DataView(unknownType.buffer).setInt32(dataAt - 32, 5);
  assert.throws(() => decodeKstatList(unknownType), (e: unknown) => e instanceof XdrError && e.offset === dataAt - 32 && /unknown kstat type 5/.test(e.message));
  const float = new Bytes().u32(1).i32(1).str('t').i32(0).str('n').str('c').i32(1).u32(0).i64(0n).i64(0n).u32(1).u32(0).i32(1).u32(1).str('f').i32(5).u32(0).build();
  assert.throws(() => decodeKstatList(float), (e: unknown) => e instanceof XdrError && /unknown kstat data type 5/.test(e.message)); // KSTAT_DATA_FLOAT is obsolete
});

test('CHAR values longer than 16 bytes, and mismatched data, are refused on encode', () => {
  const long: KstatWithData = { ...header(1, 'NAMED', 'x'), data: { type: 'NAMED', named: [{ name: 'c', type: 'CHAR', value: 'seventeen bytes!!' }] } };
  assert.throws(() => encodeKstatList([long]), (e: unknown) => KstatError.is(e) && e.code === 'E_ARGUMENT' && /test:0:x: .*exceeds the maximum 16/.test(e.message));
  const mismatch = { ...header(1, 'IO', 'x'), data: DATA.INTR } as KstatWithData;
  assert.throws(() => encodeKstatList([mismatch]), (e: unknown) => KstatError.is(e) && e.code === 'E_ARGUMENT' && /is IO but its data is INTR/.test(e.message));
  const overflow: KstatWithData = { ...header(1, 'NAMED', 'x'), data: { type: 'NAMED', named: [{ name: 'u', type: 'UINT32', value: -1 }] } };
  assert.throws(() => encodeKstatList([overflow]), (e: unknown) => KstatError.is(e) && e.code === 'E_ARGUMENT');
});

test('truncation of a list at every length is an XdrError, never another exception', () => {
  const bytes = encodeKstatList(ALL.filter((k) => k.type !== 'NAMED'));
  for (let n = 0; n < bytes.length; n++) {
    assert.throws(() => decodeKstatList(bytes.subarray(0, n)), (e: unknown) => e instanceof XdrError, `length ${n}`);
  }
});
