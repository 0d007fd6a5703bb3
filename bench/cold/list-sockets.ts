/**
 * The cold run of our library: a whole `node` process that opens a live session, lists every
 * TCP socket (v4+v6) and prints how many. `--processes` also fills the owning processes.
 *
 *   node build/bench/cold/list-sockets.js [--processes]
 */
import { open } from '../../src/netstat.js';

const processes = process.argv.includes('--processes');
const session = await open();
try {
  const reading = await session.sockets({ protocol: 'tcp', processes });
  process.stdout.write(`${reading.data.length}\n`);
} finally {
  await session.close();
}
