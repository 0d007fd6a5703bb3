/**
 * Interrupts: /proc/interrupts + /proc/softirqs → `Interrupts`. Either file may be
 * missing (listed as unavailable, its list empty); neither → E_UNAVAILABLE. Both files
 * are machine-wide. `total` is the sum over the CPUs of the row (computed here: the
 * kernel prints only per-CPU counts), or the one value of an ERR/MIS-style row.
 */
import type { InterruptLine, Interrupts, Softirq } from '../../../records/interrupt.js';
import type { TreeReader } from '../reader.js';
import { parseInterrupts, type InterruptRow } from '../procfs/interrupts.js';
import { parseSoftirqs, type SoftirqRow } from '../procfs/softirqs.js';
import { setCounter } from '../text/header-value-pairs.js';
import { emptyPart, readInto, requireSome, type Part } from './part.js';

const INTERRUPTS = 'proc/interrupts';
const SOFTIRQS = 'proc/softirqs';

function perCpu(cpus: readonly string[], counts: readonly bigint[]): { perCpu: Record<string, bigint>; total: bigint } {
  const map: Record<string, bigint> = {};
  let total = 0n;
  counts.forEach((c, i) => {
    setCounter(map, cpus[i] as string, c);
    total += c;
  });
  return { perCpu: map, total };
}

function lineRecord(row: InterruptRow, cpus: readonly string[]): InterruptLine {
  const counted = row.counts === undefined ? { total: row.single as bigint } : perCpu(cpus, row.counts);
  const out: InterruptLine = { label: row.label, numbered: row.numbered, ...counted, description: row.text };
  if (row.chip !== undefined) out.chip = row.chip;
  if (row.hwirq !== undefined) out.hwirq = row.hwirq;
  if (row.handler !== undefined) out.handler = row.handler;
  if (row.trigger !== undefined) out.trigger = row.trigger;
  if (row.actions !== undefined) out.actions = row.actions;
  return out;
}

function softirqRecord(row: SoftirqRow, cpus: readonly string[]): Softirq {
  return { name: row.name, ...perCpu(cpus, row.counts) };
}

export async function readInterrupts(reader: TreeReader): Promise<Part<Interrupts>> {
  const part = emptyPart<Interrupts>({ cpus: [], lines: [], softirqCpus: [], softirqs: [] });
  const hard = await readInto(part, reader, INTERRUPTS, 'hardware interrupt counts');
  if (hard !== undefined) {
    const parsed = parseInterrupts(hard, INTERRUPTS);
    part.issues.push(...parsed.issues);
    part.data.cpus = parsed.cpus;
    part.data.lines = parsed.rows.map((row) => lineRecord(row, parsed.cpus));
  }
  const soft = await readInto(part, reader, SOFTIRQS, 'softirq counts');
  if (soft !== undefined) {
    const parsed = parseSoftirqs(soft, SOFTIRQS);
    part.issues.push(...parsed.issues);
    part.data.softirqCpus = parsed.cpus;
    part.data.softirqs = parsed.rows.map((row) => softirqRecord(row, parsed.cpus));
  }
  requireSome(part, hard !== undefined || soft !== undefined, 'interrupt statistics');
  return part;
}
