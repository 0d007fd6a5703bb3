import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XdrWriter } from '../../../../src/protocol/xdr/writer.js';
import { KstatError } from '../../../../src/errors.js';
import { Bytes, hex } from '../../../helpers/bytes.js';

function refused(run: () => unknown, pattern: RegExp): void {
  assert.throws(run, (err: unknown) => KstatError.is(err) && err.code === 'E_ARGUMENT' && pattern.test(err.message));
}

test('primitives are written as the RFC 4506 bytes', () => {
  const w = new XdrWriter();
  w.int(-1).uint(4294967295).hyper(-9223372036854775808n).uhyper(18446744073709551615n).bool(true).bool(false);
  assert.deepEqual(
    w.toBytes(),
    hex('ff ff ff ff | ff ff ff ff | 80 00 00 00 00 00 00 00 | ff ff ff ff ff ff ff ff | 00 00 00 01 | 00 00 00 00'),
  );
});

test('RFC 4506 §7 example: the "sillyprog" file structure', () => {
  const w = new XdrWriter(16);
  w.string('sillyprog', 255).int(2).string('lisp', 255).string('john', 8).opaque(Uint8Array.from(Buffer.from('(quit)')), 65535);
  assert.deepEqual(
    w.toBytes(),
    hex(`00 00 00 09 73 69 6c 6c 79 70 72 6f 67 00 00 00
         00 00 00 02 00 00 00 04 6c 69 73 70 00 00 00 04
         6a 6f 68 6e 00 00 00 06 28 71 75 69 74 29 00 00`),
  );
});

test('strings, opaques, arrays and optionals match independently built bytes', () => {
  const w = new XdrWriter();
  w.string('Grüße').opaque(Uint8Array.of(1, 2, 3, 4, 5)).fixedOpaque(Uint8Array.of(9), 1);
  w.array([3, -4], 10, (x, v) => x.int(v)).optional(undefined, (x, v: number) => x.int(v)).optional(7, (x, v) => x.int(v));
  const expected = new Bytes()
    .str('Grüße')
    .opaque([1, 2, 3, 4, 5])
    .padded([9])
    .u32(2).i32(3).i32(-4)
    .optional(false)
    .optional(true, (b) => b.i32(7))
    .build();
  assert.deepEqual(w.toBytes(), expected);
});

test('the buffer grows past its initial capacity without losing bytes', () => {
  const w = new XdrWriter(16);
  const b = new Bytes();
  for (let i = 0; i < 5000; i++) {
    w.uint(i).string('x'.repeat(i % 7));
    b.u32(i).str('x'.repeat(i % 7));
  }
  assert.equal(w.length, b.length);
  assert.deepEqual(w.toBytes(), b.build());
});

test('values that do not fit their type are refused (E_ARGUMENT), never wrapped', () => {
  const w = new XdrWriter();
  refused(() => w.int(2147483648), /int out of range/);
  refused(() => w.int(1.5), /int out of range/);
  refused(() => w.uint(-1), /unsigned int out of range/);
  refused(() => w.uint(4294967296), /unsigned int out of range/);
  refused(() => w.hyper(9223372036854775808n), /hyper out of range/);
  refused(() => w.uhyper(-1n), /unsigned hyper out of range/);
  refused(() => w.uhyper(18446744073709551616n), /unsigned hyper out of range/);
  refused(() => w.uhyper(5 as unknown as bigint), /unsigned hyper out of range/);
  refused(() => w.bool(1 as unknown as boolean), /bool expected/);
  refused(() => w.fixedOpaque(Uint8Array.of(1, 2), 3), /opaque\[3\] given 2 bytes/);
  assert.equal(w.length, 0);
});

test('lengths above the maximum are refused: we never write what a reader would refuse', () => {
  const w = new XdrWriter();
  refused(() => w.string('hello', 4), /exceeds the maximum 4/);
  refused(() => w.string('ü', 1), /string of 2 bytes exceeds the maximum 1/);
  refused(() => w.opaque(new Uint8Array(3), 2), /exceeds the maximum 2/);
  refused(() => w.array([1, 2, 3], 2, (x, v) => x.int(v)), /3 items exceeds the maximum 2/);
});
