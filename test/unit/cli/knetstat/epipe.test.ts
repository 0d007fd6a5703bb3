/** `knetstat ... | head`: when the reader goes away, knetstat stops quietly with status 0. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { KNETSTAT, REPO_ROOT, treeArg } from '../../../helpers/knetstat.js';

test('a closed stdout ends knetstat with status 0 and nothing on stderr', async () => {
  // The busy capture lists ~30,000 sockets: far more than a pipe buffer holds.
  const child = spawn(process.execPath, [KNETSTAT, '-R', treeArg('linux-6.18.44-fc-v595-busy'), '-tan'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await once(child.stdout, 'data');
  child.stdout.destroy();
  const [code] = (await once(child, 'exit')) as [number | null];
  assert.equal(stderr, '');
  assert.equal(code, 0);
});
