import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toJson } from '../../../src/format/json.js';

test('bigint counters are printed as exact digits', () => {
  assert.equal(toJson({ rx: 18446744073709551615n, small: 1n }), '{"rx":18446744073709551615,"small":1}');
});

test('undefined fields are left out, arrays and nested objects kept', () => {
  assert.equal(toJson({ a: undefined, b: [1, 'x', null], c: { d: true } }), '{"b":[1,"x",null],"c":{"d":true}}');
});

test('strings are escaped, dates are ISO, maps are objects', () => {
  assert.equal(toJson({ s: 'a"b\n', t: new Date(0), m: new Map([[1, 2n]]) }), '{"s":"a\\"b\\n","t":"1970-01-01T00:00:00.000Z","m":{"1":2}}');
});

test('indented output parses back to the same structure', () => {
  const text = toJson({ a: [1, { b: 2n }], c: {} }, 2);
  assert.deepEqual(JSON.parse(text), { a: [1, { b: 2 }], c: {} });
  assert.match(text, /\n {2}"a": \[\n {4}1,/);
});
