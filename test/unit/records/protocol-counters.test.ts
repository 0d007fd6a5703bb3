/**
 * nstat naming, checked against the `nstat -asz` output taken right after each capture
 * (peer-tools/nstat-asz.txt). Every value there equals the captured files' value (the
 * capture and nstat ran under a second apart and these counters did not move), so the
 * test asserts equality for every counter nstat printed, and that the only names we
 * have beyond nstat's are the seven it omits on purpose.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NSTAT_OMITTED, nstatNames, type ProtocolStats } from '../../../src/records/protocol-counters.js';
import { TreeReader } from '../../../src/sources/tree/reader.js';
import { readProtocolStats } from '../../../src/sources/tree/assemble/protocol-stats.js';
import { fixtureText, tree } from '../../helpers/fixture.js';

/** "#kernel" then "Name  value  rate" lines, as nstat prints them. */
function nstatOutput(set: string): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const line of fixtureText(set, 'peer-tools/nstat-asz.txt').split('\n')) {
    const [name, value] = line.trim().split(/\s+/);
    if (name === undefined || value === undefined || name.startsWith('#')) continue;
    out.set(name, BigInt(value));
  }
  return out;
}

test('nstatNames is group prefix + counter name', () => {
  const stats: ProtocolStats = {
    groups: [
      { group: 'TcpExt', file: 'proc/net/netstat', counters: { SyncookiesSent: 1n } },
      { group: 'IcmpMsg', file: 'proc/net/snmp', counters: { InType3: 22n } },
      { group: 'Ip6', file: 'proc/net/snmp6', counters: { InReceives: 18446744073709551615n } },
    ],
  };
  assert.deepEqual(
    nstatNames(stats),
    new Map([
      ['TcpExtSyncookiesSent', 1n],
      ['IcmpMsgInType3', 22n],
      ['Ip6InReceives', 18446744073709551615n],
    ]),
  );
});

for (const set of ['linux-6.18.44-fc-v595-live', 'linux-6.18.44-fc-v595-netns']) {
  test(`${set}: every nstat -asz counter is ours, with the same value`, async () => {
    const ours = nstatNames((await readProtocolStats(new TreeReader({ root: tree(set) }))).data);
    const peer = nstatOutput(set);
    assert.ok(peer.size > 400, `nstat printed ${peer.size} counters`);
    const missing = [...peer.keys()].filter((n) => !ours.has(n));
    assert.deepEqual(missing, []);
    const differing = [...peer].filter(([n, v]) => ours.get(n) !== v).map(([n, v]) => `${n}: nstat ${v}, ours ${ours.get(n)}`);
    assert.deepEqual(differing, []);
    const extra = [...ours.keys()].filter((n) => !peer.has(n)).sort();
    assert.deepEqual(extra, [...NSTAT_OMITTED].sort());
  });
}

test('live: literal spot checks under nstat names', async () => {
  const ours = nstatNames((await readProtocolStats(new TreeReader({ root: tree('linux-6.18.44-fc-v595-live') }))).data);
  assert.equal(ours.size, 413); // 88 in snmp + 229 in netstat + 96 in snmp6
  assert.equal(ours.get('TcpExtSyncookiesSent'), 0n);
  assert.equal(ours.get('TcpExtTW'), 20025n);
  assert.equal(ours.get('IpExtInOctets'), 40221260n);
  assert.equal(ours.get('IcmpMsgOutType3'), 21n);
  assert.equal(ours.get('Ip6InReceives'), 71n);
  assert.equal(ours.get('Icmp6OutType143'), 14n);
  assert.equal(ours.get('UdpLite6MemErrors'), 0n);
  assert.equal(ours.get('MPTcpExtWinProbe'), 0n);
  assert.equal(ours.get('TcpMaxConn'), -1n);
});
