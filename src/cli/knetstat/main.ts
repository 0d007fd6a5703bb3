#!/usr/bin/env node
/**
 * knetstat: a netstat that reads any kstat source. Thin by design (DESIGN.md §2): the
 * arguments choose one source and one report; run.ts opens the session, takes the reading
 * and hands it to a formatter.
 */
import { runKnetstat } from './run.js';

process.exitCode = await runKnetstat(process.argv.slice(2), { out: process.stdout, err: process.stderr });
