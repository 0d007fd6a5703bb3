/**
 * Fuzzing the decoders that face bytes from files (and later from the network):
 * decodeSnapshot must return a result for ANY input — never throw, never hang — and
 * decodeViewReading must throw only XdrError. Bounded: a fixed number of cases per
 * strategy and a time budget, with a seeded PRNG so a failure names a replayable seed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeSnapshot, encodeSnapshot, type Snapshot } from '../../src/protocol/snapshot/format.js';
import { decodeViewReading, encodeViewReading } from '../../src/protocol/netstat-readings.js';
import { XdrError } from '../../src/protocol/xdr/types.js';
import { open } from '../../src/netstat/open.js';
import { Bytes, crc32Bitwise, hex, prng } from '../helpers/bytes.js';
import { tree } from '../helpers/fixture.js';

const CASES = 2000;
const BUDGET_MS = 5000;
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);

/** Runs `cases` generated inputs through `check` until the count or the time budget is used. */
function fuzz(name: string, make: (rnd: () => number) => Uint8Array, check: (bytes: Uint8Array) => void): number {
  const rnd = prng(SEED ^ name.length * 7919);
  const started = Date.now();
  let n = 0;
  for (; n < CASES && Date.now() - started < BUDGET_MS; n++) {
    const bytes = make(rnd);
    try {
      check(bytes);
    } catch (err) {
      assert.fail(`${name}: case ${n} (seed ${SEED}) failed: ${String(err)}\n${Buffer.from(bytes.subarray(0, 256)).toString('hex')}`);
    }
  }
  return n;
}

function checkSnapshot(bytes: Uint8Array): void {
  const result = decodeSnapshot(bytes);
  if (!result.ok) {
    assert.ok(result.error.offset >= 0 && result.error.offset <= bytes.length, `offset ${result.error.offset} of ${bytes.length}`);
    assert.match(result.error.message, /at byte \d+\)$/);
  }
}

/** A word an XDR decoder is likely to act on: small counts, lengths, tags, or noise. */
function word(rnd: () => number): number {
  const p = rnd();
  if (p < 0.4) return Math.floor(rnd() * 5);
  if (p < 0.7) return Math.floor(rnd() * 64);
  if (p < 0.8) return 0xffffffff;
  return Math.floor(rnd() * 0x100000000);
}

function randomBytes(rnd: () => number, max: number): Uint8Array {
  return Uint8Array.from({ length: Math.floor(rnd() * max) }, () => Math.floor(rnd() * 256));
}

/** A well-formed header and checksum around `body`, so the body decoder is what gets tested. */
function framed(body: Uint8Array): Uint8Array {
  const head = new Bytes().raw(hex('89 4b 53 53 0d 0a 1a 0a')).u32(1).u32(0).u32(0).u32(body.length).raw(body).build();
  return new Bytes().raw(head).u32(crc32Bitwise(head)).build();
}

let base: Uint8Array;
let readingBytes: Uint8Array;

test('fuzz setup: a real snapshot and a real reading to mutate', async () => {
  const session = await open({ root: tree('linux-6.18.44-fc-v595-live') });
  const sockets = await session.sockets();
  await session.close();
  readingBytes = encodeViewReading('sockets', sockets);
  const snapshot: Snapshot = {
    formatVersion: { major: 1, minor: 0 },
    source: { kind: 'tree', label: 'fuzz' },
    savedAtNs: 1n,
    chainId: 1,
    kstats: [
      { kid: 1, module: 'netstat', instance: 0, name: 'sockets', class: 'netstat', type: 'RAW', flags: 0, crtime: 0n, snaptime: 0n, ndata: 1, dataSize: 0, data: { type: 'RAW', raw: readingBytes.subarray(0, 600) } },
      { kid: 2, module: 'link', instance: 0, name: 'lo', class: 'net', type: 'NAMED', flags: 0, crtime: 0n, snaptime: 0n, ndata: 2, dataSize: 0, data: { type: 'NAMED', named: [{ name: 'a', type: 'UINT64', value: 1n }, { name: 'b', type: 'CHAR', value: 'x' }] } },
      { kid: 3, module: 'disk', instance: 0, name: 'sda', class: 'disk', type: 'IO', flags: 0, crtime: 0n, snaptime: 0n, ndata: 1, dataSize: 0, data: { type: 'IO', io: { nread: 1n, nwritten: 2n, reads: 3n, writes: 4n, wtime: 5n, wlentime: 6n, wlastupdate: 7n, rtime: 8n, rlentime: 9n, rlastupdate: 10n, wcnt: 0, rcnt: 0 } } },
      { kid: 4, module: 'cpu', instance: 0, name: 'sched', class: 'misc', type: 'TIMER', flags: 0, crtime: 0n, snaptime: 0n, ndata: 1, dataSize: 0, data: { type: 'TIMER', timers: [{ name: 'cpu0', numEvents: 1n, elapsedTime: 2n, minTime: 0n, maxTime: 0n, startTime: 0n, stopTime: 0n }] } },
    ],
  };
  base = encodeSnapshot(snapshot);
  assert.ok(decodeSnapshot(base).ok);
});

test('fuzz decodeSnapshot: random bytes, random magic-prefixed bytes', () => {
  const n1 = fuzz('random', (rnd) => randomBytes(rnd, 512), checkSnapshot);
  const n2 = fuzz('magic+random', (rnd) => new Bytes().raw(base.subarray(0, 8 + Math.floor(rnd() * 20))).raw(randomBytes(rnd, 256)).build(), checkSnapshot);
  assert.ok(n1 + n2 >= 100);
});

test('fuzz decodeSnapshot: XDR-like word soup in a well-framed body', () => {
  const n = fuzz('word soup', (rnd) => {
    const b = new Bytes();
    const words = Math.floor(rnd() * 200);
    for (let i = 0; i < words; i++) b.u32(word(rnd));
    return framed(b.build());
  }, checkSnapshot);
  assert.ok(n >= 100);
});

test('fuzz decodeSnapshot: mutated real snapshots (bytes changed, then checksum fixed)', () => {
  const body = base.subarray(24, base.length - 4);
  const n = fuzz('mutations', (rnd) => {
    const copy = body.slice();
    const changes = 1 + Math.floor(rnd() * 4);
    for (let i = 0; i < changes; i++) {
      const at = Math.floor(rnd() * copy.length) & ~3;
      new DataView(copy.buffer).setUint32(Math.min(at, copy.length - 4), word(rnd));
    }
    const cut = rnd() < 0.2 ? Math.floor(rnd() * copy.length) & ~3 : copy.length;
    return framed(copy.subarray(0, cut));
  }, checkSnapshot);
  assert.ok(n >= 100);
});

test('fuzz decodeViewReading: mutated real readings throw only XdrError', () => {
  const n = fuzz('reading mutations', (rnd) => {
    const copy = readingBytes.slice();
    const changes = 1 + Math.floor(rnd() * 3);
    for (let i = 0; i < changes; i++) {
      const at = Math.min(Math.floor(rnd() * copy.length) & ~3, copy.length - 4);
      new DataView(copy.buffer).setUint32(at, word(rnd));
    }
    return copy;
  }, (bytes) => {
    try {
      decodeViewReading('sockets', bytes);
    } catch (err) {
      if (!(err instanceof XdrError)) throw err;
      assert.ok(err.offset >= 0 && err.offset <= bytes.length);
    }
  });
  assert.ok(n >= 100);
});
