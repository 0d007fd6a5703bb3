/**
 * The README's quick start runs `npx knetstat -tan` in a fresh clone: every command named in
 * package.json "bin" must exist after the build (`npm install` runs `prepare`) and be
 * executable — the bundler writes files without the x bit, scripts/chmod-bins.mjs adds it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/fixture.js';
import { open } from '../../src/netstat.js';

const { bin } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };

test('every package.json bin is built and executable', () => {
  assert.deepEqual(Object.keys(bin).sort(), ['knetstat', 'kstat', 'kstatd']);
  for (const [name, file] of Object.entries(bin)) {
    const mode = statSync(join(REPO_ROOT, file), { throwIfNoEntry: false })?.mode;
    assert.ok(mode !== undefined, `${name}: ${file} is not built (npm install runs the build)`);
    assert.equal(mode & 0o111, 0o111, `${name}: ${file} is not executable (mode ${mode.toString(8)})`);
    assert.match(readFileSync(join(REPO_ROOT, file), 'utf8'), /^#!\/usr\/bin\/env node\n/, `${name}: no node shebang`);
  }
});

/**
 * The bins and the library's entry points are bundles (scripts/bundle.mjs) of the code the
 * other tests run from build/: they must give the same, and find their worker threads.
 */
test('the bundled commands run and print what the unbundled ones print', () => {
  // The code cache has its own test (cli/compile-cache.test.ts); this one leaves the home alone.
  const env = { ...process.env, KSTAT_NO_COMPILE_CACHE: '1' };
  const run = (file: string, args: string[]) => spawnSync(process.execPath, [join(REPO_ROOT, file), ...args], { cwd: REPO_ROOT, encoding: 'utf8', env });
  const args = ['-R', 'test/fixtures/trees/linux-6.18.44-fc-v595-live', '-an'];
  const bundled = run(bin['knetstat']!, args);
  const unbundled = run('build/src/cli/knetstat/main.js', args);
  assert.equal(bundled.status, 0, bundled.stderr);
  assert.equal(bundled.stdout, unbundled.stdout);
  for (const [name, file] of Object.entries(bin)) {
    const r = run(file, ['--version']);
    assert.equal(r.status, 0, `${name} --version: ${r.stderr}`);
    assert.match(r.stdout, new RegExp(`^${name} (\\(kstat\\) )?\\d`));
  }
  for (const worker of ['reader-thread-worker.js', 'namespace-thread-worker.js']) {
    assert.ok(statSync(join(REPO_ROOT, 'dist', 'bundle', worker), { throwIfNoEntry: false })?.isFile(), `dist/bundle/${worker}: the bundled code starts it by this name`);
  }
});

test('the package exports (kstat, kstat/netstat) are the bundles, and read what the modules read', async () => {
  // Self-reference: the package imports itself by name through package.json "exports".
  const names = ['kstat', 'kstat/netstat'];
  const [main, netstat] = (await Promise.all(names.map((n) => import(n)))) as [typeof import('../../src/index.js'), typeof import('../../src/netstat.js')];
  assert.equal(typeof main.kstatOpen, 'function');
  assert.equal(typeof netstat.open, 'function');
  const tree = join(REPO_ROOT, 'test', 'fixtures', 'trees', 'linux-6.18.44-fc-v595-live');
  const bundled = await netstat.open({ root: tree });
  const modules = await open({ root: tree });
  try {
    // The assemblers are chunks the bundle loads on first use.
    const a = await bundled.sockets({});
    const b = await modules.sockets({});
    assert.deepEqual(a.data, b.data);
    assert.ok(a.data.length > 0);
  } finally {
    await bundled.close();
    await modules.close();
  }
});
