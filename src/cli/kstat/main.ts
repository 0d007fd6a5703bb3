#!/usr/bin/env node
/**
 * kstat: the Solaris kstat(1M) command over any kstat source. Thin by design (DESIGN.md §2):
 * run.ts parses the arguments, opens one source, collects each report and prints it with
 * one formatter (src/format/kstat/). Usage and formats: docs/kstat.md.
 */
import { runKstat } from './run.js';
import { EXIT } from '../exit-codes.js';

// `kstat -p | head`: once the reader is gone there is nobody to report to; stop quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(EXIT.ok);
  throw err;
});

// Not a top-level await: the installed command is this module bundled as CommonJS (compile-cache.cts).
void runKstat(process.argv.slice(2), { out: process.stdout, err: process.stderr }).then((code) => {
  process.exitCode = code;
});
