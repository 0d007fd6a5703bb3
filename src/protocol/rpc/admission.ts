/**
 * What a server does with one call message before any procedure runs, exactly as
 * RFC 5531 §9 lays it out, in the order servers check (libtirpc svc_getreq_common, the
 * Linux kernel's svc_process_common):
 *
 *   1. no call header (fewer bytes than xid, msg_type, rpcvers, prog, vers, proc)  → drop
 *      a REPLY where a call was expected                                           → drop
 *   2. rpcvers ≠ 2                      → MSG_DENIED RPC_MISMATCH (low 2, high 2)
 *   3. cred / verf unreadable or refused → MSG_DENIED AUTH_ERROR (auth.ts says which)
 *   4. program not served               → PROG_UNAVAIL
 *   5. version not served               → PROG_MISMATCH (lowest, highest served version)
 *   6. procedure not in that version    → PROC_UNAVAIL
 *   7. procedure 0 (NULL)               → SUCCESS, no results (its arguments must be void,
 *                                          else GARBAGE_ARGS)
 *   8. otherwise                        → the call, for its procedure to decode (its
 *      arguments failing to decode → GARBAGE_ARGS; the server failing → SYSTEM_ERR, both
 *      built with errorReply()).
 *
 * Dropping is what servers do when there is nothing trustworthy to answer to. Accepted
 * replies carry an AUTH_NONE verifier. Pure: no I/O.
 */
import { AUTH_NONE_TOKEN, RPC_VERSION, decodeCall, type RpcCall, type RpcReply } from './message.js';
import { checkCredentials, type AcceptedFlavor, type Credentials } from './auth.js';

/** A program a server serves: its number and, per version, its procedure numbers (0 implied). */
export interface ServedProgram {
  readonly prog: number;
  readonly versions: ReadonlyMap<number, ReadonlySet<number>>;
}

export type Admission =
  | { readonly kind: 'call'; readonly call: RpcCall; readonly credentials: Credentials }
  | { readonly kind: 'reply'; readonly reply: RpcReply; readonly reason: string }
  | { readonly kind: 'drop'; readonly reason: string };

export interface AdmissionOptions {
  /** Credential flavors accepted (default both). */
  readonly accept?: readonly AcceptedFlavor[];
}

/** The accepted, non-SUCCESS replies a procedure may still need (GARBAGE_ARGS, SYSTEM_ERR). */
export function errorReply(xid: number, stat: 'PROG_UNAVAIL' | 'PROC_UNAVAIL' | 'GARBAGE_ARGS' | 'SYSTEM_ERR'): RpcReply {
  return { xid, stat, verf: AUTH_NONE_TOKEN };
}

export function successReply(xid: number, results: Uint8Array): RpcReply {
  return { xid, stat: 'SUCCESS', verf: AUTH_NONE_TOKEN, results };
}

const reply = (r: RpcReply, reason: string): Admission => ({ kind: 'reply', reply: r, reason });

export function admitCall(bytes: Uint8Array, programs: readonly ServedProgram[], options: AdmissionOptions = {}): Admission {
  const decoded = decodeCall(bytes);
  if (!decoded.ok) {
    switch (decoded.problem) {
      case 'short': return { kind: 'drop', reason: `not a call header (${bytes.byteLength} bytes)` };
      case 'not-a-call': return { kind: 'drop', reason: `msg_type ${decoded.msgType} where a CALL was expected` };
      case 'rpc-version':
        return reply({ xid: decoded.xid, stat: 'RPC_MISMATCH', low: RPC_VERSION, high: RPC_VERSION }, `rpcvers ${decoded.rpcvers}`);
      case 'bad-cred': return reply({ xid: decoded.xid, stat: 'AUTH_ERROR', auth: 'AUTH_BADCRED' }, decoded.message);
      case 'bad-verf': return reply({ xid: decoded.xid, stat: 'AUTH_ERROR', auth: 'AUTH_BADVERF' }, decoded.message);
    }
  }
  const { call } = decoded;
  const auth = checkCredentials(call.cred, call.verf, options.accept);
  if (!auth.ok) return reply({ xid: call.xid, stat: 'AUTH_ERROR', auth: auth.stat }, auth.message);
  return route(call, auth.credentials, programs);
}

function route(call: RpcCall, credentials: Credentials, programs: readonly ServedProgram[]): Admission {
  const { xid, prog, vers, proc } = call;
  const program = programs.find((p) => p.prog === prog);
  if (program === undefined) return reply(errorReply(xid, 'PROG_UNAVAIL'), `program ${prog} is not served`);
  const procs = program.versions.get(vers);
  if (procs === undefined) {
    const served = [...program.versions.keys()];
    const low = Math.min(...served);
    const high = Math.max(...served);
    return reply({ xid, stat: 'PROG_MISMATCH', verf: AUTH_NONE_TOKEN, low, high }, `program ${prog} version ${vers} is not served (${low}..${high})`);
  }
  if (proc === 0) {
    if (call.args.byteLength !== 0) return reply(errorReply(xid, 'GARBAGE_ARGS'), `NULL procedure with ${call.args.byteLength} argument bytes`);
    return reply(successReply(xid, new Uint8Array(0)), 'NULL procedure');
  }
  if (!procs.has(proc)) return reply(errorReply(xid, 'PROC_UNAVAIL'), `program ${prog} version ${vers} has no procedure ${proc}`);
  return { kind: 'call', call, credentials };
}
