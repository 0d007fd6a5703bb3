import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInetSocketTable } from '../../../../../src/sources/tree/procfs/inet-socket-table.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const variant = (name: string, file: string) => parseInetSocketTable(variantText(name), file);
const issuesOf = (r: ReturnType<typeof parseInetSocketTable>) => r.issues.map((i) => [i.file, i.line, i.code]);

test('short line: reported with its line number, the other rows kept', () => {
  const r = variant('net-tcp.short-line', 'proc/net/tcp');
  assert.deepEqual(r.rows.map((x) => x.line), [2, 4]);
  assert.deepEqual(issuesOf(r), [['proc/net/tcp', 3, 'short-line']]);
  assert.match(r.issues[0]!.message, /8 fields, the header names 10/);
  assert.match(r.issues[0]!.text ?? '', /^ {3}1: 0100007F:8D63/);
});

test('bad hex: a bad address or number skips that line only, with the field named', () => {
  const r = variant('net-tcp.bad-hex', 'proc/net/tcp');
  assert.deepEqual(r.rows.map((x) => [x.line, x.st, x.tm_when]), [[5, 6, 3214n]]);
  assert.deepEqual(issuesOf(r), [
    ['proc/net/tcp', 2, 'bad-address'],
    ['proc/net/tcp', 3, 'bad-number'],
    ['proc/net/tcp', 4, 'bad-address'],
    ['proc/net/tcp', 6, 'bad-number'],
  ]);
  assert.match(r.issues[0]!.message, /field 2 \(local_address\) does not decode: "0100007G:8D63"/);
  assert.match(r.issues[1]!.message, /field 5 \(tx_queue\) does not decode: "0000000Z:00000000"/);
  assert.match(r.issues[3]!.message, /field 15 \(field15\) does not decode: "x12"/);
});

test('an unnamed value after the TCP trailer is kept in extra as fieldN', () => {
  const r = variant('net-tcp.extra-trailing', 'proc/net/tcp');
  assert.deepEqual(r.issues, []);
  const row = r.rows[0]!;
  assert.deepEqual([row.rto, row.ato, row.quick_pingpong, row.cwnd, row.ssthresh, row.extra], [20, 4, 32, 10, -1, { field18: 7n }]);
});

test('a 16-digit tm->when (64-bit long) reads as signed: an overdue timer on an old kernel is negative', () => {
  const r = variant('net-tcp.negative-timer', 'proc/net/tcp');
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows.map((x) => [x.tr, x.tm_when, x.retrnsmt, x.uid, x.rto, x.cwnd, x.ssthresh]), [
    [1, -10n, 3, 0, 240, 3, 2],
    [2, 100n, 0, 1000, 20, 10, -1],
  ]);
});

test('byte order: a big-endian capture decodes with byteOrder big (and reads reversed without it)', () => {
  // The default is little-endian: the same text silently reads byte-reversed, which is why
  // the byte order must come from the capture's metadata, not from a guess.
  const wrong = variant('net-tcp.big-endian', 'proc/net/tcp');
  assert.deepEqual(wrong.rows.map((x) => [x.local_address, x.rem_address]), [['1.0.0.127', '1.2.0.192']]);
  const rows = parseInetSocketTable(variantText('net-tcp.big-endian'), 'proc/net/tcp', { byteOrder: 'big' }).rows;
  assert.deepEqual(rows.map((x) => [x.local_address, x.local_port, x.rem_address, x.rem_port]), [['127.0.0.1', 22, '192.0.2.1', 54321]]);
});

test('columns are found by header name, in any order (the generic path)', () => {
  const r = variant('net-tcp.reordered-columns', 'proc/net/tcp');
  assert.deepEqual(r.issues, []);
  const row = r.rows[0]!;
  assert.deepEqual([row.timeout, row.uid, row.rx_queue, row.inode, row.ref, row.pointer, row.rto, row.quick_pingpong, row.ssthresh], [
    3, 1000, 1000, 114343, 1, '00000000256ce3b2', 20, 32, -1,
  ]);
});

test('state and timer codes are kept as printed (the assembler names them)', () => {
  const r = variant('net-tcp.unknown-codes', 'proc/net/tcp');
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows.map((x) => [x.st, x.tr]), [[0x0e, 0], [1, 7]]);
});

test('an unknown named column is kept in extra by its header name, exactly (u64 max)', () => {
  const r = variant('net-udp.unknown-column', 'proc/net/udp');
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows.map((x) => [x.drops, x.extra]), [
    [0n, { newcol: 18446744073709551615n }],
    [0n, { newcol: 7n }],
  ]);
});

test('an unknown column that is not decimal: reported once per file, rows kept without it', () => {
  const r = variant('net-udp.unknown-column-not-decimal', 'proc/net/udp');
  assert.deepEqual(r.rows.map((x) => [x.line, x.inode, x.extra]), [[2, 114353, undefined], [3, 114354, undefined]]);
  assert.deepEqual(issuesOf(r), [['proc/net/udp', 2, 'bad-number']]);
  assert.match(r.issues[0]!.message, /unknown column flags is not decimal/);
});

test('drops is exact beyond 2^53', () => {
  const r = variant('net-udp.u64-drops', 'proc/net/udp');
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows.map((x) => x.drops), [18446744073709551615n, 9007199254740993n]);
});

test('an IPv4-width address in tcp6 is a bad address; blank lines are skipped', () => {
  const r = variant('net-tcp6.wrong-width', 'proc/net/tcp6');
  assert.deepEqual(r.rows.map((x) => [x.line, x.local_address, x.local_port]), [[3, '::1', 36553]]);
  assert.deepEqual(issuesOf(r), [['proc/net/tcp6', 4, 'bad-address']]);
});

test('a file this parser does not know: family from the first row, trailing values unnamed', () => {
  const r = parseInetSocketTable(fixtureText('linux-6.18.44-fc-v595-live', 'proc/net/tcp'), 'tmp/copy-of-tcp');
  assert.deepEqual(r.issues, []);
  assert.equal(r.rows.length, 22);
  assert.deepEqual([r.rows[0]!.local_port, r.rows[0]!.rto, r.rows[0]!.extra], [2024, undefined, { field13: 100n, field14: 0n, field15: 0n, field16: 10n, field17: 0n }]);
});

test('empty text and a header alone', () => {
  assert.deepEqual(issuesOf(parseInetSocketTable('', 'proc/net/tcp')), [['proc/net/tcp', undefined, 'bad-header']]);
  const header = fixtureText('linux-6.18.44-fc-v595-live', 'proc/net/icmp');
  assert.deepEqual(parseInetSocketTable(header, 'proc/net/icmp'), { rows: [], issues: [] });
  assert.deepEqual(issuesOf(parseInetSocketTable('Num RefCount\n', 'proc/net/tcp')), [['proc/net/tcp', 1, 'bad-header']]);
});

test('no trailing newline on the last row', () => {
  const text = fixtureText('linux-6.18.44-fc-v595-live', 'proc/net/udp').trimEnd();
  const r = parseInetSocketTable(text, 'proc/net/udp');
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows.map((x) => [x.local_port, x.drops]), [[35944, 0n], [52422, 0n]]);
});
