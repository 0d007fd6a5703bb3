import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INET_STATES, type InetSocket } from '../../../../../src/records/socket.js';
import { filesForQuery, matchesSocket, type SocketQuery } from '../../../../../src/sources/socket-query.js';
import { inetSocketFilter, keepsInetSocket } from '../../../../../src/sources/tree/assemble/inet-socket-filter.js';
import { INET_SOCKET_FILES } from '../../../../../src/sources/tree/procfs/inet-socket-table.js';

const QUERIES: SocketQuery[] = [
  {}, { protocol: 'tcp' }, { state: 'LISTEN' }, { state: ['ESTABLISHED', 'TIME_WAIT'] }, { state: ['CLOSE', 'CONNECTED'] },
  { state: 'UNCONNECTED' }, { state: 'NEW_SYN_RECV' }, { port: 22 }, { localPort: 22 }, { remotePort: 22 }, { port: 0 },
  { localPort: 22, remotePort: 80 }, { port: 22, localPort: 80 }, { state: 'LISTEN', port: 22 }, { family: 'inet6', state: 'SYN_RECV', remotePort: 0 },
];
const PORTS = [0, 22, 80, 65535];

/** A record with the given state and ports, from a file the query reads. */
function socket(file: (typeof INET_SOCKET_FILES)[number], state: InetSocket['state'], localPort: number, remotePort: number): InetSocket {
  return {
    protocol: file.protocol, family: file.family, localAddress: '127.0.0.1', localPort, remoteAddress: '127.0.0.1', remotePort, state,
    sendQueue: 0, recvQueue: 0, timer: 'off', timerExpires: 0n, retransmits: 0, uid: 0, timeout: 0, inode: 1, refcount: 1,
    kernelPointer: '0000000000000000', rto: undefined, ato: undefined, quickAck: undefined, pingpong: undefined, cwnd: undefined,
    ssthresh: undefined, fastOpenQueueMax: undefined, drops: undefined, processes: undefined, extra: undefined,
  };
}

test('the compiled filter agrees with matchesSocket on every state code and port, in every file a query reads', () => {
  let checked = 0;
  for (const query of QUERIES) {
    const filter = inetSocketFilter(query);
    for (const entry of filesForQuery(query)) {
      const file = INET_SOCKET_FILES.find((f) => f.file === entry.file);
      if (file === undefined) continue; // unix
      for (const [k, state] of INET_STATES.entries()) {
        for (const lp of PORTS) {
          for (const rp of PORTS) {
            const want = matchesSocket(query, socket(file, state, lp, rp));
            assert.equal(keepsInetSocket(filter, k + 1, lp, rp), want, `${JSON.stringify(query)} ${file.name} ${state} ${lp}>${rp}`);
            checked++;
          }
        }
      }
    }
  }
  assert.ok(checked > 10000, `${checked} combinations`);
});

test('codes outside 1..13 never pass a state condition', () => {
  const filter = inetSocketFilter({ state: ['ESTABLISHED', 'LISTEN'] });
  assert.deepEqual([0, 1, 10, 14, 255].map((st) => keepsInetSocket(filter, st, 0, 0)), [false, true, true, false, false]);
  assert.equal(keepsInetSocket(inetSocketFilter({}), 14, 0, 0), true);
});
