import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KstatError } from '../../../src/errors.js';
import type { InetSocket, UnixSocket } from '../../../src/records/socket.js';
import { filesForQuery, matchesSocket, validateSocketQuery, type SocketQuery } from '../../../src/sources/socket-query.js';

const files = (q: SocketQuery) => filesForQuery(q).map((f) => f.file.replace('proc/net/', ''));

const tcpListener: InetSocket = {
  protocol: 'tcp', family: 'inet', localAddress: '127.0.0.1', localPort: 36195, remoteAddress: '0.0.0.0', remotePort: 0,
  state: 'LISTEN', sendQueue: 0, recvQueue: 1, timer: 'off', timerExpires: 0n, retransmits: 0, uid: 0, timeout: 0, inode: 114336,
};
const tcpConnection: InetSocket = { ...tcpListener, localPort: 51066, remotePort: 36195, remoteAddress: '127.0.0.1', state: 'ESTABLISHED', inode: 114339 };
const udp6: InetSocket = { ...tcpListener, protocol: 'udp', family: 'inet6', localAddress: '::1', localPort: 54183, state: 'CLOSE', inode: 114355 };
const unixListener: UnixSocket = { protocol: 'unix', family: 'unix', type: 'STREAM', state: 'LISTEN', path: '@kstat-fixture-stream', inode: 114364, refcount: 2, flags: 0x10000 };

test('filesForQuery: only the files whose sockets the query can match', () => {
  assert.deepEqual(files({}), ['tcp', 'tcp6', 'udp', 'udp6', 'udplite', 'udplite6', 'raw', 'raw6', 'icmp', 'icmp6', 'unix']);
  assert.deepEqual(files({ protocol: 'tcp' }), ['tcp', 'tcp6']);
  assert.deepEqual(files({ protocol: ['udp', 'unix'] }), ['udp', 'udp6', 'unix']);
  assert.deepEqual(files({ family: 'inet6', protocol: 'udp' }), ['udp6']);
  assert.deepEqual(files({ family: 'unix' }), ['unix']);
  assert.deepEqual(files({ family: ['inet'], protocol: 'icmp' }), ['icmp']);
});

test('filesForQuery: states that only some protocols have, and ports that unix sockets lack', () => {
  assert.deepEqual(files({ state: 'LISTEN' }), ['tcp', 'tcp6', 'unix']);
  assert.deepEqual(files({ state: 'TIME_WAIT' }), ['tcp', 'tcp6']);
  assert.deepEqual(files({ state: 'CONNECTED' }), ['unix']);
  assert.deepEqual(files({ state: 'CLOSE', family: 'inet' }), ['tcp', 'udp', 'udplite', 'raw', 'icmp']);
  assert.deepEqual(files({ port: 22 }), ['tcp', 'tcp6', 'udp', 'udp6', 'udplite', 'udplite6', 'raw', 'raw6', 'icmp', 'icmp6']);
  assert.deepEqual(files({ protocol: 'unix', localPort: 22 }), []);
  assert.deepEqual(files({ protocol: 'udp', state: 'LISTEN' }), []);
});

test('matchesSocket: every condition must hold, a list means any of its values', () => {
  assert.equal(matchesSocket({}, tcpListener), true);
  assert.equal(matchesSocket({ protocol: 'tcp', state: 'LISTEN' }, tcpListener), true);
  assert.equal(matchesSocket({ protocol: 'tcp', state: 'LISTEN' }, tcpConnection), false);
  assert.equal(matchesSocket({ state: ['LISTEN', 'ESTABLISHED'] }, tcpConnection), true);
  assert.equal(matchesSocket({ family: 'inet6' }, udp6), true);
  assert.equal(matchesSocket({ family: ['inet', 'unix'] }, udp6), false);
  assert.equal(matchesSocket({ protocol: 'unix', state: 'LISTEN' }, unixListener), true);
  assert.equal(matchesSocket({ state: 'LISTEN', family: 'inet' }, unixListener), false);
});

test('matchesSocket: port is local or remote; localPort and remotePort are one side; unix sockets have no ports', () => {
  assert.equal(matchesSocket({ port: 36195 }, tcpListener), true);
  assert.equal(matchesSocket({ port: 36195 }, tcpConnection), true, 'remote side');
  assert.equal(matchesSocket({ localPort: 36195 }, tcpConnection), false);
  assert.equal(matchesSocket({ remotePort: 36195 }, tcpConnection), true);
  assert.equal(matchesSocket({ localPort: 51066, remotePort: 36195 }, tcpConnection), true);
  assert.equal(matchesSocket({ localPort: 51066, remotePort: 1 }, tcpConnection), false);
  assert.equal(matchesSocket({ port: 0 }, tcpListener), true, 'an unconnected socket has remote port 0');
  assert.equal(matchesSocket({ port: 114364 % 65536 }, unixListener), false);
});

test('validation: anything unknown or out of range is E_ARGUMENT', () => {
  const bad: unknown[] = [
    { protocol: 'sctp' },
    { protocol: ['tcp', 'TCP'] },
    { family: 'inet4' },
    { state: 'ESTAB' },
    { state: [] },
    { port: 65536 },
    { localPort: -1 },
    { remotePort: 1.5 },
    { port: '22' },
    { processes: 'yes' },
    { proto: 'tcp' },
    null,
  ];
  for (const q of bad) {
    assert.throws(() => validateSocketQuery(q as SocketQuery), (e: unknown) => KstatError.is(e) && e.code === 'E_ARGUMENT', JSON.stringify(q));
    assert.throws(() => filesForQuery(q as SocketQuery), (e: unknown) => KstatError.is(e) && e.code === 'E_ARGUMENT');
  }
  assert.throws(() => validateSocketQuery({ protocol: 'sctp' as never }), /unknown protocol "sctp" \(one of: tcp, udp, udplite, raw, icmp, unix\)/);
  const ok: SocketQuery = { family: ['inet', 'inet6'], protocol: 'tcp', state: 'NEW_SYN_RECV', port: 0, localPort: 65535, processes: true };
  assert.equal(validateSocketQuery(ok), ok);
});
