/** net-tools `netstat -tan`: reads /proc/net/tcp and tcp6 and prints every row (output to /dev/null). */
import { coldRun } from '../measure/cold-run.js';
import { missingCommand, type ColdRow } from './row.js';

export const netstatTan: ColdRow = {
  id: 'netstat-tan',
  label: 'netstat -tan',
  mode: 'cold',
  missing: () => missingCommand('netstat', 'net-tools'),
  async once(timeoutMs) {
    const run = await coldRun('netstat', ['-tan'], { timeoutMs });
    return { ...run, count: undefined };
  },
};
