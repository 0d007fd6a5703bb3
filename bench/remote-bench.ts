/**
 * `npm run bench:remote`: the remote client against kstatd (a child process on 127.0.0.1).
 *
 *  1. Small calls: READ of the smallest NAMED kstat (then of link:0:lo, a large one) as fast as the client can, for
 *     --seconds, over --connections clients each keeping --depth calls in flight on its one
 *     connection (pipelining). Target: ≥ 20,000 calls/s on 2 cores.
 *  2. A full socket listing at --sockets socket rows (a loopback load of sockets/2
 *     connections from bench/load/coordinator.ts): `sockets({ protocol: 'tcp' })` locally
 *     and through kstatd (which re-reads its source on every call: --refresh-ms 0), warm,
 *     local and remote runs alternating, median of --repeat each. Target: remote ≤ 2× local.
 *     Wall clock is noisy on a shared machine, so each row also gives the CPU time per call
 *     of this process (decode, or the local read) and of kstatd (read and encode), medians.
 *
 * Flags: --seconds 3 --connections 4 --depth 32 --sockets 100000 --repeat 5 (--sockets 0
 * skips part 2). Tables to stdout, progress to stderr.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { availableParallelism, release } from 'node:os';
import { join } from 'node:path';
import { paths } from './paths.js';
import { startLoad } from './load/coordinator.js';
import { RpcClient } from '../src/sources/remote/transport.js';
import { KstatRpc } from '../src/sources/remote/kstat-rpc.js';
import { open } from '../src/netstat/open.js';

interface Flags {
  seconds: number;
  connections: number;
  depth: number;
  sockets: number;
  repeat: number;
}

function flags(argv: readonly string[]): Flags {
  const f: Flags = { seconds: 3, connections: 4, depth: 32, sockets: 100_000, repeat: 5 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]!.replace(/^--/, '') as keyof Flags;
    const value = Number(argv[i + 1]);
    if (!(key in f) || !Number.isFinite(value) || value < 0) throw new Error(`bench:remote: bad flag ${argv[i]} ${argv[i + 1]}`);
    f[key] = value;
  }
  return f;
}

const progress = (m: string) => process.stderr.write(`[bench:remote] ${m}\n`);

async function startDaemon(extra: string[]): Promise<{ child: ChildProcess; port: number }> {
  const main = join(paths.repoRoot, 'build', 'src', 'cli', 'kstatd', 'main.js');
  const args = [main, '--no-rpcbind', '--no-udp', '--listen', '127.0.0.1:0', '--max-concurrent-per-client', '1024', '--max-concurrent', '4096', ...extra];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + 30_000;
  while (!/kstatd: ready/.test(log)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`kstatd did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, port: Number(/listening on tcp 127\.0\.0\.1:(\d+)/.exec(log)![1]) };
}

async function stopDaemon(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  process.kill(child.pid!, 'SIGTERM');
  await exited;
}

/** Calls per second of READ(kid) over `connections` clients with `depth` calls in flight each. */
async function rate(rpcs: readonly KstatRpc[], kid: number, f: Flags): Promise<{ calls: number; perSecond: number }> {
  for (const rpc of rpcs) await rpc.readOk(kid); // connect and warm up
  let calls = 0;
  const until = performance.now() + f.seconds * 1000;
  const lane = async (rpc: KstatRpc) => {
    while (performance.now() < until) {
      await rpc.readOk(kid);
      calls++;
    }
  };
  const started = performance.now();
  await Promise.all(rpcs.flatMap((rpc) => Array.from({ length: f.depth }, () => lane(rpc))));
  return { calls, perSecond: calls / ((performance.now() - started) / 1000) };
}

/** READ of the smallest NAMED kstat (a small call), then of link:0:lo (a large NAMED kstat). */
async function smallCalls(port: number, f: Flags): Promise<string> {
  const rpcs = Array.from({ length: f.connections }, () => new KstatRpc(new RpcClient('127.0.0.1', port)));
  try {
    const { headers } = await rpcs[0]!.headers();
    const named = headers.filter((h) => h.type === 'NAMED' && h.ndata > 0).sort((a, b) => a.ndata - b.ndata);
    const lines: string[] = [];
    for (const h of [named[0], headers.find((x) => x.module === 'link' && x.name === 'lo')]) {
      if (h === undefined) continue;
      const r = await rate(rpcs, h.kid, f);
      const target = h === named[0] ? ` (target ≥ 20000: ${r.perSecond >= 20_000 ? 'ok' : 'MISSED'})` : '';
      lines.push(`READ of ${h.module}:${h.instance}:${h.name} (${h.ndata} statistics): ${r.calls} calls in ${f.seconds} s over ${f.connections} connections × ${f.depth} in flight = ${Math.round(r.perSecond)} calls/s${target}`);
    }
    return lines.join('\n');
  } finally {
    await Promise.all(rpcs.map((r) => r.client.close()));
  }
}

/** CPU time (user + system) of this process, ms. */
function ownCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** CPU time of another process from /proc/<pid>/stat (utime + stime, clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

interface Timed {
  ms: number[];
  ownCpu: number[];
  daemonCpu: number[];
  rows: number;
}

const med = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timeOnce(into: Timed, daemonPid: number, run: () => Promise<number>): Promise<void> {
  const cpu0 = ownCpuMs();
  const d0 = cpuMsOf(daemonPid);
  const t = performance.now();
  into.rows = await run();
  into.ms.push(performance.now() - t);
  into.ownCpu.push(ownCpuMs() - cpu0);
  into.daemonCpu.push(cpuMsOf(daemonPid) - d0);
}

async function listing(f: Flags): Promise<string> {
  const load = await startLoad({ connections: Math.ceil(f.sockets / 2), lifetimeS: 600 });
  const { child, port } = await startDaemon(['--refresh-ms', '0', '--max-reply-bytes', '1073741824']);
  try {
    progress(`load up: ${load.connections} connections in ${load.shards} shards; kstatd on port ${port}`);
    const near = await open();
    const far = await open({ host: `127.0.0.1:${port}`, timeoutMs: 120_000 });
    try {
      const readNear = async () => (await near.sockets({ protocol: 'tcp' })).data.length;
      const readFar = async () => (await far.sockets({ protocol: 'tcp' })).data.length;
      await readNear(); // warm-up, untimed
      await readFar();
      const local: Timed = { ms: [], ownCpu: [], daemonCpu: [], rows: 0 };
      const remote: Timed = { ms: [], ownCpu: [], daemonCpu: [], rows: 0 };
      for (let i = 0; i < f.repeat; i++) {
        await timeOnce(local, child.pid!, readNear);
        await timeOnce(remote, child.pid!, readFar);
      }
      const ratio = med(remote.ms) / med(local.ms);
      const cpuRatio = (med(remote.ownCpu) + med(remote.daemonCpu)) / med(local.ownCpu);
      const lines = [
        `socket listing, sockets({ protocol: 'tcp' }), warm, local and remote alternating, median of ${f.repeat}:`,
        `  local : ${med(local.ms).toFixed(0)} ms, ${local.rows} rows (CPU ${med(local.ownCpu).toFixed(0)} ms)`,
        `  remote: ${med(remote.ms).toFixed(0)} ms, ${remote.rows} rows (kstatd re-reads every call; CPU: client ${med(remote.ownCpu).toFixed(0)} ms + kstatd ${med(remote.daemonCpu).toFixed(0)} ms = ${cpuRatio.toFixed(2)}× local CPU)`,
        `  remote = ${ratio.toFixed(2)}× local (target ≤ 2: ${ratio <= 2 ? 'ok' : 'MISSED'}); runs local ${local.ms.map((x) => x.toFixed(0)).join(' ')} | remote ${remote.ms.map((x) => x.toFixed(0)).join(' ')}`,
      ];
      if (Math.abs(remote.rows - local.rows) > local.rows * 0.01) lines.push(`  (row counts differ by more than 1%: other sockets came or went during the run)`);
      return lines.join('\n');
    } finally {
      await near.close();
      await far.close();
    }
  } finally {
    await stopDaemon(child);
    await load.stop();
  }
}

async function main(): Promise<void> {
  const f = flags(process.argv.slice(2));
  process.stdout.write(`kstat remote bench — Linux ${release()}, ${availableParallelism()} CPUs, Node ${process.version}, ${new Date().toISOString()}\n`);
  const { child, port } = await startDaemon([]);
  try {
    process.stdout.write(`${await smallCalls(port, f)}\n`);
  } finally {
    await stopDaemon(child);
  }
  if (f.sockets > 0) process.stdout.write(`${await listing(f)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:remote: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
