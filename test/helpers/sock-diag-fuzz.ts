/**
 * Robustness cases for sock_diag message parsers (a fixed struct, then attributes), run
 * over a real capture: every truncation, corrupted length fields, unknown attribute types
 * and seeded random byte flips. Each case only has to end with a result — data plus typed
 * issues, or a clean outcome — never an exception; the callers assert what each case
 * must report.
 */
import type { Issue } from '../../src/errors.js';
import { walkMessages } from '../../src/protocol/netlink/message.js';
import { captureSeq } from './netlink-capture.js';

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

/** mulberry32: a small seeded PRNG, so a failing flip sequence can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
