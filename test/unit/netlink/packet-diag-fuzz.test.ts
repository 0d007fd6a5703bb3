/**
 * packet_diag parsing never throws and always ends, whatever the bytes: every truncation of a
 * real capture, every message cut short, corrupted message and attribute lengths, unknown
 * attribute types, and 2000 seeded random corruptions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Issue } from '../../../src/errors.js';
import { PACKET_DIAG_MESSAGE_BYTES, parsePacketDiagMessage } from '../../../src/protocol/netlink/packet-diag.js';
import { readCapture } from '../../helpers/netlink-capture.js';
import { flipped, layout, parseAll, patched } from '../../helpers/sock-diag-fuzz.js';

const capture = readCapture('packet-diag-all');
const { messages, attributes } = layout(capture, PACKET_DIAG_MESSAGE_BYTES);

test('the capture has the shape the cases below rely on', () => {
  assert.equal(messages.length, 6);
  assert.equal(attributes.length, 29);
  assert.equal(parseAll(capture, parsePacketDiagMessage).issues.length, 0);
});

test('every truncation of the capture: whole messages before the cut parse cleanly, the cut is malformed', () => {
  for (let n = 0; n <= capture.length; n++) {
    const run = parseAll(capture, parsePacketDiagMessage, n);
    const whole = messages.filter((at) => at + new DataView(capture.buffer, capture.byteOffset).getUint32(at, true) <= n).length;
    assert.equal(run.parsed.length, Math.min(whole, 6), `cut at ${n}`);
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
      const issues: Issue[] = [];
      const m = parsePacketDiagMessage(capture, view, start, e, issues);
      if (e - start < PACKET_DIAG_MESSAGE_BYTES) assert.equal(m, undefined);
      else assert.ok(m !== undefined);
      for (const i of issues) assert.ok(['truncated', 'bad-length'].includes(i.code), i.message);
    }
  }
});

test('message lengths of 0, 1, 3 and huge make the walk malformed at that message, after the ones before it', () => {
  for (const [k, at] of messages.entries()) {
    for (const len of [0, 1, 3, 0xffffffff]) {
      const run = parseAll(patched(capture, at, len, 4), parsePacketDiagMessage);
      assert.equal(run.outcome, 'malformed', `message ${k} length ${len}`);
      assert.equal(run.parsed.length, k);
    }
  }
});

test('attribute lengths of 0, 1, 3 and huge give bad-length, never an exception', () => {
  for (const at of attributes) {
    for (const len of [0, 1, 3, 0xffff]) {
      const run = parseAll(patched(capture, at, len, 2), parsePacketDiagMessage);
      assert.equal(run.outcome, 'done');
      assert.equal(run.parsed.length, 6);
      assert.ok(run.issues.some((i) => i.code === 'bad-length'), `attribute at ${at} length ${len}`);
    }
  }
});

test('every attribute retyped as unknown is kept by number, with no issue', () => {
  for (const at of attributes) {
    const run = parseAll(patched(capture, at + 2, 99, 2), parsePacketDiagMessage);
    assert.deepEqual(run.issues, []);
    assert.equal(run.parsed.filter((m) => (m as { unknown?: Record<number, Uint8Array> }).unknown?.[99] !== undefined).length, 1);
  }
});

test('2000 seeded random corruptions: a result every time', () => {
  let parsed = 0;
  for (const bytes of flipped(capture, 2000, 0x7061636b)) {
    const run = parseAll(bytes, parsePacketDiagMessage);
    parsed += run.parsed.length;
    for (const i of run.issues) assert.ok(['truncated', 'bad-length', 'unknown-format'].includes(i.code));
  }
  assert.ok(parsed > 0);
});
