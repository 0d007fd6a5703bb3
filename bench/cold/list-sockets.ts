/**
 * The cold run of our library: a whole `node` process that opens a live session, lists every
 * TCP socket (v4+v6) and prints how many. The argument names the variant (peers/kstat.ts):
 * the read path, then "+processes" (owning processes) and/or "+internals" (TCP internals).
 *
 *   node build/bench/cold/list-sockets.js netlink+internals
 */
// The package's own export, as an installed program imports it (self-reference: the bundle).
const LIBRARY = 'kstat/netstat';
const { open } = (await import(LIBRARY)) as typeof import('../../src/netstat.js');

const [via = 'netlink', ...extras] = (process.argv[2] ?? 'netlink').split('+');
if (via !== 'netlink' && via !== 'procfs') throw new Error(`unknown read path ${via}`);
const session = await open({ via });
try {
  const reading = await session.sockets({ protocol: 'tcp', processes: extras.includes('processes'), internals: extras.includes('internals') });
  process.stdout.write(`${reading.data.length}\n`);
} finally {
  await session.close();
}
