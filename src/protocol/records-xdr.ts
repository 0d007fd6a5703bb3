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
 */
import { KstatError } from '../errors.js';
import type { FieldKind, FieldSpec, RecordOf, RecordSchema } from '../records/field.js';
import { XDR_LIMITS, XdrError } from './xdr/types.js';
import type { XdrReader } from './xdr/reader.js';
import type { XdrWriter } from './xdr/writer.js';
import { layoutTableFor, type LayoutTable } from './record-layout.js';

export const RECORD_STRING_MAX = XDR_LIMITS.string;
export const RECORD_ARRAY_MAX = XDR_LIMITS.array;
export const COUNTER_NAME_MAX = 4096;

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
}

const WIDENS: Readonly<Partial<Record<FieldKind, readonly FieldKind[]>>> = { u32: ['u64', 'i64'], i32: ['i64'] };

/** Decodes records written with a given layout table, onto this version's schemas. */
export class RecordDecoder {
  private readonly table: LayoutTable;
  private readonly plans = new Map<number, Map<RecordSchema | null, Plan>>();

  constructor(table: LayoutTable) {
    this.table = table;
  }

  /** Kind name of layout `index` (undefined when out of range). */
  kindOf(index: number): string | undefined {
    return this.table.layouts[index]?.kind;
  }

  /** One record of layout `index`, as a record of `schema` (kinds must agree). */
  decode<S extends RecordSchema>(r: XdrReader, index: number, schema: S): RecordOf<S> {
    return this.read(r, this.plan(index, schema)) as RecordOf<S>;
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
    const plan: Plan = { kind: layout.kind, template, checkPresent: required.filter((k) => optionalThere.has(k)), steps };
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
      case 'strings': return r.array(RECORD_ARRAY_MAX, (r1) => r1.string(RECORD_STRING_MAX));
      case 'counters': return readCounters(r);
      case 'records': return r.array(RECORD_ARRAY_MAX, (r1) => this.read(r1, s.nested as Plan));
    }
  }
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
    // defineProperty: a counter named "__proto__" must stay an own property.
    Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
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
