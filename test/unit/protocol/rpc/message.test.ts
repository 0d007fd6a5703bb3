import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AUTH_NONE_TOKEN,
  decodeCall,
  decodeReply,
  encodeCall,
  encodeReply,
  type RpcReply,
} from '../../../../src/protocol/rpc/message.js';
import { XdrError } from '../../../../src/protocol/xdr/types.js';
import { KstatError } from '../../../../src/errors.js';
import { Bytes } from '../../../helpers/bytes.js';

const XID = 0xdeadbeef;
const NONE = { flavor: 0, body: new Uint8Array(0) };

/** A call header as RFC 5531 §9 lays it out, built by hand. */
function callBytes(o: { msgType?: number; rpcvers?: number; cred?: (b: Bytes) => void; verf?: (b: Bytes) => void } = {}): Bytes {
  const b = new Bytes().u32(XID).i32(o.msgType ?? 0).u32(o.rpcvers ?? 2).u32(100149).u32(1).u32(2);
  if (o.cred) o.cred(b);
  else b.i32(0).u32(0);
  if (o.verf) o.verf(b);
  else b.i32(0).u32(0);
  return b;
}

test('a call encodes to the RFC 5531 layout and decodes back, arguments as a view', () => {
  const expected = new Bytes()
    .u32(XID).i32(0) // xid, CALL
    .u32(2).u32(100149).u32(1).u32(2) // rpcvers, prog, vers, proc
    .i32(1).opaque([1, 2, 3, 4, 5]) // cred: AUTH_SYS, body padded to 8
    .i32(0).u32(0) // verf: AUTH_NONE
    .i32(7) // args: a kid
    .build();
  const cred = { flavor: 1, body: Uint8Array.of(1, 2, 3, 4, 5) };
  const bytes = encodeCall({ xid: XID, prog: 100149, vers: 1, proc: 2, cred, verf: AUTH_NONE_TOKEN }, new Bytes().i32(7).build());
  assert.deepEqual(bytes, expected);
  const d = decodeCall(expected);
  assert.ok(d.ok);
  assert.deepEqual({ ...d.call, cred: { ...d.call.cred, body: [...d.call.cred.body] }, args: [...d.call.args] }, {
    xid: XID, prog: 100149, vers: 1, proc: 2, cred: { flavor: 1, body: [1, 2, 3, 4, 5] }, verf: NONE, args: [0, 0, 0, 7],
  });
  assert.equal(d.call.args.buffer, expected.buffer, 'arguments are a view, not a copy');
});

test('decodeCall names every problem instead of throwing', () => {
  assert.deepEqual(decodeCall(new Uint8Array(3)), { ok: false, problem: 'short' });
  assert.deepEqual(decodeCall(new Bytes().u32(XID).u32(0).build()), { ok: false, problem: 'short', xid: XID });
  assert.deepEqual(decodeCall(new Bytes().u32(XID).i32(0).u32(2).u32(1).build()), { ok: false, problem: 'short', xid: XID });
  assert.deepEqual(decodeCall(callBytes({ msgType: 1 }).build()), { ok: false, problem: 'not-a-call', xid: XID, msgType: 1 });
  assert.deepEqual(decodeCall(callBytes({ msgType: 7 }).build()), { ok: false, problem: 'not-a-call', xid: XID, msgType: 7 });
  // another rpcvers: the rest is not read (here: nothing follows at all)
  assert.deepEqual(decodeCall(new Bytes().u32(XID).i32(0).u32(3).build()), { ok: false, problem: 'rpc-version', xid: XID, rpcvers: 3 });
  const problem = (bytes: Uint8Array) => { const d = decodeCall(bytes); return d.ok ? 'ok' : d.problem; };
  assert.equal(problem(callBytes({ cred: (b) => b.i32(1).u32(401).raw(new Uint8Array(404)) }).build()), 'bad-cred');
  assert.equal(problem(callBytes({ cred: (b) => b.i32(1).u32(400).raw(new Uint8Array(400)) }).build()), 'ok');
  const head = () => new Bytes().u32(XID).i32(0).u32(2).u32(100149).u32(1).u32(2);
  assert.equal(problem(head().i32(1).u32(8).u32(0).build()), 'bad-cred'); // the message ends inside the body
  assert.equal(problem(head().i32(1).build()), 'bad-cred'); // ... before the body's length
  assert.equal(problem(head().build()), 'bad-cred'); // ... before the credential
  assert.equal(problem(callBytes({ cred: (b) => b.i32(1).u32(1).raw([9, 0, 0, 1]) }).build()), 'bad-cred'); // non-zero padding
  assert.equal(problem(callBytes({ verf: (b) => b.i32(0).u32(0x7fffffff) }).build()), 'bad-verf');
  assert.equal(problem(callBytes({ verf: (b) => b.i32(0) }).build()), 'bad-verf');
});

/** Every reply variant of RFC 5531 §9, with its bytes built by hand. */
const VARIANTS: [RpcReply, Bytes][] = [
  [{ xid: XID, stat: 'SUCCESS', verf: NONE, results: Uint8Array.of(0, 0, 0, 42) }, new Bytes().u32(XID).i32(1).i32(0).i32(0).u32(0).i32(0).i32(42)],
  [{ xid: XID, stat: 'PROG_UNAVAIL', verf: NONE }, new Bytes().u32(XID).i32(1).i32(0).i32(0).u32(0).i32(1)],
  [{ xid: XID, stat: 'PROG_MISMATCH', verf: NONE, low: 1, high: 2 }, new Bytes().u32(XID).i32(1).i32(0).i32(0).u32(0).i32(2).u32(1).u32(2)],
  [{ xid: XID, stat: 'PROC_UNAVAIL', verf: NONE }, new Bytes().u32(XID).i32(1).i32(0).i32(0).u32(0).i32(3)],
  [{ xid: XID, stat: 'GARBAGE_ARGS', verf: NONE }, new Bytes().u32(XID).i32(1).i32(0).i32(0).u32(0).i32(4)],
  [{ xid: XID, stat: 'SYSTEM_ERR', verf: NONE }, new Bytes().u32(XID).i32(1).i32(0).i32(0).u32(0).i32(5)],
  [{ xid: XID, stat: 'RPC_MISMATCH', low: 2, high: 2 }, new Bytes().u32(XID).i32(1).i32(1).i32(0).u32(2).u32(2)],
  [{ xid: XID, stat: 'AUTH_ERROR', auth: 'AUTH_BADCRED' }, new Bytes().u32(XID).i32(1).i32(1).i32(1).i32(1)],
  [{ xid: XID, stat: 'AUTH_ERROR', auth: 'AUTH_REJECTEDCRED' }, new Bytes().u32(XID).i32(1).i32(1).i32(1).i32(2)],
  [{ xid: XID, stat: 'AUTH_ERROR', auth: 'AUTH_BADVERF' }, new Bytes().u32(XID).i32(1).i32(1).i32(1).i32(3)],
  [{ xid: XID, stat: 'AUTH_ERROR', auth: 'AUTH_TOOWEAK' }, new Bytes().u32(XID).i32(1).i32(1).i32(1).i32(5)],
  [{ xid: XID, stat: 'AUTH_ERROR', auth: 'RPCSEC_GSS_CTXPROBLEM' }, new Bytes().u32(XID).i32(1).i32(1).i32(1).i32(14)],
];

test('every accepted and denied reply variant has exactly the RFC 5531 bytes, both ways', () => {
  for (const [reply, bytes] of VARIANTS) {
    const expected = bytes.build();
    assert.deepEqual(encodeReply(reply), expected, reply.stat);
    const decoded = decodeReply(expected);
    const plain = (r: RpcReply) => JSON.parse(JSON.stringify(r, (_k, v: unknown) => (v instanceof Uint8Array ? [...v] : v))) as unknown;
    assert.deepEqual(plain(decoded), plain(reply), reply.stat);
  }
});

test('a SUCCESS reply keeps its results as a view; a reply with a non-empty verifier decodes it', () => {
  const bytes = new Bytes().u32(1).i32(1).i32(0).i32(1).opaque([7, 7, 7]).i32(0).u64(5n).build();
  const r = decodeReply(bytes);
  assert.equal(r.stat, 'SUCCESS');
  if (r.stat !== 'SUCCESS') return;
  assert.deepEqual([...r.verf.body], [7, 7, 7]);
  assert.deepEqual([...r.results], [0, 0, 0, 0, 0, 0, 0, 5]);
  assert.equal(r.results.buffer, bytes.buffer);
});

test('decodeReply refuses what is not a well-formed reply, with XdrError', () => {
  const refused = (b: Bytes, re: RegExp) => assert.throws(() => decodeReply(b.build()), (e: unknown) => e instanceof XdrError && re.test(e.message));
  refused(callBytes(), /msg_type 0 is not REPLY/);
  refused(new Bytes().u32(1).i32(1).i32(2), /unknown reply_stat 2/);
  refused(new Bytes().u32(1).i32(1).i32(0).i32(0).u32(0).i32(6), /unknown accept_stat 6/);
  refused(new Bytes().u32(1).i32(1).i32(1).i32(2), /unknown reject_stat 2/);
  refused(new Bytes().u32(1).i32(1).i32(1).i32(1).i32(15), /unknown auth_stat 15/);
  refused(new Bytes().u32(1).i32(1).i32(0).i32(0).u32(0).i32(1).u32(0), /unexpected bytes after the end of the reply/);
  refused(new Bytes().u32(1).i32(1).i32(0).i32(0).u32(0).i32(2).u32(1), /needs 4 bytes/);
  refused(new Bytes().u32(1).i32(1).i32(0).i32(0).u32(401), /exceeds the maximum 400/);
  for (const [reply, b] of VARIANTS) {
    const full = b.build();
    // A SUCCESS reply cut after its 24-byte header is a SUCCESS with fewer results: the
    // procedure's result decoder finds the truncation.
    const cuts = reply.stat === 'SUCCESS' ? 24 : full.length;
    for (let n = 0; n < cuts; n++) {
      assert.throws(() => decodeReply(full.subarray(0, n)), XdrError, `${reply.stat} cut at ${n}`);
    }
  }
});

test('encoders refuse what they could not write as XDR', () => {
  const h = { xid: 1, prog: 1, vers: 1, proc: 1, cred: NONE, verf: NONE };
  assert.throws(() => encodeCall(h, Uint8Array.of(1, 2, 3)), (e: unknown) => KstatError.is(e) && e.code === 'E_ARGUMENT' && /multiple of 4/.test(e.message));
  assert.throws(() => encodeCall({ ...h, cred: { flavor: 1, body: new Uint8Array(401) } }), (e: unknown) => KstatError.is(e) && e.code === 'E_ARGUMENT');
  assert.throws(() => encodeReply({ xid: 1, stat: 'SUCCESS', verf: NONE, results: Uint8Array.of(1) }), (e: unknown) => KstatError.is(e) && e.code === 'E_ARGUMENT');
  assert.throws(() => encodeReply({ xid: -1, stat: 'SYSTEM_ERR', verf: NONE }), (e: unknown) => KstatError.is(e) && e.code === 'E_ARGUMENT');
});
