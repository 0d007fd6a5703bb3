/**
 * Record → NAMED statistics, driven by the record's schema (records/field.ts), so a field
 * added to a record appears in its kstat without touching any provider.
 *
 * Rules (docs/namespace.md "Statistic names"):
 *  - each scalar field, in schema order, under its record field name: u64 → UINT64,
 *    i64 → INT64, u32 → UINT32, i32 → INT32, string/enum → STRING, bool → UINT32 0/1;
 *  - `strings` (name lists such as flagNames) → one STRING, the names joined by ",";
 *  - `counters` maps → one statistic per key, named `<field>.<key>` (the key is the
 *    kernel's name), UINT64, or INT64 when the value is negative;
 *  - `records` (nested lists) are left to the provider: a list is never flattened here;
 *  - an undefined (absent) field gives no statistic — never a 0.
 */
import type { FieldSpec, RecordSchema } from '../../records/field.js';
import type { NamedStat } from '../types.js';

export function namedFromRecord(schema: RecordSchema, record: object, skip: readonly string[] = []): NamedStat[] {
  const out: NamedStat[] = [];
  const values = record as Record<string, unknown>;
  for (const [field, spec] of Object.entries(schema.fields)) {
    if (skip.includes(field)) continue;
    const value = values[field];
    if (value === undefined) continue;
    out.push(...statsOf(field, spec, value));
  }
  return out;
}

function statsOf(field: string, spec: FieldSpec, value: unknown): NamedStat[] {
  switch (spec.kind) {
    case 'u64':
      return [{ name: field, type: 'UINT64', value: value as bigint }];
    case 'i64':
      return [{ name: field, type: 'INT64', value: value as bigint }];
    case 'u32':
      return [{ name: field, type: 'UINT32', value: value as number }];
    case 'i32':
      return [{ name: field, type: 'INT32', value: value as number }];
    case 'bool':
      return [{ name: field, type: 'UINT32', value: value === true ? 1 : 0 }];
    case 'string':
      return [{ name: field, type: 'STRING', value: value as string }];
    case 'strings':
      return [{ name: field, type: 'STRING', value: (value as string[]).join(',') }];
    case 'counters':
      return counterStats(value as Record<string, bigint>, `${field}.`);
    case 'records':
      return [];
  }
}

/** A map of kernel-named counters → statistics, in map order, each under `prefix + key`. */
export function counterStats(counters: Readonly<Record<string, bigint>>, prefix = '', signed: ReadonlySet<string> = new Set()): NamedStat[] {
  return Object.entries(counters).map(([key, value]) => ({
    name: `${prefix}${key}`,
    type: value < 0n || signed.has(key) ? 'INT64' : 'UINT64',
    value,
  }));
}

/** A NAMED kstat's data. */
export function named(stats: NamedStat[]): { readonly type: 'NAMED'; readonly named: readonly NamedStat[] } {
  return { type: 'NAMED', named: stats };
}
