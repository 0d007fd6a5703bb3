/**
 * Scheduler statistics per CPU from /proc/schedstat (kernels built with CONFIG_SCHEDSTATS;
 * absent elsewhere) — the data behind the `sched` TIMER kstats.
 *
 * runTimeNs and waitTimeNs are NANOSECONDS (the kernel's sched-stats document says
 * jiffies; that has been out of date since 2.6.23). The counters are cumulative since
 * boot; the event counts are 32-bit in the kernel and wrap. Only the cpu lines are read
 * (versions 15–17 share their layout); the per-domain load-balancing lines are not.
 */
import { defineRecord, f, opt, type RecordOf } from './field.js';

export const schedulerCpuSchema = defineRecord('scheduler-cpu', 'One cpuN line of /proc/schedstat: the run queue of one online CPU.', {
  cpu: f.u32('CPU number (N of cpuN).', { kernel: 'cpuN' }),
  yieldCount: f.u64('sched_yield() calls.', { unit: 'count', kernel: 'yld_count' }),
  scheduleCount: f.u64('schedule() calls.', { unit: 'count', kernel: 'sched_count' }),
  scheduleIdle: f.u64('schedule() calls that left the CPU idle.', { unit: 'count', kernel: 'sched_goidle' }),
  wakeups: f.u64('try_to_wake_up() calls that woke a task onto this CPU.', { unit: 'count', kernel: 'ttwu_count' }),
  wakeupsLocal: f.u64('Of those, wake-ups issued from this same CPU.', { unit: 'count', kernel: 'ttwu_local' }),
  runTimeNs: f.u64('Time tasks ran on this CPU (sum of their run intervals).', { unit: 'ns', kernel: 'rq_cpu_time' }),
  waitTimeNs: f.u64('Time tasks spent runnable on this CPU\'s run queue, waiting for it (scheduling latency).', { unit: 'ns', kernel: 'run_delay' }),
  timeslices: f.u64('Times a task got this CPU (each ends one wait and starts one run).', { unit: 'count', kernel: 'pcount' }),
  extra: opt.counters('Values after pcount (a newer version), as column<N>.'),
});

export const schedulerStatsSchema = defineRecord('scheduler-stats', 'Per-CPU run-queue statistics of /proc/schedstat.', {
  version: opt.u32('Format version the kernel printed (15, 16, 17, ...).', { kernel: 'version' }),
  timestamp: opt.u64('Kernel jiffies when the file was printed (ticks of the kernel\'s HZ, not USER_HZ).', { unit: 'jiffies', kernel: 'timestamp' }),
  cpus: f.records(schedulerCpuSchema, 'One entry per cpuN line (online CPUs), in file order.'),
});

export type SchedulerCpu = RecordOf<typeof schedulerCpuSchema>;
export type SchedulerStats = RecordOf<typeof schedulerStatsSchema>;
