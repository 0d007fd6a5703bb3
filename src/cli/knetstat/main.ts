#!/usr/bin/env node
/**
 * knetstat: a netstat that reads any kstat source. Thin by design (DESIGN.md §2): the
 * arguments choose one source and one report; run.ts opens the session, takes the reading
 * and hands it to a formatter.
 */
import { runKnetstat } from './run.js';
import { EXIT } from '../exit-codes.js';

// `knetstat -tan | head`: once the reader is gone there is nobody to report to; stop quietly
// (exit 0, so `set -o pipefail` scripts do not fail on a satisfied `head`).
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(EXIT.ok);
  throw err;
});

// Not a top-level await: the installed command is this module bundled as CommonJS (compile-cache.cts).
void runKnetstat(process.argv.slice(2), { out: process.stdout, err: process.stderr }).then((code) => {
  process.exitCode = code;
});
