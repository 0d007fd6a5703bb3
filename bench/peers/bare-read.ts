/**
 * The kernel-cost baseline: `cat /proc/net/tcp /proc/net/tcp6 > /dev/null` only makes the kernel
 * print every socket row (cat itself costs ~1 ms). Its warm twin reads the same two files with
 * fs.readFileSync inside a running Node process, the floor for any Node procfs reader.
 */
import { coldRun } from '../measure/cold-run.js';
import { warmRun } from '../measure/warm-run.js';
import { paths } from '../paths.js';
import { missingCommand, type ColdRow, type WarmRow } from './row.js';

export const bareRead: ColdRow = {
  id: 'bare-read',
  label: 'cat /proc/net/tcp /proc/net/tcp6',
  mode: 'cold',
  missing: () => missingCommand('cat', 'coreutils'),
  async once(timeoutMs) {
    const run = await coldRun('cat', ['/proc/net/tcp', '/proc/net/tcp6'], { timeoutMs });
    return { ...run, count: undefined };
  },
};

export const nodeRead: WarmRow = {
  id: 'node-read-warm',
  label: 'fs.readFileSync /proc/net/tcp{,6}',
  mode: 'warm',
  note: 'reads the bytes only, parses nothing; count = lines read',
  missing: () => undefined,
  async batch(calls, budgetS, timeoutMs) {
    const r = await warmRun({ command: process.execPath, args: [paths.warmChild, 'node-read'], calls, budgetS, timeoutMs });
    return { seconds: r.seconds, peakRssKiB: r.maxRssKiB, count: r.count };
  },
};
