// Bundles tsc's output (dist/) into dist/bundle/: the two library entry points package.json
// "exports" names and the three commands "bin" names. Start-up is most of a short program's
// time, and Node's ES module loader spends about a quarter millisecond per file on resolving
// and reading it (~60 files for `knetstat -tan`, ~40 for a first sockets() reading); one
// bundle per entry point, with the code only some views and modes need in chunks loaded on
// first use and shared between them (splitting), removes most of that. tsc's per-module
// files stay in dist/ for the type declarations beside them.
//
// koffi stays an import (its native code is found through its own package). The two worker
// threads are entry points of their own, next to the chunks that start them by a URL
// relative to their own file (new URL('./…-worker.js', import.meta.url)).
//
// The short-lived commands knetstat and kstat are also bundled as one CommonJS file each
// (<name>.program.cjs), which the installed command <name>.cjs runs through V8's code cache
// (src/cli/compile-cache.cts: Node 20 caches no compiled ES modules). kstatd, a daemon,
// stays an ES module.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const out = join(dist, 'bundle');

rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: {
    index: join(dist, 'index.js'),
    netstat: join(dist, 'netstat.js'),
    kstatd: join(dist, 'cli', 'kstatd', 'main.js'),
    'reader-thread-worker': join(dist, 'sources', 'tree', 'reader-thread-worker.js'),
    'namespace-thread-worker': join(dist, 'sources', 'netlink', 'namespace-thread-worker.js'),
  },
  outdir: out,
  bundle: true,
  splitting: true,
  chunkNames: 'chunk-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['koffi'],
  logLevel: 'warning',
});

const COMMANDS = ['knetstat', 'kstat'];
await build({
  entryPoints: Object.fromEntries(COMMANDS.map((name) => [`${name}.program`, join(dist, 'cli', name, 'main.js')])),
  outdir: out,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['koffi'],
  // The workers and koffi are found relative to the bundle's own file.
  define: { 'import.meta.url': '__kstatBundleUrl' },
  banner: { js: 'const __kstatBundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  logLevel: 'warning',
});
copyFileSync(join(dist, 'cli', 'compile-cache.cjs'), join(out, 'compile-cache.cjs'));
for (const name of COMMANDS) {
  const program = `${name}.program.cjs`;
  const source = readFileSync(join(out, program), 'utf8');
  // vm.Script is given no dynamic-import loader: every import must have become a require.
  if (/\bimport\(/.test(source)) throw new Error(`${program}: a dynamic import() is left; the command runs as a vm.Script and cannot load it`);
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  writeFileSync(
    join(out, `${name}.cjs`),
    `#!/usr/bin/env node\n// ${name}: runs ${program} through V8's code cache (src/cli/compile-cache.cts).\nrequire('./compile-cache.cjs').runCached(require('node:path').join(__dirname, '${program}'), '${hash}');\n`,
  );
}
