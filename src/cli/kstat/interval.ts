/**
 * Pacing of interval reports, as kstat(1M)'s ks_sleep_until: reports are due at start +
 * k × interval, so the time taken to read and print does not accumulate; when a report is
 * so late that less than a quarter interval would remain, the schedule restarts from now.
 */

export interface IntervalClock {
  readonly intervalMs: number;
  /** When the next report is due (performance.now() milliseconds). */
  readonly dueMs: number;
}

export function startClock(seconds: number): IntervalClock {
  const intervalMs = seconds * 1000;
  return { intervalMs, dueMs: performance.now() + intervalMs };
}

/** Waits until the report is due; returns the clock of the report after it. */
export async function sleepUntilNext(clock: IntervalClock): Promise<IntervalClock> {
  const now = performance.now();
  let due = clock.dueMs;
  if (due - now < clock.intervalMs / 4) due = now + clock.intervalMs;
  await sleep(due - now);
  return { intervalMs: clock.intervalMs, dueMs: due + clock.intervalMs };
}

/** setTimeout holds at most 2^31-1 ms (about 24.8 days): longer intervals wait in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

async function sleep(ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= MAX_TIMER_MS) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(left, MAX_TIMER_MS)));
  }
}
