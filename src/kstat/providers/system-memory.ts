/**
 * System memory (session.memoryInfo()) as NAMED kstats, class `vm`, statistics under
 * the kernel's names, in the kernel's units (nothing converted):
 *
 *   unix:0:meminfo   every /proc/meminfo line: MemTotal, MemFree, ..., Active(anon), ...
 *                    UINT64 in KiB as printed ("kB"), HugePages_Total/Free/Rsvd/Surp as
 *                    counts of huge pages
 *   unix:0:vmstat    every /proc/vmstat line: nr_* in pages of the source machine, the
 *                    rest event counts (pgfault, pswpin, ...); UINT64 (INT64 if a kernel
 *                    ever printed a negative value)
 *
 * A kstat is made only for a file the source could read. Not socket-buffer memory: that
 * is the sockstat/protocols/sockmem kstats (socket-memory.ts).
 */
import { memoryInfoSchema, type MemoryInfo } from '../../records/memory-info.js';
import { readOptional } from '../../sources/optional-kind.js';
import type { KstatProvider } from '../provider.js';
import type { ProvidedKstat } from '../types.js';
import { counterStats, named } from './named-record.js';
import { fromView } from './view-reading.js';
import { kernelNamed } from './kernel-named.js';

export function systemMemoryKstats(m: MemoryInfo): ProvidedKstat[] {
  const out: ProvidedKstat[] = [];
  const meminfo = [...kernelNamed(memoryInfoSchema, m), ...counterStats(m.extra ?? {})];
  if (meminfo.length > 0) out.push({ module: 'unix', instance: 0, name: 'meminfo', class: 'vm', type: 'NAMED', data: named(meminfo) });
  if (m.vmstat !== undefined) out.push({ module: 'unix', instance: 0, name: 'vmstat', class: 'vm', type: 'NAMED', data: named(counterStats(m.vmstat)) });
  return out;
}

export const systemMemoryProvider: KstatProvider = {
  name: 'system-memory',
  modules: ['unix'],
  collect: (source) => fromView(() => readOptional(source, 'memoryInfo'), systemMemoryKstats),
};
