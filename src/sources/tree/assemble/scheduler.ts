/**
 * Scheduler statistics: /proc/schedstat → `SchedulerStats`. The file exists only on
 * kernels built with CONFIG_SCHEDSTATS; without it the kind is unavailable
 * (E_UNAVAILABLE), never an empty list. Machine-wide.
 */
import type { SchedulerCpu, SchedulerStats } from '../../../records/scheduler.js';
import type { TreeReader } from '../reader.js';
import { parseSchedstat, type SchedstatRow } from '../procfs/schedstat.js';
import { emptyPart, readInto, requireSome, type Part } from './part.js';

const SCHEDSTAT = 'proc/schedstat';

function cpuRecord(row: Extract<SchedstatRow, { kind: 'cpu' }>): SchedulerCpu {
  const v = row.values;
  const out: SchedulerCpu = {
    cpu: row.cpu,
    yieldCount: v.yld_count,
    scheduleCount: v.sched_count,
    scheduleIdle: v.sched_goidle,
    wakeups: v.ttwu_count,
    wakeupsLocal: v.ttwu_local,
    runTimeNs: v.rq_cpu_time,
    waitTimeNs: v.run_delay,
    timeslices: v.pcount,
  };
  if (Object.keys(row.extra).length > 0) out.extra = row.extra;
  return out;
}

export async function readScheduler(reader: TreeReader): Promise<Part<SchedulerStats>> {
  const part = emptyPart<SchedulerStats>({ cpus: [] });
  const text = await readInto(part, reader, SCHEDSTAT, 'scheduler statistics (CONFIG_SCHEDSTATS kernels)');
  requireSome(part, text !== undefined, 'scheduler statistics');
  const parsed = parseSchedstat(text as string, SCHEDSTAT);
  part.issues.push(...parsed.issues);
  for (const row of parsed.rows) {
    if (row.kind === 'version') part.data.version = row.value;
    else if (row.kind === 'timestamp') part.data.timestamp = row.value;
    else part.data.cpus.push(cpuRecord(row));
  }
  return part;
}
