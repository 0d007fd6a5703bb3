/**
 * A run of unsigned decimal counters on one line (/proc/stat, /proc/diskstats,
 * /proc/schedstat): all of them as bigints, or undefined when any one is not a number,
 * so the caller reports the line (`bad-number`) instead of keeping part of it.
 */
import { parseUnsignedCounter } from './counter.js';

/** tokens[from..] → bigints, or undefined if one is not unsigned decimal digits. */
export function unsignedCounters(tokens: readonly string[], from: number): bigint[] | undefined {
  const out: bigint[] = [];
  for (let i = from; i < tokens.length; i++) {
    const v = parseUnsignedCounter(tokens[i] as string);
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}
