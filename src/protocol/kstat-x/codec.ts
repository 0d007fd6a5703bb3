/**
 * The kstat wire types of protocol/kstat.x, which is the one definition of their layout:
 * kstat_header_x, kstat_value_x, kstat_named_x, kstat_intr_x, kstat_io_x, kstat_timer_x,
 * kstat_data_x (a union on ks_type), kstat_x, kstat_list_x and kstat_headers_x (the RAW
 * data of kid 0). The snapshot file body and the replies of ONC RPC program 100149 both
 * use them. This module encodes exactly those layouts, field for field and in order; the
 * constants below are the `const`s of kstat.x (test/unit/protocol/kstat-x/kstat-x-file
 * checks both, and compares our bytes with rpcgen's C xdr_* routines).
 *
 * Mapping to the TypeScript model (src/kstat/types.ts): ks_class → `class`, data_size →
 * `dataSize`, kstat_intr_x.intrs[0..4] → hard, soft, watchdog, spurious, multipleService,
 * KSTAT_DATA_CHAR's opaque c<16> → a UTF-8 string (refused on decode when not UTF-8).
 *
 * Decoding throws XdrError (E_PARSE, byte offset); encoding refuses values that do not
 * fit with E_ARGUMENT. Pure: no I/O, no timers.
 */
import { KstatError } from '../../errors.js';
import { KSTAT_DATA, KSTAT_TYPE, type IntrStats, type IoStats, type KstatData, type KstatHeader, type KstatType, type NamedDataType, type NamedStat, type TimerStat } from '../../kstat/types.js';
import { XdrReader } from '../xdr/reader.js';
import { XdrWriter } from '../xdr/writer.js';
import { XDR_LIMITS } from '../xdr/types.js';

export const KSTAT_NAME_MAX = 255;
export const KSTAT_CHAR_MAX = 16;
export const KSTAT_STRING_MAX = XDR_LIMITS.string;
export const KSTAT_ARRAY_MAX = XDR_LIMITS.array;
export const KSTAT_RAW_MAX = XDR_LIMITS.opaque;
export const KSTAT_LIST_MAX = 1_048_576;

/** A kstat with the data of one reading: what a snapshot or a READ reply carries. */
export type KstatWithData = KstatHeader & { readonly data: KstatData };

const invert = <K extends string>(table: Readonly<Record<K, number>>) => new Map(Object.entries(table).map(([k, v]) => [v as number, k as K]));
const TYPE_BY_CODE = invert<KstatType>(KSTAT_TYPE);
const DATA_TYPE_BY_CODE = invert<NamedDataType>(KSTAT_DATA);
const TYPE_CODES = new Set(TYPE_BY_CODE.keys());
const DATA_TYPE_CODES = new Set(DATA_TYPE_BY_CODE.keys());
const utf8 = new TextEncoder();
const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const INTR_KEYS = ['hard', 'soft', 'watchdog', 'spurious', 'multipleService'] as const;
const IO_COUNTS = ['nread', 'nwritten', 'reads', 'writes'] as const;
const IO_TIMES = ['wtime', 'wlentime', 'wlastupdate', 'rtime', 'rlentime', 'rlastupdate'] as const;
const TIMER_TIMES = ['elapsedTime', 'minTime', 'maxTime', 'startTime', 'stopTime'] as const;

// ---------------------------------------------------------------- header

export function writeKstatHeader(w: XdrWriter, h: KstatHeader): void {
  w.int(h.kid).string(h.module, KSTAT_NAME_MAX).int(h.instance).string(h.name, KSTAT_NAME_MAX).string(h.class, KSTAT_NAME_MAX);
  w.int(KSTAT_TYPE[h.type]).uint(h.flags).hyper(h.crtime).hyper(h.snaptime).uint(h.ndata).uint(h.dataSize);
}

export function readKstatHeader(r: XdrReader): KstatHeader {
  const kid = r.int();
  const module = r.string(KSTAT_NAME_MAX);
  const instance = r.int();
  const name = r.string(KSTAT_NAME_MAX);
  const cls = r.string(KSTAT_NAME_MAX);
  const type = TYPE_BY_CODE.get(r.enumValue(TYPE_CODES, 'kstat type')) as KstatType;
  const flags = r.uint();
  const crtime = r.hyper();
  const snaptime = r.hyper();
  const ndata = r.uint();
  const dataSize = r.uint();
  return { kid, module, instance, name, class: cls, type, flags, crtime, snaptime, ndata, dataSize };
}

// ---------------------------------------------------------------- data

function writeNamed(w: XdrWriter, s: NamedStat): void {
  w.string(s.name, KSTAT_NAME_MAX).int(KSTAT_DATA[s.type]);
  switch (s.type) {
    case 'CHAR': w.opaque(utf8.encode(s.value), KSTAT_CHAR_MAX); break;
    case 'STRING': w.string(s.value, KSTAT_STRING_MAX); break;
    case 'INT32': w.int(s.value); break;
    case 'UINT32': w.uint(s.value); break;
    case 'INT64': w.hyper(s.value); break;
    case 'UINT64': w.uhyper(s.value); break;
    default: throw new KstatError('E_ARGUMENT', `kstat encode: named stat ${String((s as NamedStat).name)} has unknown type`);
  }
}

function readNamed(r: XdrReader): NamedStat {
  const name = r.string(KSTAT_NAME_MAX);
  const type = DATA_TYPE_BY_CODE.get(r.enumValue(DATA_TYPE_CODES, 'kstat data type')) as NamedDataType;
  switch (type) {
    case 'CHAR': return { name, type, value: readChar(r) };
    case 'STRING': return { name, type, value: r.string(KSTAT_STRING_MAX) };
    case 'INT32': return { name, type, value: r.int() };
    case 'UINT32': return { name, type, value: r.uint() };
    case 'INT64': return { name, type, value: r.hyper() };
    case 'UINT64': return { name, type, value: r.uhyper() };
  }
}

function readChar(r: XdrReader): string {
  const at = r.offset;
  const bytes = r.opaque(KSTAT_CHAR_MAX);
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return r.fail('value', 'CHAR value is not valid UTF-8', at);
  }
}

function writeTimer(w: XdrWriter, t: TimerStat): void {
  w.string(t.name, KSTAT_NAME_MAX).uhyper(t.numEvents);
  for (const k of TIMER_TIMES) w.hyper(t[k]);
}

function readTimer(r: XdrReader): TimerStat {
  const name = r.string(KSTAT_NAME_MAX);
  const numEvents = r.uhyper();
  const [elapsedTime, minTime, maxTime, startTime, stopTime] = TIMER_TIMES.map(() => r.hyper()) as [bigint, bigint, bigint, bigint, bigint];
  return { name, numEvents, elapsedTime, minTime, maxTime, startTime, stopTime };
}

function writeIo(w: XdrWriter, io: IoStats): void {
  for (const k of IO_COUNTS) w.uhyper(io[k]);
  for (const k of IO_TIMES) w.hyper(io[k]);
  w.uint(io.wcnt).uint(io.rcnt);
}

function readIo(r: XdrReader): IoStats {
  const [nread, nwritten, reads, writes] = IO_COUNTS.map(() => r.uhyper()) as [bigint, bigint, bigint, bigint];
  const [wtime, wlentime, wlastupdate, rtime, rlentime, rlastupdate] = IO_TIMES.map(() => r.hyper()) as [bigint, bigint, bigint, bigint, bigint, bigint];
  const wcnt = r.uint();
  const rcnt = r.uint();
  return { nread, nwritten, reads, writes, wtime, wlentime, wlastupdate, rtime, rlentime, rlastupdate, wcnt, rcnt };
}

function readIntr(r: XdrReader): IntrStats {
  const [hard, soft, watchdog, spurious, multipleService] = INTR_KEYS.map(() => r.uhyper()) as [bigint, bigint, bigint, bigint, bigint];
  return { hard, soft, watchdog, spurious, multipleService };
}

export function writeKstatData(w: XdrWriter, d: KstatData): void {
  w.int(KSTAT_TYPE[d.type]);
  switch (d.type) {
    case 'RAW': w.opaque(d.raw, KSTAT_RAW_MAX); break;
    case 'NAMED': w.array(d.named, KSTAT_ARRAY_MAX, writeNamed); break;
    case 'INTR': for (const k of INTR_KEYS) w.uhyper(d.intr[k]); break;
    case 'IO': writeIo(w, d.io); break;
    case 'TIMER': w.array(d.timers, KSTAT_ARRAY_MAX, writeTimer); break;
    default: throw new KstatError('E_ARGUMENT', `kstat encode: unknown data type ${String((d as KstatData).type)}`);
  }
}

export function readKstatData(r: XdrReader): KstatData {
  const type = TYPE_BY_CODE.get(r.enumValue(TYPE_CODES, 'kstat type')) as KstatType;
  switch (type) {
    case 'RAW': return { type, raw: r.opaque(KSTAT_RAW_MAX) };
    case 'NAMED': return { type, named: r.array(KSTAT_ARRAY_MAX, readNamed, 12) };
    case 'INTR': return { type, intr: readIntr(r) };
    case 'IO': return { type, io: readIo(r) };
    case 'TIMER': return { type, timers: r.array(KSTAT_ARRAY_MAX, readTimer, 52) };
  }
}

// ---------------------------------------------------------------- kstat, lists

export function writeKstat(w: XdrWriter, k: KstatWithData): void {
  if (k.data === undefined || k.data.type !== k.type) {
    throw new KstatError('E_ARGUMENT', `kstat encode: ${k.module}:${k.instance}:${k.name} is ${k.type} but its data is ${k.data?.type ?? 'missing'}`);
  }
  try {
    writeKstatHeader(w, k);
    writeKstatData(w, k.data);
  } catch (err) {
    if (!KstatError.is(err) || err.code !== 'E_ARGUMENT') throw err;
    throw new KstatError('E_ARGUMENT', `kstat encode: ${k.module}:${k.instance}:${k.name}: ${err.message}`, { cause: err });
  }
}

export function readKstat(r: XdrReader): KstatWithData {
  const header = readKstatHeader(r);
  const dataAt = r.offset;
  const data = readKstatData(r);
  if (data.type !== header.type) r.fail('value', `kstat ${header.module}:${header.instance}:${header.name} is ${header.type} but its data is ${data.type}`, dataAt);
  return { ...header, data };
}

/** Smallest kstat_x: a header of empty strings (52 bytes) and an empty RAW arm (8). */
export const MIN_KSTAT_BYTES = 60;

export function writeKstatList(w: XdrWriter, list: readonly KstatWithData[]): void {
  w.array(list, KSTAT_LIST_MAX, writeKstat);
}

export function readKstatList(r: XdrReader): KstatWithData[] {
  return r.array(KSTAT_LIST_MAX, readKstat, MIN_KSTAT_BYTES);
}

export function encodeKstatList(list: readonly KstatWithData[]): Uint8Array {
  const w = new XdrWriter(4096);
  writeKstatList(w, list);
  return w.toBytes();
}

export function decodeKstatList(bytes: Uint8Array, base = 0): KstatWithData[] {
  const r = new XdrReader(bytes, base);
  const list = readKstatList(r);
  r.end('the kstat list');
  return list;
}

/** The data of kid 0 (`unix:0:kstat_headers`): every header, in kid order. */
export function encodeKstatHeaders(headers: readonly KstatHeader[]): Uint8Array {
  const w = new XdrWriter(4096);
  w.array(headers, KSTAT_LIST_MAX, writeKstatHeader);
  return w.toBytes();
}

export function decodeKstatHeaders(bytes: Uint8Array, base = 0): KstatHeader[] {
  const r = new XdrReader(bytes, base);
  const list = r.array(KSTAT_LIST_MAX, readKstatHeader, 52);
  r.end('the kstat headers');
  return list;
}
