/**
 * Running the compiled kstat command (build/src/cli/kstat/main.js) as a user would, from
 * the repository root so tree paths in its output stay relative, and comparing its output
 * with golden files under test/fixtures/golden/kstat/.
 *
 * Regenerate the goldens after an intended output change with
 *   UPDATE_GOLDEN=1 node --test build/test/unit/cli/kstat/golden.test.js
 * then review the diff (git diff test/fixtures/golden/kstat) before committing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const KSTAT = join(REPO_ROOT, 'build', 'src', 'cli', 'kstat', 'main.js');
export const KSTAT_GOLDEN_DIR = join(REPO_ROOT, 'test', 'fixtures', 'golden', 'kstat');
export const KSTAT_SCHEMA = JSON.parse(readFileSync(join(REPO_ROOT, 'docs', 'kstat.schema.json'), 'utf8')) as Record<string, unknown>;

export interface KstatRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runKstatCli(args: readonly string[], options: { timeoutMs?: number } = {}): KstatRun {
  const r = spawnSync(process.execPath, [KSTAT, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: options.timeoutMs ?? 60_000, maxBuffer: 256 * 1024 * 1024 });
  if (r.error !== undefined) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function treeArgs(set: string): string[] {
  return ['-R', `test/fixtures/trees/${set}`];
}

export function kstatGoldenText(args: readonly string[], run: KstatRun): string {
  return `$ kstat ${args.join(' ')}\n# exit ${run.status}\n## stdout\n${run.stdout}## stderr\n${run.stderr}`;
}

const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** The golden's text, writing it first when UPDATE_GOLDEN=1; undefined when it does not exist. */
export function kstatGolden(name: string, actual: string): string | undefined {
  const file = join(KSTAT_GOLDEN_DIR, `${name}.txt`);
  if (UPDATE) writeFileSync(file, actual);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}
