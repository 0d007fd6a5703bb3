/**
 * A numeric run (-n, or --json) loads none of the names code — not even on a tree that has
 * etc/services and etc/passwd — and a run without -n loads it. Module loads are recorded by a
 * resolve hook registered before knetstat starts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KNETSTAT, REPO_ROOT, treeArg } from '../../../helpers/knetstat.js';

const HOOKS = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(process.env.KSTAT_LOADED_FILE, r.url + '\\n');
  return r;
}`;
const REGISTER = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)});`;

const NAMES_MODULES = /\/(cli\/knetstat\/names|sources\/tree\/assemble\/names|sources\/tree\/etc\/etc-services|sources\/tree\/etc\/etc-passwd|format\/knetstat\/names)\.js$/;

function loadedModules(args: readonly string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'kstat-lazy-'));
  try {
    const file = join(dir, 'loaded.txt');
    const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(REGISTER)}`, KNETSTAT, ...args], {
      cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, KSTAT_LOADED_FILE: file },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(file), 'the hook recorded module loads');
    return readFileSync(file, 'utf8').split('\n').filter((u) => u !== '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ETC = treeArg('linux-6.18.44-fc-v595-etc');

for (const args of [['-tan'], ['-ta', '--json'], ['-Ln'], ['-tlen']]) {
  test(`knetstat ${args.join(' ')} loads no names code`, () => {
    const loaded = loadedModules(['-R', ETC, ...args]);
    assert.ok(loaded.some((u) => u.endsWith('/format/knetstat/inet-sockets.js') || u.endsWith('/format/knetstat/listen-queues.js') || u.endsWith('/format/json.js')));
    assert.deepEqual(loaded.filter((u) => NAMES_MODULES.test(u)), []);
  });
}

test('knetstat -ta (no -n) loads the names code', () => {
  const loaded = loadedModules(['-R', ETC, '-ta']);
  assert.equal(new Set(loaded.filter((u) => NAMES_MODULES.test(u))).size, 5);
});
