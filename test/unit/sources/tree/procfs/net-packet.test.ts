import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetPacket } from '../../../../../src/sources/tree/procfs/net-packet.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const FILE = 'proc/net/packet';

test('live set: the AF_PACKET socket bound to lo (ARP, raw, running)', () => {
  const r = parseNetPacket(fixtureText('linux-6.18.44-fc-v595-live', FILE), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [
    { line: 2, sk: '0000000006c3b952', RefCnt: 3, Type: 3, Proto: 0x0806, Iface: 1, R: 1, Rmem: 0n, User: 0, Inode: 114372 },
  ]);
});

test('netns set: header only, no sockets, no issues', () => {
  const r = parseNetPacket(fixtureText('linux-6.18.44-fc-v595-netns', FILE), FILE);
  assert.deepEqual(r, { rows: [], issues: [] });
});

test('empty file: no rows, no issues (nothing to complain about)', () => {
  assert.deepEqual(parseNetPacket('', FILE), { rows: [], issues: [] });
});

test('short line: reported at its line and skipped; ifindex -1 and SOCK_DGRAM kept elsewhere', () => {
  const r = parseNetPacket(variantText('net-packet.short-line'), FILE);
  assert.deepEqual(
    r.rows.map((row) => [row.line, row.Type, row.Proto, row.Iface, row.Inode]),
    [
      [2, 3, 0x0806, 1, 114372],
      [4, 2, 0x0800, 2, 7001],
    ],
  );
  assert.equal(r.issues.length, 1);
  assert.equal(r.issues[0]?.code, 'short-line');
  assert.equal(r.issues[0]?.line, 3);
  assert.equal(r.issues[0]?.file, FILE);
  assert.equal(r.issues[0]?.text, '00000000a1b2c3d4 2      2    0003   -1    0 2304   1000');
});

test('long line (more values than header names): width-mismatch, skipped', () => {
  const r = parseNetPacket(variantText('net-packet.long-line'), FILE);
  assert.deepEqual(r.rows.map((row) => row.Inode), [114373]);
  assert.deepEqual(r.issues.map((i) => [i.line, i.code]), [[2, 'width-mismatch']]);
});

test('unknown columns: kept as text by header name, known ones found by name wherever they are', () => {
  const r = parseNetPacket(variantText('net-packet.unknown-column'), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [
    {
      line: 2, sk: '0000000006c3b952', RefCnt: 3, Type: 3, Proto: 0x0806, Iface: 1, R: 1,
      Rmem: 4294967295n, User: 0, Inode: 114372,
      extra: { Drops: '18446744073709551615', Ring: 'rx' },
    },
    {
      line: 3, sk: '00000000a1b2c3d4', RefCnt: 2, Type: 10, Proto: 0, Iface: 0, R: 0,
      Rmem: 0n, User: 65534, Inode: 4294967295,
      extra: { Drops: '0', Ring: '-' },
    },
  ]);
});

test('missing optional columns: those fields are undefined, not zero', () => {
  const r = parseNetPacket(variantText('net-packet.missing-column'), FILE);
  const row = r.rows[0]; // taken before deepEqual narrows r.rows to the literal's type
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [{ line: 2, sk: '0000000006c3b952', RefCnt: 3, Type: 3, Proto: 0x86dd, Iface: 4, Inode: 51234 }]);
  assert.equal(row?.R, undefined);
  assert.equal(row?.Rmem, undefined);
});

test('header without Inode: bad-header, no rows (sockets cannot be identified)', () => {
  const r = parseNetPacket(variantText('net-packet.bad-header'), FILE);
  assert.deepEqual(r.rows, []);
  assert.deepEqual(r.issues.map((i) => [i.line, i.code, i.message]), [[1, 'bad-header', 'header lacks Inode']]);
});

test('bad numbers: non-hex Proto, R not 0/1, Proto over 16 bits, inode over 32 bits — each an issue, line skipped', () => {
  const r = parseNetPacket(variantText('net-packet.bad-number'), FILE);
  assert.deepEqual(r.rows.map((row) => [row.line, row.Inode]), [[6, 114376]]);
  assert.deepEqual(
    r.issues.map((i) => [i.line, i.code, i.message]),
    [
      [2, 'bad-number', 'Proto is not a valid value: "zz06"'],
      [3, 'bad-number', 'R is not a valid value: "2"'],
      [4, 'bad-number', 'Proto is not a valid value: "10806"'],
      [5, 'bad-number', 'Inode is not a valid value: "4294967296"'],
    ],
  );
});
