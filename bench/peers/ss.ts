/**
 * iproute2 `ss`: reads sockets over netlink (inet_diag), not /proc. `-p` makes it also walk
 * every /proc/<pid>/fd to find the owner of each socket inode — the cost we compare our
 * `processes: true` against; `-i` asks for TCP internals (INET_DIAG_INFO), as `internals: true`
 * does. Output goes to /dev/null; ss still formats every row.
 */
import { coldRun } from '../measure/cold-run.js';
import { missingCommand, type ColdRow } from './row.js';

function ssRow(id: string, flags: string): ColdRow {
  return {
    id,
    label: `ss ${flags}`,
    mode: 'cold',
    missing: () => missingCommand('ss', 'iproute2'),
    async once(timeoutMs) {
      const run = await coldRun('ss', [flags], { timeoutMs });
      return { ...run, count: undefined };
    },
  };
}

export const ssTan = ssRow('ss-tan', '-tan');
export const ssTanp = ssRow('ss-tanp', '-tanp');
export const ssTani = ssRow('ss-tani', '-tani');
