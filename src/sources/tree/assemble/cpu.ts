/**
 * CPU time and system counters: /proc/stat → `CpuStats`. One file; when it cannot be
 * read the kind is unavailable (E_UNAVAILABLE).
 *
 * /proc/stat is machine-wide: the same for every network namespace, so a pid source
 * reads the machine's file like the live one.
 */
import type { CpuStats, CpuTimes } from '../../../records/cpu.js';
import type { TreeReader } from '../reader.js';
import { parseStat, type CpuColumn, type StatCpuRow, type StatValuesRow } from '../procfs/stat.js';
import { setCounter } from '../text/header-value-pairs.js';
import { emptyPart, readInto, requireSome, type Part } from './part.js';

const STAT = 'proc/stat';

type TickField = 'user' | 'nice' | 'system' | 'idle' | 'iowait' | 'irq' | 'softirq' | 'steal' | 'guest' | 'guestNice';
const TICK_FIELDS: Record<CpuColumn, TickField> = {
  user: 'user',
  nice: 'nice',
  system: 'system',
  idle: 'idle',
  iowait: 'iowait',
  irq: 'irq',
  softirq: 'softirq',
  steal: 'steal',
  guest: 'guest',
  guest_nice: 'guestNice',
};

// Lines whose first number is the record field; intr and softirq print a total then a
// breakdown (per IRQ number, per softirq type) that /proc/interrupts and /proc/softirqs
// give per CPU, so only the total is kept here.
const VALUE_LINES: Record<string, 'interrupts' | 'contextSwitches' | 'bootTime' | 'processesCreated' | 'softirqs'> = {
  intr: 'interrupts',
  ctxt: 'contextSwitches',
  btime: 'bootTime',
  processes: 'processesCreated',
  softirq: 'softirqs',
};
const GAUGE_LINES: Record<string, 'procsRunning' | 'procsBlocked'> = { procs_running: 'procsRunning', procs_blocked: 'procsBlocked' };

function ticksOf(row: StatCpuRow): Partial<Record<TickField, bigint>> {
  const out: Partial<Record<TickField, bigint>> = {};
  for (const [column, value] of Object.entries(row.ticks) as [CpuColumn, bigint][]) out[TICK_FIELDS[column]] = value;
  return out;
}

function cpuRecord(row: StatCpuRow): CpuTimes {
  const out: CpuTimes = { cpu: row.cpu as number, ...ticksOf(row) };
  if (Object.keys(row.extra).length > 0) out.extra = row.extra;
  return out;
}

function addValues(data: CpuStats, row: StatValuesRow): void {
  const first = row.values[0] as bigint; // the parser never returns a line without a number
  const field = VALUE_LINES[row.name];
  const gauge = GAUGE_LINES[row.name];
  if (field !== undefined) data[field] = first;
  else if (gauge !== undefined && first <= 0xffffffffn) data[gauge] = Number(first);
  else if (row.values.length === 1) setCounter((data.extra ??= {}), row.name, first);
  else row.values.forEach((v, i) => setCounter((data.extra ??= {}), `${row.name}.${i + 1}`, v));
}

export async function readCpuStats(reader: TreeReader): Promise<Part<CpuStats>> {
  const part = emptyPart<CpuStats>({ cpus: [] });
  const text = await readInto(part, reader, STAT, 'CPU time and system counters');
  requireSome(part, text !== undefined, 'CPU statistics');
  const parsed = parseStat(text as string, STAT);
  part.issues.push(...parsed.issues);
  for (const row of parsed.rows) {
    if (row.kind === 'values') addValues(part.data, row);
    else if (row.cpu !== undefined) part.data.cpus.push(cpuRecord(row));
    else {
      Object.assign(part.data, ticksOf(row));
      if (Object.keys(row.extra).length > 0) part.data.totalExtra = row.extra;
    }
  }
  return part;
}
