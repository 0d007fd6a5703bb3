/**
 * Fuzzing the decoders that face the network: admitCall and decodeCall must return a
 * value for ANY input (never throw, never hang); decodeReply, the kstat procedure
 * decoders and the rpcbind decoders throw only XdrError; decodeUniversalAddress only
 * KstatError E_PARSE; the record deframer never throws, never delivers more than its cap
 * and delivers exactly the records of a valid stream however it is cut. Bounded: a fixed
 * number of cases per strategy and a time budget, seeded so a failure can be replayed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admitCall } from '../../src/protocol/rpc/admission.js';
import { authSysCredential } from '../../src/protocol/rpc/auth.js';
import { decodeCall, decodeReply, encodeCall, encodeReply, AUTH_NONE_TOKEN } from '../../src/protocol/rpc/message.js';
import { RecordDeframer, frameRecord } from '../../src/protocol/rpc/record-mark.js';
import * as p from '../../src/protocol/kstat-x/procedures.js';
import * as rpcb from '../../src/protocol/rpcbind/messages.js';
import { decodeUniversalAddress } from '../../src/protocol/rpcbind/uaddr.js';
import { XdrError } from '../../src/protocol/xdr/types.js';
import { KstatError } from '../../src/errors.js';
import { prng } from '../helpers/bytes.js';

const CASES = 2000;
const BUDGET_MS = 4000;
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);

function fuzz<T>(name: string, make: (rnd: () => number) => T, check: (input: T) => void): number {
  const rnd = prng(SEED ^ (name.length * 7919));
  const started = Date.now();
  let n = 0;
  for (; n < CASES && Date.now() - started < BUDGET_MS; n++) {
    const input = make(rnd);
    try {
      check(input);
    } catch (err) {
      const shown = input instanceof Uint8Array ? Buffer.from(input.subarray(0, 256)).toString('hex') : JSON.stringify(input);
      assert.fail(`${name}: case ${n} (seed ${SEED}) failed: ${String(err)}\n${shown}`);
    }
  }
  return n;
}

const int = (rnd: () => number, n: number) => Math.floor(rnd() * n);

/** Mutations of a valid message: bit flips, cuts, word overwrites with edge values, inserted words. */
function mutate(rnd: () => number, base: Uint8Array): Uint8Array {
  const b = Uint8Array.from(base);
  const kind = int(rnd, 4);
  if (kind === 0) {
    for (let k = 0, n = 1 + int(rnd, 4); k < n; k++) b[int(rnd, b.length)]! ^= 1 << int(rnd, 8);
    return b;
  }
  if (kind === 1) return b.subarray(0, int(rnd, b.length + 1));
  if (kind === 2) {
    const at = int(rnd, Math.max(1, b.length >> 2)) * 4;
    const edge = [0, 1, 2, 3, 0x7fffffff, 0x80000000, 0xffffffff, 400, 401, 65536][int(rnd, 10)]!;
    if (at + 4 <= b.length) new DataView(b.buffer).setUint32(at, edge);
    return b;
  }
  const at = int(rnd, (b.length >> 2) + 1) * 4;
  const word = Uint8Array.of(int(rnd, 256), 0, 0, int(rnd, 8));
  return Uint8Array.from([...b.subarray(0, at), ...word, ...b.subarray(at)]);
}

const random = (rnd: () => number) => Uint8Array.from({ length: int(rnd, 96) }, () => (rnd() < 0.5 ? 0 : int(rnd, 256)));
const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[int(rnd, xs.length)]!;

const CALLS = [
  encodeCall({ xid: 1, prog: 100149, vers: 2, proc: 4, cred: authSysCredential({ stamp: 1, machinename: 'h', uid: 0, gid: 0, gids: [1, 2] }), verf: AUTH_NONE_TOKEN }, p.encodeBatchArgs({ by: 'kids', kids: [0, 1] })),
  encodeCall({ xid: 2, prog: 100149, vers: 1, proc: 2, cred: AUTH_NONE_TOKEN, verf: AUTH_NONE_TOKEN }, p.encodeReadArgs(3)),
  encodeCall({ xid: 3, prog: 100149, vers: 1, proc: 0, cred: AUTH_NONE_TOKEN, verf: AUTH_NONE_TOKEN }),
];

test('admitCall and decodeCall return a value for any input', () => {
  const n = fuzz('admit', (rnd) => (rnd() < 0.8 ? mutate(rnd, pick(rnd, CALLS)) : random(rnd)), (bytes) => {
    const a = admitCall(bytes, [p.KSTAT_PROGRAM]);
    assert.ok(['call', 'reply', 'drop'].includes(a.kind));
    if (a.kind === 'reply') encodeReply(a.reply); // every planned reply is encodable
    decodeCall(bytes);
  });
  assert.ok(n > 100, `only ${n} cases ran`);
});

const READ_OK = p.encodeReadResult({
  ok: true,
  chainId: 1,
  kstat: { kid: 1, module: 'm', instance: 0, name: 'n', class: 'c', type: 'NAMED', flags: 0, crtime: 1n, snaptime: 2n, ndata: 2, dataSize: 0,
    data: { type: 'NAMED', named: [{ name: 'a', type: 'UINT64', value: 5n }, { name: 'b', type: 'CHAR', value: 'xy' }] } },
});
const DECODERS: [string, (b: Uint8Array) => unknown, Uint8Array][] = [
  ['reply', decodeReply, encodeReply({ xid: 1, stat: 'PROG_MISMATCH', verf: AUTH_NONE_TOKEN, low: 1, high: 2 })],
  ['chainid', p.decodeChainIdResult, p.encodeChainIdResult({ ok: true, chainId: 1, bootTimeNs: 5n, sinceBootNs: 6n })],
  ['read', p.decodeReadResult, READ_OK],
  ['write-args', p.decodeWriteArgs, p.encodeWriteArgs({ kid: 1, data: { type: 'RAW', raw: Uint8Array.of(1) } })],
  ['batch-args', p.decodeBatchArgs, p.encodeBatchArgs({ by: 'selectors', selectors: [{ module: 'a', instance: -1, name: '*', class: '' }] })],
  ['batch-res', p.decodeBatchResult, p.encodeBatchResult({ ok: true, chainId: 1, kstats: [], gone: [1, 2] })],
  ['pmaplist', rpcb.decodePmapList, rpcb.encodePmapList([{ prog: 1, vers: 2, prot: 6, port: 3 }])],
  ['rpcblist', rpcb.decodeRpcbList, rpcb.encodeRpcbList([{ prog: 1, vers: 2, netid: 'tcp', addr: '1.2.3.4.0.1', owner: 'x' }])],
  ['port', rpcb.decodePort, rpcb.encodePort(111)],
];

test('reply, procedure and rpcbind decoders throw nothing but XdrError', () => {
  for (const [name, decode, valid] of DECODERS) {
    const n = fuzz(name, (rnd) => (rnd() < 0.8 ? mutate(rnd, valid) : random(rnd)), (bytes) => {
      try {
        decode(bytes);
      } catch (err) {
        if (!(err instanceof XdrError)) throw err;
        assert.ok(err.offset >= 0 && err.offset <= bytes.length, `offset ${err.offset} of ${bytes.length}`);
      }
    });
    assert.ok(n > 100, `${name}: only ${n} cases ran`);
  }
});

test('decodeUniversalAddress throws nothing but E_PARSE', () => {
  const alphabet = '0123456789abcdefABCDEF.:%x';
  fuzz('uaddr', (rnd) => Array.from({ length: int(rnd, 48) }, () => alphabet[int(rnd, alphabet.length)]).join(''), (text) => {
    try {
      const u = decodeUniversalAddress(text);
      assert.ok(u.port >= 0 && u.port <= 65535);
    } catch (err) {
      if (!(KstatError.is(err) && err.code === 'E_PARSE')) throw err;
    }
  });
});

test('the deframer: random streams never throw or pass the caps; valid streams cut anywhere give their records', () => {
  const limits = { maxRecordBytes: 256, maxFragments: 8, maxEmptyFragments: 2 };
  fuzz('deframe-random', (rnd) => Array.from({ length: 1 + int(rnd, 6) }, () => random(rnd)), (chunks) => {
    const d = new RecordDeframer(limits);
    for (const c of chunks) for (const r of d.push(c).records) assert.ok(r.byteLength <= limits.maxRecordBytes);
  });
  fuzz('deframe-valid', (rnd) => {
    const records = Array.from({ length: 1 + int(rnd, 5) }, () => Uint8Array.from({ length: int(rnd, 200) }, () => int(rnd, 256)));
    const stream = Uint8Array.from(records.flatMap((r) => [...frameRecord(r, 1 + int(rnd, 64))]));
    const cuts = Array.from({ length: int(rnd, 8) }, () => int(rnd, stream.length + 1)).sort((a, b) => a - b);
    return { records, stream, cuts };
  }, ({ records, stream, cuts }) => {
    const d = new RecordDeframer({ maxRecordBytes: 200, maxFragments: 200, maxEmptyFragments: 0 });
    const bounds = [0, ...cuts, stream.length];
    const out = bounds.slice(1).flatMap((end, i) => {
      const r = d.push(stream.subarray(bounds[i], end));
      assert.equal(r.violation, undefined);
      return r.records;
    });
    assert.deepEqual(out.map((r) => [...r]), records.map((r) => [...r]));
  });
});
