/**
 * Robustness cases for sock_diag message parsers (a fixed struct, then attributes), run
 * over a real capture: every truncation, corrupted length fields, unknown attribute types
 * and seeded random byte flips. Each case only has to end with a result — data plus typed
 * issues, or a clean outcome — never an exception; the callers assert what each case
 * must report.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Issue } from '../../src/errors.js';
import { walkMessages } from '../../src/protocol/netlink/message.js';
import { captureSeq } from './netlink-capture.js';
import { prng } from './bytes.js';

export type DiagParser = (bytes: Uint8Array, view: DataView, start: number, end: number, issues: Issue[]) => object | undefined;

export interface ParseRun {
  readonly outcome: string;
  readonly parsed: object[];
  readonly issues: Issue[];
}

/** Walk bytes[0, length) as the socket would and parse every data message. */
export function parseAll(bytes: Uint8Array, parse: DiagParser, length = bytes.length): ParseRun {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parsed: object[] = [];
  const issues: Issue[] = [];
  const walk = walkMessages(bytes, length, captureSeq(bytes), (_type, _flags, start, end) => {
    const m = parse(bytes, view, start, end, issues);
    if (m !== undefined) parsed.push(m);
  });
  return { outcome: walk.outcome.kind, parsed, issues };
}

/** Offsets of each message header (16 bytes before its payload) and of each attribute header after the fixed struct. */
export function layout(bytes: Uint8Array, fixedBytes: number): { messages: number[]; attributes: number[] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const messages: number[] = [];
  const attributes: number[] = [];
  walkMessages(bytes, bytes.length, captureSeq(bytes), (_t, _f, start, end) => {
    messages.push(start - 16);
    for (let p = start + fixedBytes; end - p >= 4; ) {
      const len = view.getUint16(p, true);
      if (len < 4) break;
      attributes.push(p);
      p += (len + 3) & ~3;
    }
  });
  return { messages, attributes };
}

/** A copy of bytes with a little-endian u16/u32 written at `at`. */
export function patched(bytes: Uint8Array, at: number, value: number, width: 2 | 4): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  if (width === 2) view.setUint16(at, value, true);
  else view.setUint32(at, value >>> 0, true);
  return copy;
}

/** `iterations` copies of bytes, each with 1..8 random bytes set to random values (deterministic for a seed). */
export function* flipped(bytes: Uint8Array, iterations: number, seed: number): Generator<Uint8Array> {
  const random = prng(seed);
  for (let i = 0; i < iterations; i++) {
    const copy = bytes.slice();
    const flips = 1 + Math.floor(random() * 8);
    for (let k = 0; k < flips; k++) copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
    yield copy;
  }
}

export interface DiagFuzzSuite {
  /** The family, for test names: "unix_diag". */
  readonly family: string;
  readonly capture: Uint8Array;
  readonly parse: DiagParser;
  /** Size of the fixed struct before the attributes. */
  readonly messageBytes: number;
  /** How many messages and attributes the capture holds (the cases rely on it). */
  readonly messageCount: number;
  readonly attributeCount: number;
  readonly seed: number;
}

/**
 * The robustness cases every sock_diag parser must pass over its capture: every truncation,
 * every message cut short, message and attribute lengths of 0, 1, 3 and huge, every
 * attribute retyped as unknown, and 2000 seeded random corruptions.
 */
export function diagFuzzSuite(s: DiagFuzzSuite): void {
  const { capture, parse } = s;
  const { messages, attributes } = layout(capture, s.messageBytes);

  test(`${s.family}: the capture has the shape the cases below rely on`, () => {
    assert.equal(messages.length, s.messageCount);
    assert.equal(attributes.length, s.attributeCount);
    assert.equal(parseAll(capture, parse).issues.length, 0);
  });

  test(`${s.family}: every truncation: whole messages before the cut parse cleanly, the cut is malformed`, () => {
    const view = new DataView(capture.buffer, capture.byteOffset);
    for (let n = 0; n <= capture.length; n++) {
      const run = parseAll(capture, parse, n);
      const whole = messages.filter((at) => at + view.getUint32(at, true) <= n).length;
      assert.equal(run.parsed.length, Math.min(whole, s.messageCount), `cut at ${n}`);
      assert.deepEqual(run.issues, [], `cut at ${n}`);
      if (n === capture.length) assert.equal(run.outcome, 'done');
      else assert.ok(run.outcome === 'malformed' || run.outcome === 'more', `cut at ${n}: ${run.outcome}`);
    }
  });

  test(`${s.family}: every message cut short inside its payload gives a typed issue or a clean shorter message`, () => {
    const view = new DataView(capture.buffer, capture.byteOffset, capture.byteLength);
    for (const at of messages) {
      const start = at + 16;
      const end = at + view.getUint32(at, true);
      for (let e = start; e < end; e++) {
        const issues: Issue[] = [];
        const m = parse(capture, view, start, e, issues);
        if (e - start < s.messageBytes) assert.equal(m, undefined);
        else assert.ok(m !== undefined);
        for (const i of issues) assert.ok(['truncated', 'bad-length'].includes(i.code), i.message);
      }
    }
  });

  test(`${s.family}: message lengths of 0, 1, 3 and huge make the walk malformed at that message, after the ones before it`, () => {
    for (const [k, at] of messages.entries()) {
      for (const len of [0, 1, 3, 0xffffffff]) {
        const run = parseAll(patched(capture, at, len, 4), parse);
        assert.equal(run.outcome, 'malformed', `message ${k} length ${len}`);
        assert.equal(run.parsed.length, k);
      }
    }
  });

  test(`${s.family}: attribute lengths of 0, 1, 3 and huge give bad-length, never an exception`, () => {
    for (const at of attributes) {
      for (const len of [0, 1, 3, 0xffff]) {
        const run = parseAll(patched(capture, at, len, 2), parse);
        assert.equal(run.outcome, 'done');
        assert.equal(run.parsed.length, s.messageCount);
        assert.ok(run.issues.some((i) => i.code === 'bad-length'), `attribute at ${at} length ${len}`);
      }
    }
  });

  test(`${s.family}: every attribute retyped as unknown is kept by number, with no issue`, () => {
    for (const at of attributes) {
      const run = parseAll(patched(capture, at + 2, 99, 2), parse);
      assert.deepEqual(run.issues, []);
      assert.equal(run.parsed.filter((m) => (m as { unknown?: Record<number, Uint8Array> }).unknown?.[99] !== undefined).length, 1);
    }
  });

  test(`${s.family}: 2000 seeded random corruptions: a result every time`, () => {
    let parsed = 0;
    for (const bytes of flipped(capture, 2000, s.seed)) {
      const run = parseAll(bytes, parse);
      parsed += run.parsed.length;
      for (const i of run.issues) assert.ok(['truncated', 'bad-length', 'unknown-format'].includes(i.code));
    }
    assert.ok(parsed > 0);
  });
}
