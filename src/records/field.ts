/**
 * The schema language for records: the ABI contract of the library.
 *
 * Every record kind is declared once as a `RecordSchema`: its fields with their kstat
 * data type, unit, meaning and (where the kernel prints it) the kernel's own name and
 * the kernel version that introduced it. The TypeScript type of a record is derived
 * from its schema (`RecordOf`), the JSON encoding walks the schema, and later the kstat,
 * wire, SNMP and OpenMetrics mappings do too: adding a field is adding one line here.
 *
 * Optional fields are `undefined` when the source did not provide them — never zero.
 */

/** kstat(1M) NAMED data types (seed-systems.md §1.5) plus the shapes records need. */
export type FieldKind =
  | 'u64' // unsigned 64-bit, bigint (KSTAT_DATA_UINT64): every kernel counter
  | 'i64' // signed 64-bit, bigint (KSTAT_DATA_INT64)
  | 'u32' // unsigned 32-bit, number (KSTAT_DATA_UINT32)
  | 'i32' // signed 32-bit, number (KSTAT_DATA_INT32)
  | 'string' // text (KSTAT_DATA_STRING)
  | 'bool' // flag, shown as 0/1 in kstat
  | 'strings' // list of text
  | 'records' // list of nested records of another schema
  | 'counters'; // open map of kernel-named 64-bit counters (unknown columns kept by name)

export type Unit =
  | 'bytes'
  | 'packets'
  | 'count'
  | 'pages'
  | 'ms'
  | 'us'
  | 'ns'
  | 'jiffies'
  | 'clock_ticks'
  | 'seconds'
  | 'mbit_s'
  | 'kib';

export interface FieldSpec {
  readonly kind: FieldKind;
  readonly doc: string;
  readonly optional: boolean;
  readonly unit?: Unit;
  /** The kernel's own name for the value (column header, file or attribute). */
  readonly kernel?: string;
  /** First kernel version that prints it, where it matters. */
  readonly since?: string;
  /** For `string` fields with a closed set of values. */
  readonly values?: readonly string[];
  /** For `records` fields: the nested schema. */
  readonly of?: RecordSchema;
}

export interface RecordSchema<F extends Record<string, FieldSpec> = Record<string, FieldSpec>> {
  readonly kind: string;
  readonly doc: string;
  readonly fields: F;
}

type Extras = { unit?: Unit; kernel?: string; since?: string };

function spec<K extends FieldKind, O extends boolean>(kind: K, doc: string, optional: O, extras: Extras = {}) {
  return { kind, doc, optional, ...extras } as const;
}

/** Field constructors. `opt.*` makes the field optional (absent → undefined). */
export const f = {
  u64: (doc: string, extras?: Extras) => spec('u64', doc, false, extras),
  i64: (doc: string, extras?: Extras) => spec('i64', doc, false, extras),
  u32: (doc: string, extras?: Extras) => spec('u32', doc, false, extras),
  i32: (doc: string, extras?: Extras) => spec('i32', doc, false, extras),
  string: (doc: string, extras?: Extras) => spec('string', doc, false, extras),
  bool: (doc: string, extras?: Extras) => spec('bool', doc, false, extras),
  strings: (doc: string, extras?: Extras) => spec('strings', doc, false, extras),
  counters: (doc: string, extras?: Extras) => spec('counters', doc, false, extras),
  enum: <V extends readonly string[]>(values: V, doc: string, extras?: Extras) =>
    ({ ...spec('string', doc, false, extras), values }) as const,
  records: <S extends RecordSchema>(of: S, doc: string) => ({ ...spec('records', doc, false), of }) as const,
};

export const opt = {
  u64: (doc: string, extras?: Extras) => spec('u64', doc, true, extras),
  i64: (doc: string, extras?: Extras) => spec('i64', doc, true, extras),
  u32: (doc: string, extras?: Extras) => spec('u32', doc, true, extras),
  i32: (doc: string, extras?: Extras) => spec('i32', doc, true, extras),
  string: (doc: string, extras?: Extras) => spec('string', doc, true, extras),
  bool: (doc: string, extras?: Extras) => spec('bool', doc, true, extras),
  strings: (doc: string, extras?: Extras) => spec('strings', doc, true, extras),
  counters: (doc: string, extras?: Extras) => spec('counters', doc, true, extras),
  enum: <V extends readonly string[]>(values: V, doc: string, extras?: Extras) =>
    ({ ...spec('string', doc, true, extras), values }) as const,
  records: <S extends RecordSchema>(of: S, doc: string) => ({ ...spec('records', doc, true), of }) as const,
};

export function defineRecord<F extends Record<string, FieldSpec>>(kind: string, doc: string, fields: F): RecordSchema<F> {
  return { kind, doc, fields };
}

/** The TypeScript type of one field's value. */
export type ValueOf<S extends FieldSpec> = S extends { kind: 'u64' | 'i64' }
  ? bigint
  : S extends { kind: 'u32' | 'i32' }
    ? number
    : S extends { kind: 'bool' }
      ? boolean
      : S extends { kind: 'strings' }
        ? string[]
        : S extends { kind: 'counters' }
          ? Record<string, bigint>
          : S extends { kind: 'records'; of: infer R extends RecordSchema }
            ? RecordOf<R>[]
            : S extends { kind: 'string'; values: readonly (infer V)[] }
              ? V
              : string;

type RequiredKeys<F> = { [K in keyof F]: F[K] extends { optional: true } ? never : K }[keyof F];
type OptionalKeys<F> = { [K in keyof F]: F[K] extends { optional: true } ? K : never }[keyof F];
type Flatten<T> = { [K in keyof T]: T[K] };

/** The record type a schema describes. */
export type RecordOf<S extends RecordSchema> = Flatten<
  { [K in RequiredKeys<S['fields']>]: ValueOf<S['fields'][K]> } & {
    [K in OptionalKeys<S['fields']>]?: ValueOf<S['fields'][K]>;
  }
>;
