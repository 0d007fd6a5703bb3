/**
 * Skipping a test that needs something this machine lacks (a peer tool, root, network
 * namespaces). It prints why; under CI (`CI=true`) a skip is a failure instead, so a
 * missing install step in .ci/run cannot hide behind a green run.
 */
import type { TestContext } from 'node:test';
import { spawnSync } from 'node:child_process';

export function skipOrFail(t: TestContext, reason: string): void {
  if (process.env.CI === 'true') throw new Error(`required under CI but unavailable: ${reason}`);
  process.stderr.write(`# skip: ${t.name}: ${reason}\n`);
  t.skip(reason);
}

/** True when `command` is on PATH and runs. */
export function hasCommand(command: string, probeArgs: string[] = ['--version']): boolean {
  const r = spawnSync(command, probeArgs, { stdio: 'ignore' });
  return r.error === undefined;
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}
