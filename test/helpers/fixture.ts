/** Where the committed fixture trees are (test/fixtures/trees/<set>), from compiled or source tests. */
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

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

/**
 * Runs `body` on a throwaway tree holding only `files` (tree path → text, e.g.
 * { 'proc/net/arp': variantText('net-arp.x') }), removed afterwards whatever happens.
 */
export async function withTree<T>(files: Readonly<Record<string, string>>, body: (root: string) => Promise<T>): Promise<T> {
  const root = mkdtempSync(join(tmpdir(), 'kstat-tree-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return await body(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
