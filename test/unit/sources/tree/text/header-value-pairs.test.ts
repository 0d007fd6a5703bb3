import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHeaderValuePairs } from '../../../../../src/sources/tree/text/header-value-pairs.js';

const F = 'proc/net/snmp';

test('pairs each header with its value line, signed values, kernel names kept', () => {
  const r = parseHeaderValuePairs('Tcp: RtoAlgorithm MaxConn ActiveOpens\nTcp: 1 -1 20056\nUdp: InDatagrams\nUdp: 238\n', F);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [
    { prefix: 'Tcp', line: 1, counters: { RtoAlgorithm: 1n, MaxConn: -1n, ActiveOpens: 20056n } },
    { prefix: 'Udp', line: 3, counters: { InDatagrams: 238n } },
  ]);
});

test('exact above 2^53', () => {
  const r = parseHeaderValuePairs('IpExt: InOctets OutOctets\nIpExt: 18446744073709551615 9007199254740993\n', F);
  assert.equal(r.rows[0]?.counters.InOctets, 18446744073709551615n);
  assert.equal(r.rows[0]?.counters.OutOctets, 9007199254740993n);
});

test('width mismatch keeps the aligned prefix and says so', () => {
  const r = parseHeaderValuePairs('Udp: A B C\nUdp: 1 2\nIp: X\nIp: 5 6 7\n', F);
  assert.deepEqual(r.rows.map((g) => g.counters), [{ A: 1n, B: 2n }, { X: 5n }]);
  assert.deepEqual(
    r.issues.map((i) => [i.line, i.code]),
    [
      [2, 'width-mismatch'],
      [4, 'width-mismatch'],
    ],
  );
  assert.match(r.issues[0]?.message ?? '', /3 names.*2 values.*first 2/);
});

test('a bad value leaves out that counter only, never a zero', () => {
  const r = parseHeaderValuePairs('Tcp: A B C\nTcp: 1 x 3\n', F);
  assert.deepEqual(r.rows[0]?.counters, { A: 1n, C: 3n });
  assert.equal(r.issues[0]?.code, 'bad-number');
  assert.equal(r.issues[0]?.line, 2);
});

test('a header whose value line is missing is dropped and the next line re-tried as a header', () => {
  const r = parseHeaderValuePairs('IcmpMsg: InType3\nTcp: A\nTcp: 9\nUdp: B\n', F);
  assert.deepEqual(r.rows, [{ prefix: 'Tcp', line: 2, counters: { A: 9n } }]);
  assert.deepEqual(
    r.issues.map((i) => [i.line, i.code]),
    [
      [1, 'bad-header'],
      [4, 'short-line'],
    ],
  );
});

test('a repeated prefix (IcmpMsg in chunks of 16) is merged; a repeated name keeps its first value', () => {
  const r = parseHeaderValuePairs('IcmpMsg: InType0 InType3\nIcmpMsg: 1 2\nIcmpMsg: OutType0 InType3\nIcmpMsg: 3 4\n', F);
  assert.deepEqual(r.rows, [{ prefix: 'IcmpMsg', line: 1, counters: { InType0: 1n, InType3: 2n, OutType0: 3n } }]);
  assert.deepEqual(
    r.issues.map((i) => [i.line, i.code]),
    [[4, 'unknown-format']],
  );
});

test('lines without a prefix are reported; a name like __proto__ is an ordinary own key', () => {
  const r = parseHeaderValuePairs('no colon here\nX: __proto__ b\nX: 1 2\n', F);
  assert.equal(r.issues[0]?.code, 'unknown-format');
  assert.equal(r.issues[0]?.line, 1);
  const c = r.rows[0]?.counters ?? {};
  assert.equal(Object.getOwnPropertyDescriptor(c, '__proto__')?.value, 1n);
  assert.deepEqual(Object.keys(c), ['__proto__', 'b']);
});

test('empty text gives nothing and no issues', () => {
  assert.deepEqual(parseHeaderValuePairs('', F), { rows: [], issues: [] });
});
