/**
 * Our library, `kstat/netstat`: `open()` then `sockets({ protocol: 'tcp' })` (all TCP sockets,
 * v4+v6, from /proc/net/tcp{,6}), and the same with `processes: true` (owning processes).
 * Cold = a whole `node` process running bench/cold/list-sockets.ts; warm = calls inside one
 * running process (bench/warm/warm-child.ts).
 */
import { existsSync } from 'node:fs';
import { coldRun } from '../measure/cold-run.js';
import { warmRun } from '../measure/warm-run.js';
import { paths } from '../paths.js';
import { lastCount, type ColdRow, type WarmRow } from './row.js';

function missing(): string | undefined {
  return existsSync(paths.library) ? undefined : `${paths.library} not built (src/netstat.ts missing?)`;
}

function coldRow(id: string, processes: boolean): ColdRow {
  return {
    id,
    label: `kstat sockets({tcp${processes ? ', processes' : ''}})`,
    mode: 'cold',
    missing,
    async once(timeoutMs) {
      const args = [paths.coldListSockets, ...(processes ? ['--processes'] : [])];
      const run = await coldRun(process.execPath, args, { timeoutMs, captureStdout: true });
      return { ...run, count: lastCount(run.stdout) };
    },
  };
}

function warmRow(id: string, processes: boolean): WarmRow {
  return {
    id,
    label: `kstat sockets({tcp${processes ? ', processes' : ''}})`,
    mode: 'warm',
    missing,
    async batch(calls, budgetS, timeoutMs) {
      const target = processes ? 'kstat-processes' : 'kstat';
      const r = await warmRun({ command: process.execPath, args: [paths.warmChild, target], calls, budgetS, timeoutMs });
      return { seconds: r.seconds, peakRssKiB: r.maxRssKiB, count: r.count };
    },
  };
}

export const kstatCold = coldRow('kstat-cold', false);
export const kstatColdProcesses = coldRow('kstat-cold-processes', true);
export const kstatWarm = warmRow('kstat-warm', false);
export const kstatWarmProcesses = warmRow('kstat-warm-processes', true);
