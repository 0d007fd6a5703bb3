/**
 * A warm measurement: one long-lived child (node or python) loads its library once, makes one
 * untimed warm-up call, then times up to `calls` calls (stopping early once `budgetS` is
 * spent, after at least one) and prints one JSON line:
 *
 *   {"seconds":[...], "maxRssKiB": n, "count": n}
 *
 * maxRssKiB is the child's own peak RSS (getrusage RUSAGE_SELF / process.resourceUsage), so a
 * library that forks a helper (systeminformation runs netstat) is charged only for its own
 * process; the report says so.
 */
import { coldRun } from './cold-run.js';

export interface WarmResult {
  seconds: number[];
  maxRssKiB: number;
  count: number;
}

export interface WarmRequest {
  command: string;
  /** Arguments before the two the child always takes: <calls> <budgetS>. */
  args: string[];
  calls: number;
  budgetS: number;
  /** Hard stop for the child: warm-up and every call together. */
  timeoutMs: number;
}

export async function warmRun(request: WarmRequest): Promise<WarmResult> {
  const run = await coldRun(request.command, [...request.args, String(request.calls), String(request.budgetS)], {
    captureStdout: true,
    timeoutMs: request.timeoutMs,
  });
  const last = run.stdout.trim().split('\n').pop() ?? '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(last);
  } catch {
    throw new Error(`warm child printed no result: ${last.slice(0, 200)}`);
  }
  return checkResult(parsed);
}

function checkResult(value: unknown): WarmResult {
  const v = value as Partial<WarmResult>;
  const ok =
    Array.isArray(v.seconds) &&
    v.seconds.length > 0 &&
    v.seconds.every((s) => typeof s === 'number') &&
    typeof v.maxRssKiB === 'number' &&
    typeof v.count === 'number';
  if (!ok) throw new Error(`warm child result is malformed: ${JSON.stringify(value).slice(0, 200)}`);
  return v as WarmResult;
}
