/**
 * Differences between two readings of the same source, for the interval modes. A counter
 * that went backwards (the interface was re-created, a 32-bit counter wrapped, the source
 * restarted) has no meaningful delta: it is left undefined rather than guessed.
 */
import type { Interface } from '../../records/interface.js';
import type { ProtocolCounterGroup } from '../../records/protocol-counters.js';

export function counterDelta(before: bigint | undefined, after: bigint | undefined): bigint | undefined {
  if (before === undefined || after === undefined || after < before) return undefined;
  return after - before;
}

/** Per-second rate of a delta over `elapsedNs`, rounded down to an integer. */
export function perSecond(delta: bigint | undefined, elapsedNs: bigint): bigint | undefined {
  if (delta === undefined || elapsedNs <= 0n) return undefined;
  return (delta * 1_000_000_000n) / elapsedNs;
}

/** The interface counters the -i interval report differences. */
export const INTERFACE_DELTA_FIELDS = [
  'rxPackets', 'rxBytes', 'rxErrors', 'rxDropped',
  'txPackets', 'txBytes', 'txErrors', 'txDropped', 'txCollisions',
] as const;
export type InterfaceDeltaField = (typeof INTERFACE_DELTA_FIELDS)[number];

export type InterfaceDelta = { name: string; rxBytesPerSecond?: bigint; txBytesPerSecond?: bigint } & Partial<Record<InterfaceDeltaField, bigint>>;

/** One entry per interface present in both readings, in the later reading's order. */
export function interfaceDeltas(before: readonly Interface[], after: readonly Interface[], elapsedNs: bigint): InterfaceDelta[] {
  const old = new Map(before.map((i) => [i.name, i]));
  const out: InterfaceDelta[] = [];
  for (const now of after) {
    const was = old.get(now.name);
    if (was === undefined) continue;
    const d: InterfaceDelta = { name: now.name };
    for (const field of INTERFACE_DELTA_FIELDS) {
      const v = counterDelta(was[field], now[field]);
      if (v !== undefined) d[field] = v;
    }
    const rx = perSecond(d.rxBytes, elapsedNs);
    const tx = perSecond(d.txBytes, elapsedNs);
    if (rx !== undefined) d.rxBytesPerSecond = rx;
    if (tx !== undefined) d.txBytesPerSecond = tx;
    out.push(d);
  }
  return out;
}

export interface CounterGroupDelta {
  group: string;
  file: string;
  /** Counter → increase over the interval (exact). */
  deltas: Record<string, bigint>;
}

/** Deltas of every counter present in both readings (groups matched by file and prefix). */
export function counterGroupDeltas(before: readonly ProtocolCounterGroup[], after: readonly ProtocolCounterGroup[]): CounterGroupDelta[] {
  const old = new Map(before.map((g) => [`${g.file} ${g.group}`, g]));
  return after.map((g) => {
    const was = old.get(`${g.file} ${g.group}`);
    const deltas: Record<string, bigint> = {};
    for (const [name, value] of Object.entries(g.counters)) {
      const v = counterDelta(was?.counters[name], value);
      if (v !== undefined) deltas[name] = v;
    }
    return { group: g.group, file: g.file, deltas };
  });
}
