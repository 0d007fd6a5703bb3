/**
 * The system views (cpu, memoryInfo, disks, interrupts, scheduler — the optional Source
 * kinds of docs/adding-a-subsystem.md) as XDR, the way protocol/netstat-readings.ts does
 * the netstat views: each view's whole Reading is the data of a RAW kstat
 * `system:0:<view>` (class `system`), so a snapshot carries them losslessly and a
 * snapshot source answers them. View names are the kstat names.
 */
import { cpuStatsSchema, type CpuStats } from '../../records/cpu.js';
import { memoryInfoSchema, type MemoryInfo } from '../../records/memory-info.js';
import { diskSchema, type Disk } from '../../records/disk.js';
import { interruptsSchema, type Interrupts } from '../../records/interrupt.js';
import { schedulerStatsSchema, type SchedulerStats } from '../../records/scheduler.js';
import type { OptionalKind } from '../optional-kind.js';
import type { Reading } from '../source.js';
import { decodeReading, encodeReading, type ReadingShape } from '../../protocol/reading-xdr.js';

export interface SystemViewData {
  cpu: CpuStats;
  'memory-info': MemoryInfo;
  disks: Disk[];
  interrupts: Interrupts;
  scheduler: SchedulerStats;
}
export type SystemView = keyof SystemViewData;

export const SYSTEM_VIEW_SHAPES: Readonly<Record<SystemView, ReadingShape>> = {
  cpu: { shape: 'one', schema: cpuStatsSchema },
  'memory-info': { shape: 'one', schema: memoryInfoSchema },
  disks: { shape: 'list', schema: diskSchema },
  interrupts: { shape: 'one', schema: interruptsSchema },
  scheduler: { shape: 'one', schema: schedulerStatsSchema },
};

/** The Source method (optional kind) behind each view. */
export const SYSTEM_VIEW_KINDS: Readonly<Record<SystemView, OptionalKind>> = {
  cpu: 'cpu',
  'memory-info': 'memoryInfo',
  disks: 'disks',
  interrupts: 'interrupts',
  scheduler: 'scheduler',
};

export const SYSTEM_VIEWS = Object.keys(SYSTEM_VIEW_SHAPES) as SystemView[];

export function encodeSystemViewReading<V extends SystemView>(view: V, reading: Reading<SystemViewData[V]>): Uint8Array {
  return encodeReading(reading, SYSTEM_VIEW_SHAPES[view]);
}

/** Throws XdrError (E_PARSE, byte offset) on malformed bytes. */
export function decodeSystemViewReading<V extends SystemView>(view: V, bytes: Uint8Array): Reading<SystemViewData[V]> {
  return decodeReading<SystemViewData[V]>(bytes, SYSTEM_VIEW_SHAPES[view]);
}
