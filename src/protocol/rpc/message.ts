/**
 * ONC RPC version 2 messages (RFC 5531 §9), over the XDR codec of src/protocol/xdr/:
 *
 *   struct opaque_auth { auth_flavor flavor; opaque body<400>; };
 *   struct rpc_msg { unsigned int xid; union switch (msg_type mtype) {
 *     case CALL: call_body cbody;  case REPLY: reply_body rbody; } body; };
 *   struct call_body { unsigned int rpcvers;   // must be 2
 *     unsigned int prog; unsigned int vers; unsigned int proc;
 *     opaque_auth cred; opaque_auth verf; };  // the procedure's arguments follow
 *   union reply_body switch (reply_stat stat) {
 *     case MSG_ACCEPTED: accepted_reply areply;  case MSG_DENIED: rejected_reply rreply; };
 *   struct accepted_reply { opaque_auth verf; union switch (accept_stat stat) {
 *     case SUCCESS: opaque results[0];     // the procedure's results follow
 *     case PROG_MISMATCH: struct { unsigned int low; unsigned int high; } mismatch_info;
 *     default: void; } reply_data; };   // PROG_UNAVAIL, PROC_UNAVAIL, GARBAGE_ARGS, SYSTEM_ERR
 *   union rejected_reply switch (reject_stat stat) {
 *     case RPC_MISMATCH: struct { unsigned int low; unsigned int high; } mismatch_info;
 *     case AUTH_ERROR: auth_stat stat; };
 *
 * decodeCall never throws: a server must answer some malformed calls (RPC_MISMATCH, a bad
 * credential) and silently drop others, so it returns what it could read and what is wrong;
 * admission.ts turns that into the reply. decodeReply (the client side) throws XdrError.
 * Arguments and results are left as byte views for the procedure codecs. Pure: no I/O.
 */
import { XdrReader } from '../xdr/reader.js';
import { XdrWriter } from '../xdr/writer.js';
import { XdrError } from '../xdr/types.js';
import { KstatError } from '../../errors.js';

export const RPC_VERSION = 2;
export const MSG_TYPE = { CALL: 0, REPLY: 1 } as const;
export const REPLY_STAT = { MSG_ACCEPTED: 0, MSG_DENIED: 1 } as const;
export const ACCEPT_STAT = { SUCCESS: 0, PROG_UNAVAIL: 1, PROG_MISMATCH: 2, PROC_UNAVAIL: 3, GARBAGE_ARGS: 4, SYSTEM_ERR: 5 } as const;
export const REJECT_STAT = { RPC_MISMATCH: 0, AUTH_ERROR: 1 } as const;
/** RFC 5531 §9 auth_stat (8–12: Kerberos v4; 13, 14: RPCSEC_GSS, RFC 2203). */
export const AUTH_STAT = {
  AUTH_OK: 0, AUTH_BADCRED: 1, AUTH_REJECTEDCRED: 2, AUTH_BADVERF: 3, AUTH_REJECTEDVERF: 4, AUTH_TOOWEAK: 5,
  AUTH_INVALIDRESP: 6, AUTH_FAILED: 7, AUTH_KERB_GENERIC: 8, AUTH_TIMEEXPIRE: 9, AUTH_TKT_FILE: 10, AUTH_DECODE: 11,
  AUTH_NET_ADDR: 12, RPCSEC_GSS_CREDPROBLEM: 13, RPCSEC_GSS_CTXPROBLEM: 14,
} as const;
/** auth_flavor numbers (IANA "RPC Authentication Flavor Numbers"). */
export const AUTH_FLAVOR = { AUTH_NONE: 0, AUTH_SYS: 1, AUTH_SHORT: 2, AUTH_DH: 3, RPCSEC_GSS: 6 } as const;
/** opaque_auth body<400> (MAX_AUTH_BYTES). */
export const OPAQUE_AUTH_MAX = 400;
/**
 * Over UDP a datagram is exactly one message, with no record mark (RFC 5531 §11). A reply
 * larger than this is not sent over UDP (libtirpc's UDPMSGSIZE): a kstat procedure answers
 * KSTAT_EOVERFLOW instead, and the client repeats the call over TCP.
 */
export const UDP_MESSAGE_MAX = 8800;
/** Bytes of a call header with two empty AUTH_NONE tokens: the smallest call. */
export const MIN_CALL_BYTES = 40;

export type AcceptStat = keyof typeof ACCEPT_STAT;
export type AuthStat = keyof typeof AUTH_STAT;

export interface OpaqueAuth {
  /** An auth_flavor number; unknown flavors are carried, admission.ts decides. */
  readonly flavor: number;
  readonly body: Uint8Array;
}

/** The AUTH_NONE token: the verifier of every reply we send and of AUTH_SYS calls. */
export const AUTH_NONE_TOKEN: OpaqueAuth = Object.freeze({ flavor: AUTH_FLAVOR.AUTH_NONE, body: new Uint8Array(0) });

export interface CallHeader {
  readonly xid: number;
  readonly prog: number;
  readonly vers: number;
  readonly proc: number;
  readonly cred: OpaqueAuth;
  readonly verf: OpaqueAuth;
}

export interface RpcCall extends CallHeader {
  /** The procedure's XDR arguments: a view of the rest of the message. */
  readonly args: Uint8Array;
}

/** A reply, flattened: the accept_stat or reject_stat names the variant. */
export type RpcReply =
  | { readonly xid: number; readonly stat: 'SUCCESS'; readonly verf: OpaqueAuth; readonly results: Uint8Array }
  | { readonly xid: number; readonly stat: 'PROG_UNAVAIL' | 'PROC_UNAVAIL' | 'GARBAGE_ARGS' | 'SYSTEM_ERR'; readonly verf: OpaqueAuth }
  | { readonly xid: number; readonly stat: 'PROG_MISMATCH'; readonly verf: OpaqueAuth; readonly low: number; readonly high: number }
  | { readonly xid: number; readonly stat: 'RPC_MISMATCH'; readonly low: number; readonly high: number }
  | { readonly xid: number; readonly stat: 'AUTH_ERROR'; readonly auth: AuthStat };

/** Why decodeCall could not give a call; each maps to one RFC 5531 answer (admission.ts). */
export type CallProblem =
  | { readonly problem: 'short'; readonly xid?: number } // not even a call header: drop
  | { readonly problem: 'not-a-call'; readonly xid: number; readonly msgType: number } // drop
  | { readonly problem: 'rpc-version'; readonly xid: number; readonly rpcvers: number } // RPC_MISMATCH
  | { readonly problem: 'bad-cred' | 'bad-verf'; readonly xid: number; readonly message: string }; // AUTH_ERROR

export type CallDecode = ({ readonly ok: true; readonly call: RpcCall }) | ({ readonly ok: false } & CallProblem);

const invert = <K extends string>(table: Readonly<Record<K, number>>) => new Map(Object.entries(table).map(([k, v]) => [v as number, k as K]));
const ACCEPT_BY_CODE = invert<AcceptStat>(ACCEPT_STAT);
const AUTH_BY_CODE = invert<AuthStat>(AUTH_STAT);

// ---------------------------------------------------------------- opaque_auth

export function writeOpaqueAuth(w: XdrWriter, a: OpaqueAuth): void {
  w.int(a.flavor).opaque(a.body, OPAQUE_AUTH_MAX);
}

/** Reads an opaque_auth; the body is a view of the input. Throws XdrError. */
export function readOpaqueAuth(r: XdrReader): OpaqueAuth {
  const flavor = r.int();
  const at = r.offset;
  const n = r.uint();
  if (n > OPAQUE_AUTH_MAX) r.fail('limit', `opaque_auth body of ${n} bytes exceeds the maximum ${OPAQUE_AUTH_MAX}`, at);
  return { flavor, body: r.fixedOpaque(n) };
}

// ---------------------------------------------------------------- calls

export function writeCallHeader(w: XdrWriter, h: CallHeader): void {
  w.uint(h.xid).int(MSG_TYPE.CALL).uint(RPC_VERSION).uint(h.prog).uint(h.vers).uint(h.proc);
  writeOpaqueAuth(w, h.cred);
  writeOpaqueAuth(w, h.verf);
}

export function encodeCall(h: CallHeader, args: Uint8Array = new Uint8Array(0)): Uint8Array {
  const w = new XdrWriter(MIN_CALL_BYTES + args.byteLength + h.cred.body.byteLength);
  writeCallHeader(w, h);
  appendXdr(w, args, 'arguments');
  return w.toBytes();
}

/** Appends already-encoded XDR (a whole number of 4-byte units, so nothing is padded). */
function appendXdr(w: XdrWriter, bytes: Uint8Array, what: string): void {
  if (bytes.byteLength % 4 !== 0) throw new KstatError('E_ARGUMENT', `rpc encode: ${what} of ${bytes.byteLength} bytes are not XDR (a multiple of 4)`);
  w.fixedOpaque(bytes, bytes.byteLength);
}

/** Runs `step`, returning its XdrError as a value (a problem the caller names). */
function attempt<T>(step: () => T): { value: T } | { error: XdrError } {
  try {
    return { value: step() };
  } catch (err) {
    if (err instanceof XdrError) return { error: err };
    throw err;
  }
}

/** A call message, or the problem that stops it. Never throws on any input. */
export function decodeCall(bytes: Uint8Array): CallDecode {
  const r = new XdrReader(bytes);
  if (r.remaining < 4) return { ok: false, problem: 'short' };
  const xid = r.uint();
  const head = attempt(() => [r.int(), r.uint()] as const);
  if ('error' in head) return { ok: false, problem: 'short', xid };
  const [msgType, rpcvers] = head.value;
  if (msgType !== MSG_TYPE.CALL) return { ok: false, problem: 'not-a-call', xid, msgType };
  // RFC 5531 §9: the rest of another RPC version need not look like ours.
  if (rpcvers !== RPC_VERSION) return { ok: false, problem: 'rpc-version', xid, rpcvers };
  const target = attempt(() => [r.uint(), r.uint(), r.uint()] as const);
  if ('error' in target) return { ok: false, problem: 'short', xid };
  const [prog, vers, proc] = target.value;
  const cred = attempt(() => readOpaqueAuth(r));
  if ('error' in cred) return { ok: false, problem: 'bad-cred', xid, message: cred.error.message };
  const verf = attempt(() => readOpaqueAuth(r));
  if ('error' in verf) return { ok: false, problem: 'bad-verf', xid, message: verf.error.message };
  const args = bytes.subarray(bytes.byteLength - r.remaining);
  return { ok: true, call: { xid, prog, vers, proc, cred: cred.value, verf: verf.value, args } };
}

// ---------------------------------------------------------------- replies

/** The header of a SUCCESS reply; the caller writes the results after it (no copy). */
export function writeSuccessHeader(w: XdrWriter, xid: number, verf: OpaqueAuth = AUTH_NONE_TOKEN): void {
  w.uint(xid).int(MSG_TYPE.REPLY).int(REPLY_STAT.MSG_ACCEPTED);
  writeOpaqueAuth(w, verf);
  w.int(ACCEPT_STAT.SUCCESS);
}

export function writeReply(w: XdrWriter, reply: RpcReply): void {
  if (reply.stat === 'SUCCESS') {
    writeSuccessHeader(w, reply.xid, reply.verf);
    appendXdr(w, reply.results, 'results');
    return;
  }
  w.uint(reply.xid).int(MSG_TYPE.REPLY);
  if (reply.stat === 'RPC_MISMATCH' || reply.stat === 'AUTH_ERROR') {
    w.int(REPLY_STAT.MSG_DENIED);
    if (reply.stat === 'RPC_MISMATCH') w.int(REJECT_STAT.RPC_MISMATCH).uint(reply.low).uint(reply.high);
    else w.int(REJECT_STAT.AUTH_ERROR).int(AUTH_STAT[reply.auth]);
    return;
  }
  w.int(REPLY_STAT.MSG_ACCEPTED);
  writeOpaqueAuth(w, reply.verf);
  w.int(ACCEPT_STAT[reply.stat]);
  if (reply.stat === 'PROG_MISMATCH') w.uint(reply.low).uint(reply.high);
}

export function encodeReply(reply: RpcReply): Uint8Array {
  const w = new XdrWriter(32 + (reply.stat === 'SUCCESS' ? reply.results.byteLength : 0));
  writeReply(w, reply);
  return w.toBytes();
}

/** A reply message (the client side). Throws XdrError on anything malformed. */
export function decodeReply(bytes: Uint8Array): RpcReply {
  const r = new XdrReader(bytes);
  const xid = r.uint();
  const typeAt = r.offset;
  const msgType = r.int();
  if (msgType !== MSG_TYPE.REPLY) r.fail('value', `msg_type ${msgType} is not REPLY`, typeAt);
  const replyStat = r.enumValue(new Set([0, 1]), 'reply_stat');
  const reply = replyStat === REPLY_STAT.MSG_DENIED ? readRejected(r, xid) : readAccepted(r, xid);
  if (reply.stat === 'SUCCESS') return { ...reply, results: bytes.subarray(bytes.byteLength - r.remaining) };
  r.end('the reply');
  return reply;
}

function readAccepted(r: XdrReader, xid: number): RpcReply {
  const verf = readOpaqueAuth(r);
  const stat = ACCEPT_BY_CODE.get(r.enumValue(new Set(ACCEPT_BY_CODE.keys()), 'accept_stat')) as AcceptStat;
  switch (stat) {
    case 'SUCCESS': return { xid, stat, verf, results: new Uint8Array(0) };
    case 'PROG_MISMATCH': return { xid, stat, verf, low: r.uint(), high: r.uint() };
    default: return { xid, stat, verf };
  }
}

function readRejected(r: XdrReader, xid: number): RpcReply {
  const stat = r.enumValue(new Set([0, 1]), 'reject_stat');
  if (stat === REJECT_STAT.RPC_MISMATCH) return { xid, stat: 'RPC_MISMATCH', low: r.uint(), high: r.uint() };
  const auth = AUTH_BY_CODE.get(r.enumValue(new Set(AUTH_BY_CODE.keys()), 'auth_stat')) as AuthStat;
  return { xid, stat: 'AUTH_ERROR', auth };
}
