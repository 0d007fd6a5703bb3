/**
 * kstatd (build/src/cli/kstatd/main.js) as a child process for end-to-end tests of the
 * remote client: listens on 127.0.0.1 and [::1] on one free port (read from its log), no
 * rpcbind, no UDP, re-reading its source on every call unless told otherwise. Stopped by
 * its pid (SIGTERM), never by name.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { REPO_ROOT } from './knetstat.js';
import { join } from 'node:path';

export const KSTATD = join(REPO_ROOT, 'build', 'src', 'cli', 'kstatd', 'main.js');

export interface KstatdChild {
  readonly child: ChildProcess;
  readonly port: number;
  /** Its port on [::1], when it listens there. */
  readonly port6: number | undefined;
  readonly log: () => string;
  stop(): Promise<void>;
}

export async function startKstatd(extra: readonly string[] = [], listen = ['127.0.0.1:0', '[::1]:0']): Promise<KstatdChild> {
  const args = [KSTATD, '--no-rpcbind', '--no-udp', '--refresh-ms', '0', ...listen.flatMap((l) => ['--listen', l]), ...extra];
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + 20_000;
  while (!/kstatd: ready/.test(log)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGTERM');
      if (listen.length > 1 && /\[::1\]/.test(log) && child.exitCode !== null) return startKstatd(extra, listen.slice(0, 1));
      throw new Error(`kstatd did not start: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const port = Number(/listening on tcp 127\.0\.0\.1:(\d+)/.exec(log)![1]);
  const v6 = /listening on tcp \[::1\]:(\d+)/.exec(log);
  return {
    child,
    port,
    port6: v6 === null ? undefined : Number(v6[1]),
    log: () => log,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      process.kill(child.pid!, 'SIGTERM');
      await exited;
    },
  };
}
