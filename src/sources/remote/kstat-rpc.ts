/**
 * The procedures of program 100149 (protocol/kstat.x, docs/protocol.md) as typed calls over
 * one RpcClient: CHAINID, READ (kid 0 = every header of the chain) and READ_BATCH
 * (version 2). A kstat_status other than KSTAT_OK becomes a KstatError (statusError);
 * READ keeps ENXIO as a value, since "that kid is gone, update the chain" is for the caller
 * to act on.
 */
import { KstatError, type ErrorCode } from '../../errors.js';
import { decodeKstatHeaders, type KstatWithData } from '../../protocol/kstat-x/codec.js';
import {
  KSTATPROG, KSTATVERS, KSTATVERS_BATCH, KSTAT_RPC, decodeBatchResult, decodeChainIdResult, decodeReadResult, encodeBatchArgs, encodeReadArgs,
  type BatchArgs, type ReadResult,
} from '../../protocol/kstat-x/procedures.js';
import { KSTAT_STATUS, kstatStatusName } from '../../protocol/kstat-x/status.js';
import type { KstatHeader } from '../../kstat/types.js';
import type { SourceClock } from '../source.js';
import type { RpcClient } from './transport.js';

/** The library error for a kstat_status (the inverse of status.ts's STATUS_FOR_ERROR). */
const CODE_FOR_STATUS: ReadonlyMap<number, ErrorCode> = new Map<number, ErrorCode>([
  [KSTAT_STATUS.KSTAT_ENOENT, 'E_UNAVAILABLE'],
  [KSTAT_STATUS.KSTAT_ENXIO, 'E_UNAVAILABLE'],
  [KSTAT_STATUS.KSTAT_EINVAL, 'E_ARGUMENT'],
  [KSTAT_STATUS.KSTAT_EOVERFLOW, 'E_LIMIT'],
  [KSTAT_STATUS.KSTAT_EACCES, 'E_READ_ONLY'],
  [KSTAT_STATUS.KSTAT_EPERM, 'E_READ_ONLY'],
]);

export function statusError(status: number, what: string): KstatError {
  return new KstatError(CODE_FOR_STATUS.get(status) ?? 'E_SOURCE_IO', `${what}: the server answered ${kstatStatusName(status)}`);
}

export interface RemoteChainId extends SourceClock {
  readonly chainId: number;
}

export interface RemoteHeaders {
  readonly chainId: number;
  /** Every header of the chain in kid order, kid 0 first. */
  readonly headers: KstatHeader[];
}

/**
 * RAW data is kept as views of the reply record: RpcClient's deframer copies every record
 * into a buffer of its own (copy mode), which nothing writes to again, so the view is as
 * safe as a copy and a 20 MB socket view is not copied once more.
 */
const VIEWS = { opaqueViews: true } as const;

export class KstatRpc {
  readonly client: RpcClient;

  constructor(client: RpcClient) {
    this.client = client;
  }

  async chainId(): Promise<RemoteChainId> {
    const res = decodeChainIdResult(await this.client.call(KSTATPROG, KSTATVERS, KSTAT_RPC.CHAINID));
    if (!res.ok) throw statusError(res.status, `${this.client.label}: CHAINID`);
    return { chainId: res.chainId, bootTimeNs: res.bootTimeNs, sinceBootNs: res.sinceBootNs };
  }

  /** READ of one kid; ENXIO (and any other failure status) is returned, not thrown. */
  async read(kid: number): Promise<ReadResult> {
    return decodeReadResult(await this.client.call(KSTATPROG, KSTATVERS, KSTAT_RPC.READ, encodeReadArgs(kid)), VIEWS);
  }

  async readOk(kid: number): Promise<{ chainId: number; kstat: KstatWithData }> {
    const res = await this.read(kid);
    if (!res.ok) throw statusError(res.status, `${this.client.label}: READ of kid ${kid}`);
    return res;
  }

  /** READ(0): the chain's headers (the RAW kstat unix:0:kstat_headers). */
  async headers(): Promise<RemoteHeaders> {
    const { chainId, kstat } = await this.readOk(0);
    if (kstat.data.type !== 'RAW') throw new KstatError('E_PARSE', `${this.client.label}: kid 0 is ${kstat.data.type}, not the RAW headers kstat`);
    return { chainId, headers: decodeKstatHeaders(kstat.data.raw) };
  }

  /** READ_BATCH (version 2): the kstats that `args` select, from one consistent reading. */
  async batch(args: BatchArgs): Promise<{ chainId: number; kstats: readonly KstatWithData[]; gone: readonly number[] }> {
    const res = decodeBatchResult(await this.client.call(KSTATPROG, KSTATVERS_BATCH, KSTAT_RPC.READ_BATCH, encodeBatchArgs(args)), VIEWS);
    if (!res.ok) throw statusError(res.status, `${this.client.label}: READ_BATCH`);
    return res;
  }
}
