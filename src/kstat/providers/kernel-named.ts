/**
 * Record → NAMED statistics under the KERNEL's names (the schema's `kernel` attribute),
 * for the system kstats (cpu, unix, sched), whose users know the /proc files: `user`,
 * `guest_nice`, `MemTotal`, `procs_running`, `yld_count`. The network kstats use record
 * field names instead (named-record.ts); both are driven by the schema, so a field added
 * to a record appears in its kstat without touching a provider.
 *
 * Scalar numeric fields only, in schema order: u64 → UINT64, u32 → UINT32; a field
 * without a kernel name keeps its field name; an absent field gives no statistic.
 * Counter maps are added by the provider with counterStats (keys are kernel names).
 */
import type { RecordSchema } from '../../records/field.js';
import type { NamedStat } from '../types.js';

export function kernelNamed(schema: RecordSchema, record: object, skip: readonly string[] = []): NamedStat[] {
  const out: NamedStat[] = [];
  const values = record as Record<string, unknown>;
  for (const [field, spec] of Object.entries(schema.fields)) {
    const value = values[field];
    if (value === undefined || skip.includes(field)) continue;
    const name = spec.kernel ?? field;
    if (spec.kind === 'u64') out.push({ name, type: 'UINT64', value: value as bigint });
    else if (spec.kind === 'u32') out.push({ name, type: 'UINT32', value: value as number });
  }
  return out;
}
