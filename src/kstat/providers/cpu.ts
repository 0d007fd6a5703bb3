/**
 * CPU time and system counters of /proc/stat (session.cpu()) as NAMED kstats, class
 * `misc`, statistics under the kernel's names:
 *
 *   cpu:<n>:sys          per online CPU n: user nice system idle iowait irq softirq steal
 *                        guest guest_nice (UINT64 clock ticks of USER_HZ, 1/100 s on
 *                        mainstream architectures; a column the kernel does not print is
 *                        absent), plus column<N> for columns a newer kernel appends
 *   unix:0:cpu           the same columns for all CPUs together (the "cpu" line)
 *   unix:0:system_misc   intr ctxt btime processes procs_running procs_blocked softirq
 *                        (the kernel's names) plus the Solaris names boot_time (= btime,
 *                        seconds since the epoch) and ncpus (CPUs with a cpuN line), and
 *                        any line this library does not know, under its name
 *
 * Solaris's cpu:N:sys has cpu_ticks_user/kernel/idle/wait; Linux splits kernel time into
 * system, irq and softirq and has steal and guest, so the Linux names are used as is.
 */
import { cpuStatsSchema, cpuTimesSchema, type CpuStats } from '../../records/cpu.js';
import { readOptional } from '../../sources/optional-kind.js';
import type { KstatProvider } from '../provider.js';
import type { NamedStat, ProvidedKstat } from '../types.js';
import { counterStats, named } from './named-record.js';
import { fromView } from './view-reading.js';
import { kernelNamed } from './kernel-named.js';

const TICKS = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal', 'guest', 'guestNice'];
const MISC = ['interrupts', 'contextSwitches', 'bootTime', 'processesCreated', 'procsRunning', 'procsBlocked', 'softirqs'];
const NOT_TICKS = Object.keys(cpuStatsSchema.fields).filter((f) => !TICKS.includes(f));

function kstat(module: string, instance: number, name: string, stats: NamedStat[]): ProvidedKstat {
  return { module, instance, name, class: 'misc', type: 'NAMED', data: named(stats) };
}

function systemMisc(c: CpuStats): NamedStat[] {
  const stats = kernelNamed(cpuStatsSchema, c, Object.keys(cpuStatsSchema.fields).filter((f) => !MISC.includes(f)));
  if (c.bootTime !== undefined) stats.push({ name: 'boot_time', type: 'UINT64', value: c.bootTime });
  stats.push({ name: 'ncpus', type: 'UINT32', value: c.cpus.length });
  return [...stats, ...counterStats(c.extra ?? {})];
}

export function cpuKstats(c: CpuStats): ProvidedKstat[] {
  const out: ProvidedKstat[] = [];
  for (const cpu of c.cpus) out.push(kstat('cpu', cpu.cpu, 'sys', [...kernelNamed(cpuTimesSchema, cpu, ['cpu']), ...counterStats(cpu.extra ?? {})]));
  const total = [...kernelNamed(cpuStatsSchema, c, NOT_TICKS), ...counterStats(c.totalExtra ?? {})];
  if (total.length > 0) out.push(kstat('unix', 0, 'cpu', total));
  out.push(kstat('unix', 0, 'system_misc', systemMisc(c)));
  return out;
}

export const cpuProvider: KstatProvider = {
  name: 'cpu',
  modules: ['cpu', 'unix'],
  collect: (source) => fromView(() => readOptional(source, 'cpu'), cpuKstats),
};
