/**
 * The installed commands run through V8's code cache (src/cli/compile-cache.cts): the first
 * run writes it, later runs use it, a bad or foreign cache is never trusted, and a cache that
 * cannot be written costs nothing but the cache.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../helpers/fixture.js';
import { isRoot, skipOrFail } from '../../helpers/skip.js';

const { bin } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
const ARGS = ['-R', join('test', 'fixtures', 'trees', 'linux-6.18.44-fc-v595-live'), '-an'];

function knetstat(cacheHome: string, extraEnv: Record<string, string> = {}) {
  const env = { ...process.env, XDG_CACHE_HOME: cacheHome, KSTAT_NO_COMPILE_CACHE: '', ...extraEnv };
  const r = spawnSync(process.execPath, [join(REPO_ROOT, bin['knetstat']!), ...ARGS], { cwd: REPO_ROOT, encoding: 'utf8', env });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Active Internet connections/m);
  return r.stdout;
}

/** The cache directory of this Node, and the knetstat cache files in it. */
function cacheFiles(cacheHome: string): { dir: string; files: string[] } {
  const dir = join(cacheHome, 'kstat', `node-${process.version}-${process.arch}`);
  const files = statSync(dir, { throwIfNoEntry: false }) === undefined ? [] : readdirSync(dir).filter((f) => f.startsWith('knetstat.'));
  return { dir, files };
}

function withCacheHome(body: (home: string) => void): void {
  const home = mkdtempSync(join(tmpdir(), 'kstat-cache-'));
  try {
    body(home);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

test('the first run writes a private cache, the next run uses it and prints the same', () => {
  withCacheHome((home) => {
    const first = knetstat(home);
    const { dir, files } = cacheFiles(home);
    assert.equal(files.length, 1);
    assert.match(files[0]!, /^knetstat\.program-[0-9a-f]{16}\.v8$/);
    const file = join(dir, files[0]!);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const written = statSync(file);
    assert.ok(written.size > 10_000, `${written.size} bytes of cache`);
    assert.equal(knetstat(home), first);
    // Accepted: a rejected cache is written again (a new file renamed over the old one).
    assert.equal(statSync(file).ino, written.ino);
  });
});

test('a corrupt cache is rejected and replaced; an older bundle\'s cache is removed', () => {
  withCacheHome((home) => {
    const expected = knetstat(home);
    const { dir, files } = cacheFiles(home);
    const file = join(dir, files[0]!);
    writeFileSync(file, Buffer.alloc(4096, 0x5a));
    writeFileSync(join(dir, 'knetstat.program-0000000000000000.v8'), 'an older bundle');
    assert.equal(knetstat(home), expected);
    assert.deepEqual(cacheFiles(home).files, files);
    assert.ok(statSync(file).size !== 4096, 'the corrupt cache was replaced');
  });
});

test('KSTAT_NO_COMPILE_CACHE=1: nothing is read or written', () => {
  withCacheHome((home) => {
    knetstat(home, { KSTAT_NO_COMPILE_CACHE: '1' });
    assert.deepEqual(readdirSync(home), []);
  });
});

test('a cache directory or file of another user is neither trusted nor written', (t) => {
  if (!isRoot()) return skipOrFail(t, 'needs root to give files to another user');
  withCacheHome((home) => {
    // Someone else's cache home (root under sudo with a user's XDG_CACHE_HOME): left alone.
    const foreign = join(home, 'foreign');
    mkdirSync(foreign, { mode: 0o777 });
    chownSync(foreign, 65534, 65534);
    knetstat(foreign);
    assert.deepEqual(readdirSync(foreign), []);
    // A valid cache file that is not ours, in our own directory: not trusted, so written again
    // as ours (had it been used, it would have been kept as it was).
    const own = join(home, 'own');
    knetstat(own);
    const { dir, files } = cacheFiles(own);
    const file = join(dir, files[0]!);
    chownSync(file, 65534, 65534);
    knetstat(own);
    assert.equal(statSync(file).uid, 0, 'a cache owned by another user was replaced by our own');
  });
});
