/**
 * System memory: /proc/meminfo + /proc/vmstat → `MemoryInfo`. Either file may be
 * missing (listed as unavailable, its fields undefined); neither → E_UNAVAILABLE.
 *
 * meminfo lines map to typed fields through the schema's `kernel` names (adding a
 * field to records/memory-info.ts is all it takes to promote a line); a known line
 * printed in an unexpected unit is kept in `extra` with an `unknown-format` issue rather
 * than stored in a field whose unit would then lie. Both files are machine-wide.
 */
import { issue } from '../../../errors.js';
import { memoryInfoSchema, type MemoryInfo } from '../../../records/memory-info.js';
import type { TreeReader } from '../reader.js';
import { parseMeminfo, type MeminfoRow } from '../procfs/meminfo.js';
import { parseVmstat } from '../procfs/vmstat.js';
import { setCounter } from '../text/header-value-pairs.js';
import { emptyPart, readInto, requireSome, type Part } from './part.js';

const MEMINFO = 'proc/meminfo';
const VMSTAT = 'proc/vmstat';

/** meminfo kernel name → [record field, printed with kB]. */
const TYPED = new Map<string, [keyof MemoryInfo, boolean]>(
  Object.entries(memoryInfoSchema.fields).flatMap(([field, spec]) =>
    spec.kind === 'u64' && spec.kernel !== undefined ? [[spec.kernel, [field as keyof MemoryInfo, spec.unit === 'kib']] as const] : [],
  ),
);

function addMeminfo(part: Part<MemoryInfo>, row: MeminfoRow): void {
  const data = part.data as Record<string, unknown>;
  const typed = TYPED.get(row.name);
  if (typed !== undefined && typed[1] === (row.unit === 'kB')) {
    data[typed[0]] = row.value;
    return;
  }
  if (typed !== undefined) {
    part.issues.push(issue(MEMINFO, row.line, 'unknown-format', `${row.name}: printed ${row.unit ?? 'without a unit'}, expected ${typed[1] ? 'kB' : 'no unit'}; kept in extra`));
  }
  setCounter((part.data.extra ??= {}), row.name, row.value);
  if (row.unit === undefined) (part.data.extraCounts ??= []).push(row.name);
}

export async function readMemoryInfo(reader: TreeReader): Promise<Part<MemoryInfo>> {
  const part = emptyPart<MemoryInfo>({});
  const meminfo = await readInto(part, reader, MEMINFO, 'system memory usage');
  if (meminfo !== undefined) {
    const parsed = parseMeminfo(meminfo, MEMINFO);
    part.issues.push(...parsed.issues);
    for (const row of parsed.rows) addMeminfo(part, row);
  }
  const vmstat = await readInto(part, reader, VMSTAT, 'virtual-memory counters');
  if (vmstat !== undefined) {
    const parsed = parseVmstat(vmstat, VMSTAT);
    part.issues.push(...parsed.issues);
    const counters: Record<string, bigint> = {};
    for (const row of parsed.rows) setCounter(counters, row.name, row.value);
    part.data.vmstat = counters;
  }
  requireSome(part, meminfo !== undefined || vmstat !== undefined, 'system memory statistics');
  return part;
}
