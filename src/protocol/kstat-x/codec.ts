/**
 * The kstat wire types: header, data (a union on ks_type), and a list of kstats with
 * their data. The snapshot file uses them today; issue 7's ONC RPC program 100149 will
 * use the same types, so they are written as the future `kstat.x` (rpcgen style) next to
 * the code. There was never a public kstat.x (seed-systems.md §4.1): this is our own.
 *
 *   const KSTAT_NAME_MAX   = 255;    // module, name, class, statistic and timer names
 *                                    // (Solaris KSTAT_STRLEN is 31; Linux names run longer)
 *   const KSTAT_CHAR_MAX   = 16;     // kstat_named_t value.c[16]
 *   const KSTAT_STRING_MAX = 65536;  // KSTAT_DATA_STRING
 *   const KSTAT_ARRAY_MAX  = 16777216;
 *   const KSTAT_RAW_MAX    = 1073741824;
 *   const KSTAT_LIST_MAX   = 1048576;
 *
 *   enum kstat_type { KSTAT_TYPE_RAW = 0, KSTAT_TYPE_NAMED = 1, KSTAT_TYPE_INTR = 2,
 *                     KSTAT_TYPE_IO = 3, KSTAT_TYPE_TIMER = 4 };
 *   enum kstat_data_type { KSTAT_DATA_CHAR = 0, KSTAT_DATA_INT32 = 1, KSTAT_DATA_UINT32 = 2,
 *                          KSTAT_DATA_INT64 = 3, KSTAT_DATA_UINT64 = 4, KSTAT_DATA_STRING = 9 };
 *
 *   struct kstat_header_x {
 *     int kid;  string module<KSTAT_NAME_MAX>;  int instance;  string name<KSTAT_NAME_MAX>;
 *     string ks_class<KSTAT_NAME_MAX>;  kstat_type type;  unsigned int flags;
 *     hyper crtime;  hyper snaptime;          // hrtime_t: ns since the source's boot
 *     unsigned int ndata;  unsigned int data_size;
 *   };
 *   union kstat_value_x switch (kstat_data_type data_type) {
 *     case KSTAT_DATA_CHAR:   opaque c<KSTAT_CHAR_MAX>;      // UTF-8 text, no NUL padding
 *     case KSTAT_DATA_INT32:  int i32;
 *     case KSTAT_DATA_UINT32: unsigned int ui32;
 *     case KSTAT_DATA_INT64:  hyper i64;
 *     case KSTAT_DATA_UINT64: unsigned hyper ui64;
 *     case KSTAT_DATA_STRING: string str<KSTAT_STRING_MAX>;
 *   };
 *   struct kstat_named_x { string name<KSTAT_NAME_MAX>; kstat_value_x value; };
 *   struct kstat_intr_x  { unsigned hyper intrs[5]; };  // HARD SOFT WATCHDOG SPURIOUS MULTSVC
 *   struct kstat_io_x {                                 // kstat_io_t order; counts 64-bit
 *     unsigned hyper nread; unsigned hyper nwritten; unsigned hyper reads; unsigned hyper writes;
 *     hyper wtime; hyper wlentime; hyper wlastupdate; hyper rtime; hyper rlentime; hyper rlastupdate;
 *     unsigned int wcnt; unsigned int rcnt;
 *   };
 *   struct kstat_timer_x {
 *     string name<KSTAT_NAME_MAX>; unsigned hyper num_events;
 *     hyper elapsed_time; hyper min_time; hyper max_time; hyper start_time; hyper stop_time;
 *   };
 *   union kstat_data_x switch (kstat_type type) {
 *     case KSTAT_TYPE_RAW:   opaque raw<KSTAT_RAW_MAX>;
 *     case KSTAT_TYPE_NAMED: kstat_named_x named<KSTAT_ARRAY_MAX>;
 *     case KSTAT_TYPE_INTR:  kstat_intr_x intr;
 *     case KSTAT_TYPE_IO:    kstat_io_x io;
 *     case KSTAT_TYPE_TIMER: kstat_timer_x timers<KSTAT_ARRAY_MAX>;
 *   };
 *   struct kstat_x { kstat_header_x header; kstat_data_x data; };  // header.type == data.type
 *   typedef kstat_x kstat_list_x<KSTAT_LIST_MAX>;
 *   typedef kstat_header_x kstat_headers_x<KSTAT_LIST_MAX>;        // data of kid 0
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
