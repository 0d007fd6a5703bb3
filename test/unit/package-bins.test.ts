/**
 * The README's quick start runs `npx knetstat -tan` in a fresh clone: every command named in
 * package.json "bin" must exist after the build (`npm install` runs `prepare`) and be
 * executable — tsc writes files without the x bit, scripts/chmod-bins.mjs adds it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/fixture.js';

test('every package.json bin is built and executable', () => {
  const { bin } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  assert.deepEqual(Object.keys(bin).sort(), ['knetstat', 'kstat', 'kstatd']);
  for (const [name, file] of Object.entries(bin)) {
    const mode = statSync(join(REPO_ROOT, file), { throwIfNoEntry: false })?.mode;
    assert.ok(mode !== undefined, `${name}: ${file} is not built (npm install runs the build)`);
    assert.equal(mode & 0o111, 0o111, `${name}: ${file} is not executable (mode ${mode.toString(8)})`);
    assert.match(readFileSync(join(REPO_ROOT, file), 'utf8'), /^#!\/usr\/bin\/env node\n/, `${name}: no node shebang`);
  }
});
