import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admitCall, errorReply, type Admission } from '../../../../src/protocol/rpc/admission.js';
import { encodeReply } from '../../../../src/protocol/rpc/message.js';
import { KSTAT_PROGRAM } from '../../../../src/protocol/kstat-x/procedures.js';
import { Bytes } from '../../../helpers/bytes.js';

const XID = 77;
const PROGRAMS = [KSTAT_PROGRAM];
const AUTHSYS = new Bytes().u32(1).str('m').u32(0).u32(0).u32(0).build();

function call(o: { prog?: number; vers?: number; proc?: number; rpcvers?: number; cred?: [number, Uint8Array]; args?: Bytes } = {}): Uint8Array {
  const [flavor, body] = o.cred ?? [0, new Uint8Array(0)];
  return new Bytes()
    .u32(XID).i32(0).u32(o.rpcvers ?? 2).u32(o.prog ?? 100149).u32(o.vers ?? 1).u32(o.proc ?? 2)
    .i32(flavor).opaque(body).i32(0).u32(0)
    .raw((o.args ?? new Bytes().i32(5)).build())
    .build();
}

/** The reply bytes an admission sends (undefined: a call or a drop). */
function replyBytes(a: Admission): Uint8Array | undefined {
  return a.kind === 'reply' ? encodeReply(a.reply) : undefined;
}

const ACCEPTED = (stat: number, ...rest: number[]) => new Bytes().u32(XID).i32(1).i32(0).i32(0).u32(0).i32(stat).raw(rest.flatMap((n) => [...new Bytes().u32(n).build()])).build();
const DENIED = (stat: number, ...rest: number[]) => new Bytes().u32(XID).i32(1).i32(1).i32(stat).raw(rest.flatMap((n) => [...new Bytes().u32(n).build()])).build();

test('a well-formed call to a served procedure is admitted with its credentials', () => {
  const a = admitCall(call(), PROGRAMS);
  assert.equal(a.kind, 'call');
  if (a.kind !== 'call') return;
  assert.deepEqual(a.credentials, { flavor: 'AUTH_NONE' });
  assert.deepEqual([a.call.prog, a.call.vers, a.call.proc, [...a.call.args]], [100149, 1, 2, [0, 0, 0, 5]]);
  const sys = admitCall(call({ cred: [1, AUTHSYS], vers: 2, proc: 4 }), PROGRAMS);
  assert.equal(sys.kind === 'call' && sys.credentials.flavor, 'AUTH_SYS');
});

test('RFC 5531 answers, in the order servers check, with their exact bytes', () => {
  // rpcvers 3 → MSG_DENIED RPC_MISMATCH (2, 2), whatever follows
  assert.deepEqual(replyBytes(admitCall(new Bytes().u32(XID).i32(0).u32(3).u32(0xffffffff).build(), PROGRAMS)), DENIED(0, 2, 2));
  // an unreadable credential → AUTH_ERROR AUTH_BADCRED (1), even for an unserved program
  const longCred = new Bytes().u32(XID).i32(0).u32(2).u32(1).u32(1).u32(1).i32(1).u32(500).build();
  assert.deepEqual(replyBytes(admitCall(longCred, PROGRAMS)), DENIED(1, 1));
  // an unknown flavor → AUTH_REJECTEDCRED (2), before the program is looked at
  assert.deepEqual(replyBytes(admitCall(call({ prog: 5, cred: [3, new Uint8Array(8)] }), PROGRAMS)), DENIED(1, 2));
  // policy without AUTH_NONE → AUTH_TOOWEAK (5)
  assert.deepEqual(replyBytes(admitCall(call(), PROGRAMS, { accept: ['AUTH_SYS'] })), DENIED(1, 5));
  // program 100150 → PROG_UNAVAIL (1)
  assert.deepEqual(replyBytes(admitCall(call({ prog: 100150 }), PROGRAMS)), ACCEPTED(1));
  // version 3 and 0 → PROG_MISMATCH (2) low 1 high 2
  assert.deepEqual(replyBytes(admitCall(call({ vers: 3 }), PROGRAMS)), ACCEPTED(2, 1, 2));
  assert.deepEqual(replyBytes(admitCall(call({ vers: 0 }), PROGRAMS)), ACCEPTED(2, 1, 2));
  // READ_BATCH (4) in version 1 → PROC_UNAVAIL (3); procedure 5 in version 2 too
  assert.deepEqual(replyBytes(admitCall(call({ vers: 1, proc: 4 }), PROGRAMS)), ACCEPTED(3));
  assert.deepEqual(replyBytes(admitCall(call({ vers: 2, proc: 5 }), PROGRAMS)), ACCEPTED(3));
  // the server's own GARBAGE_ARGS (4) and SYSTEM_ERR (5)
  assert.deepEqual(encodeReply(errorReply(XID, 'GARBAGE_ARGS')), ACCEPTED(4));
  assert.deepEqual(encodeReply(errorReply(XID, 'SYSTEM_ERR')), ACCEPTED(5));
});

test('the NULL procedure of each served version answers SUCCESS with no results; with arguments, GARBAGE_ARGS', () => {
  for (const vers of [1, 2]) {
    assert.deepEqual(replyBytes(admitCall(call({ vers, proc: 0, args: new Bytes() }), PROGRAMS)), ACCEPTED(0), `version ${vers}`);
  }
  assert.deepEqual(replyBytes(admitCall(call({ proc: 0, args: new Bytes().u32(0) }), PROGRAMS)), ACCEPTED(4));
  // NULL of an unserved version is still PROG_MISMATCH
  assert.deepEqual(replyBytes(admitCall(call({ vers: 9, proc: 0, args: new Bytes() }), PROGRAMS)), ACCEPTED(2, 1, 2));
});

test('what has nothing to answer to is dropped', () => {
  assert.equal(admitCall(new Uint8Array(0), PROGRAMS).kind, 'drop');
  assert.equal(admitCall(Uint8Array.of(0, 0, 0, 1, 0, 0), PROGRAMS).kind, 'drop');
  assert.equal(admitCall(new Bytes().u32(XID).i32(0).u32(2).u32(100149).build(), PROGRAMS).kind, 'drop');
  const aReply = new Bytes().u32(XID).i32(1).i32(0).i32(0).u32(0).i32(0).build();
  assert.match((admitCall(aReply, PROGRAMS) as { reason: string }).reason, /msg_type 1/);
});
