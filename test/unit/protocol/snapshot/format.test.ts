import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SNAPSHOT_BODY_MAX,
  decodeSnapshot,
  encodeSnapshot,
  snapshotErrorToKstatError,
  type Snapshot,
  type SnapshotErrorCode,
  type SnapshotResult,
} from '../../../../src/protocol/snapshot/format.js';
import { crc32 } from '../../../../src/protocol/snapshot/crc32.js';
import { encodeViewReading, decodeViewReading } from '../../../../src/protocol/netstat-readings.js';
import type { KstatWithData } from '../../../../src/protocol/kstat-x/codec.js';
import { open } from '../../../../src/netstat/open.js';
import { Bytes, crc32Bitwise, hex } from '../../../helpers/bytes.js';
import { tree } from '../../../helpers/fixture.js';
import { withoutUndefined } from '../../../helpers/records.js';

const MAGIC = '89 4b 53 53 0d 0a 1a 0a';

function small(): Snapshot {
  return {
    formatVersion: { major: 1, minor: 0 },
    source: { kind: 'tree', label: 'tree ./t' },
    bootTimeNs: 1_795_000_000_000_000_000n,
    savedAtNs: 1_795_386_100_123_456_789n,
    chainId: 3,
    kstats: [
      { kid: 1, module: 'link', instance: 0, name: 'lo', class: 'net', type: 'NAMED', flags: 0, crtime: 5n, snaptime: 6n, ndata: 1, dataSize: 48, data: { type: 'NAMED', named: [{ name: 'rbytes64', type: 'UINT64', value: 18446744073709551615n }] } },
      { kid: 4, module: 'cpu', instance: 0, name: 'intr', class: 'misc', type: 'INTR', flags: 0, crtime: 5n, snaptime: 6n, ndata: 1, dataSize: 20, data: { type: 'INTR', intr: { hard: 1n, soft: 2n, watchdog: 0n, spurious: 0n, multipleService: 0n } } },
    ],
  };
}

function failed(result: SnapshotResult, code: SnapshotErrorCode, offset?: number): void {
  assert.equal(result.ok, false, 'expected an error');
  if (result.ok) return;
  assert.equal(result.error.code, code, result.error.message);
  if (offset !== undefined) assert.equal(result.error.offset, offset, result.error.message);
  assert.match(result.error.message, new RegExp(`at byte ${result.error.offset}\\)$`));
}

/** Sets a header word and recomputes the checksum, so only the change under test is wrong. */
function withWord(bytes: Uint8Array, offset: number, value: number, fixCrc = true): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  view.setUint32(offset, value);
  if (fixCrc) view.setUint32(out.length - 4, crc32Bitwise(out.subarray(0, out.length - 4)));
  return out;
}

test('CRC-32 is zlib\'s: the check value of "123456789" is 0xCBF43926', () => {
  assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
  assert.equal(crc32(new Uint8Array(0)), 0);
  const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7919) & 0xff);
  assert.equal(crc32(bytes), crc32Bitwise(bytes));
});

test('the file is magic, version 1.0, flags 0, body length, the XDR body, and a CRC-32 of all before it', () => {
  const bytes = encodeSnapshot(small());
  const body = new Bytes()
    .str('tree').str('tree ./t')
    .optional(true, (b) => b.i64(1_795_000_000_000_000_000n))
    .i64(1_795_386_100_123_456_789n)
    .i32(3)
    .u32(2)
    .i32(1).str('link').i32(0).str('lo').str('net').i32(1).u32(0).i64(5n).i64(6n).u32(1).u32(48)
    .i32(1).u32(1).str('rbytes64').i32(4).u64(18446744073709551615n)
    .i32(4).str('cpu').i32(0).str('intr').str('misc').i32(2).u32(0).i64(5n).i64(6n).u32(1).u32(20)
    .i32(2).u64(1n).u64(2n).u64(0n).u64(0n).u64(0n)
    .u32(0) // no extensions
    .build();
  const head = new Bytes().raw(hex(MAGIC)).u32(1).u32(0).u32(0).u32(body.length).raw(body).build();
  const expected = new Bytes().raw(head).u32(crc32Bitwise(head)).build();
  assert.deepEqual(bytes, expected);
  const result = decodeSnapshot(expected);
  assert.ok(result.ok);
  assert.deepEqual(result.snapshot, small());
});

test('a snapshot without a boot time, and one with no kstats, round-trip', () => {
  const { bootTimeNs: _b, ...noBoot } = small();
  const a = decodeSnapshot(encodeSnapshot(noBoot));
  assert.ok(a.ok);
  assert.deepEqual(a.snapshot, noBoot);
  assert.equal('bootTimeNs' in a.snapshot, false);
  const empty = { ...small(), kstats: [] };
  const b = decodeSnapshot(encodeSnapshot(empty));
  assert.ok(b.ok);
  assert.deepEqual(b.snapshot, empty);
});

test('header checks: magic, major version, flags, length — each at its byte', () => {
  const bytes = encodeSnapshot(small());
  const notMagic = bytes.slice();
  notMagic[3] = 0x54;
  failed(decodeSnapshot(notMagic), 'bad-magic', 3);
  failed(decodeSnapshot(Buffer.from('{"not": "a snapshot"}')), 'bad-magic', 0);
  const v2 = decodeSnapshot(withWord(bytes, 8, 2));
  failed(v2, 'unsupported-version', 8);
  assert.match(v2.ok ? '' : v2.error.message, /format version 2\.x is not supported \(this reader reads 1\.x\)/);
  failed(decodeSnapshot(withWord(bytes, 8, 2).subarray(0, 12)), 'unsupported-version', 8); // even when short
  failed(decodeSnapshot(withWord(bytes, 16, 0x1)), 'unsupported-flags', 16);
  failed(decodeSnapshot(withWord(bytes, 20, SNAPSHOT_BODY_MAX + 4)), 'too-large', 20);
  failed(decodeSnapshot(withWord(bytes, 20, 6)), 'malformed', 20);
  failed(decodeSnapshot(new Uint8Array([...bytes, 0])), 'trailing-bytes', bytes.length);
});

test('a newer minor version and ignorable flags (bits 16-31) are accepted', () => {
  const bytes = encodeSnapshot(small());
  const minor = decodeSnapshot(withWord(bytes, 12, 7));
  assert.ok(minor.ok);
  assert.deepEqual(minor.snapshot.formatVersion, { major: 1, minor: 7 });
  assert.ok(decodeSnapshot(withWord(bytes, 16, 0x00010000)).ok);
});

test('unknown extensions of a newer minor version are skipped', () => {
  const bytes = encodeSnapshot(small());
  const body = bytes.subarray(24, bytes.length - 4);
  const extended = new Bytes().raw(body.subarray(0, body.length - 4)).u32(1).u32(99).opaque([1, 2, 3]).build();
  const head = new Bytes().raw(hex(MAGIC)).u32(1).u32(1).u32(0).u32(extended.length).raw(extended).build();
  const result = decodeSnapshot(new Bytes().raw(head).u32(crc32Bitwise(head)).build());
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  assert.deepEqual(result.snapshot.kstats, small().kstats);
});

test('a damaged body is a checksum error at the checksum; a consistent but invalid body is malformed at its byte', () => {
  const bytes = encodeSnapshot(small());
  const flipped = bytes.slice();
  flipped[40] = (flipped[40] as number) ^ 0x01;
  failed(decodeSnapshot(flipped), 'checksum', bytes.length - 4);
  // kid 4 → kid 1: CRC fixed, so the body decoder must find it (kids must increase).
  // From the end: CRC 4, extensions 4, INTR data 44, the header of cpu:0:intr 64.
  const secondKidAt = bytes.length - 4 - 4 - 44 - 64;
  const result = decodeSnapshot(withWord(bytes, secondKidAt, 1));
  failed(result, 'malformed', secondKidAt);
  assert.match(result.ok ? '' : result.error.message, /kid 1 \(cpu:0:intr\) does not follow kid 1/);
});

test('truncation at every length is a clean error, never an exception', () => {
  const bytes = encodeSnapshot(small());
  for (let n = 0; n < bytes.length; n++) {
    const result = decodeSnapshot(bytes.subarray(0, n));
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.error.code, 'truncated', `length ${n}: ${result.error.message}`);
  }
});

test('every single-bit flip is caught (CRC-32 detects all of them), never an exception', () => {
  const bytes = encodeSnapshot(small());
  const seen = new Set<string>();
  for (let bit = 0; bit < bytes.length * 8; bit++) {
    const copy = bytes.slice();
    copy[bit >> 3] = (copy[bit >> 3] as number) ^ (1 << (bit & 7));
    const result = decodeSnapshot(copy);
    assert.equal(result.ok, false, `bit ${bit}`);
    if (!result.ok) {
      assert.ok(result.error.offset >= 0 && result.error.offset <= bytes.length);
      seen.add(result.error.code);
    }
  }
  assert.deepEqual([...seen].sort(), ['bad-magic', 'checksum', 'malformed', 'too-large', 'trailing-bytes', 'truncated', 'unsupported-flags', 'unsupported-version']);
});

test('single-bit flips in the body with a recomputed checksum decode or fail cleanly', () => {
  const bytes = encodeSnapshot(small());
  let refused = 0;
  for (let bit = 24 * 8; bit < (bytes.length - 4) * 8; bit++) {
    const copy = bytes.slice();
    copy[bit >> 3] = (copy[bit >> 3] as number) ^ (1 << (bit & 7));
    new DataView(copy.buffer).setUint32(copy.length - 4, crc32Bitwise(copy.subarray(0, copy.length - 4)));
    const result = decodeSnapshot(copy);
    if (!result.ok) {
      assert.equal(result.error.code, 'malformed', `bit ${bit}: ${result.error.message}`);
      refused++;
    }
  }
  assert.ok(refused > 100, `${refused} refused`);
});

test('a snapshot carrying every netstat view of the live tree as RAW kstats round-trips', async () => {
  const session = await open({ root: tree('linux-6.18.44-fc-v595-live') });
  const readings = {
    sockets: await session.sockets(),
    interfaces: await session.interfaces(),
    'protocol-stats': await session.protocolStats(),
  } as const;
  await session.close();
  const kstats: KstatWithData[] = Object.entries(readings).map(([view, reading], i) => {
    const raw = encodeViewReading(view as 'sockets', reading as never);
    return { kid: i + 1, module: 'netstat', instance: 0, name: view, class: 'netstat', type: 'RAW', flags: 0, crtime: 1n, snaptime: 2n, ndata: 1, dataSize: raw.length, data: { type: 'RAW', raw } };
  });
  const result = decodeSnapshot(encodeSnapshot({ ...small(), kstats }));
  assert.ok(result.ok);
  for (const k of result.snapshot.kstats) {
    assert.equal(k.data.type, 'RAW');
    if (k.data.type !== 'RAW') continue;
    const view = k.name as keyof typeof readings;
    assert.deepEqual(withoutUndefined(decodeViewReading(view, k.data.raw)), withoutUndefined(readings[view]), view);
  }
});

test('snapshotErrorToKstatError gives E_PARSE naming the file and the byte', () => {
  const result = decodeSnapshot(new Uint8Array(3));
  assert.ok(!result.ok);
  const err = snapshotErrorToKstatError(result.error, 'x.kss');
  assert.equal(err.code, 'E_PARSE');
  assert.equal(err.file, 'x.kss');
  assert.match(err.message, /^x\.kss: snapshot: not a kstat snapshot file \(bad magic number\) \(at byte 0\)$/);
});
