/**
 * CPU time and system-wide scheduler counters of /proc/stat (the Linux form of Solaris
 * `cpu:N:sys` and `unix:0:system_misc`).
 *
 * Times are CLOCK TICKS of the source kernel's USER_HZ (1/100 s on every mainstream
 * architecture: the kernel converts with nsec_to_clock_t before printing). A tree source
 * does not know USER_HZ and never uses the reading host's; `userHz` is set only when the
 * source records it. A column the kernel does not print (older kernels: iowait…softirq
 * before 2.5.41, steal before 2.6.11, guest before 2.6.24, guest_nice before 2.6.33) is
 * undefined, never 0. guest and guestNice are already included in user and nice.
 */
import { defineRecord, f, opt, type RecordOf } from './field.js';

const tick = (doc: string, kernel: string, since?: string) =>
  opt.u64(`${doc} Clock ticks (USER_HZ).`, since === undefined ? { unit: 'clock_ticks', kernel } : { unit: 'clock_ticks', kernel, since });

/** The ten columns of a cpu line; shared by the all-CPU total and each CPU. */
const CPU_TIME_FIELDS = {
  user: tick('Time in user mode (includes guest).', 'user'),
  nice: tick('Time in user mode at positive nice (includes guest_nice).', 'nice'),
  system: tick('Time in kernel mode, outside interrupt handling.', 'system'),
  idle: tick('Time idle (the idle task ran, no I/O outstanding accounted as iowait).', 'idle'),
  iowait: tick('Idle time while tasks of this CPU waited for I/O (not reliable per CPU; see proc(5)).', 'iowait', '2.5.41'),
  irq: tick('Time servicing hardware interrupts.', 'irq', '2.5.41'),
  softirq: tick('Time servicing softirqs.', 'softirq', '2.5.41'),
  steal: tick('Time a hypervisor ran something else while this virtual CPU wanted to run.', 'steal', '2.6.11'),
  guest: tick('Time running a guest virtual CPU (also counted in user).', 'guest', '2.6.24'),
  guestNice: tick('Time running a niced guest (also counted in nice).', 'guest_nice', '2.6.33'),
};

export const cpuTimesSchema = defineRecord('cpu-times', 'One cpuN line of /proc/stat: where one online CPU spent its time since boot.', {
  cpu: f.u32('CPU number (N of cpuN). Only online CPUs have a line.', { kernel: 'cpuN' }),
  ...CPU_TIME_FIELDS,
  extra: opt.counters('Columns after guest_nice (a newer kernel), as column<N> (1-based position after the name).'),
});

export const cpuStatsSchema = defineRecord(
  'cpu-stats',
  'CPU time (all CPUs together, then each online CPU) and the system-wide counters of /proc/stat. The all-CPU fields are undefined when the "cpu" line is missing.',
  {
    ...CPU_TIME_FIELDS,
    cpus: f.records(cpuTimesSchema, 'One entry per cpuN line, in file order (online CPUs only).'),
    interrupts: opt.u64('Interrupts serviced since boot, all CPUs (first number of the intr line).', { unit: 'count', kernel: 'intr' }),
    contextSwitches: opt.u64('Context switches since boot, all CPUs.', { unit: 'count', kernel: 'ctxt' }),
    bootTime: opt.u64('When the machine booted, seconds since the epoch (wall clock at boot, adjusted as the clock is set).', { unit: 'seconds', kernel: 'btime' }),
    processesCreated: opt.u64('Processes and threads created (forks) since boot.', { unit: 'count', kernel: 'processes' }),
    procsRunning: opt.u32('Tasks runnable now (a gauge).', { unit: 'count', kernel: 'procs_running', since: '2.5.45' }),
    procsBlocked: opt.u32('Tasks waiting for I/O now (uninterruptible sleep, a gauge).', { unit: 'count', kernel: 'procs_blocked', since: '2.5.45' }),
    softirqs: opt.u64('Softirqs serviced since boot, all CPUs and types (first number of the softirq line).', { unit: 'count', kernel: 'softirq', since: '2.6.31' }),
    totalExtra: opt.counters('Columns of the "cpu" line after guest_nice, as column<N>.'),
    extra: opt.counters('Lines this library does not know, under the kernel name (name.<N> for the N-th number of a line with several).'),
    userHz: opt.u32('Clock ticks per second (USER_HZ) of the source kernel, only when the source records it.'),
  },
);

export type CpuTimes = RecordOf<typeof cpuTimesSchema>;
export type CpuStats = RecordOf<typeof cpuStatsSchema>;
