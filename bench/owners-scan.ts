/**
 * Micro-benchmark of `scanSocketOwners` (the `-p` of ss/netstat: /proc/<pid>/fd → inode).
 *
 *   node build/bench/owners-scan.js [--sockets 20000] [--repeat 5]
 *
 * Bounded: this process opens at most 20,000 loopback sockets of its own (node:net on
 * 127.0.0.1: one listener, and (N−1)/2 connections holding both ends), never more than
 * its descriptor limit allows; times full scans of /proc (every process, every fd) and
 * scans with a `wanted` set of its own inodes; reports the median and the longest
 * event-loop stall; then closes everything with RST (no TIME_WAIT left) and exits. A
 * 120 s watchdog ends it whatever happens. Other processes' fds on the machine are
 * scanned too and counted in the figures (the header says how many fds there were).
 */
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { scanSocketOwners } from '../src/sources/tree/process-owners.js';
import { TreeReader } from '../src/sources/tree/reader.js';

const MAX_SOCKETS = 20_000;
const CONNECT_BATCH = 256; // stay under the listen backlog
const WATCHDOG_MS = 120_000;
const held: Socket[] = [];
let server: Server | undefined;

function option(flag: string, fallback: number, max: number): number {
  const i = process.argv.indexOf(flag);
  const n = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${flag} wants an integer 1..${max}`);
  return n;
}

/** Soft RLIMIT_NOFILE, from /proc/self/limits (Node has no getrlimit). */
function fdLimit(): number {
  const m = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
  return m === null || m[1] === 'unlimited' ? MAX_SOCKETS : Number(m[1]);
}

async function openSockets(total: number): Promise<void> {
  const s = createServer((socket) => keep(socket));
  server = s;
  await new Promise<void>((resolve) => s.listen({ host: '127.0.0.1', port: 0, backlog: 4096 }, resolve));
  const { port } = s.address() as { port: number };
  const connections = Math.floor((total - 1) / 2);
  for (let done = 0; done < connections; done += CONNECT_BATCH) {
    const n = Math.min(CONNECT_BATCH, connections - done);
    await Promise.all(Array.from({ length: n }, () => new Promise<void>((resolve, reject) => {
      const c = connect(port, '127.0.0.1', () => resolve());
      c.once('error', reject);
      keep(c);
    })));
  }
  while (held.length < 2 * connections) await new Promise((r) => setTimeout(r, 5));
}

function keep(socket: Socket): void {
  socket.on('error', () => {});
  held.push(socket);
}

function closeAll(): void {
  for (const s of held) if (!s.destroyed) s.resetAndDestroy();
  server?.close();
}

function countFds(): number {
  let n = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      n += readdirSync(`/proc/${pid}/fd`).length;
    } catch {
      // not ours to see, or gone
    }
  }
  return n;
}

/** Times one scan and the longest gap between event-loop turns while it ran. */
async function timeScan(reader: TreeReader, wanted?: ReadonlySet<number>): Promise<{ ms: number; stallMs: number; found: number }> {
  let last = process.hrtime.bigint();
  let stall = 0n;
  let running = true;
  const tick = (): void => {
    const now = process.hrtime.bigint();
    if (now - last > stall) stall = now - last;
    last = now;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  const t0 = process.hrtime.bigint();
  const part = await scanSocketOwners(reader, wanted);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  running = false;
  return { ms, stallMs: Number(stall) / 1e6, found: part.data.size };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function main(): Promise<void> {
  const wantedSockets = option('--sockets', MAX_SOCKETS, MAX_SOCKETS);
  const repeat = option('--repeat', 5, 50);
  const total = Math.min(wantedSockets, fdLimit() - 100);
  await openSockets(total);
  const ours = new Set<number>();
  for (const name of readdirSync('/proc/self/fd')) {
    const m = /^socket:\[(\d+)\]$/.exec(safeLink(`/proc/self/fd/${name}`));
    if (m !== null) ours.add(Number(m[1]));
  }
  const reader = new TreeReader({ root: '/' });
  console.log(`# ${ours.size} sockets held by this process (pid ${process.pid}); ${countFds()} fds visible machine-wide`);
  await timeScan(reader); // warm-up: dentries and JIT
  for (const [label, wanted] of [['all sockets', undefined], ['wanted = ours', ours]] as const) {
    const runs = [];
    for (let i = 0; i < repeat; i++) runs.push(await timeScan(reader, wanted));
    const ms = runs.map((r) => r.ms);
    console.log(
      `scanSocketOwners (${label}): median ${median(ms).toFixed(1)} ms, min ${Math.min(...ms).toFixed(1)} ms, ` +
        `max ${Math.max(...ms).toFixed(1)} ms over ${repeat} runs; ${runs[0]?.found} inodes attributed; ` +
        `longest event-loop stall ${Math.max(...runs.map((r) => r.stallMs)).toFixed(1)} ms`,
    );
  }
}

function safeLink(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
}

const watchdog = setTimeout(() => {
  console.error('owners-scan: watchdog expired');
  closeAll();
  process.exit(2);
}, WATCHDOG_MS);
watchdog.unref();

main()
  .then(() => {
    closeAll();
    setImmediate(() => process.exit(0));
  })
  .catch((err: unknown) => {
    console.error(err);
    closeAll();
    setImmediate(() => process.exit(1));
  });
