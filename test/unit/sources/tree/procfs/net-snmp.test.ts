import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetSnmp } from '../../../../../src/sources/tree/procfs/net-snmp.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const F = 'proc/net/snmp';
const LIVE = 'linux-6.18.44-fc-v595-live';

function shape(text: string): [string, number][] {
  return parseNetSnmp(text, F).rows.map((g) => [g.group, Object.keys(g.counters).length]);
}

test('live 6.18: every group, every counter, kernel names and values', () => {
  const r = parseNetSnmp(fixtureText(LIVE, F), F);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(shape(fixtureText(LIVE, F)), [
    ['Ip', 20],
    ['Icmp', 29],
    ['IcmpMsg', 6],
    ['Tcp', 15],
    ['Udp', 9],
    ['UdpLite', 9],
  ]);
  const tcp = r.rows.find((g) => g.group === 'Tcp');
  assert.deepEqual(tcp, {
    group: 'Tcp',
    line: 7,
    counters: {
      RtoAlgorithm: 1n, RtoMin: 200n, RtoMax: 120000n, MaxConn: -1n, ActiveOpens: 20056n, PassiveOpens: 20028n,
      AttemptFails: 1n, EstabResets: 10n, CurrEstab: 13n, InSegs: 141284n, OutSegs: 140768n, RetransSegs: 248n,
      InErrs: 0n, OutRsts: 128n, InCsumErrors: 0n,
    },
  });
  assert.deepEqual(r.rows.find((g) => g.group === 'IcmpMsg')?.counters, {
    InType0: 6n, InType3: 22n, InType8: 6n, OutType0: 6n, OutType3: 21n, OutType8: 6n,
  });
  const ip = r.rows[0]?.counters;
  assert.equal(ip?.InReceives, 141568n);
  assert.equal(ip?.OutTransmits, 141298n);
  assert.equal(r.rows.find((g) => g.group === 'Udp')?.counters.NoPorts, 21n);
});

test('netns and busy 6.18 sets', () => {
  const netns = parseNetSnmp(fixtureText('linux-6.18.44-fc-v595-netns', F), F);
  assert.deepEqual(netns.issues, []);
  assert.deepEqual(netns.rows.find((g) => g.group === 'IcmpMsg')?.counters, { InType0: 6n, InType3: 2n, OutType3: 2n, OutType8: 8n });
  assert.equal(netns.rows.find((g) => g.group === 'Tcp')?.counters.OutSegs, 386n);
  const busy = parseNetSnmp(fixtureText('linux-6.18.44-fc-v595-busy', F), F);
  assert.deepEqual(busy.issues, []);
  // SOURCE.md: 20,000 established loopback sockets at capture time.
  assert.equal(busy.rows.find((g) => g.group === 'Tcp')?.counters.CurrEstab, 20000n);
  assert.deepEqual(busy.rows.find((g) => g.group === 'IcmpMsg')?.counters, { InType3: 1n });
});

test('procfs-fixtures (per-process view), goprocinfo and diamond: older column sets', () => {
  const procfs = fixtureText('procfs-fixtures', 'proc/26231/net/snmp');
  assert.deepEqual(shape(procfs), [['Ip', 19], ['Icmp', 27], ['IcmpMsg', 2], ['Tcp', 15], ['Udp', 8], ['UdpLite', 8]]);
  assert.deepEqual(parseNetSnmp(procfs, F).rows[2]?.counters, { InType3: 45n, OutType3: 50n });

  const go = fixtureText('goprocinfo-fixtures', F);
  assert.deepEqual(shape(go), [['Ip', 19], ['Icmp', 27], ['IcmpMsg', 9], ['Tcp', 15], ['Udp', 8], ['UdpLite', 8]]);
  const goTcp = parseNetSnmp(go, F).rows[3]?.counters;
  assert.equal(goTcp?.InSegs, 14849418023n);
  assert.equal(goTcp?.InCsumErrors, 13n);
  assert.equal(parseNetSnmp(go, F).rows[4]?.counters.IgnoredMulti, 5764n);

  // 2.6-era: Udp has 4 columns, no InCsumErrors anywhere, no UdpLite line.
  const diamond = parseNetSnmp(fixtureText('diamond-fixtures', F), F);
  assert.deepEqual(diamond.issues, []);
  assert.deepEqual(shape(fixtureText('diamond-fixtures', F)), [['Ip', 19], ['Icmp', 26], ['IcmpMsg', 7], ['Tcp', 14], ['Udp', 4]]);
  assert.deepEqual(diamond.rows[4]?.counters, { InDatagrams: 352320636n, NoPorts: 449n, InErrors: 0n, OutDatagrams: 352353358n });
  assert.equal(diamond.rows[0]?.counters.InReceives, 148106737524n);
  assert.equal(diamond.rows[3]?.counters.InCsumErrors, undefined);
});

test('variant: width mismatch keeps what aligns and reports it', () => {
  const r = parseNetSnmp(variantText('net-snmp.width-mismatch'), F);
  assert.deepEqual(
    r.issues.map((i) => [i.line, i.code]),
    [
      [2, 'width-mismatch'],
      [10, 'width-mismatch'],
    ],
  );
  // Udp: 9 names, 7 values → the first 7; IgnoredMulti and MemErrors absent, not zero.
  assert.deepEqual(r.rows.find((g) => g.group === 'Udp')?.counters, {
    InDatagrams: 238n, NoPorts: 21n, InErrors: 0n, OutDatagrams: 266n, RcvbufErrors: 0n, SndbufErrors: 0n, InCsumErrors: 0n,
  });
  // Ip: 20 names, 22 values → the 20 named ones.
  const ip = r.rows.find((g) => g.group === 'Ip')?.counters ?? {};
  assert.equal(Object.keys(ip).length, 20);
  assert.equal(ip.OutTransmits, 141298n);
});

test('variant: unknown group and unknown counter are kept by name', () => {
  const r = parseNetSnmp(variantText('net-snmp.unknown-group'), F);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows.find((g) => g.group === 'FooExt')?.counters, { WidgetsIn: 7n, WidgetsOut: -3n });
  assert.equal(r.rows.find((g) => g.group === 'Tcp')?.counters.TcpNewCounter, 42n);
  assert.deepEqual(r.rows.map((g) => g.group), ['Ip', 'Icmp', 'IcmpMsg', 'Tcp', 'Udp', 'UdpLite', 'FooExt']);
});

test('variant: bad lines are located; the rest is read', () => {
  const r = parseNetSnmp(variantText('net-snmp.bad-lines'), F);
  assert.deepEqual(
    r.issues.map((i) => [i.line, i.code]),
    [
      [1, 'unknown-format'],
      [5, 'bad-number'],
      [6, 'bad-header'],
      [13, 'short-line'],
    ],
  );
  assert.deepEqual(r.rows.map((g) => g.group), ['Ip', 'Icmp', 'Tcp', 'Udp', 'UdpLite']);
  const icmp = r.rows[1]?.counters ?? {};
  assert.equal(icmp.InCsumErrors, undefined);
  assert.equal(icmp.InDestUnreachs, 22n);
  assert.equal(Object.keys(icmp).length, 28);
});

test('variant: IcmpMsg printed in two chunks (icmpmsg_put, 16 per line) is one group', () => {
  const r = parseNetSnmp(variantText('net-snmp.icmpmsg-split'), F);
  assert.deepEqual(r.issues, []);
  assert.equal(r.rows.length, 1);
  const c = r.rows[0]?.counters ?? {};
  assert.equal(Object.keys(c).length, 18);
  assert.equal(c.InType48, 16n);
  assert.equal(c.OutType3, 18n);
});
