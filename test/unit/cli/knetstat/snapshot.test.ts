/**
 * knetstat --save then -M: every mode reads the snapshot exactly as it read the tree the
 * snapshot was saved from (only the "Source:" line differs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKnetstat, treeArg } from '../../../helpers/knetstat.js';

const MODES: readonly (readonly string[])[] = [['-tan'], ['-uan'], ['-xa'], ['-L'], ['-i'], ['-r', '--table', 'all'], ['-rs'], ['--neighbours'], ['--neighbours', '-a'], ['-g'], ['-B'], ['-m'], ['-s']];

for (const set of ['linux-6.18.44-fc-v595-live', 'linux-6.18.44-fc-v595-netns']) {
  test(`--save then -M on ${set}: every mode as from the tree`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'kstat-knetstat-save-'));
    try {
      const file = join(dir, 'capture.kss');
      const saved = runKnetstat(['-R', treeArg(set), '--save', file]);
      assert.equal(saved.status, 0, saved.stderr);
      assert.match(saved.stdout, /^saved \d+ kstats of tree .* to /);
      for (const mode of MODES) {
        const fromTree = runKnetstat(['-R', treeArg(set), ...mode]);
        const fromFile = runKnetstat(['-M', file, ...mode]);
        assert.equal(fromFile.status, fromTree.status, `${mode.join(' ')}: ${fromFile.stderr}`);
        const body = (text: string) => text.split('\n').filter((l) => !l.startsWith('Source: ')).join('\n');
        assert.equal(body(fromFile.stdout), body(fromTree.stdout), mode.join(' '));
        assert.match(fromFile.stdout, /^Source: snapshot /);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('--save with a report option is a usage error', () => {
  const r = runKnetstat(['-R', treeArg('linux-6.18.44-fc-v595-live'), '--save', 'x.kss', '--json']);
  assert.equal(r.status, 2);
});
