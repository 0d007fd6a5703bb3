/**
 * Arguments and results of the procedures of program KSTATPROG (protocol/kstat.x):
 *
 *   version KSTATVERS (1):       NULL 0, CHAINID 1 (void → kstat_chainid_res),
 *                                READ 2 (int kid → kstat_read_res),
 *                                WRITE 3 (kstat_write_args → kstat_write_res)
 *   version KSTATVERS_BATCH (2): the same, plus READ_BATCH 4 (kstat_batch_args → kstat_batch_res)
 *
 * Each result union is `switch (kstat_status status)` with the data in the KSTAT_OK arm
 * and, in the default arm, the chain id (READ, READ_BATCH) or nothing (CHAINID). In
 * TypeScript a result is `{ ok: true, ... } | { ok: false, status, ... }`; `status` is
 * any number (kstat.x rule 2; status.ts names them). Decoders throw XdrError (a server
 * answers GARBAGE_ARGS) and require the whole body to be used; encoders refuse values
 * that do not fit with E_ARGUMENT. The netstat and system views need no procedure of
 * their own: they are the RAW kstats netstat:0:<view> and system:0:<view>, read with
 * READ or with one READ_BATCH selector. Pure: no I/O.
 */
import { KstatError } from '../../errors.js';
import type { KstatData } from '../../kstat/types.js';
import type { ServedProgram } from '../rpc/admission.js';
import { XdrReader } from '../xdr/reader.js';
import { XdrWriter } from '../xdr/writer.js';
import { KSTAT_LIST_MAX, MIN_KSTAT_BYTES, readKstat, readKstatData, writeKstat, writeKstatData, type KstatWithData } from './codec.js';
import { KSTAT_STATUS } from './status.js';

export const KSTATPROG = 100149;
export const KSTATVERS = 1;
export const KSTATVERS_BATCH = 2;
export const KSTAT_RPC = { NULL: 0, CHAINID: 1, READ: 2, WRITE: 3, READ_BATCH: 4 } as const;
export const KSTAT_BATCH_KIDS_MAX = 65_536;
export const KSTAT_SELECTORS_MAX = 64;
export const KSTAT_PATTERN_MAX = 1024;
export const KSTAT_INSTANCE_ANY = -1;

/** Program 100149 as admission.ts serves it. */
export const KSTAT_PROGRAM: ServedProgram = {
  prog: KSTATPROG,
  versions: new Map([
    [KSTATVERS, new Set([0, 1, 2, 3])],
    [KSTATVERS_BATCH, new Set([0, 1, 2, 3, 4])],
  ]),
};

export type ChainIdResult =
  | { readonly ok: true; readonly chainId: number; readonly bootTimeNs: bigint; readonly sinceBootNs: bigint }
  | { readonly ok: false; readonly status: number };
export type ReadResult =
  | { readonly ok: true; readonly chainId: number; readonly kstat: KstatWithData }
  | { readonly ok: false; readonly status: number; readonly chainId: number };
export interface WriteArgs {
  readonly kid: number;
  readonly data: KstatData;
}
export interface WriteResult {
  readonly status: number;
  readonly chainId: number;
}
/** One kstat_selector_x: kstat(1M) patterns (glob or /ERE/; "" = any). */
export interface BatchSelector {
  readonly module: string;
  /** An instance, or KSTAT_INSTANCE_ANY. */
  readonly instance: number;
  readonly name: string;
  readonly class: string;
}
export type BatchArgs = { readonly by: 'kids'; readonly kids: readonly number[] } | { readonly by: 'selectors'; readonly selectors: readonly BatchSelector[] };
export type BatchResult =
  | { readonly ok: true; readonly chainId: number; readonly kstats: readonly KstatWithData[]; readonly gone: readonly number[] }
  | { readonly ok: false; readonly status: number; readonly chainId: number };

const OK = KSTAT_STATUS.KSTAT_OK;
const BATCH_BY = { kids: 0, selectors: 1 } as const;

function encodeWith(initial: number, write: (w: XdrWriter) => void): Uint8Array {
  const w = new XdrWriter(initial);
  write(w);
  return w.toBytes();
}

/** RAW data from this size on is not copied into a result's pieces (see XdrWriter's spliceFrom). */
export const SPLICE_FROM = 64 * 1024;

/** A result as pieces to write in order; large RAW data stays where it is (no copy). */
function chunksWith(initial: number, write: (w: XdrWriter) => void): Uint8Array[] {
  const w = new XdrWriter(initial, { spliceFrom: SPLICE_FROM });
  write(w);
  return w.chunks();
}

/** How results are decoded: `opaqueViews` gives RAW data as views of the bytes (XdrReaderOptions). */
export interface ResultDecodeOptions {
  readonly opaqueViews?: boolean;
}

function decodeWhole<T>(bytes: Uint8Array, what: string, read: (r: XdrReader) => T, options: ResultDecodeOptions = {}): T {
  const r = new XdrReader(bytes, 0, options);
  const value = read(r);
  r.end(what);
  return value;
}

/** The status of a failure arm: anything but KSTAT_OK (which would select the data arm). */
function failureStatus(status: number): number {
  if (status === OK || !Number.isInteger(status)) throw new KstatError('E_ARGUMENT', `kstat encode: a failure needs a status other than KSTAT_OK, got ${status}`);
  return status;
}

// ---------------------------------------------------------------- void (NULL, CHAINID args)

export function decodeVoid(bytes: Uint8Array): void {
  decodeWhole(bytes, 'void arguments', () => undefined);
}

// ---------------------------------------------------------------- CHAINID

export function writeChainIdResult(w: XdrWriter, res: ChainIdResult): void {
  if (!res.ok) {
    w.int(failureStatus(res.status));
    return;
  }
  w.int(OK).int(res.chainId).hyper(res.bootTimeNs).hyper(res.sinceBootNs);
}

export const encodeChainIdResult = (res: ChainIdResult): Uint8Array => encodeWith(32, (w) => writeChainIdResult(w, res));

export function decodeChainIdResult(bytes: Uint8Array): ChainIdResult {
  return decodeWhole(bytes, 'kstat_chainid_res', (r): ChainIdResult => {
    const status = r.int();
    if (status !== OK) return { ok: false, status };
    return { ok: true, chainId: r.int(), bootTimeNs: r.hyper(), sinceBootNs: r.hyper() };
  });
}

// ---------------------------------------------------------------- READ

export const encodeReadArgs = (kid: number): Uint8Array => encodeWith(4, (w) => w.int(kid));
export const decodeReadArgs = (bytes: Uint8Array): number => decodeWhole(bytes, 'the kid', (r) => r.int());

export function writeReadResult(w: XdrWriter, res: ReadResult): void {
  if (!res.ok) {
    w.int(failureStatus(res.status)).int(res.chainId);
    return;
  }
  w.int(OK).int(res.chainId);
  writeKstat(w, res.kstat);
}

export const encodeReadResult = (res: ReadResult): Uint8Array => encodeWith(256, (w) => writeReadResult(w, res));
/** The same bytes as encodeReadResult, as pieces (a large RAW kstat is not copied). */
export const encodeReadResultChunks = (res: ReadResult): Uint8Array[] => chunksWith(256, (w) => writeReadResult(w, res));

export function decodeReadResult(bytes: Uint8Array, options: ResultDecodeOptions = {}): ReadResult {
  return decodeWhole(bytes, 'kstat_read_res', (r): ReadResult => {
    const status = r.int();
    if (status !== OK) return { ok: false, status, chainId: r.int() };
    return { ok: true, chainId: r.int(), kstat: readKstat(r) };
  }, options);
}

// ---------------------------------------------------------------- WRITE

export function encodeWriteArgs(args: WriteArgs): Uint8Array {
  return encodeWith(64, (w) => {
    w.int(args.kid);
    writeKstatData(w, args.data);
  });
}

export const decodeWriteArgs = (bytes: Uint8Array): WriteArgs => decodeWhole(bytes, 'kstat_write_args', (r) => ({ kid: r.int(), data: readKstatData(r) }));

export const encodeWriteResult = (res: WriteResult): Uint8Array => encodeWith(8, (w) => w.int(res.status).int(res.chainId));
export const decodeWriteResult = (bytes: Uint8Array): WriteResult => decodeWhole(bytes, 'kstat_write_res', (r) => ({ status: r.int(), chainId: r.int() }));

// ---------------------------------------------------------------- READ_BATCH

function writeSelector(w: XdrWriter, s: BatchSelector): void {
  w.string(s.module, KSTAT_PATTERN_MAX).int(s.instance).string(s.name, KSTAT_PATTERN_MAX).string(s.class, KSTAT_PATTERN_MAX);
}

function readSelector(r: XdrReader): BatchSelector {
  return { module: r.string(KSTAT_PATTERN_MAX), instance: r.int(), name: r.string(KSTAT_PATTERN_MAX), class: r.string(KSTAT_PATTERN_MAX) };
}

export function encodeBatchArgs(args: BatchArgs): Uint8Array {
  return encodeWith(64, (w) => {
    w.int(BATCH_BY[args.by]);
    if (args.by === 'kids') w.array(args.kids, KSTAT_BATCH_KIDS_MAX, (x, kid) => x.int(kid));
    else if (args.by === 'selectors') w.array(args.selectors, KSTAT_SELECTORS_MAX, writeSelector);
    else throw new KstatError('E_ARGUMENT', `kstat encode: batch by ${String((args as { by: unknown }).by)}`);
  });
}

export function decodeBatchArgs(bytes: Uint8Array): BatchArgs {
  return decodeWhole(bytes, 'kstat_batch_args', (r): BatchArgs => {
    const by = r.enumValue(new Set([0, 1]), 'kstat_batch_by');
    if (by === BATCH_BY.kids) return { by: 'kids', kids: r.array(KSTAT_BATCH_KIDS_MAX, (x) => x.int()) };
    return { by: 'selectors', selectors: r.array(KSTAT_SELECTORS_MAX, readSelector, 16) };
  });
}

export function writeBatchResult(w: XdrWriter, res: BatchResult): void {
  if (!res.ok) {
    w.int(failureStatus(res.status)).int(res.chainId);
    return;
  }
  w.int(OK).int(res.chainId);
  w.array(res.kstats, KSTAT_LIST_MAX, writeKstat);
  w.array(res.gone, KSTAT_BATCH_KIDS_MAX, (x, kid) => x.int(kid));
}

export const encodeBatchResult = (res: BatchResult): Uint8Array => encodeWith(4096, (w) => writeBatchResult(w, res));
/** The same bytes as encodeBatchResult, as pieces (large RAW kstats are not copied). */
export const encodeBatchResultChunks = (res: BatchResult): Uint8Array[] => chunksWith(4096, (w) => writeBatchResult(w, res));

export function decodeBatchResult(bytes: Uint8Array, options: ResultDecodeOptions = {}): BatchResult {
  return decodeWhole(bytes, 'kstat_batch_res', (r): BatchResult => {
    const status = r.int();
    if (status !== OK) return { ok: false, status, chainId: r.int() };
    const chainId = r.int();
    const kstats = r.array(KSTAT_LIST_MAX, readKstat, MIN_KSTAT_BYTES);
    const gone = r.array(KSTAT_BATCH_KIDS_MAX, (x) => x.int());
    return { ok: true, chainId, kstats, gone };
  }, options);
}
