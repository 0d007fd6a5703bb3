/**
 * `npm run bench`: list every TCP socket with our library and with its peers, side by side in
 * one run, under a loopback load of N connections (2N socket rows), for each N in --sizes.
 * Tables go to stdout, progress to stderr. See args.ts for flags; the whole run is bounded by
 * --max-minutes and every load shard by its own lifetime.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, release, totalmem } from 'node:os';
import { parseArgs, type BenchOptions } from './args.js';
import { startLoad, type Load } from './load/coordinator.js';
import { gnuTimeAvailable, killRunning } from './measure/cold-run.js';
import { measureSize, type Clock } from './measure-size.js';
import { paths } from './paths.js';
import { coldRows, warmRows } from './peers/catalog.js';
import { formatTable } from './report/table.js';
import { closeEnough, expectedRows, tcpRowsBySs } from './socket-count.js';

const LOAD_LIFETIME_S = 300;
let activeLoad: Load | undefined;

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function header(options: BenchOptions): string {
  const missing = [...coldRows, ...warmRows].flatMap((r) => {
    const why = r.missing();
    return why === undefined ? [] : [`  missing: ${r.label} (${r.mode}): ${why}`];
  });
  return [
    `kstat socket-listing bench — Linux ${release()}, ${availableParallelism()} CPUs, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString()}`,
    `sizes ${options.sizes.join(', ')} connections; up to ${options.repeat} runs per row (median), ${options.rowBudgetS} s budget per row`,
    `peak RSS: ${gnuTimeAvailable() ? 'cold rows by GNU time %M, warm rows by the process itself' : 'cold rows n/a (GNU time missing: apt-get install time)'}`,
    ...[...new Set(missing)],
  ].join('\n');
}

/** After a load stops, wait (bounded) until its rows are gone so the next size starts clean. */
async function waitForRows(atMost: number, timeoutMs: number): Promise<number | undefined> {
  const until = Date.now() + timeoutMs;
  let rows = await tcpRowsBySs();
  while (rows !== undefined && rows > atMost && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 500));
    rows = await tcpRowsBySs();
  }
  return rows;
}

async function benchSize(connections: number, options: BenchOptions, clock: Clock): Promise<string> {
  const before = await tcpRowsBySs();
  progress(`${connections} connections: ${before ?? '?'} TCP rows before the load; starting shards`);
  const lifetimeS = Math.max(30, Math.min(LOAD_LIFETIME_S, Math.ceil(clock.remainingMs() / 1000)));
  const load = await startLoad({ connections, lifetimeS });
  activeLoad = load;
  try {
    const rows = await tcpRowsBySs();
    const expected = before === undefined ? undefined : expectedRows(before, connections, load.shards);
    const check = rows === undefined || expected === undefined ? 'unchecked' : closeEnough(rows, expected) ? 'ok' : 'OFF';
    const socketRows = `ss -tan: ${rows ?? '?'} TCP rows, expected ${expected ?? '?'} = ${before ?? '?'} before + 2×${connections} + ${load.shards} listeners: ${check}`;
    progress(`load up (pids ${load.pids.join(' ')}); ${socketRows}`);
    const results = await measureSize(coldRows, warmRows, { options, clock, load, progress });
    return formatTable(results, { connections, socketRows });
  } finally {
    await load.stop();
    activeLoad = undefined;
    if (before !== undefined) await waitForRows(before + 10, 30_000);
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2), process.env);
  const deadline = Date.now() + options.maxMinutes * 60_000;
  const clock: Clock = { remainingMs: () => deadline - Date.now() };
  process.stdout.write(`${header(options)}\n\n`);
  // The installed command compiles through its code cache (src/cli/compile-cache.cts) from
  // its second run on, as on any machine where it ran once: one untimed run, before the load,
  // writes the cache if this user has none for this build.
  spawnSync(process.execPath, [paths.knetstat, '-tan'], { stdio: 'ignore', timeout: 30_000 });
  for (const connections of options.sizes) {
    if (clock.remainingMs() <= 0) {
      process.stdout.write(`== ${connections} connections: skipped, the ${options.maxMinutes}-minute bound is spent ==\n\n`);
      continue;
    }
    process.stdout.write(`${await benchSize(connections, options, clock)}\n\n`);
  }
  progress(`done in ${((options.maxMinutes * 60_000 - clock.remainingMs()) / 1000).toFixed(0)} s`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    progress(`${signal}: stopping the load`);
    killRunning();
    void (activeLoad?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}

main().catch(async (err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  await activeLoad?.stop();
  process.exit(1);
});
