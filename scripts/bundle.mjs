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
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
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
    knetstat: join(dist, 'cli', 'knetstat', 'main.js'),
    kstat: join(dist, 'cli', 'kstat', 'main.js'),
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
