/**
 * Running the compiled knetstat (build/src/cli/knetstat/main.js) as a user would, from the
 * repository root so tree paths in the output stay relative, and comparing its output with
 * golden files under test/fixtures/golden/knetstat/.
 *
 * Regenerate the goldens after an intended output change with
 *   UPDATE_GOLDEN=1 node --test build/test/unit/cli/knetstat/golden.test.js
 * then review the diff (git diff test/fixtures/golden) before committing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** Repository root, from build/test/helpers/knetstat.js. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const KNETSTAT = join(REPO_ROOT, 'build', 'src', 'cli', 'knetstat', 'main.js');
export const GOLDEN_DIR = join(REPO_ROOT, 'test', 'fixtures', 'golden', 'knetstat');

export interface KnetstatRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runKnetstat(args: readonly string[], options: { timeoutMs?: number } = {}): KnetstatRun {
  const r = spawnSync(process.execPath, [KNETSTAT, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: options.timeoutMs ?? 60_000, maxBuffer: 512 * 1024 * 1024 });
  if (r.error !== undefined) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function treeArg(set: string): string {
  return `test/fixtures/trees/${set}`;
}

/** Values that change from run to run (reading time, measured interval) → placeholders. */
export function normalize(text: string): string {
  return text
    .replace(/"takenAt": ?"[^"]+"/g, '"takenAt":"<time>"')
    .replace(/"elapsedNs": ?\d+/g, '"elapsedNs":"<ns>"');
}

export function goldenText(args: readonly string[], run: KnetstatRun): string {
  return `$ knetstat ${args.join(' ')}\n# exit ${run.status}\n## stdout\n${normalize(run.stdout)}## stderr\n${normalize(run.stderr)}`;
}

export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';

/** The golden's text, writing it first when UPDATE_GOLDEN=1; undefined when it does not exist. */
export function golden(name: string, actual: string): string | undefined {
  const file = join(GOLDEN_DIR, `${name}.txt`);
  if (UPDATE_GOLDEN) writeFileSync(file, actual);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}
