/** `node -e 0`: Node's own start-up cost, the floor under every cold Node row. */
import { coldRun } from '../measure/cold-run.js';
import type { ColdRow } from './row.js';

export const nodeFloor: ColdRow = {
  id: 'node-floor',
  label: 'node -e 0 (start-up floor)',
  mode: 'cold',
  missing: () => undefined,
  async once(timeoutMs) {
    const run = await coldRun(process.execPath, ['-e', '0'], { timeoutMs });
    return { ...run, count: undefined };
  },
};
