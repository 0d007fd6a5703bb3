/**
 * The layer rules of DESIGN.md §2, checked on the source text: data flows down, never
 * back up; protocol code and parsers do no I/O; only the reader family and the snapshot
 * file module touch the file system.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../helpers/fixture.js';

const SRC = join(REPO_ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every module specifier a file imports, statically or dynamically. */
function imports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)) out.push(m[1]!);
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]!);
  return out;
}

/** Layer of a src-relative path: lower number = lower layer. */
const LAYERS: [prefix: string, level: number][] = [
  ['errors.ts', 0],
  ['records/', 1],
  ['protocol/', 2],
  ['kstat/types.ts', 1],
  ['sources/', 3],
  ['format/', 3],
  ['kstat/', 4],
  ['netstat/', 4],
  ['netstat.ts', 5],
  ['index.ts', 5],
  ['daemon/', 6],
  ['cli/', 7],
];

function layerOf(rel: string): number {
  for (const [prefix, level] of LAYERS) if (rel === prefix || rel.startsWith(prefix)) return level;
  throw new Error(`no layer for src/${rel}: add it to LAYERS`);
}

const FILES = sources(SRC).map((p) => ({ rel: relative(SRC, p), text: readFileSync(p, 'utf8') }));
const IO_MODULES = /^node:(fs|fs\/promises|net|dgram|child_process|http|https|worker_threads)$/;
const FS_ALLOWED = [/^sources\/netlink\/(netlink-socket|namespace-thread(-worker)?)\.ts$/, /^sources\/tree\/reader(-[a-z-]+)?\.ts$/, /^sources\/snapshot\/snapshot-file\.ts$/, /^sources\/remote\/transport\.ts$/, /^cli\//, /^daemon\//];

test('there are sources to check', () => {
  assert.ok(FILES.length > 50);
});

test('no module imports a higher layer', () => {
  const bad: string[] = [];
  for (const { rel, text } of FILES) {
    for (const spec of imports(text)) {
      if (!spec.startsWith('.')) continue;
      const target = relative(SRC, join(SRC, rel, '..', spec)).replace(/\.js$/, '.ts');
      if (layerOf(target) > layerOf(rel)) bad.push(`${rel} → ${target}`);
    }
  }
  assert.deepEqual(bad, []);
});

test('protocol code, parsers and tokenizers import no Node module at all', () => {
  const pure = FILES.filter(({ rel }) => /^(protocol\/|sources\/tree\/(procfs|sysfs|text|etc)\/)/.test(rel));
  assert.ok(pure.length > 30);
  const bad = pure.flatMap(({ rel, text }) => imports(text).filter((s) => s.startsWith('node:')).map((s) => `${rel} → ${s}`));
  assert.deepEqual(bad, []);
});

test('only the reader family, the snapshot file module and the RPC transport do I/O', () => {
  const bad = FILES.filter(({ rel }) => !FS_ALLOWED.some((re) => re.test(rel))).flatMap(({ rel, text }) =>
    imports(text).filter((s) => IO_MODULES.test(s)).map((s) => `${rel} → ${s}`),
  );
  assert.deepEqual(bad, []);
});
