/**
 * Runs every row at one load size. Cold rows go round-robin — one run of each row per round —
 * so that a drift in the machine's state spreads over all rows instead of landing on one.
 * A row stops repeating once it has `repeat` runs or has used its time budget (after at least
 * one run). Warm rows then run, each in its own long-lived child. Nothing runs once the load
 * has ended or the whole run's bound is spent; those rows say so.
 */
import type { BenchOptions } from './args.js';
import type { Load } from './load/coordinator.js';
import type { ColdRow, WarmRow } from './peers/row.js';
import { emptyResult, type RowResult } from './report/result.js';

const COLD_TIMEOUT_MS = 120_000;
const WARM_GRACE_MS = 120_000; // start-up + warm-up call, on top of the row budget

export interface Clock {
  remainingMs(): number;
}

interface SizeContext {
  options: BenchOptions;
  clock: Clock;
  load: Load;
  progress(message: string): void;
}

/** Why nothing more may run now, or undefined. */
function blocked(context: SizeContext): string | undefined {
  if (!context.load.alive()) return 'load ended (shard lifetime) before this row';
  if (context.clock.remainingMs() <= 0) return `the ${context.options.maxMinutes}-minute bound was spent`;
  return undefined;
}

function fail(result: RowResult, status: 'missing' | 'error' | 'skipped', reason: string): void {
  if (result.seconds.length > 0 && status === 'skipped') return; // keep the runs it has
  result.status = status;
  result.reason = reason;
}

function wantsAnotherRun(result: RowResult, options: BenchOptions): boolean {
  if (result.status !== 'ok' || result.seconds.length >= options.repeat) return false;
  const spent = result.seconds.reduce((a, b) => a + b, 0);
  return result.seconds.length === 0 || spent < options.rowBudgetS;
}

async function runCold(rows: ColdRow[], context: SizeContext): Promise<RowResult<ColdRow>[]> {
  const results = rows.map((row) => {
    const result = emptyResult(row);
    const why = row.missing();
    if (why !== undefined) fail(result, 'missing', why);
    return result;
  });
  for (let round = 1; round <= context.options.repeat; round++) {
    context.progress(`cold round ${round}/${context.options.repeat}`);
    for (const result of results.filter((r) => wantsAnotherRun(r, context.options))) {
      const why = blocked(context);
      if (why !== undefined) {
        fail(result, 'skipped', why);
        continue;
      }
      try {
        const run = await result.row.once(COLD_TIMEOUT_MS);
        result.seconds.push(run.seconds);
        if (run.cpuSeconds !== undefined) result.cpuSeconds.push(run.cpuSeconds);
        result.peakRssKiB = Math.max(result.peakRssKiB ?? 0, run.peakRssKiB ?? 0) || undefined;
        result.count = run.count ?? result.count;
      } catch (err) {
        fail(result, 'error', (err as Error).message);
      }
    }
  }
  return results;
}

async function runWarm(row: WarmRow, context: SizeContext): Promise<RowResult> {
  const result = emptyResult(row);
  const missing = row.missing();
  if (missing !== undefined) {
    fail(result, 'missing', missing);
    return result;
  }
  const why = blocked(context);
  if (why !== undefined) {
    fail(result, 'skipped', why);
    return result;
  }
  context.progress(`warm: ${row.label}`);
  const { repeat, rowBudgetS } = context.options;
  try {
    const batch = await row.batch(repeat, rowBudgetS, rowBudgetS * 1000 + WARM_GRACE_MS);
    Object.assign(result, { seconds: batch.seconds, peakRssKiB: batch.peakRssKiB, count: batch.count });
  } catch (err) {
    fail(result, 'error', (err as Error).message);
  }
  return result;
}

export async function measureSize(cold: ColdRow[], warm: WarmRow[], context: SizeContext): Promise<RowResult[]> {
  const results: RowResult[] = await runCold(cold, context);
  for (const row of warm) results.push(await runWarm(row, context));
  return results;
}
