/**
 * The daemon's answer to every kind of call, as bytes built independently
 * (test/helpers/bytes.ts): RFC 5531 drops, denials and accepted errors, then each kstat
 * procedure's statuses, UDP overflow, and a bounded fuzz over the whole dispatcher.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dispatch, type DispatchContext } from '../../../src/daemon/rpc-dispatch.js';
import type { KeptChain } from '../../../src/daemon/chain-keeper.js';
import type { Kstat } from '../../../src/kstat/chain.js';
import { KstatError } from '../../../src/errors.js';
import { Bytes, prng } from '../../helpers/bytes.js';

const XID = 0x01020304;
const CHAIN = 7;

function kstat(kid: number, name: string, type: 'RAW' | 'NAMED'): Kstat {
  return { kid, module: kid === 0 ? 'unix' : 'test', instance: 0, name, class: 'misc', type, flags: 1, crtime: 5n, snaptime: 0n, ndata: 1, dataSize: 8, data: undefined };
}
const KSTATS = [kstat(0, 'kstat_headers', 'RAW'), kstat(1, 'small', 'NAMED'), kstat(2, 'big', 'RAW')];
const DATA = new Map<number, Kstat['data']>([
  [1, { type: 'NAMED', named: [{ name: 'x', type: 'UINT64', value: 18446744073709551615n }] }],
  [2, { type: 'RAW', raw: new Uint8Array(9000) }],
]);
const KEPT: KeptChain = {
  chainId: CHAIN,
  kstats: KSTATS,
  byKid: new Map(KSTATS.map((k) => [k.kid, k])),
  reading: (ks) => (DATA.has(ks.kid) ? { data: DATA.get(ks.kid)!, snaptime: 100n } : undefined),
  clock: { sinceBootNs: 100n, bootTimeNs: 1_700_000_000_000_000_000n },
};

function ctx(over: Partial<DispatchContext> = {}): DispatchContext {
  return { chain: async () => KEPT, exposeProcesses: false, transport: 'tcp', maxReplyBytes: 1 << 20, ...over };
}

function call(vers: number, proc: number, args: Bytes = new Bytes(), o: { prog?: number; rpcvers?: number; cred?: number } = {}): Uint8Array {
  return new Bytes().u32(XID).u32(0).u32(o.rpcvers ?? 2).u32(o.prog ?? 100149).u32(vers).u32(proc).u32(o.cred ?? 0).u32(0).u32(0).u32(0).raw(args.build()).build();
}

/** An accepted reply header: xid, REPLY, MSG_ACCEPTED, AUTH_NONE verifier, accept_stat. */
const accepted = (stat: number) => new Bytes().u32(XID).u32(1).u32(0).u32(0).u32(0).u32(stat);

async function reply(bytes: Uint8Array, c = ctx()) {
  return (await dispatch(bytes, c)).reply;
}

test('drops: too short for a call header, a REPLY message', async () => {
  assert.equal(await reply(new Uint8Array(0)), undefined);
  assert.equal(await reply(new Bytes().u32(1).u32(0).u32(2).build()), undefined);
  assert.equal(await reply(new Bytes().u32(XID).u32(1).u32(0).u32(0).u32(0).u32(0).build()), undefined);
});

test('denied: RPC_MISMATCH for rpcvers 3, AUTH_REJECTEDCRED for AUTH_DH', async () => {
  assert.deepEqual(await reply(call(1, 0, undefined, { rpcvers: 3 })), new Bytes().u32(XID).u32(1).u32(1).u32(0).u32(2).u32(2).build());
  assert.deepEqual(await reply(call(1, 0, undefined, { cred: 3 })), new Bytes().u32(XID).u32(1).u32(1).u32(1).u32(2).build());
});

test('accepted errors: PROG_UNAVAIL, PROG_MISMATCH 1..2, PROC_UNAVAIL, GARBAGE_ARGS', async () => {
  assert.deepEqual(await reply(call(1, 0, undefined, { prog: 100000 })), accepted(1).build());
  assert.deepEqual(await reply(call(3, 0)), accepted(2).u32(1).u32(2).build());
  assert.deepEqual(await reply(call(1, 4)), accepted(3).build(), 'READ_BATCH is not in version 1');
  assert.deepEqual(await reply(call(2, 5)), accepted(3).build());
  assert.deepEqual(await reply(call(1, 2, new Bytes().i32(1).u32(0))), accepted(4).build(), 'a kid with trailing bytes');
  assert.deepEqual(await reply(call(1, 2, new Bytes().raw([0, 0]))), accepted(4).build(), 'half a kid');
  assert.deepEqual(await reply(call(1, 0, new Bytes().u32(0))), accepted(4).build(), 'NULL with arguments');
  assert.deepEqual(await reply(call(1, 1, new Bytes().u32(0))), accepted(4).build(), 'CHAINID with arguments');
});

test('SYSTEM_ERR when the server fails with something that is not a KstatError', async () => {
  const d = await dispatch(call(1, 1), ctx({ chain: async () => { throw new TypeError('bug'); } }));
  assert.deepEqual(d.reply, accepted(5).build());
  assert.equal(d.failed, true);
});

test('NULL and CHAINID', async () => {
  assert.deepEqual(await reply(call(1, 0)), accepted(0).build());
  assert.deepEqual(await reply(call(2, 1)), accepted(0).i32(0).i32(CHAIN).i64(1_700_000_000_000_000_000n).i64(100n).build());
});

test('READ: ENXIO for an unknown kid, EINVAL for a negative one, ENOENT without data, EIO from the source', async () => {
  assert.deepEqual(await reply(call(1, 2, new Bytes().i32(99))), accepted(0).i32(6).i32(CHAIN).build());
  assert.deepEqual(await reply(call(1, 2, new Bytes().i32(-1))), accepted(0).i32(22).i32(CHAIN).build());
  const noData = ctx({ chain: async () => ({ ...KEPT, reading: () => undefined }) });
  assert.deepEqual(await reply(call(1, 2, new Bytes().i32(1)), noData), accepted(0).i32(2).i32(CHAIN).build());
  const broken = ctx({ chain: async () => { throw new KstatError('E_SOURCE_IO', 'EIO'); } });
  assert.deepEqual(await reply(call(1, 2, new Bytes().i32(1)), broken), accepted(0).i32(5).i32(0).build());
});

test('READ of a NAMED kstat: header and a UINT64 above 2^53', async () => {
  const expected = accepted(0).i32(0).i32(CHAIN)
    .i32(1).str('test').i32(0).str('small').str('misc').i32(1).u32(1).i64(5n).i64(100n).u32(1).u32(8)
    .i32(1).u32(1).str('x').i32(4).u64(18446744073709551615n);
  assert.deepEqual(await reply(call(1, 2, new Bytes().i32(1))), expected.build());
});

test('READ over UDP of a reply larger than a datagram is KSTAT_EOVERFLOW; over TCP it is sent', async () => {
  assert.deepEqual(await reply(call(1, 2, new Bytes().i32(2)), ctx({ transport: 'udp' })), accepted(0).i32(75).i32(CHAIN).build());
  assert.ok((await reply(call(1, 2, new Bytes().i32(2))))!.byteLength > 9000);
  assert.deepEqual(await reply(call(1, 2, new Bytes().i32(2)), ctx({ maxReplyBytes: 4096 })), accepted(0).i32(75).i32(CHAIN).build());
});

test('WRITE is always EACCES; undecodable WRITE arguments are GARBAGE_ARGS', async () => {
  const args = new Bytes().i32(1).i32(1).u32(1).str('x').i32(4).u64(1n);
  assert.deepEqual(await reply(call(1, 3, args)), accepted(0).i32(13).i32(CHAIN).build());
  assert.deepEqual(await reply(call(2, 3, new Bytes().i32(1).i32(5))), accepted(4).build(), 'kstat_type 5');
});

test('READ_BATCH by kids: present kids once in kid order, the others in gone', async () => {
  const r = (await reply(call(2, 4, new Bytes().i32(0).u32(3).i32(9).i32(1).i32(1))))!;
  const head = accepted(0).i32(0).i32(CHAIN).u32(1).build();
  assert.deepEqual(r.subarray(0, head.byteLength), head);
  assert.deepEqual(r.subarray(r.byteLength - 8), new Bytes().u32(1).i32(9).build(), 'gone = [9]');
});

test('READ_BATCH by selectors: no match is an empty list; a bad or exponential ERE is EINVAL', async () => {
  const sel = (module: string, instance = -1) => new Bytes().i32(1).u32(1).str(module).i32(instance).str('').str('');
  assert.deepEqual(await reply(call(2, 4, sel('nomatch'))), accepted(0).i32(0).i32(CHAIN).u32(0).u32(0).build());
  assert.deepEqual(await reply(call(2, 4, sel('/(a+)+$/'))), accepted(0).i32(22).i32(CHAIN).build());
  assert.deepEqual(await reply(call(2, 4, sel('/[/'))), accepted(0).i32(22).i32(CHAIN).build());
  assert.deepEqual(await reply(call(2, 4, sel('test', -2))), accepted(0).i32(22).i32(CHAIN).build());
});

test('fuzz: any bytes give a drop or a well-formed reply to the same xid, never a throw (bounded)', async () => {
  const rand = prng(0x5eed);
  const started = Date.now();
  const base = [call(1, 2, new Bytes().i32(1)), call(2, 4, new Bytes().i32(1).u32(1).str('*').i32(-1).str('').str('')), call(1, 3, new Bytes().i32(1).i32(0).u32(0))];
  for (let i = 0; i < 3000 && Date.now() - started < 10_000; i++) {
    const b = Uint8Array.from(base[i % base.length]!);
    const flips = 1 + Math.floor(rand() * 4);
    for (let f = 0; f < flips; f++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
    const cut = rand() < 0.3 ? b.subarray(0, Math.floor(rand() * b.length)) : b;
    const d = await dispatch(cut, ctx({ transport: rand() < 0.5 ? 'udp' : 'tcp' }));
    if (d.reply === undefined) continue;
    assert.ok(d.reply.byteLength >= 12 && d.reply.byteLength % 4 === 0);
    assert.deepEqual(d.reply.subarray(0, 4), cut.subarray(0, 4), 'the reply carries the call xid');
    assert.notEqual(d.failed, true, d.outcome);
  }
});
