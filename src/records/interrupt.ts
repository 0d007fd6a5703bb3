/**
 * Interrupts: hardware interrupt lines of /proc/interrupts and softirq types of
 * /proc/softirqs, each with its count per CPU (the data behind the INTR kstats).
 *
 * Per-CPU counts are kept under the header's CPU names (CPU0, CPU1, ...): /proc/interrupts
 * prints ONLINE CPUs, /proc/softirqs every POSSIBLE CPU, so the two sets can differ.
 * The kernel's counters are 32-bit and wrap; `total` is their sum over the CPUs (or the
 * one machine-wide value of ERR/MIS), computed here, so it wraps differently.
 */
import { defineRecord, f, opt, type RecordOf } from './field.js';

export const interruptLineSchema = defineRecord('interrupt-line', 'One row of /proc/interrupts: a numbered IRQ line or an architecture counter (NMI, LOC, ...).', {
  label: f.string('As printed before the colon: the IRQ number ("24") or the architecture\'s short name ("NMI", "LOC", "ERR").', { kernel: 'irq' }),
  numbered: f.bool('True for a numbered IRQ line, false for an architecture counter.'),
  perCpu: opt.counters('Count per CPU under the header name (CPU0, ...). Undefined for rows with one machine-wide value (ERR, MIS).', { unit: 'count' }),
  total: f.u64('Sum of the per-CPU counts, or the one machine-wide value.', { unit: 'count' }),
  chip: opt.string('Numbered lines: the interrupt controller (irq_chip name: IO-APIC, PCI-MSI, GICv3, ...).'),
  hwirq: opt.string('Numbered lines: the hardware IRQ number within the controller, when printed.'),
  handler: opt.string('Numbered lines: the flow handler (edge, fasteoi, level, ...), when printed as hwirq-handler.'),
  trigger: opt.string('Numbered lines: Level or Edge, on architectures that print it as a word (GENERIC_IRQ_SHOW_LEVEL: arm, arm64, ...).'),
  actions: opt.string('Numbered lines: the devices (irqaction names) on the line, as printed ("ehci_hcd:usb1, mmc0").'),
  description: f.string('The text after the counts, single-spaced: chip, hwirq and devices of a numbered line, or the description of an architecture counter ("Local timer interrupts"); "" when none.'),
});

export const softirqSchema = defineRecord('softirq', 'One softirq type of /proc/softirqs.', {
  name: f.string('Softirq type as printed: HI, TIMER, NET_TX, NET_RX, BLOCK, IRQ_POLL, TASKLET, SCHED, HRTIMER, RCU.', { kernel: 'name' }),
  perCpu: f.counters('Count per CPU under the header name (CPU0, ...), every possible CPU.', { unit: 'count' }),
  total: f.u64('Sum of the per-CPU counts.', { unit: 'count' }),
});

export const interruptsSchema = defineRecord('interrupts', 'Hardware interrupt lines and softirq types of one source, counted per CPU.', {
  cpus: f.strings('CPU names of the /proc/interrupts header (online CPUs), in order; empty when the file cannot be read.'),
  lines: f.records(interruptLineSchema, 'Rows of /proc/interrupts in file order.'),
  softirqCpus: f.strings('CPU names of the /proc/softirqs header (possible CPUs), in order; empty when the file cannot be read.'),
  softirqs: f.records(softirqSchema, 'Rows of /proc/softirqs in file order.'),
});

export type InterruptLine = RecordOf<typeof interruptLineSchema>;
export type Softirq = RecordOf<typeof softirqSchema>;
export type Interrupts = RecordOf<typeof interruptsSchema>;
