/**
 * The warm runner: a long-lived Node process that loads one target once, makes one untimed
 * warm-up call, then times up to <calls> calls, stopping early once <budgetS> seconds are
 * spent (after at least one), and prints one JSON line (see measure/warm-run.ts).
 *
 *   node build/bench/warm/warm-child.js <target> <calls> <budgetS>
 *
 * Targets are imported lazily so that a missing one fails only its own row.
 */
import { readFileSync } from 'node:fs';

type Call = () => Promise<number>;

const targets: Record<string, () => Promise<Call>> = {
  systeminformation: async () => {
    const si = (await import('systeminformation')).default;
    return async () => (await si.networkConnections()).length;
  },
  // The bytes only: what any Node procfs reader has to pay before parsing.
  'node-read': async () => async () => {
    let lines = 0;
    for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
      const text = readFileSync(file, 'latin1');
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines += 1;
    }
    return lines;
  },
};

/** "kstat:<variant>" (peers/kstat.ts): the read path, then "+processes" and/or "+internals". */
async function kstatCall(variant: string): Promise<Call> {
  const [via = 'netlink', ...extras] = variant.split('+');
  if (via !== 'netlink' && via !== 'procfs') throw new Error(`unknown read path ${via}`);
  const library = 'kstat/netstat'; // the package's own export (the bundle), as a program imports it
  const { open } = (await import(library)) as typeof import('../../src/netstat.js');
  const session = await open({ via });
  const query = { protocol: 'tcp', processes: extras.includes('processes'), internals: extras.includes('internals') } as const;
  if (extras.includes('stream')) {
    // What a consumer that prints or forwards sockets does: each batch is looked at, then dropped.
    return async () => {
      let rows = 0;
      await session.streamSockets(query, (batch) => {
        rows += batch.length;
      });
      return rows;
    };
  }
  return async () => (await session.sockets(query)).data.length;
}

async function main(): Promise<void> {
  const [name = '', callsText = '', budgetText = ''] = process.argv.slice(2);
  const calls = Number(callsText);
  const budgetS = Number(budgetText);
  const load = name.startsWith('kstat:') ? () => kstatCall(name.slice('kstat:'.length)) : targets[name];
  if (load === undefined || !(calls >= 1) || !(budgetS > 0)) {
    throw new Error(`usage: warm-child.js <kstat:VARIANT|${Object.keys(targets).join('|')}> <calls> <budgetS>`);
  }
  const call = await load();
  let count = await call();
  const seconds: number[] = [];
  const start = process.hrtime.bigint();
  const spent = (): number => Number(process.hrtime.bigint() - start) / 1e9;
  while (seconds.length < calls && (seconds.length === 0 || spent() < budgetS)) {
    const t = process.hrtime.bigint();
    count = await call();
    seconds.push(Number(process.hrtime.bigint() - t) / 1e9);
  }
  // resourceUsage().maxRSS is in KiB, the peak of this whole process since it started.
  const maxRssKiB = process.resourceUsage().maxRSS;
  process.stdout.write(`${JSON.stringify({ seconds, maxRssKiB, count })}\n`);
  process.exit(0); // a session or library may hold handles open; the result is out
}

await main();
