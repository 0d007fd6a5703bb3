/**
 * Record layouts: the wire description of a record schema (field names, kinds and
 * optionality, in declaration order), written once in front of the records that use it.
 *
 * Why: a record's value encoding is positional (the schema's fields in declaration
 * order, see records-xdr.ts), and schemas grow ("adding a field is adding one line").
 * With the writer's layout in the data, a reader of another version maps fields by
 * name: a field it does not know is skipped, a field the writer lacked is undefined
 * (or, when required, a clean E_PARSE), instead of misreading every byte after it.
 *
 *   enum field_kind { U64 = 1, I64 = 2, U32 = 3, I32 = 4, STRING = 5, BOOL = 6,
 *                     STRINGS = 7, COUNTERS = 8, RECORDS = 9 };
 *   struct field_layout_x {
 *     string name<LAYOUT_NAME_MAX>;
 *     field_kind kind;
 *     bool optional;
 *     unsigned int of;     // RECORDS: index of the nested layout, < this layout's index; else 0
 *   };
 *   struct record_layout_x {
 *     string kind<LAYOUT_NAME_MAX>;        // the schema kind, e.g. "inet-socket"
 *     field_layout_x fields<LAYOUT_FIELDS_MAX>;
 *   };
 *   typedef record_layout_x layout_table_x<LAYOUT_TABLE_MAX>;
 *
 * Nested layouts come before the layouts that use them (`of` < own index), so a table
 * has no cycles and nesting depth is bounded by the table size. Pure: no I/O.
 */
import type { FieldKind, RecordSchema } from '../records/field.js';
import type { XdrReader } from './xdr/reader.js';
import type { XdrWriter } from './xdr/writer.js';

export const LAYOUT_NAME_MAX = 255;
export const LAYOUT_FIELDS_MAX = 1024;
export const LAYOUT_TABLE_MAX = 256;

const KIND_CODES: Readonly<Record<FieldKind, number>> = {
  u64: 1,
  i64: 2,
  u32: 3,
  i32: 4,
  string: 5,
  bool: 6,
  strings: 7,
  counters: 8,
  records: 9,
};
const KINDS_BY_CODE = new Map<number, FieldKind>(Object.entries(KIND_CODES).map(([k, c]) => [c, k as FieldKind]));
const KNOWN_CODES = new Set(KINDS_BY_CODE.keys());

export interface FieldLayout {
  readonly name: string;
  readonly kind: FieldKind;
  readonly optional: boolean;
  /** For `records` fields: index of the nested layout in the table; 0 otherwise. */
  readonly of: number;
}

export interface RecordLayout {
  readonly kind: string;
  readonly fields: readonly FieldLayout[];
}

/** A table plus, on the decode side, where each layout started (for error offsets). */
export interface LayoutTable {
  readonly layouts: readonly RecordLayout[];
  readonly offsets: readonly number[];
}

/** The table for a set of root schemas: nested schemas first (post-order), each once. */
export function layoutTableFor(roots: readonly RecordSchema[]): { table: LayoutTable; index: Map<RecordSchema, number> } {
  const index = new Map<RecordSchema, number>();
  const layouts: RecordLayout[] = [];
  const visit = (schema: RecordSchema): number => {
    const known = index.get(schema);
    if (known !== undefined) return known;
    const fields = Object.entries(schema.fields).map(([name, spec]) => ({
      name,
      kind: spec.kind,
      optional: spec.optional,
      of: spec.kind === 'records' && spec.of !== undefined ? visit(spec.of) : 0,
    }));
    index.set(schema, layouts.length);
    layouts.push({ kind: schema.kind, fields });
    return layouts.length - 1;
  };
  for (const root of roots) visit(root);
  return { table: { layouts, offsets: layouts.map(() => 0) }, index };
}

export function writeLayoutTable(w: XdrWriter, table: LayoutTable): void {
  w.array(table.layouts, LAYOUT_TABLE_MAX, (w1, layout) => {
    w1.string(layout.kind, LAYOUT_NAME_MAX);
    w1.array(layout.fields, LAYOUT_FIELDS_MAX, (w2, field) => {
      w2.string(field.name, LAYOUT_NAME_MAX).int(KIND_CODES[field.kind]).bool(field.optional).uint(field.of);
    });
  });
}

export function readLayoutTable(r: XdrReader): LayoutTable {
  const layouts: RecordLayout[] = [];
  const offsets: number[] = [];
  r.array(LAYOUT_TABLE_MAX, (r1) => {
    offsets.push(r1.offset);
    const own = layouts.length;
    const kind = r1.string(LAYOUT_NAME_MAX);
    const names = new Set<string>();
    const fieldsAt = r1.offset;
    const fields = r1.array(LAYOUT_FIELDS_MAX, (r2) => readFieldLayout(r2, own, names), 16);
    // A record of no fields would take no bytes, so a count could not be bounded by the input.
    if (fields.length === 0) r1.fail('value', `layout "${kind}" has no fields`, fieldsAt);
    layouts.push({ kind, fields });
  }, 8);
  return { layouts, offsets };
}

function readFieldLayout(r: XdrReader, own: number, names: Set<string>): FieldLayout {
  const at = r.offset;
  const name = r.string(LAYOUT_NAME_MAX);
  if (names.has(name)) r.fail('value', `layout names field "${name}" twice`, at);
  names.add(name);
  const kind = KINDS_BY_CODE.get(r.enumValue(KNOWN_CODES, 'field kind')) as FieldKind;
  const optional = r.bool();
  const ofAt = r.offset;
  const of = r.uint();
  if (kind === 'records' ? of >= own : of !== 0) {
    r.fail('value', kind === 'records' ? `nested layout ${of} must come before layout ${own}` : `"of" must be 0 for a ${kind} field`, ofAt);
  }
  return { name, kind, optional, of };
}
