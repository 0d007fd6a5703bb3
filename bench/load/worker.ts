/**
 * One shard of the loopback load: a listener on 127.0.0.K and `connections` TCP connections to
 * it from this same process, both ends held open and idle, so every connection is two
 * ESTABLISHED rows in /proc/net/tcp.
 *
 *   node build/bench/load/worker.js --host 127.0.0.2 --connections 8000 --lifetime-s 300
 *
 * Prints `READY <port> <connections>` on stdout once every connection is up on both ends, or
 * `FAILED <reason>` and exits 1. Stops itself after --lifetime-s (capped at MAX_LIFETIME_S), when
 * its stdin closes (the parent went away or asked it to stop), or on SIGTERM/SIGINT. Sockets
 * are closed with resetAndDestroy (SO_LINGER 0 → RST) so no TIME_WAIT row outlives the shard
 * and pollutes the next measurement.
 */
import net from 'node:net';

const MAX_LIFETIME_S = 600;
const MAX_CONNECTIONS = 9000; // 2 fds per connection; the hard descriptor limit here is 20,000
const CONNECT_CONCURRENCY = 256; // stay well under the listen backlog (somaxconn 4096)

interface Options {
  host: string;
  connections: number;
  lifetimeS: number;
}

const held: net.Socket[] = [];
let stopping = false;
let server: net.Server | undefined;

function parseOptions(argv: string[]): Options {
  const get = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const host = get('--host') ?? '';
  const connections = Number(get('--connections'));
  const lifetimeS = Math.min(Number(get('--lifetime-s') ?? '300'), MAX_LIFETIME_S);
  // Loopback only: 127.0.0.0/8.
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) fail(`--host must be a 127.0.0.0/8 address, got "${host}"`);
  if (!Number.isInteger(connections) || connections < 1 || connections > MAX_CONNECTIONS) {
    fail(`--connections must be 1..${MAX_CONNECTIONS}`);
  }
  if (!(lifetimeS > 0)) fail('--lifetime-s must be > 0');
  return { host, connections, lifetimeS };
}

function fail(reason: string): never {
  process.stdout.write(`FAILED ${reason}\n`);
  stop(1);
  process.exit(1);
}

function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const socket of held) {
    if (!socket.destroyed) socket.resetAndDestroy();
  }
  server?.close();
  // resetAndDestroy sets SO_LINGER 0 and closes the fd synchronously; exit on the next turn.
  setImmediate(() => process.exit(code));
}

function hold(socket: net.Socket): void {
  socket.on('error', () => {}); // an RST from our own shutdown is expected
  held.push(socket);
}

function listen(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer((socket) => hold(socket));
    server = s;
    s.once('error', reject);
    s.listen({ host, port: 0, backlog: 4096 }, () => {
      const address = s.address();
      if (address === null || typeof address === 'string') reject(new Error('no port'));
      else resolve(address.port);
    });
  });
}

function connectOne(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.removeListener('error', reject);
      hold(socket);
      resolve();
    });
    socket.once('error', reject);
  });
}

async function connectAll(host: string, port: number, total: number): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < total && !stopping) {
      next += 1;
      await connectOne(host, port);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, total) }, lane));
}

/** Both ends are up once the server has accepted as many sockets as the clients opened. */
async function waitAccepted(total: number): Promise<void> {
  for (let i = 0; i < 500 && held.length < 2 * total; i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  if (held.length < 2 * total) fail(`only ${held.length - total} of ${total} accepted after 5 s`);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  setTimeout(() => stop(0), options.lifetimeS * 1000);
  process.stdin.on('end', () => stop(0));
  process.stdin.on('close', () => stop(0));
  process.stdin.resume();
  process.on('SIGTERM', () => stop(0));
  process.on('SIGINT', () => stop(0));
  try {
    const port = await listen(options.host);
    await connectAll(options.host, port, options.connections);
    await waitAccepted(options.connections);
    if (!stopping) process.stdout.write(`READY ${port} ${options.connections}\n`);
  } catch (err) {
    fail((err as Error).message);
  }
}

void main();
