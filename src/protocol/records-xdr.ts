/**
 * Schema-driven XDR codec for records: any `RecordOf<schema>` is encoded by walking the
 * schema's fields in declaration order, so adding a field to a schema extends the wire
 * format with no code here. Field kinds map to XDR (RFC 4506) as:
 *
 *   u64 → unsigned hyper      i64 → hyper         u32 → unsigned int   i32 → int
 *   string → string<RECORD_STRING_MAX> (an enum is a string checked against `values`)
 *   bool → bool               strings → string<RECORD_STRING_MAX><RECORD_ARRAY_MAX>
 *   counters → counter_x<RECORD_ARRAY_MAX>   records → record_x<RECORD_ARRAY_MAX>
 *   an optional field (opt.*) → XDR optional-data: bool, then the value when TRUE
 *
 *   union counter_value switch (bool negative) {
 *     case FALSE: unsigned hyper value;   // 0 .. 2^64-1
 *     case TRUE:  hyper value;            // -2^63 .. -1 (Tcp MaxConn is -1)
 *   };
 *   struct counter_x { string name<COUNTER_NAME_MAX>; counter_value value; };
 *
 * Decoding maps the WRITER's layout (record-layout.ts) onto this version's schema by
 * field name: unknown fields are skipped, u32/i32 widen to u64/i64, a missing required
 * field or an enum value outside `values` is an XdrError (E_PARSE) with its offset.
 * Decoded records carry every schema field as an own property (undefined when absent).
 * Encoding refuses, with E_ARGUMENT naming the field, a value that does not fit its kind.
 *
 * Speed (a remote socket listing moves 100k records each way): each schema's encoder and
 * each layout→schema decoder is compiled once into straight-line code (`new Function`,
 * generated only from our own schema's keys and the steps' kinds, never from input
 * bytes), shared by every reading with the same layouts. The walking encoder
 * (`encodeChecked`) and decoder (`RecordDecoder` with `interpreted`) stay as the reference:
 * the compiled code writes and reads the same bytes, throws the same errors at the same
 * offsets (it hands anything unusual to the reference path), and tests compare them.
 */
import { KstatError } from '../errors.js';
import type { FieldKind, FieldSpec, RecordOf, RecordSchema } from '../records/field.js';
import { HYPER_MAX, HYPER_MIN, UHYPER_MAX, XDR_LIMITS, XdrError } from './xdr/types.js';
import type { XdrReader } from './xdr/reader.js';
import type { XdrWriter } from './xdr/writer.js';
import { layoutTableFor, type LayoutTable } from './record-layout.js';

export const RECORD_STRING_MAX = XDR_LIMITS.string;
export const RECORD_ARRAY_MAX = XDR_LIMITS.array;
export const COUNTER_NAME_MAX = 4096;

/** 0n .. 1023n: decoded hypers that small (zero timers, counts) share one BigInt each. */
const SMALL_HYPERS = 1024;
const SMALL_BIGINTS: readonly bigint[] = Array.from({ length: SMALL_HYPERS }, (_, i) => BigInt(i));

// ---------------------------------------------------------------- encoding

interface EncField {
  readonly key: string;
  /** "schema-kind.field", for error messages. */
  readonly path: string;
  readonly spec: FieldSpec;
  readonly values: ReadonlySet<string> | undefined;
}

const encodePlans = new WeakMap<RecordSchema, readonly EncField[]>();

function encFields(schema: RecordSchema): readonly EncField[] {
  let plan = encodePlans.get(schema);
  if (plan === undefined) {
    plan = Object.entries(schema.fields).map(([key, spec]) => ({ key, path: `${schema.kind}.${key}`, spec, values: spec.values && new Set(spec.values) }));
    encodePlans.set(schema, plan);
  }
  return plan;
}

function refuse(path: string, message: string): never {
  throw new KstatError('E_ARGUMENT', `record encode: ${path}: ${message}`);
}

type Put = (w: XdrWriter, v: unknown, f: EncField, path: string) => void;

const PUT: Readonly<Record<FieldKind, Put>> = {
  u64: (w, v) => w.uhyper(v as bigint),
  i64: (w, v) => w.hyper(v as bigint),
  u32: (w, v) => w.uint(v as number),
  i32: (w, v) => w.int(v as number),
  bool: (w, v) => w.bool(v as boolean),
  string: (w, v, f, path) => {
    if (f.values !== undefined && !f.values.has(v as string)) refuse(path, `"${String(v)}" is not one of its values`);
    w.string(v as string, RECORD_STRING_MAX);
  },
  strings: (w, v) => w.array(v as string[], RECORD_ARRAY_MAX, (w1, s) => w1.string(s, RECORD_STRING_MAX)),
  counters: (w, v, _f, path) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) refuse(path, 'counters must be an object');
    w.array(Object.entries(v), RECORD_ARRAY_MAX, (w1, [name, value]) => {
      w1.string(name, COUNTER_NAME_MAX);
      if (typeof value !== 'bigint') refuse(`${path}.${name}`, `counter must be a bigint, got ${typeof value}`);
      if (value < 0n) w1.bool(true).hyper(value);
      else w1.bool(false).uhyper(value);
    });
  },
  records: (w, v, f) => w.array(v as object[], RECORD_ARRAY_MAX, (w1, rec) => encodeRecord(w1, f.spec.of as RecordSchema, rec)),
};

/** Writes `record` as the schema's fields in declaration order (no layout). */
export function encodeRecord(w: XdrWriter, schema: RecordSchema, record: object): void {
  recordEncoder(schema)(w, record);
}

/** Encodes one record of a schema (see recordEncoder). */
export type RecordEncoder = (w: XdrWriter, record: object) => void;

const encoders = new WeakMap<RecordSchema, RecordEncoder>();

/**
 * The encoder of `schema`, compiled once: straight-line code with one named property read
 * per field (hot loops over 100k records see one object shape and inline every writer
 * call). It writes exactly what `encodeChecked` writes. It checks only what it must to stay
 * correct; on anything unexpected (a missing required field, a value the writer refuses,
 * a value outside an enum) it drops what it wrote of the record and runs `encodeChecked`,
 * which throws the error naming the field — so errors are the same on both paths.
 */
export function recordEncoder(schema: RecordSchema): RecordEncoder {
  let enc = encoders.get(schema);
  if (enc === undefined) {
    enc = compileEncoder(schema) ?? ((w, record) => encodeChecked(w, schema, record));
    encoders.set(schema, enc);
  }
  return enc;
}

/** Keys the generated code may name: schema keys only (never bytes from a peer), and never __proto__. */
const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Bytes of each fixed-size kind on the wire. */
const FIXED_BYTES: Partial<Record<FieldKind, number>> = { u64: 8, i64: 8, u32: 4, i32: 4, bool: 4 };

/** Strings up to this many ASCII chars are written inline by compiled encoders. */
const INLINE_STRING_MAX = 40;

/**
 * An enum's values as XDR words (length, then the chars with zero padding), for values
 * that are ASCII: what a compiled encoder writes and a compiled decoder compares.
 */
function enumWords(values: Iterable<string>): Map<string, readonly number[]> {
  const out = new Map<string, readonly number[]>();
  for (const v of values) {
    if (!/^[\x00-\x7f]*$/.test(v) || v.length > INLINE_STRING_MAX) continue;
    const words = [v.length];
    for (let i = 0; i < v.length; i += 4) {
      let word = 0;
      for (let k = 0; k < 4; k++) word = (word << 8) | (i + k < v.length ? v.charCodeAt(i + k) : 0);
      words.push(word >>> 0);
    }
    out.set(v, words);
  }
  return out;
}

interface RunItem {
  /** Code writing the field at q through D; `rest` is the most the items after it in the run take. */
  readonly code: (rest: number) => string;
  /** The most bytes it takes. */
  readonly max: number;
}

/**
 * Fields are written in runs: one reserve for the run's largest size, values set through
 * the writer's view, `pos` set to the run's real end. Numbers, bools, enums (their values
 * as precomputed words) and short ASCII strings (char by char) are run items; a longer or
 * non-ASCII string leaves the run for the writer's own method and the run goes on after
 * it. Lists go through the writer's methods. Checks are the writer's: `(v >>> 0) === v` is
 * exactly "an integer in 0 .. 2^32-1", `(v | 0) === v` the int range.
 */
function compileEncoder(schema: RecordSchema): RecordEncoder | undefined {
  const plan = encFields(schema);
  if (plan.some((f) => !PLAIN_KEY.test(f.key) || f.key === '__proto__')) return undefined;
  const words: (Map<string, readonly number[]> | undefined)[] = [];
  const nested: RecordEncoder[] = [];
  const lines: string[] = [];
  let run: RunItem[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const total = run.reduce((n, item) => n + item.max, 0);
    lines.push(`q = w.reserve(${total}); D = w.view;`);
    let rest = total;
    for (const item of run) {
      rest -= item.max;
      lines.push(item.code(rest));
    }
    lines.push('w.pos = q;');
    run = [];
  };
  plan.forEach((f, i) => {
    words.push(f.values === undefined ? undefined : enumWords(f.values));
    nested.push(f.spec.kind === 'records' ? recordEncoder(f.spec.of as RecordSchema) : (undefined as never));
    const v = `v${i}`;
    const get = `const ${v} = rec.${f.key};`;
    const size = FIXED_BYTES[f.spec.kind];
    let put: ((rest: number) => string) | undefined;
    let max = 0;
    if (size !== undefined) {
      max = size;
      switch (f.spec.kind) {
        case 'u64': put = () => `if (typeof ${v} !== 'bigint' || ${v} < 0n || ${v} > ${UHYPER_MAX}n) throw F; D.setBigUint64(q, ${v}); q += 8;`; break;
        case 'i64': put = () => `if (typeof ${v} !== 'bigint' || ${v} < ${HYPER_MIN}n || ${v} > ${HYPER_MAX}n) throw F; D.setBigInt64(q, ${v}); q += 8;`; break;
        case 'u32': put = () => `if ((${v} >>> 0) !== ${v}) throw F; D.setUint32(q, ${v}); q += 4;`; break;
        case 'i32': put = () => `if ((${v} | 0) !== ${v}) throw F; D.setInt32(q, ${v}); q += 4;`; break;
        default: put = () => `if (${v} !== true && ${v} !== false) throw F; D.setUint32(q, ${v} ? 1 : 0); q += 4;`;
      }
    } else if (f.spec.kind === 'string' && f.values !== undefined) {
      const table = words[i] as Map<string, readonly number[]>;
      max = Math.max(4, ...[...table.values()].map((ws) => ws.length * 4));
      // A value not in the table (not a value, or not ASCII) goes to the checked path.
      put = () => `{ const ws = W[${i}].get(${v}); if (ws === undefined) throw F; for (let k = 0; k < ws.length; k++) D.setUint32(q + 4 * k, ws[k]); q += ws.length * 4; }`;
    } else if (f.spec.kind === 'string') {
      max = 4 + INLINE_STRING_MAX;
      put = (rest) => `if (typeof ${v} !== 'string') throw F;
      { const n = ${v}.length; let k = 0;
        if (n <= ${INLINE_STRING_MAX}) for (; k < n; k++) { const c = ${v}.charCodeAt(k); if (c > 127) break; D.setUint8(q + 4 + k, c); }
        if (k === n && n <= ${INLINE_STRING_MAX}) { D.setUint32(q, n); q += 4 + ((n + 3) & -4); }
        else { for (let t = 0; t < k; t++) D.setUint8(q + 4 + t, 0); w.pos = q; w.string(${v}, ${RECORD_STRING_MAX}); q = w.reserve(${rest}); D = w.view; } }`;
    }
    if (put !== undefined) {
      const write = put;
      run.push({
        max: max + (f.spec.optional ? 4 : 0),
        code: (rest) => `${get} ${f.spec.optional
          ? `if (${v} === undefined) { D.setUint32(q, 0); q += 4; } else { D.setUint32(q, 1); q += 4; ${write(rest)} }`
          : `if (${v} === undefined) throw F; ${write(rest)}`}`,
      });
      return;
    }
    flush();
    let call: string;
    if (f.spec.kind === 'records') {
      call = `if (!Array.isArray(${v}) || ${v}.length > ${RECORD_ARRAY_MAX}) throw F; w.uint(${v}.length); for (let j = 0; j < ${v}.length; j++) N[${i}](w, ${v}[j]);`;
    } else {
      call = `P.${f.spec.kind}(w, ${v}, E[${i}], E[${i}].path);`; // strings, counters: rare and small
    }
    lines.push(get, f.spec.optional ? `if (${v} === undefined) w.bool(false); else { w.bool(true); ${call} }` : `if (${v} === undefined) throw F; ${call}`);
  });
  flush();
  const body = `return function encode(w, rec) {
    if (typeof rec !== 'object' || rec === null) return SLOW(w, rec);
    const start = w.pos;
    let q = 0, D;
    try {
      ${lines.join('\n      ')}
    } catch {
      w.rewind(start);
      SLOW(w, rec);
    }
  };`;
  // Generated from our own schema (field keys checked above), never from input bytes.
  const make = new Function('W', 'N', 'P', 'E', 'F', 'SLOW', body) as (...deps: unknown[]) => RecordEncoder;
  return make(words, nested, PUT, plan, FAST_PATH_FAILED, (w: XdrWriter, rec: object) => encodeChecked(w, schema, rec));
}

/** What the compiled encoder throws to fall back to encodeChecked (never seen by callers). */
const FAST_PATH_FAILED = Object.freeze({ fastPathFailed: true });

/**
 * The reference encoder: walks the schema, checks every value, errors name the field. The
 * compiled encoders write the same bytes (tests compare them).
 */
export function encodeChecked(w: XdrWriter, schema: RecordSchema, record: object): void {
  if (typeof record !== 'object' || record === null) refuse(schema.kind, 'record must be an object');
  const values = record as Record<string, unknown>;
  for (const f of encFields(schema)) {
    const v = values[f.key];
    if (v === undefined) {
      if (!f.spec.optional) refuse(f.path, 'required field is undefined');
      w.bool(false);
      continue;
    }
    if (f.spec.optional) w.bool(true);
    try {
      PUT[f.spec.kind](w, v, f, f.path);
    } catch (err) {
      if (KstatError.is(err) && err.code === 'E_ARGUMENT' && !err.message.startsWith('record encode')) refuse(f.path, err.message);
      throw err;
    }
  }
}

// ---------------------------------------------------------------- decoding

interface Step {
  /** Property to set; undefined for a field this version does not know (read and dropped). */
  readonly key: string | undefined;
  readonly kind: FieldKind;
  readonly optional: boolean;
  /** The writer had u32/i32 where this version has u64/i64. */
  readonly widen: boolean;
  readonly values: ReadonlySet<string> | undefined;
  readonly nested: Plan | undefined;
}

interface Plan {
  readonly kind: string;
  /** Every schema field, undefined: decoded records start as a copy of it. */
  readonly template: Readonly<Record<string, undefined>>;
  /** Required here but optional in the writer's layout: checked per record. */
  readonly checkPresent: readonly string[];
  readonly steps: readonly Step[];
  /** Decodes one record (compiled from the steps when the schema's keys allow, else `read`). */
  readonly run: (r: XdrReader) => Record<string, unknown>;
}

/** Decodes one record of a layout as a record of this version's schema. */
export type RecordReader = (r: XdrReader) => Record<string, unknown>;

const WIDENS: Readonly<Partial<Record<FieldKind, readonly FieldKind[]>>> = { u32: ['u64', 'i64'], i32: ['i64'] };

export interface RecordDecoderOptions {
  /** Decode by walking each plan's steps instead of compiled code: the reference path (tests compare the two). */
  readonly interpreted?: boolean;
}

/** Decodes records written with a given layout table, onto this version's schemas. */
export class RecordDecoder {
  private readonly table: LayoutTable;
  private readonly plans = new Map<number, Map<RecordSchema | null, Plan>>();
  private readonly interpreted: boolean;

  constructor(table: LayoutTable, options: RecordDecoderOptions = {}) {
    this.table = table;
    this.interpreted = options.interpreted === true;
  }

  /** Kind name of layout `index` (undefined when out of range). */
  kindOf(index: number): string | undefined {
    return this.table.layouts[index]?.kind;
  }

  /** One record of layout `index`, as a record of `schema` (kinds must agree). */
  decode<S extends RecordSchema>(r: XdrReader, index: number, schema: S): RecordOf<S> {
    return this.plan(index, schema).run(r) as RecordOf<S>;
  }

  /** The reader of records of layout `index` as `schema` (for loops over many records). */
  readerOf(index: number, schema: RecordSchema): RecordReader {
    return this.plan(index, schema).run;
  }

  /** Compiles (once) how layout `index` maps onto `schema`; null schema = skip everything. */
  plan(index: number, schema: RecordSchema | null): Plan {
    const layout = this.table.layouts[index];
    const at = this.table.offsets[index] ?? 0;
    if (layout === undefined) throw new XdrError('value', at, `no record layout ${index}`);
    let bySchema = this.plans.get(index);
    if (bySchema === undefined) this.plans.set(index, (bySchema = new Map()));
    const known = bySchema.get(schema);
    if (known !== undefined) return known;
    if (schema !== null && layout.kind !== schema.kind) {
      throw new XdrError('value', at, `record layout ${index} is "${layout.kind}" where "${schema.kind}" is expected`);
    }
    const fields = schema?.fields ?? {};
    const given = new Set(layout.fields.map((f) => f.name));
    const steps = layout.fields.map((field): Step => {
      const spec = Object.hasOwn(fields, field.name) ? fields[field.name] : undefined;
      const widen = spec !== undefined && spec.kind !== field.kind && (WIDENS[field.kind]?.includes(spec.kind) ?? false);
      if (spec !== undefined && spec.kind !== field.kind && !widen) {
        throw new XdrError('value', at, `field ${layout.kind}.${field.name} is ${field.kind} in the data but ${spec.kind} in this version`);
      }
      const nestedSchema = spec?.of ?? null;
      const nested = field.kind === 'records' ? this.plan(field.of, nestedSchema) : undefined;
      const values = spec?.values && new Set(spec.values);
      return { key: spec === undefined ? undefined : field.name, kind: field.kind, optional: field.optional, widen, values, nested };
    });
    const required = Object.entries(fields).filter(([, s]) => !s.optional).map(([k]) => k);
    const missing = required.find((k) => !given.has(k));
    if (missing !== undefined) throw new XdrError('value', at, `records "${layout.kind}" lack field ${missing}, which this version requires`);
    const optionalThere = new Set(layout.fields.filter((f) => f.optional).map((f) => f.name));
    const template = Object.fromEntries(Object.keys(fields).map((k) => [k, undefined]));
    const checkPresent = required.filter((k) => optionalThere.has(k));
    const base = { kind: layout.kind, template, checkPresent, steps };
    const compiled = this.interpreted ? undefined : compiledReader(schema, base);
    const plan: Plan = { ...base, run: compiled ?? ((r) => this.read(r, plan)) };
    bySchema.set(schema, plan);
    return plan;
  }

  private read(r: XdrReader, plan: Plan): Record<string, unknown> {
    const at = r.offset;
    // A copy of one template gives every record of a plan the same shape (hidden class).
    const rec: Record<string, unknown> = { ...plan.template };
    for (const s of plan.steps) {
      const v = s.optional && !r.bool() ? undefined : this.value(r, s);
      if (s.key !== undefined) rec[s.key] = v;
    }
    for (const k of plan.checkPresent) {
      if (rec[k] === undefined) r.fail('value', `required field ${plan.kind}.${k} is absent`, at);
    }
    return rec;
  }

  private value(r: XdrReader, s: Step): unknown {
    switch (s.kind) {
      case 'u64': return r.uhyper();
      case 'i64': return r.hyper();
      case 'u32': return s.widen ? BigInt(r.uint()) : r.uint();
      case 'i32': return s.widen ? BigInt(r.int()) : r.int();
      case 'bool': return r.bool();
      case 'string': return readEnum(r, s.values);
      case 'strings': return readStrings(r);
      case 'counters': return readCounters(r);
      case 'records': return r.array(RECORD_ARRAY_MAX, (r1) => this.read(r1, s.nested as Plan));
    }
  }
}

/**
 * Compiled readers, shared by every RecordDecoder whose plan has the same structure: each
 * reading brings its own layout table (so its own decoder), but a peer sends the same
 * layouts call after call, and a reader compiled once stays optimized (and its records
 * keep one hidden class) across readings. Per schema, bounded: layouts come from peers.
 */
const compiledReaders = new WeakMap<object, Map<string, RecordReader | undefined>>();
const COMPILED_PER_SCHEMA_MAX = 32;
const NO_SCHEMA = {};

/** What a plan's compiled code depends on: its kind, keys, checks and each step's shape, nested plans included. */
function planSignature(plan: Omit<Plan, 'run'>): string {
  const steps = plan.steps.map((s) => [s.key ?? '', s.kind, s.optional ? 1 : 0, s.widen ? 1 : 0, s.nested === undefined ? '' : planSignature(s.nested)]);
  return JSON.stringify([plan.kind, Object.keys(plan.template), plan.checkPresent, steps]);
}

function compiledReader(schema: RecordSchema | null, plan: Omit<Plan, 'run'>): RecordReader | undefined {
  let bySignature = compiledReaders.get(schema ?? NO_SCHEMA);
  if (bySignature === undefined) compiledReaders.set(schema ?? NO_SCHEMA, (bySignature = new Map()));
  const signature = planSignature(plan);
  if (bySignature.has(signature)) return bySignature.get(signature);
  const reader = compileReader(plan);
  if (bySignature.size >= COMPILED_PER_SCHEMA_MAX) bySignature.clear();
  bySignature.set(signature, reader);
  return reader;
}

/**
 * A plan as straight-line code: one local per schema field, each step a direct reader
 * call, the record built by one object literal in schema order (every record of a plan
 * has one shape). Only the steps' kinds and our schema's keys shape the code; nothing
 * from the input bytes is ever part of it (field names from the data select steps, and
 * unknown ones are read into a scratch variable). Same bytes read, same checks, same
 * errors and offsets as `read`.
 */
function compileReader(plan: Omit<Plan, 'run'>): RecordReader | undefined {
  const keys = Object.keys(plan.template);
  if (keys.some((k) => !PLAIN_KEY.test(k) || k === '__proto__')) return undefined;
  const slot = new Map(keys.map((k, i) => [k, `s${i}`]));
  const values: (ReadonlySet<string> | undefined)[] = [];
  const nested: (RecordReader | undefined)[] = [];
  const lines: string[] = [];
  // Fixed-size items are read at p through the view; a failed check puts p back in the
  // reader and calls the checked method, which throws the error the slow path would.
  const need = (n: number, method: string) => `if (L - p < ${n}) { r.pos = p; r.${method}(); }`;
  const hyper = (target: string, get: string) =>
    `{ const h = D.getUint32(p), l = D.getUint32(p + 4); ${target} = h === 0 && l < ${SMALL_HYPERS} ? SB[l] : D.${get}(p); } p += 8;`;
  const tables: (EnumTable | undefined)[] = [];
  plan.steps.forEach((step, j) => {
    values.push(step.values);
    nested.push(step.nested?.run);
    tables.push(step.kind === 'string' && step.values !== undefined ? enumTable(step.values) : undefined);
    const target = step.key === undefined ? 'x' : (slot.get(step.key) as string);
    let read: string;
    switch (step.kind) {
      case 'u64': read = `${need(8, 'uhyper')} ${hyper(target, 'getBigUint64')}`; break;
      case 'i64': read = `${need(8, 'hyper')} ${hyper(target, 'getBigInt64')}`; break;
      case 'u32': read = `${need(4, 'uint')} ${target} = ${step.widen ? 'SB_OF(D.getUint32(p))' : 'D.getUint32(p)'}; p += 4;`; break;
      case 'i32': read = `${need(4, 'int')} ${target} = ${step.widen ? 'BigInt(D.getInt32(p))' : 'D.getInt32(p)'}; p += 4;`; break;
      case 'bool': read = `${need(4, 'bool')} { const b = D.getUint32(p); if (b > 1) { r.pos = p; r.bool(); } ${target} = b === 1; } p += 4;`; break;
      default: {
        let call: string;
        switch (step.kind) {
          case 'string': call = `r.string(${RECORD_STRING_MAX})`; break;
          case 'strings': call = 'H.readStrings(r)'; break;
          case 'counters': call = 'H.readCounters(r)'; break;
          default: call = `r.array(${RECORD_ARRAY_MAX}, N[${j}])`;
        }
        read = `r.pos = p; ${target} = ${call}; p = r.pos;`;
        // An enum value is found by comparing words with its values' (length and padding
        // included); anything else is read and checked by readEnum.
        if (step.kind === 'string' && step.values !== undefined) {
          read = `x = H.enumAt(D, p, L, T[${j}]); if (x !== undefined) { ${target} = x; p += 4 + ((x.length + 3) & -4); } else { r.pos = p; ${target} = H.readEnum(r, V[${j}]); p = r.pos; }`;
        }
      }
    }
    lines.push(step.optional
      ? `${need(4, 'bool')} { const o = D.getUint32(p); if (o > 1) { r.pos = p; r.bool(); } p += 4; if (o === 1) { ${read} } }`
      : read);
  });
  const checks = plan.checkPresent.map((k, i) => `if (${slot.get(k) as string} === undefined) r.fail('value', M[${i}], at);`);
  const body = `return function decode(r) {
    const at = r.offset, B = r.bytes, D = r.view, L = B.byteLength;
    let p = r.pos, x${keys.map((_k, i) => `, s${i}`).join('')};
    ${lines.join('\n    ')}
    r.pos = p;
    ${checks.join('\n    ')}
    return { ${keys.map((k, i) => `${k}: s${i}`).join(', ')} };
  };`;
  const messages = plan.checkPresent.map((k) => `required field ${plan.kind}.${k} is absent`);
  // Generated from our own schema's keys (checked above) and the steps' kinds only.
  const make = new Function('V', 'N', 'M', 'H', 'SB', 'SB_OF', 'T', body) as (...deps: unknown[]) => RecordReader;
  return make(values, nested, messages, { readEnum, readStrings, readCounters, enumAt }, SMALL_BIGINTS, (n: number) => (n < SMALL_HYPERS ? SMALL_BIGINTS[n] : BigInt(n)), tables);
}

/** An enum's ASCII values by byte length, each with its data words (chars and zero padding). */
type EnumTable = readonly ({ readonly value: string; readonly words: readonly number[] }[] | undefined)[];

function enumTable(values: Iterable<string>): EnumTable {
  const table: ({ value: string; words: readonly number[] }[] | undefined)[] = [];
  for (const [value, words] of enumWords(values)) (table[value.length] ??= []).push({ value, words: words.slice(1) });
  return table;
}

/** The value of `table` whose string is at p (length word, chars, zero padding), or undefined. */
function enumAt(D: DataView, p: number, L: number, table: EnumTable): string | undefined {
  if (L - p < 4) return undefined;
  const n = D.getUint32(p);
  const list = n < table.length ? table[n] : undefined;
  if (list === undefined || p + 4 + ((n + 3) & -4) > L) return undefined;
  next: for (const e of list) {
    for (let k = 0; k < e.words.length; k++) if (D.getUint32(p + 4 + 4 * k) !== e.words[k]) continue next;
    return e.value;
  }
  return undefined;
}

function readStrings(r: XdrReader): string[] {
  return r.array(RECORD_ARRAY_MAX, (r1) => r1.string(RECORD_STRING_MAX));
}

function readEnum(r: XdrReader, values: ReadonlySet<string> | undefined): string {
  const at = r.offset;
  const v = r.string(RECORD_STRING_MAX);
  if (values !== undefined && !values.has(v)) r.fail('value', `"${v.slice(0, 40)}" is not a known value`, at);
  return v;
}

/** counter_x<>: 16 bytes at least each; names unique; a NEGATIVE arm must be negative. */
function readCounters(r: XdrReader): Record<string, bigint> {
  const out: Record<string, bigint> = {};
  r.array(RECORD_ARRAY_MAX, (r1) => {
    const at = r1.offset;
    const name = r1.string(COUNTER_NAME_MAX);
    if (Object.hasOwn(out, name)) r1.fail('value', `counter "${name.slice(0, 40)}" appears twice`, at);
    const negative = r1.bool();
    const valueAt = r1.offset;
    const value = negative ? r1.hyper() : r1.uhyper();
    if (negative && value >= 0n) r1.fail('value', 'a NEGATIVE counter arm holds a non-negative value', valueAt);
    // A counter named "__proto__" must stay an own property: defineProperty for that one.
    if (name === '__proto__') Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
    else out[name] = value;
  }, 16);
  return out;
}

const positional = new WeakMap<RecordSchema, { decoder: RecordDecoder; index: number }>();

/** Reads one record written by `encodeRecord` with this version's `schema` (no layout). */
export function decodeRecord<S extends RecordSchema>(r: XdrReader, schema: S): RecordOf<S> {
  let entry = positional.get(schema);
  if (entry === undefined) {
    const { table, index } = layoutTableFor([schema]);
    entry = { decoder: new RecordDecoder(table), index: index.get(schema) as number };
    positional.set(schema, entry);
  }
  return entry.decoder.decode(r, entry.index, schema);
}
