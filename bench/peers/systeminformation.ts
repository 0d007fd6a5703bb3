/**
 * systeminformation `networkConnections()`: on Linux it runs `netstat -tunap` (tcp AND udp, with
 * owning processes) through a shell and parses the text. Cold peak RSS is the largest process of
 * the tree (node or netstat); warm peak RSS is the Node process alone.
 */
import { createRequire } from 'node:module';
import { coldRun } from '../measure/cold-run.js';
import { warmRun } from '../measure/warm-run.js';
import { paths } from '../paths.js';
import { findCommand, lastCount, type ColdRow, type WarmRow } from './row.js';

const NOTE = 'runs `netstat -tunap` (tcp+udp, with processes) and parses its text; warm RSS is the Node process only';

function missing(): string | undefined {
  // Without either tool it returns [] silently, which would print as a fast, empty row.
  if (findCommand('netstat') === undefined && findCommand('ss') === undefined) {
    return 'systeminformation needs netstat (net-tools) or ss (iproute2) on PATH';
  }
  try {
    createRequire(import.meta.url).resolve('systeminformation');
    return undefined;
  } catch {
    return 'npm package systeminformation not installed (npm install --save-dev systeminformation)';
  }
}

export const siCold: ColdRow = {
  id: 'si-cold',
  label: 'systeminformation networkConnections()',
  mode: 'cold',
  note: NOTE,
  missing,
  async once(timeoutMs) {
    const run = await coldRun(process.execPath, [paths.coldSystemInformation], { timeoutMs, captureStdout: true });
    return { ...run, count: lastCount(run.stdout) };
  },
};

export const siWarm: WarmRow = {
  id: 'si-warm',
  label: 'systeminformation networkConnections()',
  mode: 'warm',
  note: NOTE,
  missing,
  async batch(calls, budgetS, timeoutMs) {
    const r = await warmRun({ command: process.execPath, args: [paths.warmChild, 'systeminformation'], calls, budgetS, timeoutMs });
    return { seconds: r.seconds, peakRssKiB: r.maxRssKiB, count: r.count };
  },
};
