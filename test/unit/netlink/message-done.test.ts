/**
 * NLMSG_DONE carries the dump's final error: bytes as 6.18 sent them for a sock_diag dump of
 * raw sockets on a kernel built without raw_diag (CONFIG_INET_RAW_DIAG unset): the dump
 * starts, finds no handler, and ends with DONE and -ENOENT instead of an NLMSG_ERROR.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { walkMessages } from '../../../src/protocol/netlink/message.js';

function hex(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'hex'));
}

test('a DONE with a negative error ends the walk as that error (ENOENT from a missing diag handler)', () => {
  const bytes = hex('140000000300020001000000ae7f0000feffffff');
  const walk = walkMessages(bytes, bytes.length, 1, () => assert.fail('no data message'));
  assert.deepEqual(walk.outcome, { kind: 'error', errno: 2, offset: 16 });
  assert.equal(walk.messages, 0);
});

test('a DONE with error 0 is a complete reply', () => {
  const bytes = hex('140000000300020005000000ae7f000000000000');
  assert.deepEqual(walkMessages(bytes, bytes.length, 5, () => {}).outcome, { kind: 'done' });
});

test('a DONE without a payload (old kernels) is a complete reply', () => {
  const bytes = hex('100000000300020005000000ae7f0000');
  assert.deepEqual(walkMessages(bytes, bytes.length, 5, () => {}).outcome, { kind: 'done' });
});
