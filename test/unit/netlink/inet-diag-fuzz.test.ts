/**
 * inet_diag parsing, and the internet-socket assembler over the same bytes, never throw and
 * always end, whatever the bytes: every truncation of a real capture (TCP with tcp_info,
 * congestion, SK_MEMINFO), every message cut short, corrupted message and attribute lengths,
 * unknown attribute types, and 2000 seeded random corruptions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Issue } from '../../../src/errors.js';
import { INET_DIAG_MSG_BYTES, parseInetDiagMessage } from '../../../src/protocol/netlink/inet-diag.js';
import { readInetSockets } from '../../../src/sources/netlink/inet-sockets.js';
import { readListenQueues } from '../../../src/sources/netlink/listen-queues.js';
import { readCapture } from '../../helpers/netlink-capture.js';
import { inetReplayChannel } from '../../helpers/inet-replay-channel.js';
import { flipped, layout, parseAll, patched, type DiagParser } from '../../helpers/sock-diag-fuzz.js';

const parse: DiagParser = (bytes, view, start, end, issues) => {
  const r = parseInetDiagMessage(bytes, view, start, end, 'sock_diag tcp');
  for (const i of r.issues) issues.push(i);
  return r.socket;
};

const capture = readCapture('inet-tcp4-internals');
const { messages, attributes } = layout(capture, INET_DIAG_MSG_BYTES);
const COUNT = 11;
const CODES = ['truncated', 'bad-length', 'unknown-format'];

test('the capture has the shape the cases below rely on', () => {
  assert.equal(messages.length, COUNT);
  // 8 full sockets with 7 attributes each (SHUTDOWN, MARK, CGROUP_ID, SOCKOPT, SKMEMINFO, INFO, CONG), 3 entries with MARK only
  assert.equal(attributes.length, 8 * 7 + 3);
  assert.equal(parseAll(capture, parse).issues.length, 0);
});

test('every truncation of the capture: whole messages before the cut parse cleanly, the cut is malformed', () => {
  const view = new DataView(capture.buffer, capture.byteOffset);
  for (let n = 0; n <= capture.length; n++) {
    const run = parseAll(capture, parse, n);
    const whole = messages.filter((at) => at + view.getUint32(at, true) <= n).length;
    assert.equal(run.parsed.length, Math.min(whole, COUNT), `cut at ${n}`);
    assert.deepEqual(run.issues, [], `cut at ${n}`);
    if (n === capture.length) assert.equal(run.outcome, 'done');
    else assert.ok(run.outcome === 'malformed' || run.outcome === 'more', `cut at ${n}: ${run.outcome}`);
  }
});

test('every message cut short inside its payload gives a typed issue or a clean shorter message', () => {
  const view = new DataView(capture.buffer, capture.byteOffset, capture.byteLength);
  for (const at of messages) {
    const start = at + 16;
    const end = at + view.getUint32(at, true);
    for (let e = start; e < end; e++) {
      const r = parseInetDiagMessage(capture, view, start, e, 'sock_diag tcp');
      if (e - start < INET_DIAG_MSG_BYTES) assert.equal(r.socket, undefined);
      else assert.ok(r.socket !== undefined);
      for (const i of r.issues) assert.ok(['truncated', 'bad-length'].includes(i.code), i.message);
    }
  }
});

test('message lengths of 0, 1, 3 and huge make the walk malformed at that message, after the ones before it', () => {
  for (const [k, at] of messages.entries()) {
    for (const len of [0, 1, 3, 0xffffffff]) {
      const run = parseAll(patched(capture, at, len, 4), parse);
      assert.equal(run.outcome, 'malformed', `message ${k} length ${len}`);
      assert.equal(run.parsed.length, k);
    }
  }
});

test('attribute lengths of 0, 1, 3 and huge give bad-length, never an exception', () => {
  for (const at of attributes) {
    for (const len of [0, 1, 3, 0xffff]) {
      const run = parseAll(patched(capture, at, len, 2), parse);
      assert.equal(run.outcome, 'done');
      assert.equal(run.parsed.length, COUNT);
      assert.ok(run.issues.some((i) => i.code === 'bad-length'), `attribute at ${at} length ${len}`);
    }
  }
});

test('every attribute retyped as unknown is kept by number, with no issue', () => {
  for (const at of attributes) {
    const run = parseAll(patched(capture, at + 2, 99, 2), parse);
    assert.deepEqual(run.issues, []);
    const kept = run.parsed.filter((m) => (m as { otherAttributes: Map<number, Uint8Array> }).otherAttributes.has(99));
    assert.equal(kept.length, 1, `attribute at ${at}`);
  }
});

test('2000 seeded random corruptions: a result every time', () => {
  let parsed = 0;
  for (const bytes of flipped(capture, 2000, 0x696e6574)) {
    const run = parseAll(bytes, parse);
    parsed += run.parsed.length;
    for (const i of run.issues) assert.ok(CODES.includes(i.code), i.message);
  }
  assert.ok(parsed > 0);
});

test('the assemblers over corrupted replies: records and typed issues, or a typed error, never anything else', async () => {
  const cases: Uint8Array[] = [];
  for (let n = 0; n < capture.length; n += 7) cases.push(capture.slice(0, n));
  for (const at of attributes) cases.push(patched(capture, at, 1, 2), patched(capture, at + 2, 99, 2));
  for (const at of messages) cases.push(patched(capture, at, 3, 4));
  for (const bytes of flipped(capture, 500, 0x6c697374)) cases.push(bytes);
  for (const bytes of cases) {
    const channel = inetReplayChannel(() => bytes);
    for (const read of [() => readInetSockets(channel, { protocol: 'tcp' }, { internals: true, memory: true }), () => readListenQueues(channel)]) {
      try {
        const part = await read();
        const issues: Issue[] = part.issues;
        for (const i of issues) assert.ok(CODES.includes(i.code), i.message);
      } catch (cause) {
        assert.ok((cause as { code?: string }).code === 'E_UNAVAILABLE' || (cause as { code?: string }).code === 'E_SOURCE_IO', String(cause));
      }
    }
  }
});
