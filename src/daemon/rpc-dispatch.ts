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
  encodeBatchResult, encodeChainIdResult, encodeReadResult, encodeWriteResult,
} from '../protocol/kstat-x/procedures.js';
import { KSTAT_STATUS, STATUS_FOR_ERROR } from '../protocol/kstat-x/status.js';
import { chainIdProc, readBatchProc, readProc, writeProc, type ProcedureContext } from './procedures.js';

export interface DispatchContext extends ProcedureContext {
  readonly transport: 'tcp' | 'udp';
  /** Largest reply over TCP (limits.maxReplyBytes). */
  readonly maxReplyBytes: number;
}

export interface Dispatched {
  /** The reply message (no record mark), or undefined: drop. */
  readonly reply: Uint8Array | undefined;
  /** What happened, for the log: "READ ok", "GARBAGE_ARGS: ...", "drop: ...". */
  readonly outcome: string;
  /** True when the server failed (SYSTEM_ERR): worth a warning. */
  readonly failed?: boolean;
}

/** Each procedure: decode the arguments, run, encode; `refusal` encodes a failure status. */
interface Procedure {
  readonly name: string;
  run(ctx: ProcedureContext, args: Uint8Array): Promise<Uint8Array>;
  refusal(status: number, chainId: number): Uint8Array;
}

const PROCEDURES: ReadonlyMap<number, Procedure> = new Map<number, Procedure>([
  [KSTAT_RPC.CHAINID, {
    name: 'CHAINID',
    run: async (ctx, a) => (decodeVoid(a), encodeChainIdResult(await chainIdProc(ctx))),
    refusal: (status) => encodeChainIdResult({ ok: false, status }),
  }],
  [KSTAT_RPC.READ, {
    name: 'READ',
    run: async (ctx, a) => encodeReadResult(await readProc(ctx, decodeReadArgs(a))),
    refusal: (status, chainId) => encodeReadResult({ ok: false, status, chainId }),
  }],
  [KSTAT_RPC.WRITE, {
    name: 'WRITE',
    run: async (ctx, a) => encodeWriteResult(await writeProc(ctx, decodeWriteArgs(a))),
    refusal: (status, chainId) => encodeWriteResult({ status, chainId }),
  }],
  [KSTAT_RPC.READ_BATCH, {
    name: 'READ_BATCH',
    run: async (ctx, a) => encodeBatchResult(await readBatchProc(ctx, decodeBatchArgs(a))),
    refusal: (status, chainId) => encodeBatchResult({ ok: false, status, chainId }),
  }],
]);

/** Bytes of an accepted SUCCESS reply around the results (xid, type, stat, verf, accept_stat). */
const SUCCESS_OVERHEAD = 24;

export async function dispatch(record: Uint8Array, ctx: DispatchContext): Promise<Dispatched> {
  const admission = admitCall(record, [KSTAT_PROGRAM]);
  if (admission.kind === 'drop') return { reply: undefined, outcome: `drop: ${admission.reason}` };
  if (admission.kind === 'reply') return { reply: encodeReply(admission.reply), outcome: `${admission.reply.stat}: ${admission.reason}` };
  return runCall(admission.call, ctx);
}

async function runCall(call: RpcCall, ctx: DispatchContext): Promise<Dispatched> {
  const proc = PROCEDURES.get(call.proc)!; // admission checked the procedure number
  let results: Uint8Array;
  try {
    results = await proc.run(ctx, call.args);
  } catch (err) {
    if (err instanceof XdrError) return { reply: encodeReply(errorReply(call.xid, 'GARBAGE_ARGS')), outcome: `GARBAGE_ARGS: ${proc.name}: ${err.message}` };
    if (!KstatError.is(err)) {
      return { reply: encodeReply(errorReply(call.xid, 'SYSTEM_ERR')), outcome: `SYSTEM_ERR: ${proc.name}: ${(err as Error)?.stack ?? String(err)}`, failed: true };
    }
    results = proc.refusal(STATUS_FOR_ERROR[err.code] ?? KSTAT_STATUS.KSTAT_EIO, await currentChainId(ctx));
    return { reply: encodeReply(successReply(call.xid, results)), outcome: `${proc.name}: ${err.code}: ${err.message}` };
  }
  const max = ctx.transport === 'udp' ? UDP_MESSAGE_MAX : ctx.maxReplyBytes;
  if (results.byteLength + SUCCESS_OVERHEAD > max) {
    const over = results.byteLength;
    results = proc.refusal(KSTAT_STATUS.KSTAT_EOVERFLOW, await currentChainId(ctx));
    return { reply: encodeReply(successReply(call.xid, results)), outcome: `${proc.name}: EOVERFLOW (${over} bytes over ${ctx.transport})` };
  }
  return { reply: encodeReply(successReply(call.xid, results)), outcome: `${proc.name} ok (${results.byteLength} bytes)` };
}

/** The chain id for a failure arm; 0 when even the chain cannot be had. */
async function currentChainId(ctx: ProcedureContext): Promise<number> {
  try {
    return (await ctx.chain()).chainId;
  } catch {
    return 0;
  }
}
