/**
 * Live: `knetstat -N PID` reads the network namespace of that process (one this test makes
 * and removes), names it in the header, and never shows the host's sockets.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { once } from 'node:events';
import { skipOrFail } from '../helpers/skip.js';
import { netnsUnavailable, TestNetns } from '../helpers/netns.js';
import { runKnetstat } from '../helpers/knetstat.js';

// Inside the namespace: a listener on 127.0.0.1:7070 with one connection, kept until stdin closes.
const INSIDE = `
import net from 'node:net';
const server = net.createServer(() => {});
server.listen(7070, '127.0.0.1', () => {
  const c = net.connect(7070, '127.0.0.1', () => process.stdout.write('ready\\n'));
  process.stdin.on('end', () => process.exit(0)); process.stdin.resume();
  setTimeout(() => process.exit(0), 60000).unref();
});`;

test('knetstat -N PID shows that namespace only', async (t) => {
  const why = netnsUnavailable();
  if (why !== undefined) return skipOrFail(t, why);
  const ns = new TestNetns('knetstat');
  const host = net.createServer();
  try {
    ns.exec('ip', ['link', 'add', 'kst-a', 'type', 'veth', 'peer', 'name', 'kst-b']);
    const child = await ns.startNode(INSIDE);
    host.listen(0, '127.0.0.1');
    await once(host, 'listening');
    const hostPort = (host.address() as net.AddressInfo).port;
    const pid = child.pid!;

    const tan = runKnetstat(['-N', String(pid), '-tan']);
    assert.equal(tan.status, 0, tan.stderr);
    const lines = tan.stdout.split('\n');
    assert.equal(lines[0], `Source: pid ${pid} (/proc/${pid}/net)`);
    assert.ok(lines.some((l) => /^tcp +0 +0 127\.0\.0\.1:7070 +0\.0\.0\.0:\* +LISTEN$/.test(l)), tan.stdout);
    assert.equal(lines.filter((l) => / ESTABLISHED$/.test(l)).length, 2, tan.stdout);
    assert.ok(!tan.stdout.includes(`:${hostPort} `), 'host listener not shown');

    const ia = runKnetstat(['--netns', `/proc/${pid}/ns/net`, '-ia']);
    assert.equal(ia.status, 0, ia.stderr);
    const names = ia.stdout.split('\n').slice(3).map((l) => l.split(' ')[0]).filter((n) => n !== '').sort();
    assert.deepEqual(names, ['kst-a', 'kst-b', 'lo']);
  } finally {
    host.close();
    await ns.remove();
  }
});

test('knetstat -N of a process that does not exist: exit 3 naming it', () => {
  const run = runKnetstat(['-N', '999999999', '-tan']);
  assert.equal(run.status, 3);
  assert.match(run.stderr, /^knetstat: pid 999999999: network namespace of pid 999999999: no such directory \[E_UNAVAILABLE\]\n$/);
});
