import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetSnmp6, splitSnmp6Name } from '../../../../../src/sources/tree/procfs/net-snmp6.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const F = 'proc/net/snmp6';

function shape(text: string): [string, number][] {
  return parseNetSnmp6(text, F).rows.map((g) => [g.group, Object.keys(g.counters).length]);
}

test('splitting flat names: group + counter is the printed name', () => {
  assert.deepEqual(splitSnmp6Name('Ip6InReceives'), ['Ip6', 'InReceives']);
  assert.deepEqual(splitSnmp6Name('Icmp6InType143'), ['Icmp6', 'InType143']);
  assert.deepEqual(splitSnmp6Name('UdpLite6InDatagrams'), ['UdpLite6', 'InDatagrams']);
  assert.deepEqual(splitSnmp6Name('Udp6IgnoredMulti'), ['Udp6', 'IgnoredMulti']);
  assert.deepEqual(splitSnmp6Name('Sctp6InWidgets'), ['Sctp6', 'InWidgets']);
  assert.deepEqual(splitSnmp6Name('ifIndex'), ['', 'ifIndex']);
});

test('live 6.18', () => {
  const text = fixtureText('linux-6.18.44-fc-v595-live', F);
  const r = parseNetSnmp6(text, F);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(shape(text), [['Ip6', 33], ['Icmp6', 46], ['Udp6', 9], ['UdpLite6', 8]]);
  assert.equal(r.rows[0]?.counters.InReceives, 71n);
  assert.equal(r.rows[0]?.counters.InOctets, 11094n);
  assert.equal(r.rows[1]?.counters.InMsgs, 15n);
  assert.equal(r.rows[1]?.counters.OutType143, 14n);
  assert.equal(r.rows[1]?.counters.InType1, 1n);
  assert.equal(r.rows[2]?.counters.OutDatagrams, 2n);
  assert.equal(r.rows[3]?.line, 89);
});

test('netns, busy, procfs-fixtures and diamond (space-separated 3.x format)', () => {
  const netns = parseNetSnmp6(fixtureText('linux-6.18.44-fc-v595-netns', F), F);
  assert.equal(netns.rows[0]?.counters.InOctets, 264718n);
  assert.deepEqual(shape(fixtureText('linux-6.18.44-fc-v595-busy', F)), [['Ip6', 33], ['Icmp6', 41], ['Udp6', 9], ['UdpLite6', 8]]);
  const diamond = parseNetSnmp6(fixtureText('diamond-fixtures', F), F);
  assert.deepEqual(diamond.issues, []);
  assert.deepEqual(shape(fixtureText('diamond-fixtures', F)), [['Ip6', 32], ['Icmp6', 48], ['Udp6', 7], ['UdpLite6', 7]]);
  assert.equal(diamond.rows[0]?.counters.InOctets, 20710203098n);
  assert.equal(diamond.rows[1]?.counters.OutType128, 88252n);
});

test('procfs-fixtures per-process snmp6 ends with a stray "Mode: 644" line: reported, not a counter', () => {
  const text = fixtureText('procfs-fixtures', 'proc/26231/net/snmp6');
  const r = parseNetSnmp6(text, F);
  assert.deepEqual(r.issues.map((i) => [i.line, i.code, i.text]), [[92, 'unknown-format', 'Mode: 644']]);
  assert.deepEqual(shape(text), [['Ip6', 32], ['Icmp6', 44], ['Udp6', 8], ['UdpLite6', 7]]);
  assert.equal(r.rows[0]?.counters.InReceives, 92166n);
  assert.equal(r.rows[2]?.counters.InDatagrams, 2016n);
});

test('variant: bad lines located, unknown names kept, 64-bit exact', () => {
  const r = parseNetSnmp6(variantText('net-snmp6.bad-lines'), F);
  assert.deepEqual(
    r.issues.map((i) => [i.line, i.code]),
    [
      [2, 'short-line'],
      [3, 'width-mismatch'],
      [4, 'bad-number'],
      [5, 'unknown-format'],
    ],
  );
  assert.deepEqual(r.rows, [
    { group: 'Ip6', line: 1, counters: { InReceives: 71n, OutTransmits: 18446744073709551615n } },
    { group: 'Sctp6', line: 7, counters: { InWidgets: 5n } },
    { group: '', line: 8, counters: { WeirdName: 6n } },
  ]);
});
