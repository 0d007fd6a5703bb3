/**
 * `open({ pid })` of a process inside a network namespace made by this test shows that
 * namespace's sockets and interfaces, not the host's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { once } from 'node:events';
import { open } from '../../src/netstat.js';
import { skipOrFail } from '../helpers/skip.js';
import { netnsUnavailable, TestNetns } from '../helpers/netns.js';

// Inside the namespace: a listener on 127.0.0.1:7070 with one connection, kept until stdin closes.
const INSIDE = `
import net from 'node:net';
const server = net.createServer(() => {});
server.listen(7070, '127.0.0.1', () => {
  const c = net.connect(7070, '127.0.0.1', () => process.stdout.write('ready\\n'));
  process.stdin.on('end', () => process.exit(0)); process.stdin.resume();
  setTimeout(() => process.exit(0), 60000).unref();
});`;

test('a pid session sees the namespace of that process only', async (t) => {
  const why = netnsUnavailable();
  if (why !== undefined) return skipOrFail(t, why);

  const ns = new TestNetns('pid');
  const host = net.createServer();
  try {
    ns.exec('ip', ['link', 'add', 'kst-a', 'type', 'veth', 'peer', 'name', 'kst-b']);
    ns.exec('ip', ['link', 'set', 'kst-a', 'mtu', '1400']);
    const child = await ns.startNode(INSIDE);
    host.listen(0, '127.0.0.1');
    await once(host, 'listening');
    const hostPort = (host.address() as net.AddressInfo).port;

    const session = await open({ pid: child.pid! });
    assert.equal(session.info.kind, 'pid');
    const tcp = (await session.sockets({ protocol: 'tcp' })).data;
    const tuples = tcp.map((s) => (s.protocol === 'unix' ? '' : `${s.state} ${s.localAddress}:${s.localPort}`)).sort();
    assert.ok(tuples.includes('LISTEN 127.0.0.1:7070'), `namespace listener seen: ${tuples.join(', ')}`);
    assert.equal(tcp.filter((s) => s.protocol === 'tcp' && s.state === 'ESTABLISHED').length, 2);
    assert.ok(!tcp.some((s) => s.protocol === 'tcp' && s.localPort === hostPort), 'host listener not seen');

    const names = (await session.interfaces()).data.map((i) => i.name).sort();
    assert.deepEqual(names, ['kst-a', 'kst-b', 'lo']);
    const a = (await session.interfaces()).data.find((i) => i.name === 'kst-a');
    assert.equal(a?.mtu, 1400, 'sysfs attributes come from the namespace (through the process root)');

    const live = await open();
    const hostNames = (await live.interfaces()).data.map((i) => i.name);
    assert.ok(!hostNames.includes('kst-a'), 'the host does not see the namespace veth');
  } finally {
    host.close();
    await ns.remove();
  }
});
