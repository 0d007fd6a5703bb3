/**
 * Interrupts (session.interrupts()) as INTR kstats, one per line, counts summed over
 * the CPUs (per-CPU counts are in the typed view):
 *
 *   intr:0:<label>     class `controller`: one per /proc/interrupts row — the IRQ number
 *                      ("24") or the architecture counter ("NMI", "LOC", "RES", "ERR").
 *                      `hard` = the row's total, except SPU (x86 "Spurious interrupts"),
 *                      counted in `spurious` instead
 *   softirq:0:<TYPE>   class `misc`: one per /proc/softirqs row (TIMER, NET_RX, ...),
 *                      `soft` = the row's total
 * Every other kstat_intr_t field is 0: Linux does not count watchdog or multiple-service
 * interrupts per line. The kernel's per-CPU counts are 32-bit and wrap; the sums here are
 * 64-bit (Solaris's kstat_intr_t is uint32: ours keeps the exact sum).
 */
import type { Interrupts } from '../../records/interrupt.js';
import { readOptional } from '../../sources/optional-kind.js';
import type { KstatProvider } from '../provider.js';
import type { IntrStats, ProvidedKstat } from '../types.js';
import { fromView } from './view-reading.js';

const SPURIOUS_ROWS = new Set(['SPU']);

function intr(counts: Partial<IntrStats>): { readonly type: 'INTR'; readonly intr: IntrStats } {
  return { type: 'INTR', intr: { hard: 0n, soft: 0n, watchdog: 0n, spurious: 0n, multipleService: 0n, ...counts } };
}

export function interruptKstats(i: Interrupts): ProvidedKstat[] {
  const out: ProvidedKstat[] = [];
  for (const line of i.lines) {
    const counts = SPURIOUS_ROWS.has(line.label) ? { spurious: line.total } : { hard: line.total };
    out.push({ module: 'intr', instance: 0, name: line.label, class: 'controller', type: 'INTR', data: intr(counts) });
  }
  for (const s of i.softirqs) out.push({ module: 'softirq', instance: 0, name: s.name, class: 'misc', type: 'INTR', data: intr({ soft: s.total }) });
  return out;
}

export const interruptsProvider: KstatProvider = {
  name: 'interrupts',
  modules: ['intr', 'softirq'],
  collect: (source) => fromView(() => readOptional(source, 'interrupts'), interruptKstats),
};
