/**
 * Starts N loopback TCP connections as ceil(N / perShard) worker processes (see worker.ts).
 * One process here cannot hold more than 20,000 descriptors, so a shard holds at most ~8,000
 * connections (16,000 fds). Shard k listens on 127.0.0.(2+k): every shard has its own
 * destination address, so the ephemeral port range (32768–60999 here) is never shared by more
 * than one shard's connections and nothing system-wide has to be raised.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { paths } from '../paths.js';

export const DEFAULT_PER_SHARD = 8000;
const FIRST_HOST = 2; // 127.0.0.1 is left to everything else on the machine
const MAX_SHARDS = 250;

export interface LoadOptions {
  connections: number;
  perShard?: number;
  lifetimeS: number;
  readyTimeoutMs?: number;
}

export interface Load {
  connections: number;
  shards: number;
  pids: number[];
  /** True while every shard is still running. */
  alive(): boolean;
  stop(): Promise<void>;
}

interface Shard {
  child: ChildProcess;
  exited: boolean;
  exit: Promise<void>;
}

function startShard(host: string, connections: number, lifetimeS: number): Shard {
  const child = spawn(process.execPath, [paths.loadWorker, '--host', host, '--connections', String(connections), '--lifetime-s', String(lifetimeS)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const shard: Shard = { child, exited: false, exit: Promise.resolve() };
  shard.exit = new Promise((resolve) => {
    child.once('exit', () => {
      shard.exited = true;
      resolve();
    });
  });
  return shard;
}

function waitReady(shard: Shard, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`shard pid ${shard.child.pid} not ready after ${timeoutMs} ms`)), timeoutMs);
    const lines = createInterface({ input: shard.child.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith('READY ')) {
        clearTimeout(timer);
        resolve();
      } else if (line.startsWith('FAILED ')) {
        clearTimeout(timer);
        reject(new Error(`shard pid ${shard.child.pid}: ${line}`));
      }
    });
    void shard.exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`shard pid ${shard.child.pid} exited before it was ready`));
    });
  });
}

/** Close stdin (the shard stops itself), then SIGTERM, then SIGKILL — each by pid, bounded. */
async function stopShard(shard: Shard): Promise<void> {
  if (shard.exited) return;
  shard.child.stdin?.end();
  const steps: Array<NodeJS.Signals | undefined> = [undefined, 'SIGTERM', 'SIGKILL'];
  for (const signal of steps) {
    if (signal !== undefined && !shard.exited && shard.child.pid !== undefined) {
      try {
        process.kill(shard.child.pid, signal);
      } catch {
        // already gone
      }
    }
    const done = await Promise.race([shard.exit.then(() => true), delay(5000).then(() => false)]);
    if (done) return;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function shardSizes(connections: number, perShard: number): number[] {
  const count = Math.ceil(connections / perShard);
  const base = Math.floor(connections / count);
  return Array.from({ length: count }, (_, i) => base + (i < connections % count ? 1 : 0));
}

export async function startLoad(options: LoadOptions): Promise<Load> {
  const sizes = shardSizes(options.connections, options.perShard ?? DEFAULT_PER_SHARD);
  if (sizes.length > MAX_SHARDS) throw new Error(`${sizes.length} shards is more than ${MAX_SHARDS}`);
  const shards = sizes.map((n, k) => startShard(`127.0.0.${FIRST_HOST + k}`, n, options.lifetimeS));
  const load: Load = {
    connections: options.connections,
    shards: shards.length,
    pids: shards.map((s) => s.child.pid ?? -1),
    alive: () => shards.every((s) => !s.exited),
    stop: async () => {
      await Promise.all(shards.map(stopShard));
    },
  };
  try {
    await Promise.all(shards.map((s) => waitReady(s, options.readyTimeoutMs ?? 120_000)));
  } catch (err) {
    await load.stop();
    throw err;
  }
  return load;
}
