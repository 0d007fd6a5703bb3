#!/usr/bin/env node
/**
 * kstatd: the remote, read-only kstat daemon (docs/kstatd.md). Thin: the arguments make
 * a configuration (daemon/config.ts), daemon.ts runs it until SIGTERM or SIGINT.
 */
import { UsageError } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { KSTAT_VERSION } from '../version.js';
import type { DaemonConfig } from '../../daemon/config.js';
import { parseConfig } from './options.js';
import { startDaemon } from '../../daemon/daemon.js';
import { createLog } from '../../daemon/log.js';
import { KSTATD_HELP } from './help.js';

async function main(argv: readonly string[]): Promise<number | undefined> {
  let config: DaemonConfig;
  try {
    config = parseConfig(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`kstatd: ${err.message}\n(kstatd --help lists the options)\n`);
    return EXIT.usage;
  }
  if (config.help) {
    process.stdout.write(KSTATD_HELP);
    return EXIT.ok;
  }
  if (config.version) {
    process.stdout.write(`kstatd ${KSTAT_VERSION}\n`);
    return EXIT.ok;
  }
  const log = createLog(config.verbosity);
  let daemon;
  try {
    daemon = await startDaemon(config, log);
  } catch (err) {
    log.err(`kstatd: ${(err as Error).message}`);
    return EXIT.fatal;
  }
  const onSignal = (signal: NodeJS.Signals) => {
    // A second signal while stopping: stop at once.
    process.once(signal, () => process.exit(EXIT.fatal));
    void daemon.stop(signal).then(() => process.exit(EXIT.ok));
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return undefined;
}

const code = await main(process.argv.slice(2));
if (code !== undefined) process.exitCode = code;
