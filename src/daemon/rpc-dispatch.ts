/**
 * One call record → the reply bytes (or nothing, when RFC 5531 says to drop it), for
 * program 100149 v1/v2. Admission (rpcvers, credentials, program, version, procedure,
 * NULL) is src/protocol/rpc/admission.ts; then the procedure's arguments are decoded
 * (an XdrError → GARBAGE_ARGS), the procedure runs (procedures.ts), a KstatError becomes
 * its kstat_status (STATUS_FOR_ERROR), anything else SYSTEM_ERR, and the result is
 * encoded. A result larger than the transport allows (UDP: UDP_MESSAGE_MAX; TCP: the
 * daemon's maxReplyBytes) is replaced by KSTAT_EOVERFLOW. No sockets: rpc-server.ts
 * owns the transports.
 */
import { KstatError } from '../errors.js';
import { admitCall, errorReply, successReply } from '../protocol/rpc/admission.js';
import { encodeReply, UDP_MESSAGE_MAX, type RpcCall } from '../protocol/rpc/message.js';
import { XdrError } from '../protocol/xdr/types.js';
import {
  KSTAT_PROGRAM, KSTAT_RPC, decodeBatchArgs, decodeReadArgs, decodeVoid, decodeWriteArgs,
  encodeBatchResult, encodeBatchResultChunks, encodeChainIdResult, encodeReadResult, encodeReadResultChunks, encodeWriteResult,
} from '../protocol/kstat-x/procedures.js';
import { KSTAT_STATUS, STATUS_FOR_ERROR } from '../protocol/kstat-x/status.js';
import { chainIdProc, readBatchProc, readProc, writeProc, type ProcedureContext } from './procedures.js';

export interface DispatchContext extends ProcedureContext {
  readonly transport: 'tcp' | 'udp';
  /** Largest reply over TCP (limits.maxReplyBytes). */
  readonly maxReplyBytes: number;
}

export interface Dispatched {
  /**
   * The reply message (no record mark) as pieces to send in order — a large RAW kstat is
   * one of them, never copied into a reply buffer — or undefined: drop.
   */
  readonly pieces: readonly Uint8Array[] | undefined;
  /** The same reply as one buffer (joined when first asked for: UDP, tests). */
  readonly reply: Uint8Array | undefined;
  /** What happened, for the log: "READ ok", "GARBAGE_ARGS: ...", "drop: ...". */
  readonly outcome: string;
  /** True when the server failed (SYSTEM_ERR): worth a warning. */
  readonly failed?: boolean;
}

/** Each procedure: decode the arguments, run, encode (as pieces); `refusal` encodes a failure status. */
interface Procedure {
  readonly name: string;
  run(ctx: ProcedureContext, args: Uint8Array): Promise<readonly Uint8Array[]>;
  refusal(status: number, chainId: number): Uint8Array;
}

const PROCEDURES: ReadonlyMap<number, Procedure> = new Map<number, Procedure>([
  [KSTAT_RPC.CHAINID, {
    name: 'CHAINID',
    run: async (ctx, a) => (decodeVoid(a), [encodeChainIdResult(await chainIdProc(ctx))]),
    refusal: (status) => encodeChainIdResult({ ok: false, status }),
  }],
  [KSTAT_RPC.READ, {
    name: 'READ',
    run: async (ctx, a) => encodeReadResultChunks(await readProc(ctx, decodeReadArgs(a))),
    refusal: (status, chainId) => encodeReadResult({ ok: false, status, chainId }),
  }],
  [KSTAT_RPC.WRITE, {
    name: 'WRITE',
    run: async (ctx, a) => [encodeWriteResult(await writeProc(ctx, decodeWriteArgs(a)))],
    refusal: (status, chainId) => encodeWriteResult({ status, chainId }),
  }],
  [KSTAT_RPC.READ_BATCH, {
    name: 'READ_BATCH',
    run: async (ctx, a) => encodeBatchResultChunks(await readBatchProc(ctx, decodeBatchArgs(a))),
    refusal: (status, chainId) => encodeBatchResult({ ok: false, status, chainId }),
  }],
]);

/** Bytes of an accepted SUCCESS reply around the results (xid, type, stat, verf, accept_stat). */
const SUCCESS_OVERHEAD = 24;

export async function dispatch(record: Uint8Array, ctx: DispatchContext): Promise<Dispatched> {
  const admission = admitCall(record, [KSTAT_PROGRAM]);
  if (admission.kind === 'drop') return dispatched(undefined, `drop: ${admission.reason}`);
  if (admission.kind === 'reply') return dispatched([encodeReply(admission.reply)], `${admission.reply.stat}: ${admission.reason}`);
  return runCall(admission.call, ctx);
}

async function runCall(call: RpcCall, ctx: DispatchContext): Promise<Dispatched> {
  const proc = PROCEDURES.get(call.proc)!; // admission checked the procedure number
  let results: readonly Uint8Array[];
  try {
    results = await proc.run(ctx, call.args);
  } catch (err) {
    if (err instanceof XdrError) return dispatched([encodeReply(errorReply(call.xid, 'GARBAGE_ARGS'))], `GARBAGE_ARGS: ${proc.name}: ${err.message}`);
    if (!KstatError.is(err)) {
      return dispatched([encodeReply(errorReply(call.xid, 'SYSTEM_ERR'))], `SYSTEM_ERR: ${proc.name}: ${(err as Error)?.stack ?? String(err)}`, true);
    }
    const refusal = proc.refusal(STATUS_FOR_ERROR[err.code] ?? KSTAT_STATUS.KSTAT_EIO, await currentChainId(ctx));
    return dispatched([encodeReply(successReply(call.xid, refusal))], `${proc.name}: ${err.code}: ${err.message}`);
  }
  const bytes = results.reduce((n, piece) => n + piece.byteLength, 0);
  const max = ctx.transport === 'udp' ? UDP_MESSAGE_MAX : ctx.maxReplyBytes;
  if (bytes + SUCCESS_OVERHEAD > max) {
    const refusal = proc.refusal(KSTAT_STATUS.KSTAT_EOVERFLOW, await currentChainId(ctx));
    return dispatched([encodeReply(successReply(call.xid, refusal))], `${proc.name}: EOVERFLOW (${bytes} bytes over ${ctx.transport})`);
  }
  // The header of the SUCCESS reply, then the results as they are (the same bytes as
  // encodeReply(successReply(xid, results)) gives, without copying the results).
  const header = encodeReply(successReply(call.xid, new Uint8Array(0)));
  return dispatched([header, ...results], `${proc.name} ok (${bytes} bytes)`);
}

/** A Dispatched whose one-buffer `reply` is joined from its pieces only when asked for. */
function dispatched(pieces: readonly Uint8Array[] | undefined, outcome: string, failed?: boolean): Dispatched {
  let joined: Uint8Array | undefined;
  return {
    pieces,
    get reply() {
      if (pieces === undefined) return undefined;
      if (joined !== undefined) return joined;
      if (pieces.length === 1) return (joined = pieces[0]!);
      joined = new Uint8Array(pieces.reduce((n, p) => n + p.byteLength, 0));
      let at = 0;
      for (const p of pieces) {
        joined.set(p, at);
        at += p.byteLength;
      }
      return joined;
    },
    outcome,
    ...(failed === true ? { failed } : {}),
  };
}

/** The chain id for a failure arm; 0 when even the chain cannot be had. */
async function currentChainId(ctx: ProcedureContext): Promise<number> {
  try {
    return (await ctx.chain()).chainId;
  } catch {
    return 0;
  }
}
