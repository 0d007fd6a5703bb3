// Runs every compiled test file under build/test with Node's own test runner.
// Node 20 neither expands globs nor runs .ts files, so we list the compiled files
// ourselves and print how many, so a silently missed file shows in the count.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function collect(dir, out) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) collect(p, out);
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const only = process.argv.slice(2);
const files = collect(join('build', 'test'), []).filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
if (files.length === 0) {
  console.error('no compiled test files found under build/test');
  process.exit(1);
}
console.log(`# running ${files.length} test files`);
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
