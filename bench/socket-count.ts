/**
 * How many TCP socket rows the machine has right now, by the peer: `ss -tan | wc -l` minus the
 * header line. Used to check that the load is what we asked for (2 rows per connection plus one
 * listener per shard) before anything is measured.
 */
import { execFile } from 'node:child_process';
import { findCommand } from './peers/row.js';

export function tcpRowsBySs(): Promise<number | undefined> {
  if (findCommand('ss') === undefined) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    execFile('sh', ['-c', 'ss -tan | wc -l'], { timeout: 60_000 }, (err, stdout) => {
      const lines = Number(stdout.trim());
      resolve(err === null && Number.isInteger(lines) ? Math.max(0, lines - 1) : undefined);
    });
  });
}

/** Expected rows once the load is up: the rows before it plus 2 per connection and a listener per shard. */
export function expectedRows(before: number, connections: number, shards: number): number {
  return before + 2 * connections + shards;
}

/** Within 2 % (others on this machine may open or close sockets meanwhile). */
export function closeEnough(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= Math.max(10, expected * 0.02);
}
