import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseKeyValueLines, parseLabelledKeyValues } from '../../../../../src/sources/tree/text/key-value-lines.js';

test('name<tab>value and name<spaces>value lines', () => {
  const r = parseKeyValueLines('Ip6InReceives                   \t71\nIp6InOctets                       20710203098\n', 'proc/net/snmp6');
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [
    { name: 'Ip6InReceives', value: 71n, line: 1 },
    { name: 'Ip6InOctets', value: 20710203098n, line: 2 },
  ]);
});

test('bad key-value lines are located issues and skipped', () => {
  const r = parseKeyValueLines('A 1\nB\nC 1 2\nD x\nMode: 644\nE 18446744073709551615\n', 'f');
  assert.deepEqual(r.rows, [
    { name: 'A', value: 1n, line: 1 },
    { name: 'E', value: 18446744073709551615n, line: 6 },
  ]);
  assert.deepEqual(
    r.issues.map((i) => [i.line, i.code]),
    [
      [2, 'short-line'],
      [3, 'width-mismatch'],
      [4, 'bad-number'],
      [5, 'unknown-format'],
    ],
  );
});

test('labelled key/value lines (sockstat)', () => {
  const r = parseLabelledKeyValues('sockets: used 47\nTCP: inuse 11 orphan 0 tw 12 alloc 22 mem 0\n', 'proc/net/sockstat');
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [
    { label: 'sockets', values: { used: 47n }, line: 1 },
    { label: 'TCP', values: { inuse: 11n, orphan: 0n, tw: 12n, alloc: 22n, mem: 0n }, line: 2 },
  ]);
});

test('labelled lines: dangling key, bad value and missing label are issues; good pairs kept', () => {
  const r = parseLabelledKeyValues('TCP: inuse 5 orphan\nUDP: inuse x mem 3\nno label\n', 'f');
  assert.deepEqual(r.rows, [
    { label: 'TCP', values: { inuse: 5n }, line: 1 },
    { label: 'UDP', values: { mem: 3n }, line: 2 },
  ]);
  assert.deepEqual(
    r.issues.map((i) => [i.line, i.code]),
    [
      [1, 'short-line'],
      [2, 'bad-number'],
      [3, 'unknown-format'],
    ],
  );
});
