/**
 * Live: knetstat without -n names ports and users from this machine's /etc/services and
 * /etc/passwd (compared with getent, which reads the same files), prints numbers with -n and
 * in JSON; and a pid source (-N PID) reads them through /proc/PID/root/etc — shown with a
 * process in its own mount namespace whose /etc/services and /etc/passwd are bind-mounted
 * test files. Everything listens on 127.0.0.1 only.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import dgram from 'node:dgram';
import { once } from 'node:events';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKnetstat } from '../helpers/knetstat.js';
import { hasCommand, isRoot, skipOrFail } from '../helpers/skip.js';

/** getent's first name for a key, or undefined (it reads the same /etc files through NSS). */
function getent(db: 'services' | 'passwd', key: string): string | undefined {
  const r = spawnSync('getent', [db, key], { encoding: 'utf8' });
  if (r.error !== undefined || r.status !== 0) return undefined;
  return (db === 'passwd' ? r.stdout.split(':')[0] : r.stdout.trim().split(/\s+/)[0]) || undefined;
}

/** Unprivileged ports that usually have a name in /etc/services. */
const TCP_CANDIDATES = [5432, 6379, 3306, 8080, 9418, 6000, 11211];
const UDP_CANDIDATES = [1194, 4500, 5060, 1812, 5353];

let tcp: { server: net.Server; port: number; name: string } | undefined;
let udp: { socket: dgram.Socket; port: number; name: string } | undefined;
let ephemeral: net.Server;
let ephemeralPort = 0;

async function listenTcp(port: number): Promise<net.Server | undefined> {
  const server = net.createServer((c) => c.destroy());
  server.listen(port, '127.0.0.1');
  try {
    await Promise.race([once(server, 'listening'), once(server, 'error').then(([e]) => Promise.reject(e))]);
    return server;
  } catch {
    server.close();
    return undefined;
  }
}

async function bindUdp(port: number): Promise<dgram.Socket | undefined> {
  const socket = dgram.createSocket('udp4');
  try {
    socket.bind(port, '127.0.0.1');
    await Promise.race([once(socket, 'listening'), once(socket, 'error').then(([e]) => Promise.reject(e))]);
    return socket;
  } catch {
    socket.close();
    return undefined;
  }
}

before(async () => {
  if (!hasCommand('getent', ['services', 'ssh'])) return;
  for (const port of TCP_CANDIDATES) {
    const name = getent('services', `${port}/tcp`);
    if (name === undefined) continue;
    const server = await listenTcp(port);
    if (server !== undefined) {
      tcp = { server, port, name };
      break;
    }
  }
  for (const port of UDP_CANDIDATES) {
    const name = getent('services', `${port}/udp`);
    if (name === undefined) continue;
    const socket = await bindUdp(port);
    if (socket !== undefined) {
      udp = { socket, port, name };
      break;
    }
  }
  ephemeral = (await listenTcp(0))!;
  ephemeralPort = (ephemeral.address() as net.AddressInfo).port;
});

after(async () => {
  tcp?.server.close();
  udp?.socket.close();
  ephemeral?.close();
});

/** The line of `stdout` for a local endpoint, e.g. "127.0.0.1:postgresql". */
function lineOf(stdout: string, local: string): string | undefined {
  return stdout.split('\n').find((l) => l.trim().split(/\s+/)[3] === local);
}

test('knetstat -tl names the port of a listener as getent services does; -tln keeps the number', (t) => {
  if (tcp === undefined) return skipOrFail(t, 'getent is missing, or no candidate port with a /etc/services name is free');
  const named = runKnetstat(['-tl']);
  assert.equal(named.status, 0, named.stderr);
  assert.ok(lineOf(named.stdout, `127.0.0.1:${tcp.name}`), `127.0.0.1:${tcp.name} in\n${named.stdout}`);
  assert.equal(lineOf(named.stdout, `127.0.0.1:${tcp.port}`), undefined);
  const numeric = runKnetstat(['-tln']);
  assert.equal(numeric.status, 0, numeric.stderr);
  assert.ok(lineOf(numeric.stdout, `127.0.0.1:${tcp.port}`), numeric.stdout);
  assert.equal(lineOf(numeric.stdout, `127.0.0.1:${tcp.name}`), undefined);
  // -L names tcp ports too; JSON keeps the number.
  assert.match(runKnetstat(['-L']).stdout, new RegExp(` 127\\.0\\.0\\.1:${tcp.name}$`, 'm'));
  const doc = JSON.parse(runKnetstat(['-tl', '--json']).stdout) as { data: { localPort: number; localAddress: string }[] };
  assert.ok(doc.data.some((s) => s.localAddress === '127.0.0.1' && s.localPort === tcp!.port));
});

test('a port without a name stays numeric without -n', (t) => {
  if (getent('services', `${ephemeralPort}/tcp`) !== undefined) return t.skip(`port ${ephemeralPort} happens to have a name`);
  assert.ok(lineOf(runKnetstat(['-tl']).stdout, `127.0.0.1:${ephemeralPort}`));
});

test('knetstat -ul names a UDP port by its udp entry', (t) => {
  if (udp === undefined) return skipOrFail(t, 'getent is missing, or no candidate UDP port with a /etc/services name is free');
  const run = runKnetstat(['-ul']);
  assert.equal(run.status, 0, run.stderr);
  assert.ok(lineOf(run.stdout, `127.0.0.1:${udp.name}`), run.stdout);
});

test('knetstat -tle shows the owner by name (getent passwd), -tlen by uid', (t) => {
  const uid = process.getuid?.() ?? 0;
  const user = getent('passwd', String(uid));
  if (user === undefined) return skipOrFail(t, `getent passwd ${uid} gives no name`);
  const line = lineOf(runKnetstat(['-tle']).stdout, `127.0.0.1:${getent('services', `${ephemeralPort}/tcp`) ?? ephemeralPort}`);
  assert.ok(line, 'own listener listed');
  assert.equal(line.trim().split(/\s+/)[6], user);
  const numeric = lineOf(runKnetstat(['-tlen']).stdout, `127.0.0.1:${ephemeralPort}`);
  assert.equal(numeric?.trim().split(/\s+/)[6], String(uid));
});

test('-N PID reads names through /proc/PID/root/etc: a private mount namespace with its own services and passwd', async (t) => {
  if (!isRoot()) return skipOrFail(t, 'needs root (unshare -m, mount --bind)');
  if (!hasCommand('unshare', ['--version'])) return skipOrFail(t, 'unshare (util-linux) is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'kstat-names-'));
  const services = join(dir, 'services');
  const passwd = join(dir, 'passwd');
  writeFileSync(services, `# test services\nkstat-ns-svc\t${ephemeralPort}/tcp\t\t# only inside the test's mount namespace\n`);
  writeFileSync(passwd, 'kstat-ns-root:x:0:0:test root:/root:/bin/sh\n');
  const script = `mount --bind ${services} /etc/services && mount --bind ${passwd} /etc/passwd && exec sleep 60`;
  const child = spawn('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script], { stdio: 'ignore' });
  try {
    const pid = child.pid!;
    // Wait until the bind mounts are in place (seen through the process's root).
    for (let i = 0; i < 100; i++) {
      try {
        if (readFileSync(`/proc/${pid}/root/etc/services`, 'utf8').includes('kstat-ns-svc')) break;
      } catch {
        // not yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.match(readFileSync(`/proc/${pid}/root/etc/services`, 'utf8'), /kstat-ns-svc/);
    const inside = runKnetstat(['-N', String(pid), '-tle']);
    assert.equal(inside.status, 0, inside.stderr);
    const line = lineOf(inside.stdout, `127.0.0.1:kstat-ns-svc`);
    assert.ok(line, inside.stdout);
    assert.equal(line.trim().split(/\s+/)[6], 'kstat-ns-root'); // uid 0 (we are root) by the namespace's passwd
    // This process's own view is untouched: the host's /etc has no such name.
    const outside = runKnetstat(['-tl']);
    assert.equal(lineOf(outside.stdout, '127.0.0.1:kstat-ns-svc'), undefined);
    assert.ok(lineOf(outside.stdout, `127.0.0.1:${ephemeralPort}`), outside.stdout);
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
});
