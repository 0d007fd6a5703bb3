import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  KSTAT_PROGRAM,
  decodeBatchArgs,
  decodeBatchResult,
  decodeChainIdResult,
  decodeReadArgs,
  decodeReadResult,
  decodeVoid,
  decodeWriteArgs,
  decodeWriteResult,
  encodeBatchArgs,
  encodeBatchResult,
  encodeChainIdResult,
  encodeReadArgs,
  encodeReadResult,
  encodeWriteArgs,
  encodeWriteResult,
  type BatchResult,
} from '../../../../src/protocol/kstat-x/procedures.js';
import { KSTAT_STATUS, STATUS_FOR_ERROR, kstatStatusName } from '../../../../src/protocol/kstat-x/status.js';
import type { KstatWithData } from '../../../../src/protocol/kstat-x/codec.js';
import { XdrError } from '../../../../src/protocol/xdr/types.js';
import { KstatError } from '../../../../src/errors.js';
import { Bytes } from '../../../helpers/bytes.js';

const U64_MAX = 18446744073709551615n;
const BOOT = 1_763_800_000_123_456_789n;
const LO: KstatWithData = {
  kid: 12, module: 'link', instance: 0, name: 'lo', class: 'net', type: 'NAMED', flags: 2, crtime: 5n, snaptime: 9n, ndata: 1, dataSize: 16,
  data: { type: 'NAMED', named: [{ name: 'rbytes64', type: 'UINT64', value: U64_MAX }] },
};
/** kstat_x of LO, by hand: header, then the NAMED arm. */
const LO_BYTES = () =>
  new Bytes().i32(12).str('link').i32(0).str('lo').str('net').i32(1).u32(2).i64(5n).i64(9n).u32(1).u32(16)
    .i32(1).u32(1).str('rbytes64').i32(4).u64(U64_MAX);

test('CHAINID: status, chain id, boot time, time since boot; a failure is its status alone', () => {
  const ok = new Bytes().i32(0).i32(41).i64(BOOT).i64(987_654_321n).build();
  assert.deepEqual(encodeChainIdResult({ ok: true, chainId: 41, bootTimeNs: BOOT, sinceBootNs: 987_654_321n }), ok);
  assert.deepEqual(decodeChainIdResult(ok), { ok: true, chainId: 41, bootTimeNs: BOOT, sinceBootNs: 987_654_321n });
  assert.deepEqual(encodeChainIdResult({ ok: false, status: KSTAT_STATUS.KSTAT_EIO }), new Bytes().i32(5).build());
  assert.deepEqual(decodeChainIdResult(new Bytes().i32(5).build()), { ok: false, status: 5 });
  decodeVoid(new Uint8Array(0));
  assert.throws(() => decodeVoid(new Uint8Array(4)), XdrError);
});

test('READ: the kid; status, chain id, header and data; a failure carries the current chain id', () => {
  assert.deepEqual(encodeReadArgs(0), new Bytes().i32(0).build());
  assert.equal(decodeReadArgs(new Bytes().i32(-3).build()), -3);
  const ok = new Bytes().i32(0).i32(41).raw(LO_BYTES().build()).build();
  assert.deepEqual(encodeReadResult({ ok: true, chainId: 41, kstat: LO }), ok);
  assert.deepEqual(decodeReadResult(ok), { ok: true, chainId: 41, kstat: LO });
  const gone = new Bytes().i32(6).i32(42).build();
  assert.deepEqual(encodeReadResult({ ok: false, status: KSTAT_STATUS.KSTAT_ENXIO, chainId: 42 }), gone);
  assert.deepEqual(decodeReadResult(gone), { ok: false, status: 6, chainId: 42 });
});

test('WRITE: kid and data; status and chain id (kstatd: EACCES)', () => {
  const args = new Bytes().i32(12).i32(2).u64(1n).u64(2n).u64(3n).u64(4n).u64(5n).build();
  const intr = { type: 'INTR' as const, intr: { hard: 1n, soft: 2n, watchdog: 3n, spurious: 4n, multipleService: 5n } };
  assert.deepEqual(encodeWriteArgs({ kid: 12, data: intr }), args);
  assert.deepEqual(decodeWriteArgs(args), { kid: 12, data: intr });
  assert.deepEqual(encodeWriteResult({ status: KSTAT_STATUS.KSTAT_EACCES, chainId: 41 }), new Bytes().i32(13).i32(41).build());
  assert.deepEqual(decodeWriteResult(new Bytes().i32(13).i32(41).build()), { status: 13, chainId: 41 });
});

test('READ_BATCH: kids or selectors; status, chain id, kstats, gone kids', () => {
  const kids = new Bytes().i32(0).u32(3).i32(0).i32(12).i32(99).build();
  assert.deepEqual(encodeBatchArgs({ by: 'kids', kids: [0, 12, 99] }), kids);
  assert.deepEqual(decodeBatchArgs(kids), { by: 'kids', kids: [0, 12, 99] });
  const selectors = new Bytes().i32(1).u32(2).str('netstat').i32(0).str('sockets').str('').str('link').i32(-1).str('e*').str('net').build();
  const sel = [{ module: 'netstat', instance: 0, name: 'sockets', class: '' }, { module: 'link', instance: -1, name: 'e*', class: 'net' }];
  assert.deepEqual(encodeBatchArgs({ by: 'selectors', selectors: sel }), selectors);
  assert.deepEqual(decodeBatchArgs(selectors), { by: 'selectors', selectors: sel });
  const res: BatchResult = { ok: true, chainId: 41, kstats: [LO], gone: [99] };
  const ok = new Bytes().i32(0).i32(41).u32(1).raw(LO_BYTES().build()).u32(1).i32(99).build();
  assert.deepEqual(encodeBatchResult(res), ok);
  assert.deepEqual(decodeBatchResult(ok), res);
  assert.deepEqual(decodeBatchResult(new Bytes().i32(75).i32(41).build()), { ok: false, status: 75, chainId: 41 });
});

test('a status this version does not know is kept (kstat.x rule 2); a failure with KSTAT_OK is refused', () => {
  assert.deepEqual(decodeReadResult(new Bytes().i32(95).i32(1).build()), { ok: false, status: 95, chainId: 1 });
  assert.equal(kstatStatusName(95), 'kstat_status 95');
  assert.equal(kstatStatusName(6), 'KSTAT_ENXIO');
  for (const encode of [() => encodeReadResult({ ok: false, status: 0, chainId: 1 }), () => encodeChainIdResult({ ok: false, status: 0 })]) {
    assert.throws(encode, (e: unknown) => KstatError.is(e) && e.code === 'E_ARGUMENT');
  }
});

test('argument decoders refuse over-long lists, bad discriminants and trailing bytes (GARBAGE_ARGS)', () => {
  const reason = (r: string) => (e: unknown) => e instanceof XdrError && e.reason === r;
  assert.throws(() => decodeBatchArgs(new Bytes().i32(0).u32(65_537).build()), reason('limit'));
  assert.throws(() => decodeBatchArgs(new Bytes().i32(1).u32(65).build()), reason('limit'));
  assert.throws(() => decodeBatchArgs(new Bytes().i32(2).u32(0).build()), reason('value'));
  assert.throws(() => decodeBatchArgs(new Bytes().i32(1).u32(1).str('x'.repeat(1025)).build()), reason('limit'));
  assert.throws(() => decodeReadArgs(new Bytes().i32(1).i32(2).build()), reason('trailing'));
  assert.throws(() => decodeWriteArgs(new Bytes().i32(1).i32(7).build()), reason('value'));
  assert.throws(() => encodeBatchArgs({ by: 'kids', kids: new Array(65_537).fill(1) }), (e: unknown) => KstatError.is(e) && e.code === 'E_ARGUMENT');
});

test('program 100149 serves procedures 0-3 in version 1 and 0-4 in version 2; error codes map to statuses', () => {
  assert.equal(KSTAT_PROGRAM.prog, 100149);
  assert.deepEqual([...KSTAT_PROGRAM.versions].map(([v, p]) => [v, [...p]]), [[1, [0, 1, 2, 3]], [2, [0, 1, 2, 3, 4]]]);
  assert.equal(STATUS_FOR_ERROR.E_READ_ONLY, 13);
  assert.equal(STATUS_FOR_ERROR.E_UNAVAILABLE, 2);
  assert.equal(STATUS_FOR_ERROR.E_LIMIT, 75);
});
