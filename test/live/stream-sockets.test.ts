/**
 * session.streamSockets on the live kernel: in a namespace the test fills with ~2,800 TCP
 * sockets (more than one receive batch of sock_diag replies), the batches together are
 * exactly sockets()'s list, more than one batch arrives, a consumer that throws mid-stream
 * leaves the session usable, and a procfs session streams the same set in one batch.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open } from '../../src/netstat.js';
import type { Socket } from '../../src/records/socket.js';
import { netnsUnavailable, TestNetns } from '../helpers/netns.js';
import { skipOrFail } from '../helpers/skip.js';

const CONNECTIONS = 1400;

const HOLDER = `
import net from 'node:net';
const held = [];
const server = net.createServer((s) => held.push(s));
server.listen({ host: '127.0.0.1', port: 7411, backlog: 2048 }, async () => {
  for (let i = 0; i < ${CONNECTIONS}; i++) {
    await new Promise((resolve, reject) => { const c = net.connect(7411, '127.0.0.1', () => resolve()); c.on('error', reject); held.push(c); });
  }
  while (held.length < ${2 * CONNECTIONS}) await new Promise((r) => setTimeout(r, 10));
  process.stdout.write('ready\\n');
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`;

function key(s: Socket): string {
  return s.protocol === 'unix' ? `unix ${s.inode}` : `${s.protocol} ${s.family} ${s.localAddress}:${s.localPort} ${s.remoteAddress}:${s.remotePort} ${s.state} ${s.inode}`;
}

test('streamSockets hands on exactly sockets()\'s list, in several batches, from netlink and procfs', async (t) => {
  const why = netnsUnavailable();
  if (why !== undefined) return skipOrFail(t, why);
  const ns = new TestNetns('stream');
  try {
    await ns.startNode(HOLDER, 30_000);
    for (const via of ['netlink', 'procfs'] as const) {
      const session = await open({ netns: ns.name, via });
      try {
        const query = { protocol: 'tcp' } as const;
        const listed = await session.sockets(query);
        const batches: Socket[][] = [];
        const streamed = await session.streamSockets(query, (batch) => {
          batches.push(batch);
        });
        const all = batches.flat();
        assert.equal(streamed.data, all.length, `${via}: data counts what was handed on`);
        assert.equal(all.length, 2 * CONNECTIONS + 1, `${via}: every socket once`);
        assert.deepEqual(all.map(key).sort(), listed.data.map(key).sort(), `${via}: the same sockets as sockets()`);
        assert.equal(streamed.via, listed.via);
        assert.ok(batches.length > 1, `${via} streams in batches (${batches.length})`);

        // A consumer that fails mid-stream: the error reaches the caller, and the session reads on.
        await assert.rejects(
          session.streamSockets(query, () => {
            throw new Error('consumer failed');
          }),
          /consumer failed/,
        );
        assert.equal((await session.sockets(query)).data.length, 2 * CONNECTIONS + 1, `${via}: the session still reads after a failed stream`);
      } finally {
        await session.close();
      }
    }
  } finally {
    await ns.remove();
  }
});
