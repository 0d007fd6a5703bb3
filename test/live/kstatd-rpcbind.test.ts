/**
 * Live: kstatd registers with a real rpcbind and unregisters on SIGTERM. rpcbind listens
 * on every interface and keeps files in /run, so the test starts it inside a network
 * namespace it creates, in a private mount namespace with a tmpfs over /run (its lock
 * file and unix socket never touch the machine's), and stops it by pid. rpcinfo talks to
 * it over 127.0.0.1 inside that namespace.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { hasCommand, isRoot, skipOrFail } from '../helpers/skip.js';
import { canCreateNetns, TestNetns } from '../helpers/netns.js';

const MAIN = 'build/src/cli/kstatd/main.js';
const TREE = 'test/fixtures/trees/linux-6.18.44-fc-v595-live';

async function waitFor(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), 5000);
  await once(child, 'exit');
  clearTimeout(t);
}

test('rpcinfo sees 100149 v1 and v2 while kstatd runs, NULL calls over TCP and UDP, nothing after SIGTERM', { timeout: 60_000 }, async (t) => {
  if (!isRoot()) return skipOrFail(t, 'needs root for a network namespace');
  if (!hasCommand('rpcbind', ['-h']) || !hasCommand('rpcinfo', ['-h'])) return skipOrFail(t, 'rpcbind/rpcinfo not installed (Debian package rpcbind)');
  const why = canCreateNetns();
  if (why !== undefined) return skipOrFail(t, why);
  const ns = new TestNetns('kstatd');
  let rpcbind: ChildProcess | undefined;
  let kstatd: ChildProcess | undefined;
  const rpcinfo = (...args: string[]) => spawnSync('ip', ['netns', 'exec', ns.name, 'rpcinfo', ...args], { encoding: 'utf8', timeout: 10_000 });
  try {
    // ip netns exec, unshare and sh all exec: the pid we hold is rpcbind's own.
    rpcbind = spawn('ip', ['netns', 'exec', ns.name, 'unshare', '-m', '--propagation', 'private', 'sh', '-c', 'mount -t tmpfs tmpfs /run && exec rpcbind -f'], { stdio: 'ignore' });
    await waitFor('rpcbind', () => rpcinfo('-p', '127.0.0.1').status === 0);
    let log = '';
    kstatd = spawn('ip', ['netns', 'exec', ns.name, process.execPath, MAIN, '--root', TREE], { stdio: ['ignore', 'ignore', 'pipe'] });
    kstatd.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    await waitFor('kstatd ready', () => /kstatd: ready/.test(log) || kstatd!.exitCode !== null);
    assert.match(log, /registered with rpcbind: program 100149 version 2 tcp port/);

    const listed = rpcinfo('-p', '127.0.0.1').stdout;
    const port = /listening on tcp 127\.0\.0\.1:(\d+)/.exec(log)![1];
    for (const [vers, proto] of [['1', 'tcp'], ['1', 'udp'], ['2', 'tcp'], ['2', 'udp']]) {
      assert.match(listed, new RegExp(`^\\s*100149\\s+${vers}\\s+${proto}\\s+${port}\\b`, 'm'), `rpcinfo -p lists 100149 v${vers} ${proto}:\n${listed}`);
    }
    for (const args of [['-t', '127.0.0.1', '100149', '1'], ['-t', '127.0.0.1', '100149', '2'], ['-u', '127.0.0.1', '100149', '1'], ['-u', '127.0.0.1', '100149', '2']]) {
      const r = rpcinfo(...args);
      assert.equal(r.status, 0, `rpcinfo ${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stdout, /ready and waiting/);
    }
    const versions = rpcinfo('-t', '127.0.0.1', '100149');
    assert.match(versions.stdout, /version 1 ready and waiting[\s\S]*version 2 ready and waiting/, 'probing every version');

    await stop(kstatd);
    assert.equal(kstatd.exitCode, 0);
    assert.match(log, /unregistered program 100149 from rpcbind/);
    assert.doesNotMatch(rpcinfo('-p', '127.0.0.1').stdout, /100149/, 'unregistered on exit');
  } finally {
    await stop(kstatd);
    await stop(rpcbind);
    await ns.remove();
  }
});
