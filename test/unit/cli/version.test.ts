import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { KSTAT_VERSION } from '../../../src/cli/version.js';
import { REPO_ROOT } from '../../helpers/knetstat.js';

test('the version the commands print is package.json\'s', () => {
  const pkg = JSON.parse(readFileSync(`${REPO_ROOT}package.json`, 'utf8')) as { version: string; bin: Record<string, string> };
  assert.equal(KSTAT_VERSION, pkg.version);
  assert.equal(pkg.bin.knetstat, 'dist/bundle/knetstat.cjs');
});
