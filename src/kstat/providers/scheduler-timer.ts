/**
 * Per-CPU scheduler statistics (session.scheduler(), /proc/schedstat on kernels built
 * with CONFIG_SCHEDSTATS) as kstats, instance = CPU number:
 *
 *   sched:<n>:run_queue   TIMER, class `misc`, two kstat_timer_t of CPU n's run queue:
 *     run    num_events = timeslices (pcount: times a task got the CPU),
 *            elapsed_time = time tasks ran on the CPU (rq_cpu_time, ns)
 *     wait   num_events = timeslices again (a task getting the CPU ends its wait: the
 *            kernel adds that wait to run_delay and counts pcount in one place,
 *            rq_sched_info_arrive), elapsed_time = time runnable tasks waited on this
 *            run queue for the CPU (run_delay, ns). run_delay also takes the waits of
 *            tasks that left the queue without running (rq_sched_info_dequeue, e.g. a
 *            migration), which count no event.
 *     So run elapsed_time / num_events is the mean timeslice and wait elapsed_time /
 *     num_events the mean scheduling latency (slightly high, see above); the rate of
 *     run elapsed_time over an interval is the CPU's busy fraction. min_time, max_time, start_time and stop_time are 0:
 *     the kernel keeps no per-event extremes or timestamps for them.
 *   sched:<n>:schedstat   NAMED, class `misc`: every value of the cpuN line under the
 *     kernel's name (yld_count sched_count sched_goidle ttwu_count ttwu_local
 *     rq_cpu_time run_delay pcount), UINT64
 *
 * Absent (no kstats) where the kernel has no /proc/schedstat.
 */
import { schedulerCpuSchema, type SchedulerStats } from '../../records/scheduler.js';
import { readOptional } from '../../sources/optional-kind.js';
import type { KstatProvider } from '../provider.js';
import type { ProvidedKstat, TimerStat } from '../types.js';
import { counterStats, named } from './named-record.js';
import { fromView } from './view-reading.js';
import { kernelNamed } from './kernel-named.js';

function timer(name: string, numEvents: bigint, elapsedTime: bigint): TimerStat {
  return { name, numEvents, elapsedTime, minTime: 0n, maxTime: 0n, startTime: 0n, stopTime: 0n };
}

export function schedulerKstats(s: SchedulerStats): ProvidedKstat[] {
  return s.cpus.flatMap((c): ProvidedKstat[] => [
    {
      module: 'sched',
      instance: c.cpu,
      name: 'run_queue',
      class: 'misc',
      type: 'TIMER',
      data: { type: 'TIMER', timers: [timer('run', c.timeslices, c.runTimeNs), timer('wait', c.timeslices, c.waitTimeNs)] },
    },
    { module: 'sched', instance: c.cpu, name: 'schedstat', class: 'misc', type: 'NAMED', data: named([...kernelNamed(schedulerCpuSchema, c, ['cpu']), ...counterStats(c.extra ?? {})]) },
  ]);
}

export const schedulerTimerProvider: KstatProvider = {
  name: 'scheduler',
  modules: ['sched'],
  collect: (source) => fromView(() => readOptional(source, 'scheduler'), schedulerKstats),
};
