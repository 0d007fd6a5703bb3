import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineWriter, writtenLines } from '../../../src/format/line-writer.js';

test('columns: left and right alignment, owed padding never ends a line', () => {
  const lines = writtenLines((out) => {
    out.left('ab', 5).rightUint(42, 6).space().left('end', 10).endLine();
    out.left('toolong', 3).right('7', 3).endLine();
    out.text('x').padTo(20).endLine();
  });
  assert.deepEqual(lines, ['ab       42 end', 'toolong  7', 'x']);
});

test('numbers: zero, many digits, and values that are not safe non-negative integers', () => {
  const lines = writtenLines((out) => {
    out.uint(0).space().uint(4294967295).space().uint(-3).space().uint(2 ** 60).endLine();
    out.rightUint(123456789, 4).rightUint(5, 3).endLine();
  });
  assert.deepEqual(lines, [`0 4294967295 -3 ${String(2 ** 60)}`, '123456789  5']);
});

test('non-ASCII text is UTF-8, and its width is counted in code points', () => {
  const lines = writtenLines((out) => {
    out.left('café', 6).text('|').endLine();
    out.left('a😀b', 5).text('|').endLine();
  });
  assert.deepEqual(lines, ['café  |', 'a😀b  |']);
});

test('output larger than a chunk arrives whole and in order; a piece larger than a chunk too', () => {
  const chunks: Uint8Array[] = [];
  const out = new LineWriter((bytes) => chunks.push(bytes));
  const expected: string[] = [];
  for (let i = 0; i < 20_000; i++) {
    out.left(`row${i}`, 10).rightUint(i * 7, 8).endLine();
    expected.push(`${`row${i}`.padEnd(10)}${String(i * 7).padStart(8)}`);
  }
  const big = 'y'.repeat(200_000);
  out.text(big).endLine();
  expected.push(big);
  out.flush();
  assert.ok(chunks.length > 3, 'several chunks were handed on');
  assert.equal(Buffer.concat(chunks).toString('utf8'), `${expected.join('\n')}\n`);
});

test('numbers around the 32-bit and digit-count edges print as String() does', () => {
  const values = [9, 10, 99_999, 100_000, 999_999, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 10 ** 15, Number.MAX_SAFE_INTEGER];
  const lines = writtenLines((out) => {
    for (const v of values) out.uint(v).space().rightUint(v, 17).endLine();
  });
  assert.deepEqual(lines, values.map((v) => `${v} ${String(v).padStart(17)}`));
});

test('bytes a sink kept from one flush are never written again by later lines', () => {
  const kept: Uint8Array[] = [];
  const copies: string[] = [];
  const out = new LineWriter((bytes) => {
    kept.push(bytes);
    copies.push(Buffer.from(bytes).toString('utf8'));
  });
  for (let i = 0; i < 5_000; i++) {
    out.left(`line ${i}`, 12).uint(i).endLine();
    if (i % 7 === 0) out.flush(); // a streaming listing flushes every batch
  }
  out.flush();
  assert.deepEqual(kept.map((b) => Buffer.from(b).toString('utf8')), copies);
  assert.equal(copies.join('').split('\n').length, 5_001);
});
