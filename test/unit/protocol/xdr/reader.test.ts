import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XdrReader } from '../../../../src/protocol/xdr/reader.js';
import { XdrError } from '../../../../src/protocol/xdr/types.js';
import { KstatError } from '../../../../src/errors.js';
import { Bytes, hex } from '../../../helpers/bytes.js';

/** Asserts that `run` throws an XdrError of `reason` at `offset`. */
function throwsXdr(run: () => unknown, reason: XdrError['reason'], offset: number): void {
  assert.throws(run, (err: unknown) => {
    assert.ok(err instanceof XdrError, `expected XdrError, got ${String(err)}`);
    assert.ok(KstatError.is(err));
    assert.equal(err.code, 'E_PARSE');
    assert.equal(err.reason, reason);
    assert.equal(err.offset, offset);
    assert.match(err.message, new RegExp(`at byte ${offset}$`));
    return true;
  });
}

test('int and unsigned int are 4 bytes big-endian, two\'s complement (RFC 4506 §4.1, §4.2)', () => {
  assert.equal(new XdrReader(hex('00 00 00 01')).int(), 1);
  assert.equal(new XdrReader(hex('ff ff ff ff')).int(), -1);
  assert.equal(new XdrReader(hex('80 00 00 00')).int(), -2147483648);
  assert.equal(new XdrReader(hex('7f ff ff ff')).int(), 2147483647);
  assert.equal(new XdrReader(hex('ff ff ff ff')).uint(), 4294967295);
  assert.equal(new XdrReader(hex('12 34 56 78')).uint(), 0x12345678);
});

test('hyper and unsigned hyper are 8 bytes, read as bigint (RFC 4506 §4.5)', () => {
  assert.equal(new XdrReader(hex('ff ff ff ff ff ff ff ff')).hyper(), -1n);
  assert.equal(new XdrReader(hex('ff ff ff ff ff ff ff ff')).uhyper(), 18446744073709551615n);
  assert.equal(new XdrReader(hex('80 00 00 00 00 00 00 00')).hyper(), -9223372036854775808n);
  assert.equal(new XdrReader(hex('00 20 00 00 00 00 00 01')).uhyper(), 9007199254740993n); // 2^53 + 1: not a double
});

test('bool is 0 or 1; any other value is refused (RFC 4506 §4.4)', () => {
  const r = new XdrReader(hex('00 00 00 00 00 00 00 01 00 00 00 02'));
  assert.equal(r.bool(), false);
  assert.equal(r.bool(), true);
  throwsXdr(() => r.bool(), 'value', 8);
});

test('optional-data is a bool then the value (RFC 4506 §4.19)', () => {
  assert.equal(new XdrReader(hex('00 00 00 00')).optional((r) => r.int()), undefined);
  assert.equal(new XdrReader(hex('00 00 00 01 00 00 00 07')).optional((r) => r.int()), 7);
  throwsXdr(() => new XdrReader(hex('00 00 00 02 00 00 00 07')).optional((r) => r.int()), 'value', 0);
});

test('RFC 4506 §7 example: the "sillyprog" file structure, padding included', () => {
  // Bytes exactly as printed in RFC 4506 section 7.
  const bytes = hex(`
    00 00 00 09 73 69 6c 6c 79 70 72 6f 67 00 00 00
    00 00 00 02 00 00 00 04 6c 69 73 70 00 00 00 04
    6a 6f 68 6e 00 00 00 06 28 71 75 69 74 29 00 00`);
  const r = new XdrReader(bytes);
  assert.equal(r.string(255), 'sillyprog');
  assert.equal(r.enumValue(new Set([0, 1, 2]), 'filekind'), 2); // EXEC
  assert.equal(r.string(255), 'lisp');
  assert.equal(r.string(8), 'john');
  assert.deepEqual(r.opaque(65535), Uint8Array.from([0x28, 0x71, 0x75, 0x69, 0x74, 0x29]));
  assert.equal(r.offset, 48);
  r.end();
});

test('fixed-length opaque is padded to 4 bytes with zeros (RFC 4506 §4.9)', () => {
  const r = new XdrReader(hex('01 02 03 00 ff ff ff ff'));
  assert.deepEqual([...r.fixedOpaque(3)], [1, 2, 3]);
  assert.equal(r.offset, 4);
  assert.equal(r.int(), -1);
});

test('non-zero padding is refused at the offending byte', () => {
  throwsXdr(() => new XdrReader(hex('00 00 00 01 61 00 01 00')).string(), 'padding', 6);
  throwsXdr(() => new XdrReader(hex('00 00 00 02 61 62 00 01')).opaque(), 'padding', 7);
  throwsXdr(() => new XdrReader(hex('01 02 03 04 05 00 00 09')).fixedOpaque(5), 'padding', 7);
});

test('a declared length above the maximum is refused before anything is allocated', () => {
  throwsXdr(() => new XdrReader(new Bytes().str('hello').build()).string(4), 'limit', 0);
  throwsXdr(() => new XdrReader(new Bytes().opaque([1, 2, 3]).build()).opaque(2), 'limit', 0);
  throwsXdr(() => new XdrReader(new Bytes().u32(3).u32(1).u32(2).u32(3).build()).array(2, (r) => r.int()), 'limit', 0);
  // 4 GiB - 1 declared, 4 bytes present: refused by the maximum, not by an allocation failure.
  throwsXdr(() => new XdrReader(hex('ff ff ff ff')).opaque(), 'limit', 0);
});

test('a declared count larger than the input is refused before allocating (no huge arrays)', () => {
  const started = process.hrtime.bigint();
  throwsXdr(() => new XdrReader(hex('00 ff ff ff 00 00 00 00')).array(16_777_216, (r) => r.int()), 'truncated', 0);
  throwsXdr(() => new XdrReader(hex('00 00 00 03 00 00 00 01 00 00 00 02')).array(10, (r) => r.int()), 'truncated', 0);
  throwsXdr(() => new XdrReader(hex('00 00 00 08 61 62 63')).string(), 'truncated', 0);
  assert.ok(process.hrtime.bigint() - started < 1_000_000_000n);
});

test('reading past the end is a truncated error at the item, never a RangeError', () => {
  throwsXdr(() => new XdrReader(hex('00 00 00')).int(), 'truncated', 0);
  throwsXdr(() => new XdrReader(hex('00 00 00 00 00 00 00')).hyper(), 'truncated', 0);
  const r = new XdrReader(hex('00 00 00 05 61 62 63 64 65'));
  throwsXdr(() => r.string(), 'truncated', 4);
  throwsXdr(() => new XdrReader(new Uint8Array(0)).bool(), 'truncated', 0);
});

test('strings are UTF-8; invalid sequences are refused', () => {
  assert.equal(new XdrReader(new Bytes().str('Grüße ✓').build()).string(), 'Grüße ✓');
  throwsXdr(() => new XdrReader(hex('00 00 00 02 c3 28 00 00')).string(), 'value', 0);
});

test('enum values outside the declared set are refused', () => {
  throwsXdr(() => new XdrReader(hex('00 00 00 05')).enumValue(new Set([0, 1, 2, 3, 4]), 'kstat type'), 'value', 0);
});

test('offsets count from `base`, so errors name the byte of the whole file', () => {
  const r = new XdrReader(hex('00 00 00 01 00 00 00'), 100);
  assert.equal(r.offset, 100);
  r.int();
  throwsXdr(() => r.int(), 'truncated', 104);
});

test('end() refuses trailing bytes; arrays read every element', () => {
  const r = new XdrReader(new Bytes().u32(2).i32(-5).i32(6).u32(0).build());
  assert.deepEqual(r.array(10, (x) => x.int()), [-5, 6]);
  throwsXdr(() => r.end(), 'trailing', 12);
});
