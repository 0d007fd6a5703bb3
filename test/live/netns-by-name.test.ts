/**
 * Named network namespaces (`ip netns`), reached without any process inside them: the
 * library's { netns } and { netnsPath }, `knetstat -N NAME`, and the two read paths
 * (netlink, procfs through the namespace thread) agreeing on the same quiet namespace.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open } from '../../src/netstat.js';
import { netnsUnavailable, TestNetns } from '../helpers/netns.js';
import { skipOrFail } from '../helpers/skip.js';
import { runKnetstat } from '../helpers/knetstat.js';

const LISTENER = `
import net from 'node:net';
const server = net.createServer();
server.listen({ host: '10.232.0.1', port: 7301, backlog: 7 }, () => process.stdout.write('ready\\n'));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`;

/** The fields both paths give for an inet socket (docs/netlink.md). */
function shared(s: any): string {
  return [s.protocol, s.family, s.localAddress, s.localPort, s.remoteAddress, s.remotePort, s.state, s.recvQueue, s.sendQueue, s.uid, s.inode].join(' ');
}

test('a named namespace with no process in it: netlink and procfs paths, knetstat -N NAME', async (t) => {
  const why = netnsUnavailable();
  if (why !== undefined) return skipOrFail(t, why);
  const ns = new TestNetns('byname');
  try {
    ns.exec('ip', ['link', 'add', 'kst-n0', 'type', 'veth', 'peer', 'name', 'kst-n1']);
    ns.exec('ip', ['addr', 'add', '10.232.0.1/24', 'dev', 'kst-n0']);
    ns.exec('ip', ['link', 'set', 'kst-n0', 'up']);
    ns.exec('ip', ['route', 'add', '10.98.0.0/16', 'dev', 'kst-n0', 'table', '4242']);
    const listener = await ns.startNode(LISTENER);
    assert.ok(listener.pid !== undefined);

    const byName = await open({ netns: ns.name });
    const byPath = await open({ netnsPath: `/run/netns/${ns.name}`, via: 'procfs' });
    try {
      assert.deepEqual([byName.info.kind, byName.info.label], ['netns', `netns ${ns.name}`]);
      // Not raw: kernels without raw_diag (this one) list raw sockets only in procfs.
      const inet = { protocol: ['tcp', 'udp', 'udplite'] } as const;
      const viaNetlink = await byName.sockets(inet);
      const viaProcfs = await byPath.sockets(inet);
      assert.equal(viaNetlink.via, 'netlink');
      // Ping sockets have no sock_diag handler: a query that includes them is served by both.
      assert.equal((await byName.sockets({ family: 'inet' })).via, 'netlink+procfs');
      assert.equal(viaProcfs.via, 'procfs');
      assert.deepEqual(viaNetlink.data.map(shared).sort(), viaProcfs.data.map(shared).sort());
      assert.deepEqual(viaNetlink.data.map(shared), ['tcp inet 10.232.0.1 7301 0.0.0.0 0 LISTEN 0 0 0 ' + (viaNetlink.data[0] as any).inode]);

      const queues = await byName.listenQueues();
      assert.deepEqual(queues.data.map((q) => [q.localAddress, q.localPort, q.maxBacklog]), [['10.232.0.1', 7301, 7]]);

      const links = await byName.interfaces();
      assert.deepEqual(links.data.map((i) => i.name).sort(), ['kst-n0', 'kst-n1', 'lo']);
      const n0 = links.data.find((i) => i.name === 'kst-n0')!;
      assert.deepEqual(n0.addresses?.filter((a) => a.family === 'inet').map((a) => `${a.address}/${a.prefixLength}`), ['10.232.0.1/24']);
      // procfs of the namespace (through its thread) lists the same interfaces.
      assert.deepEqual((await byPath.interfaces()).data.map((i) => i.name).sort(), ['kst-n0', 'kst-n1', 'lo']);

      const routes = await byName.routes({ table: 4242 });
      assert.deepEqual(routes.data.map((r) => `${r.destination}/${r.prefixLength} ${r.interface} ${r.table}`), ['10.98.0.0/16 kst-n0 4242']);
      // Per-namespace sysctls are hidden rather than read from this process's namespace.
      assert.ok((await byPath.memory()).unavailable.some((u) => /per-namespace sysctl/.test(u.reason)));
    } finally {
      await byName.close();
      await byPath.close();
    }

    const text = runKnetstat(['-N', ns.name, '-tln']);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`^Source: netns ${ns.name}$`, 'm'));
    assert.match(text.stdout, /^tcp +0 +0 +10\.232\.0\.1:7301 +0\.0\.0\.0:\* +LISTEN$/m);
    const other = runKnetstat(['-tln']);
    assert.doesNotMatch(other.stdout, /10\.232\.0\.1:7301/, 'the live view does not see the namespace');
  } finally {
    await ns.remove();
  }
});

test('a namespace that does not exist: E_UNAVAILABLE naming it', async () => {
  await assert.rejects(open({ netns: `kstat-none-${process.pid}` }), (err: any) => err.code === 'E_UNAVAILABLE' && /no network namespace/.test(err.message));
  await assert.rejects(open({ netns: '../etc' }), (err: any) => err.code === 'E_ARGUMENT');
});
