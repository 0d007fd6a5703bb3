/**
 * Wraps a Source and keeps every Reading each view method returned, so a test can
 * compare what was saved (the readings the kstat providers encoded) with what comes back.
 * Also drops undefined-valued properties for comparisons: decoded records carry every
 * schema field as an own property (undefined when absent), live ones may omit it.
 */
import type { Reading, Source } from '../../src/sources/source.js';

const VIEWS = ['sockets', 'listenQueues', 'interfaces', 'memory', 'packetSockets', 'routes', 'neighbours', 'routeStats', 'multicast', 'protocolStats', 'cpu', 'memoryInfo', 'disks', 'interrupts', 'scheduler'] as const;
export type ViewMethod = (typeof VIEWS)[number];

export function recording(source: Source): { source: Source; readings: Map<ViewMethod, Reading<unknown>[]> } {
  const readings = new Map<ViewMethod, Reading<unknown>[]>();
  const wrapped: Record<string, unknown> = {
    info: source.info,
    clock: () => source.clock(),
    close: () => source.close(),
  };
  for (const view of VIEWS) {
    const method = (source as unknown as Record<string, ((...args: unknown[]) => Promise<Reading<unknown>>) | undefined>)[view];
    if (method === undefined) continue;
    wrapped[view] = async (...args: unknown[]) => {
      const r = await method.apply(source, args);
      readings.set(view, [...(readings.get(view) ?? []), r]);
      return r;
    };
  }
  return { source: wrapped as unknown as Source, readings };
}

/** A deep copy without undefined-valued object properties (arrays, Dates, bigints kept). */
export function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value instanceof Date || value instanceof Uint8Array || value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = withoutUndefined(v);
  return out;
}
