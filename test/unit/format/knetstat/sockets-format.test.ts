import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endpoint, ownerText } from '../../../../src/format/knetstat/endpoint.js';
import { stateText, timerText, protoName } from '../../../../src/format/knetstat/inet-sockets.js';
import type { InetSocket } from '../../../../src/records/socket.js';

const base: InetSocket = {
  protocol: 'tcp', family: 'inet', localAddress: '127.0.0.1', localPort: 36195, remoteAddress: '0.0.0.0', remotePort: 0,
  state: 'LISTEN', sendQueue: 0, recvQueue: 1, timer: 'off', timerExpires: 0n, retransmits: 0, uid: 0, timeout: 0, inode: 114336,
};

test('endpoints: IPv4 as netstat, IPv6 in brackets, port 0 as *', () => {
  assert.equal(endpoint('127.0.0.1', 36195), '127.0.0.1:36195');
  assert.equal(endpoint('0.0.0.0', 0), '0.0.0.0:*');
  assert.equal(endpoint('::1', 36553), '[::1]:36553');
  assert.equal(endpoint('::ffff:127.0.0.1', 80), '[::ffff:127.0.0.1]:80');
  assert.equal(endpoint('::', 0), '[::]:*');
});

test('owners: first process as PID/command, - when unknown', () => {
  assert.equal(ownerText(undefined), '-');
  assert.equal(ownerText([]), '-');
  assert.equal(ownerText([{ pid: 42, command: 'sshd', fd: 3 }, { pid: 43, command: 'sshd', fd: 3 }]), '42/sshd');
});

test('states: TCP by kernel name, datagram sockets blank unless connected', () => {
  assert.equal(stateText(base), 'LISTEN');
  assert.equal(stateText({ ...base, state: 'NEW_SYN_RECV' }), 'SYN_RECV');
  assert.equal(stateText({ ...base, protocol: 'udp', state: 'CLOSE' }), '');
  assert.equal(stateText({ ...base, protocol: 'udp', state: 'ESTABLISHED' }), 'ESTABLISHED');
  assert.equal(protoName({ protocol: 'udplite', family: 'inet6' }), 'udplite6');
});

test('timers: netstat -o form, ticks of USER_HZ 100 as seconds', () => {
  // live capture: 127.0.0.1:48346 TIME_WAIT, tr 3, tm->when 00000C8E (3214 ticks)
  assert.equal(timerText({ ...base, timer: 'timewait', timerExpires: 0xc8en }), 'timewait (32.14/0/0)');
  assert.equal(timerText({ ...base, timer: 'on', timerExpires: 20n, retransmits: 2, timeout: 1 }), 'on (0.20/2/1)');
  assert.equal(timerText({ ...base, timer: undefined, timerExpires: -5n }), 'unknown (-0.05/0/0)');
});
