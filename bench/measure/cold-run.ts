/**
 * One cold run: a whole process, timed from spawn to exit by the monotonic clock, its peak RSS
 * and CPU time (user + system, every thread and child it waited for) read from GNU time
 * (`/usr/bin/time -f '%M %U %S'`, the wait4 rusage of the process tree). Without GNU time the
 * run is still timed, and RSS and CPU are reported as unknown — never guessed. GNU time adds
 * one fork+exec (~1 ms) to every cold row alike.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export const GNU_TIME = '/usr/bin/time';
const STDOUT_CAP = 64 * 1024;
const running = new Set<number>();

/** Kill the process group of every run still going (on Ctrl-C): only groups this module started. */
export function killRunning(): void {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

export interface ColdRunOptions {
  /** Keep stdout (small outputs only: a count). Otherwise it goes to /dev/null, like `> /dev/null`. */
  captureStdout?: boolean;
  timeoutMs: number;
}

export interface ColdRun {
  seconds: number;
  peakRssKiB: number | undefined;
  cpuSeconds: number | undefined;
  stdout: string;
}

export function gnuTimeAvailable(): boolean {
  return existsSync(GNU_TIME);
}

export async function coldRun(command: string, args: string[], options: ColdRunOptions): Promise<ColdRun> {
  const dir = await mkdtemp(join(tmpdir(), 'kstat-bench-'));
  const usageFile = join(dir, 'usage');
  const timed = gnuTimeAvailable();
  const [file, argv] = timed ? [GNU_TIME, ['-f', '%M %U %S', '-o', usageFile, command, ...args]] : [command, args];
  try {
    const start = process.hrtime.bigint();
    const { code, stdout, stderr } = await runToExit(file, argv, options);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (code !== 0) throw new Error(`${basename(command)} exited ${code}: ${errorLine(stderr)}`);
    const usage = timed ? await readUsage(usageFile) : { peakRssKiB: undefined, cpuSeconds: undefined };
    return { seconds, ...usage, stdout };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The one line of a failed child's stderr worth printing in a table: its exception line
 * (Node "Error [ERR_…]: …", Python "ModuleNotFoundError: …"), else its last line; clipped.
 */
export function errorLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trimEnd()).filter((l) => l !== '');
  const exception = lines.filter((l) => /^\S*Error\b/.test(l)).pop();
  return (exception ?? lines.pop() ?? '(no stderr)').slice(0, 160);
}

/** GNU time writes "Command exited with non-zero status N" before its line when it fails; take the last line. */
async function readUsage(file: string): Promise<Pick<ColdRun, 'peakRssKiB' | 'cpuSeconds'>> {
  const lines = (await readFile(file, 'utf8')).trim().split('\n');
  const [rss, user, system] = (lines[lines.length - 1] ?? '').split(' ').map(Number);
  const cpu = (user ?? NaN) + (system ?? NaN);
  return { peakRssKiB: rss !== undefined && Number.isFinite(rss) && rss > 0 ? rss : undefined, cpuSeconds: Number.isFinite(cpu) ? cpu : undefined };
}

interface Exit {
  code: number | string;
  stdout: string;
  stderr: string;
}

/**
 * The child leads its own process group so that a timeout can stop it and whatever it started
 * (GNU time's child, systeminformation's netstat) by that one pid, and nothing else.
 */
function runToExit(file: string, argv: string[], options: ColdRunOptions): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, { stdio: ['ignore', options.captureStdout ? 'pipe' : 'ignore', 'pipe'], detached: true });
    if (child.pid !== undefined) running.add(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      if (stdout.length < STDOUT_CAP) stdout += chunk.toString('utf8');
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < STDOUT_CAP) stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => {
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }, options.timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (child.pid !== undefined) running.delete(child.pid);
      resolve({ code: code ?? `signal ${signal ?? '?'} (timeout ${options.timeoutMs} ms?)`, stdout, stderr });
    });
  });
}
