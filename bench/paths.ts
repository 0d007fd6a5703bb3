/**
 * Where the compiled bench scripts live. run.js is build/bench/run.js; everything the bench
 * spawns is addressed from here so the bench works from any working directory.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url)); // <repo>/build/bench

export const paths = {
  benchDir,
  repoRoot: join(benchDir, '..', '..'),
  loadWorker: join(benchDir, 'load', 'worker.js'),
  coldListSockets: join(benchDir, 'cold', 'list-sockets.js'),
  coldSystemInformation: join(benchDir, 'cold', 'si-connections.js'),
  warmChild: join(benchDir, 'warm', 'warm-child.js'),
  /** The library as installed: what `import 'kstat/netstat'` loads (the bundle; npm run build makes it). */
  library: join(benchDir, '..', '..', 'dist', 'bundle', 'netstat.js'),
  /** The command as installed: what package.json "bin" names (npm run build makes it). */
  knetstat: join(benchDir, '..', '..', 'dist', 'bundle', 'knetstat.cjs'),
};
