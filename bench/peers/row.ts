/**
 * A benchmark row: one way of listing the TCP sockets, run cold (a whole process per run) or
 * warm (calls inside one long-lived process). A row that cannot run here says why in
 * `missing()` and is printed as missing — never replaced by something else.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface OneRun {
  seconds: number;
  peakRssKiB: number | undefined;
  /** User + system CPU time of the whole process, where known (cold runs, by GNU time). */
  cpuSeconds?: number | undefined;
  /** Rows the tool said it listed, where it prints a count. */
  count: number | undefined;
}

export interface Batch {
  seconds: number[];
  peakRssKiB: number | undefined;
  count: number | undefined;
}

interface RowBase {
  /** Stable key, used by the targets. */
  id: string;
  /** What the table shows: the command or call. */
  label: string;
  /** Caveat printed under the table (what is and is not included in the time or RSS). */
  note?: string;
  missing(): string | undefined;
}

export interface ColdRow extends RowBase {
  mode: 'cold';
  once(timeoutMs: number): Promise<OneRun>;
}

export interface WarmRow extends RowBase {
  mode: 'warm';
  batch(calls: number, budgetS: number, timeoutMs: number): Promise<Batch>;
}

export type Row = ColdRow | WarmRow;

/** The absolute path of `name` on PATH, or undefined. */
export function findCommand(name: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export function missingCommand(name: string, pkg: string): string | undefined {
  return findCommand(name) === undefined ? `${name} not on PATH (Debian package ${pkg})` : undefined;
}

/** A count printed as the last line of a tool's stdout. */
export function lastCount(stdout: string): number | undefined {
  const value = Number(stdout.trim().split('\n').pop());
  return Number.isInteger(value) ? value : undefined;
}

/** True when `command args` runs and exits 0 within 20 s (an import check, not a measurement). */
export function runsCleanly(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore', timeout: 20_000 });
  return result.status === 0;
}
