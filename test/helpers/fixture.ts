/** Where the committed fixture trees are (test/fixtures/trees/<set>), from compiled or source tests. */
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above the test helpers');
    dir = up;
  }
  return dir;
}

export const REPO_ROOT = repoRoot();
export const TREES = resolve(REPO_ROOT, 'test', 'fixtures', 'trees');
export const VARIANTS = resolve(REPO_ROOT, 'test', 'fixtures', 'variants');

/** Absolute directory of a fixture set, e.g. tree('linux-6.18.44-fc-v595-live'). */
export function tree(set: string): string {
  return join(TREES, set);
}

/** Text of a file inside a fixture set. */
export function fixtureText(set: string, logical: string): string {
  return readFileSync(join(TREES, set, logical), 'utf8');
}

/** Text of a variant file (test/fixtures/variants/<name>). */
export function variantText(name: string): string {
  return readFileSync(join(VARIANTS, name), 'utf8');
}
