/**
 * XDR codec for a whole `Reading<T>` (src/sources/source.ts): where it came from, when,
 * which path served it, its records, its issues and what was unavailable. This is the
 * payload of the RAW `netstat:0:<view>` kstats, so a snapshot file (and later the remote
 * daemon) carries every view losslessly.
 *
 *   const READING_XDR_VERSION = 1;
 *   struct source_info_x { string kind<SOURCE_KIND_MAX>; string label<TEXT_MAX>; };
 *   struct issue_x {
 *     string file<PATH_MAX>; unsigned int *line; unsigned hyper *offset;
 *     string code<ISSUE_CODE_MAX>; string message<TEXT_MAX>; string *text<TEXT_MAX>;
 *   };
 *   struct unavailable_x { string what<TEXT_MAX>; string *file<PATH_MAX>; string reason<TEXT_MAX>; };
 *   struct tagged_record_x { unsigned int layout; record_x value; };
 *   enum data_shape { ONE = 0, LIST = 1, TAGGED_LIST = 2 };
 *   union reading_data_x switch (data_shape shape) {
 *     case ONE:         struct { unsigned int layout; record_x value; } one;
 *     case LIST:        struct { unsigned int layout; record_x values<RECORD_ARRAY_MAX>; } list;
 *     case TAGGED_LIST: tagged_record_x values<RECORD_ARRAY_MAX>;  // e.g. inet-socket | unix-socket
 *   };
 *   struct reading_x {
 *     unsigned int version;            // READING_XDR_VERSION; another value is refused
 *     source_info_x source;
 *     hyper taken_at_ns;               // wall clock, ns since the Unix epoch (Date: ms precision)
 *     hyper monotonic_ns;              // process.hrtime.bigint() of the reader that took it
 *     string via<SOURCE_KIND_MAX>;
 *     layout_table_x layouts;          // record-layout.ts: every schema the data uses
 *     reading_data_x data;
 *     issue_x issues<RECORD_ARRAY_MAX>;
 *     unavailable_x unavailable<RECORD_ARRAY_MAX>;
 *   };
 *
 * `record_x` is records-xdr.ts's encoding of one record with the named layout. Source
 * kinds and issue codes are carried as strings and not checked against this version's
 * lists, so a newer writer's new kind or code reaches the user instead of failing the
 * whole reading. Pure: no I/O, no timers.
 */
import { KstatError, type Issue, type IssueCode } from '../errors.js';
import type { RecordSchema } from '../records/field.js';
import type { Reading, SourceKind, Unavailable } from '../records/reading.js';
import { XdrReader } from './xdr/reader.js';
import { XdrWriter } from './xdr/writer.js';
import { layoutTableFor, readLayoutTable, writeLayoutTable } from './record-layout.js';
import { RECORD_ARRAY_MAX, RecordDecoder, encodeRecord, recordEncoder, type RecordDecoderOptions, type RecordReader } from './records-xdr.js';

export const READING_XDR_VERSION = 1;
export const SOURCE_KIND_MAX = 64;
export const PATH_MAX = 4096;
export const ISSUE_CODE_MAX = 64;
export const TEXT_MAX = 65_536;

/** How a reading's `data` is shaped: one record, a list of one schema, or a tagged union. */
export type ReadingShape =
  | { readonly shape: 'one'; readonly schema: RecordSchema }
  | { readonly shape: 'list'; readonly schema: RecordSchema }
  | { readonly shape: 'tagged-list'; readonly schemas: readonly RecordSchema[]; readonly pick: (record: object) => RecordSchema };

const SHAPE_CODES = { one: 0, list: 1, 'tagged-list': 2 } as const;
const SHAPES_BY_CODE = new Map<number, ReadingShape['shape']>([[0, 'one'], [1, 'list'], [2, 'tagged-list']]);
const NS_PER_MS = 1_000_000n;

function rootsOf(shape: ReadingShape): readonly RecordSchema[] {
  return shape.shape === 'tagged-list' ? shape.schemas : [shape.schema];
}

/** Bytes a record usually takes (a socket: about 220): the first buffer is sized from the count, not grown 20 times. */
const RECORD_BYTES_GUESS = 256;

export function encodeReading(reading: Reading<unknown>, shape: ReadingShape): Uint8Array {
  const count = Array.isArray(reading.data) ? reading.data.length : 1;
  const w = new XdrWriter(Math.min(4096 + count * RECORD_BYTES_GUESS, 1 << 30));
  const ms = reading.takenAt.getTime();
  if (!Number.isFinite(ms)) throw new KstatError('E_ARGUMENT', 'reading encode: takenAt is an invalid Date');
  w.uint(READING_XDR_VERSION).string(reading.source.kind, SOURCE_KIND_MAX).string(reading.source.label, TEXT_MAX);
  w.hyper(BigInt(ms) * NS_PER_MS).hyper(reading.monotonicNs).string(reading.via, SOURCE_KIND_MAX);
  const { table, index } = layoutTableFor(rootsOf(shape));
  writeLayoutTable(w, table);
  writeData(w, reading.data, shape, index);
  w.array(reading.issues, RECORD_ARRAY_MAX, writeIssue);
  w.array(reading.unavailable, RECORD_ARRAY_MAX, writeUnavailable);
  return w.take();
}

function writeData(w: XdrWriter, data: unknown, shape: ReadingShape, index: Map<RecordSchema, number>): void {
  w.int(SHAPE_CODES[shape.shape]);
  if (shape.shape === 'one') {
    w.uint(index.get(shape.schema) as number);
    encodeRecord(w, shape.schema, data as object);
    return;
  }
  if (!Array.isArray(data)) throw new KstatError('E_ARGUMENT', `reading encode: data must be an array for shape ${shape.shape}`);
  if (shape.shape === 'list') {
    w.uint(index.get(shape.schema) as number);
    w.array(data as object[], RECORD_ARRAY_MAX, recordEncoder(shape.schema));
    return;
  }
  // One lookup per schema, not per record: the last schema picked is usually the next one's.
  let last: RecordSchema | undefined;
  let lastAt = 0;
  let lastEncoder = recordEncoder(shape.schemas[0] as RecordSchema);
  w.array(data as object[], RECORD_ARRAY_MAX, (w1, rec) => {
    const schema = shape.pick(rec);
    if (schema !== last) {
      const at = index.get(schema);
      if (at === undefined) throw new KstatError('E_ARGUMENT', `reading encode: pick() chose "${schema.kind}", not in the shape`);
      last = schema;
      lastAt = at;
      lastEncoder = recordEncoder(schema);
    }
    w1.uint(lastAt);
    lastEncoder(w1, rec);
  });
}

function writeIssue(w: XdrWriter, i: Issue): void {
  w.string(i.file, PATH_MAX);
  w.optional(i.line, (w1, v) => w1.uint(v));
  w.optional(i.offset, (w1, v) => {
    if (!Number.isSafeInteger(v) || v < 0) throw new KstatError('E_ARGUMENT', `reading encode: issue offset ${v} is not a byte offset`);
    w1.uhyper(BigInt(v));
  });
  w.string(i.code, ISSUE_CODE_MAX).string(i.message, TEXT_MAX);
  w.optional(i.text, (w1, v) => w1.string(v, TEXT_MAX));
}

function writeUnavailable(w: XdrWriter, u: Unavailable): void {
  w.string(u.what, TEXT_MAX);
  w.optional(u.file, (w1, v) => w1.string(v, PATH_MAX));
  w.string(u.reason, TEXT_MAX);
}

/**
 * Decodes a reading encoded with a shape whose schemas have the same kinds (fields may
 * differ between versions: see record-layout.ts). Throws XdrError (E_PARSE, with the byte
 * offset, plus `base` when the bytes sit inside a larger file) on anything malformed.
 */
export function decodeReading<T>(bytes: Uint8Array, shape: ReadingShape, base = 0, options: RecordDecoderOptions = {}): Reading<T> {
  const r = new XdrReader(bytes, base);
  const versionAt = r.offset;
  const version = r.uint();
  if (version !== READING_XDR_VERSION) r.fail('value', `reading encoding version ${version} is not ${READING_XDR_VERSION}`, versionAt);
  const source = { kind: r.string(SOURCE_KIND_MAX) as SourceKind, label: r.string(TEXT_MAX) };
  const takenAt = readDate(r);
  const monotonicNs = r.hyper();
  const via = r.string(SOURCE_KIND_MAX);
  const decoder = new RecordDecoder(readLayoutTable(r), options);
  const data = readData(r, shape, decoder) as T;
  const issues = r.array(RECORD_ARRAY_MAX, readIssue, 24);
  const unavailable = r.array(RECORD_ARRAY_MAX, readUnavailable, 12);
  r.end('the reading');
  return { source, takenAt, monotonicNs, via, data, issues, unavailable };
}

function readDate(r: XdrReader): Date {
  // Any hyper fits: ±2^63 ns is about ±292 years, well inside a Date's ±8.64e15 ms.
  const ns = r.hyper();
  // Floor division: a writer with sub-millisecond precision rounds down, also before 1970.
  const ms = ns / NS_PER_MS - (ns % NS_PER_MS < 0n ? 1n : 0n);
  return new Date(Number(ms));
}

function readData(r: XdrReader, shape: ReadingShape, decoder: RecordDecoder): unknown {
  const at = r.offset;
  const code = r.int();
  const wrote = SHAPES_BY_CODE.get(code);
  if (wrote !== shape.shape) r.fail('value', `data shape ${wrote ?? code} where ${shape.shape} is expected`, at);
  const roots = rootsOf(shape);
  const schemaFor = (layoutAt: number, layout: number): RecordSchema => {
    const kind = decoder.kindOf(layout);
    const schema = roots.find((s) => s.kind === kind);
    if (schema === undefined) r.fail('value', `layout ${layout} (${kind ?? 'none'}) is not one of ${roots.map((s) => s.kind).join(', ')}`, layoutAt);
    return schema;
  };
  if (shape.shape === 'tagged-list') {
    // Readers by layout index, found once each (a reading names a handful of layouts).
    const readers: (RecordReader | undefined)[] = [];
    return r.array(RECORD_ARRAY_MAX, (r1) => {
      const layoutAt = r1.offset;
      const layout = r1.uint();
      const read = readers[layout] ?? (readers[layout] = decoder.readerOf(layout, schemaFor(layoutAt, layout)));
      return read(r1);
    }, 8);
  }
  const layoutAt = r.offset;
  const layout = r.uint();
  const schema = schemaFor(layoutAt, layout);
  if (shape.shape === 'one') return decoder.decode(r, layout, schema);
  return r.array(RECORD_ARRAY_MAX, decoder.readerOf(layout, schema));
}

function readIssue(r: XdrReader): Issue {
  const file = r.string(PATH_MAX);
  const line = r.optional((r1) => r1.uint());
  const offsetAt = r.offset;
  const offset = r.optional((r1) => r1.uhyper());
  if (offset !== undefined && offset > BigInt(Number.MAX_SAFE_INTEGER)) r.fail('value', `issue offset ${offset} is too large`, offsetAt);
  const code = r.string(ISSUE_CODE_MAX) as IssueCode;
  const message = r.string(TEXT_MAX);
  const text = r.optional((r1) => r1.string(TEXT_MAX));
  const out: { file: string; line?: number; offset?: number; code: IssueCode; message: string; text?: string } = { file, code, message };
  if (line !== undefined) out.line = line;
  if (offset !== undefined) out.offset = Number(offset);
  if (text !== undefined) out.text = text;
  return out;
}

function readUnavailable(r: XdrReader): Unavailable {
  const what = r.string(TEXT_MAX);
  const file = r.optional((r1) => r1.string(PATH_MAX));
  const reason = r.string(TEXT_MAX);
  return file === undefined ? { what, reason } : { what, file, reason };
}
