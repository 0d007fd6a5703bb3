/**
 * The system kinds (cpu, memoryInfo, disks, interrupts, scheduler) are optional methods
 * of a Source: a source that does not have the method lacks the kind entirely. This is
 * the one place that turns "no method" into the usual E_UNAVAILABLE rejection, for the
 * session and the kstat providers alike.
 */
import { KstatError } from '../errors.js';
import type { Reading, Source } from './source.js';

export type OptionalKind = 'cpu' | 'memoryInfo' | 'disks' | 'interrupts' | 'scheduler';

const WHAT: Record<OptionalKind, string> = {
  cpu: 'CPU statistics',
  memoryInfo: 'system memory statistics',
  disks: 'disk statistics',
  interrupts: 'interrupt statistics',
  scheduler: 'scheduler statistics',
};

type ReadingOf<K extends OptionalKind> = Awaited<ReturnType<NonNullable<Source[K]>>>;

export function readOptional<K extends OptionalKind>(source: Source, kind: K): Promise<ReadingOf<K>> {
  const method = source[kind] as (() => Promise<Reading<unknown>>) | undefined;
  if (method === undefined) return Promise.reject(new KstatError('E_UNAVAILABLE', `${WHAT[kind]} are not available from ${source.info.label}`));
  return method.call(source) as Promise<ReadingOf<K>>;
}
