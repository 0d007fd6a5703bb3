import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetNetstat } from '../../../../../src/sources/tree/procfs/net-netstat.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const F = 'proc/net/netstat';

function shape(text: string): [string, number][] {
  return parseNetNetstat(text, F).rows.map((g) => [g.group, Object.keys(g.counters).length]);
}

test('live 6.18: TcpExt, IpExt, MPTcpExt with all counters', () => {
  const text = fixtureText('linux-6.18.44-fc-v595-live', F);
  const r = parseNetNetstat(text, F);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(shape(text), [['TcpExt', 135], ['IpExt', 18], ['MPTcpExt', 76]]);
  const tcp = r.rows[0]?.counters ?? {};
  assert.equal(tcp.SyncookiesSent, 0n);
  assert.equal(tcp.TW, 20025n);
  assert.equal(tcp.ListenOverflows, 248n);
  assert.equal(tcp.TCPDelivered, 60271n);
  assert.equal(tcp.TCPAODroppedIcmps, 0n);
  assert.deepEqual([r.rows[1]?.counters.InOctets, r.rows[1]?.counters.OutOctets], [40221260n, 7733529n]);
  assert.equal(r.rows[2]?.counters.WinProbe, 0n);
  assert.equal(r.rows[2]?.line, 5);
});

test('netns and busy 6.18', () => {
  const netns = parseNetNetstat(fixtureText('linux-6.18.44-fc-v595-netns', F), F);
  assert.deepEqual(netns.issues, []);
  assert.equal(netns.rows[1]?.counters.InOctets, 263472n);
  assert.equal(netns.rows[0]?.counters.TW, 0n);
  const busy = parseNetNetstat(fixtureText('linux-6.18.44-fc-v595-busy', F), F);
  assert.equal(busy.rows[0]?.counters.TW, 10010n);
  assert.equal(busy.rows[1]?.counters.InOctets, 17770655n);
});

test('older kernels: fewer counters, no MPTcpExt', () => {
  const procfs = fixtureText('procfs-fixtures', 'proc/26231/net/netstat');
  assert.deepEqual(shape(procfs), [['TcpExt', 113], ['IpExt', 18]]);
  assert.equal(parseNetNetstat(procfs, F).rows[0]?.counters.TCPWqueueTooBig, 0n);
  const go = fixtureText('goprocinfo-fixtures', F);
  assert.deepEqual(shape(go), [['TcpExt', 102], ['IpExt', 17]]);
  assert.equal(parseNetNetstat(go, F).rows[0]?.counters.TCPOrigDataSent, 105365136n);
  assert.equal(parseNetNetstat(go, F).rows[1]?.counters.InOctets, 205328912480n);
  const diamond = fixtureText('diamond-fixtures', F);
  assert.deepEqual(shape(diamond), [['TcpExt', 79], ['IpExt', 12]]);
  const d = parseNetNetstat(diamond, F);
  assert.deepEqual(d.issues, []);
  assert.equal(d.rows[0]?.counters.TCPTimeWaitOverflow, 0n);
  assert.equal(d.rows[0]?.counters.TW, 89479n);
  assert.equal(d.rows[1]?.counters.InOctets, 4776296252n);
  assert.equal(d.rows[1]?.counters.InCsumErrors, undefined);
});

test('variant: counters above 2^53 stay exact', () => {
  const r = parseNetNetstat(variantText('net-netstat.above-2-53'), F);
  assert.deepEqual(r.issues, []);
  assert.equal(r.rows[1]?.counters.InOctets, 18446744073709551615n);
  assert.equal(r.rows[1]?.counters.OutOctets, 9007199254740993n);
});
