/**
 * Network namespaces a test makes for itself and removes afterwards, and processes it
 * starts inside them (stopped by pid). Names carry the test process's pid so parallel
 * test files never collide, and nothing else on the machine is touched.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { isRoot } from './skip.js';

let counter = 0;

export function run(command: string, args: string[]): string {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.error !== undefined) throw r.error;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** Why a test cannot make network namespaces here (not root, no iproute2, no kernel support); undefined when it can. */
export function netnsUnavailable(): string | undefined {
  if (!isRoot()) return 'needs root to create and enter network namespaces';
  return canCreateNetns();
}

/** Whether this machine lets us create a network namespace (root + iproute2 + kernel support). */
export function canCreateNetns(): string | undefined {
  const name = `kstat-probe-${process.pid}`;
  const r = spawnSync('ip', ['netns', 'add', name], { encoding: 'utf8' });
  if (r.error !== undefined) return `ip not runnable: ${r.error.message}`;
  if (r.status !== 0) return `ip netns add failed: ${r.stderr.trim()}`;
  spawnSync('ip', ['netns', 'del', name]);
  return undefined;
}

export class TestNetns {
  readonly name: string;
  private readonly children: ChildProcess[] = [];

  constructor(tag: string) {
    this.name = `kstat-${tag}-${process.pid}-${++counter}`;
    run('ip', ['netns', 'add', this.name]);
    this.exec('ip', ['link', 'set', 'lo', 'up']);
  }

  /** Runs a command inside the namespace and returns its stdout. */
  exec(command: string, args: string[]): string {
    return run('ip', ['netns', 'exec', this.name, command, ...args]);
  }

  /**
   * Starts a Node script inside the namespace; resolves once it prints "ready".
   * The script must exit when its stdin closes (so it cannot outlive the test).
   */
  async startNode(script: string, timeoutMs = 10_000): Promise<ChildProcess> {
    const child = spawn('ip', ['netns', 'exec', this.name, process.execPath, '--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.children.push(child);
    let out = '';
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('ready')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`namespace script exited early (${code}): ${out}`)));
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    try {
      await ready;
    } finally {
      clearTimeout(timer);
    }
    return child;
  }

  /** Stops our own children by pid, then deletes the namespace. */
  async remove(): Promise<void> {
    for (const child of this.children) {
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin?.end();
        child.kill('SIGTERM');
        await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 2000))]);
      }
    }
    spawnSync('ip', ['netns', 'del', this.name]);
  }
}

/**
 * Starts any command inside the namespace (python3, tcpdump, …) and resolves once `ready`
 * matches its stdout or stderr (10 s at most). The child is added to `started`, for
 * `stopChild` in the test's cleanup.
 */
export async function startInside(ns: TestNetns, args: string[], ready: RegExp, started: ChildProcess[], cwd?: string): Promise<ChildProcess> {
  const child = spawn('ip', ['netns', 'exec', ns.name, ...args], { stdio: ['pipe', 'pipe', 'pipe'], ...(cwd === undefined ? {} : { cwd }) });
  started.push(child);
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args[0]} not ready after 10 s: ${out}`)), 10_000);
    const onData = (d: Buffer): void => {
      out += d.toString();
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args[0]} exited early (${code}): ${out}`));
    });
  });
  return child;
}

/** Stops a child this test started: stdin closed, SIGTERM, SIGKILL after 2 s. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.stdin?.end();
  child.kill('SIGTERM');
  await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 2000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
