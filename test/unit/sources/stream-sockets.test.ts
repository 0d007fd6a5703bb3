/**
 * session.streamSockets on captured trees: the batches, in order, are exactly sockets()'s list
 * (every query form the CLI uses), and the reading's issues and unavailable entries are the same.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open } from '../../../src/netstat.js';
import type { Socket } from '../../../src/records/socket.js';
import type { SocketQuery } from '../../../src/sources/socket-query.js';
import { tree } from '../../helpers/fixture.js';

const SETS = ['linux-6.18.44-fc-v595-live', 'linux-6.18.44-fc-v595-busy', 'procfs-fixtures', 'goprocinfo-fixtures', 'diamond-fixtures'];
const QUERIES: SocketQuery[] = [{}, { protocol: 'tcp' }, { protocol: ['udp', 'unix'], family: ['inet6', 'unix'] }, { state: 'LISTEN' }, { port: 22 }];

for (const set of SETS) {
  test(`${set}: streamSockets hands on sockets()'s list, in order`, async () => {
    const session = await open({ root: tree(set) });
    try {
      for (const query of QUERIES) {
        const listed = await session.sockets(query).catch((e: { code?: string }) => e.code ?? 'error');
        if (typeof listed === 'string') {
          // The kind is unavailable for this query: the stream says the same, having handed on nothing.
          const handed: Socket[] = [];
          await assert.rejects(session.streamSockets(query, (b) => void handed.push(...b)), (e: { code?: string }) => e.code === listed);
          assert.equal(handed.length, 0);
          continue;
        }
        const batches: Socket[][] = [];
        const streamed = await session.streamSockets(query, (batch) => {
          batches.push(batch);
        });
        assert.deepEqual(batches.flat(), listed.data, JSON.stringify(query));
        assert.equal(streamed.data, listed.data.length);
        assert.ok(batches.every((b) => b.length > 0), 'no empty batch');
        assert.deepEqual(streamed.issues, listed.issues);
        assert.deepEqual(streamed.unavailable, listed.unavailable);
        assert.equal(streamed.via, listed.via);
      }
    } finally {
      await session.close();
    }
  });
}

test('a source that has no socket table at all rejects the stream as it rejects the list', async () => {
  const session = await open({ root: tree('procfs-schedstat') });
  try {
    const list = await session.sockets({}).then(() => 'ok', (e: { code?: string }) => e.code);
    const stream = await session.streamSockets({}, () => {}).then(() => 'ok', (e: { code?: string }) => e.code);
    assert.equal(stream, list);
  } finally {
    await session.close();
  }
});
