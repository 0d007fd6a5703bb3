/**
 * Flags of `npm run bench` (after `--`):
 *   --sizes 1000,10000,50000   connections per size (each is 2 socket rows)
 *   --repeat R                 runs per row (median of them); default 5
 *   --row-budget S             stop repeating a row once it has used S seconds (default 20)
 *   --max-minutes M            the whole run's bound (default 10); rows past it are skipped
 * KSTAT_BENCH_QUICK=1 in the environment means --sizes 1000 --repeat 2 (a smoke run, ~1 min).
 */
export interface BenchOptions {
  sizes: number[];
  repeat: number;
  rowBudgetS: number;
  maxMinutes: number;
}

const MAX_CONNECTIONS = 100_000;

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const quick = env['KSTAT_BENCH_QUICK'] === '1';
  const options: BenchOptions = {
    sizes: quick ? [1000] : [1000, 10_000, 50_000],
    repeat: quick ? 2 : 5,
    rowBudgetS: 20,
    maxMinutes: 10,
  };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1] ?? '';
    if (flag === '--sizes') options.sizes = value.split(',').map((s) => positive(flag, s, MAX_CONNECTIONS));
    else if (flag === '--repeat') options.repeat = positive(flag, value, 100);
    else if (flag === '--row-budget') options.rowBudgetS = positive(flag, value, 600);
    else if (flag === '--max-minutes') options.maxMinutes = positive(flag, value, 60);
    else throw new Error(`unknown flag ${flag ?? ''} (known: --sizes --repeat --row-budget --max-minutes)`);
  }
  return options;
}

function positive(flag: string, text: string, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${flag} wants an integer 1..${max}, got "${text}"`);
  return n;
}
