/**
 * python3-psutil `net_connections('tcp')`. Debian installs it for /usr/bin/python3 only (not a
 * pyenv python3 on PATH), so that interpreter is called by its path. psutil always maps sockets
 * to processes when listing system-wide (it scans every /proc/<pid>/fd), so it does the work of
 * `ss -tanp`, not of `ss -tan`.
 */
import { coldRun } from '../measure/cold-run.js';
import { warmRun } from '../measure/warm-run.js';
import { lastCount, runsCleanly, type ColdRow, type WarmRow } from './row.js';

const PYTHON = '/usr/bin/python3';
const NOTE = 'maps every socket to its process (scans /proc/*/fd) even when not asked';

const COLD = "import psutil; print(len(psutil.net_connections('tcp')))";

// argv: -c <calls> <budgetS>. One untimed warm-up call, then up to <calls> timed calls.
const WARM = [
  'import sys, time, json, resource, psutil',
  'calls, budget = int(sys.argv[1]), float(sys.argv[2])',
  "n = len(psutil.net_connections('tcp'))",
  'times, start = [], time.perf_counter()',
  'while len(times) < calls and (not times or time.perf_counter() - start < budget):',
  '    t = time.perf_counter()',
  "    n = len(psutil.net_connections('tcp'))",
  '    times.append(time.perf_counter() - t)',
  'rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss',
  'print(json.dumps({"seconds": times, "maxRssKiB": rss, "count": n}))',
].join('\n');

let cachedMissing: string | undefined | null = null;

function missing(): string | undefined {
  if (cachedMissing === null) {
    cachedMissing = runsCleanly(PYTHON, ['-c', 'import psutil'])
      ? undefined
      : `${PYTHON} cannot import psutil (Debian package python3-psutil)`;
  }
  return cachedMissing;
}

export const psutilCold: ColdRow = {
  id: 'psutil-cold',
  label: "psutil net_connections('tcp')",
  mode: 'cold',
  note: NOTE,
  missing,
  async once(timeoutMs) {
    const run = await coldRun(PYTHON, ['-c', COLD], { timeoutMs, captureStdout: true });
    return { ...run, count: lastCount(run.stdout) };
  },
};

export const psutilWarm: WarmRow = {
  id: 'psutil-warm',
  label: "psutil net_connections('tcp')",
  mode: 'warm',
  note: NOTE,
  missing,
  async batch(calls, budgetS, timeoutMs) {
    const r = await warmRun({ command: PYTHON, args: ['-c', WARM], calls, budgetS, timeoutMs });
    return { seconds: r.seconds, peakRssKiB: r.maxRssKiB, count: r.count };
  },
};
