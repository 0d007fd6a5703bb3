/**
 * The neighbours view on a namespace the test makes: the netlink and procfs paths agree on
 * the IPv4 entries at the same moment (on what procfs can say: address, interface,
 * link-layer address, complete, permanent), netlink adds IPv6 and the exact states, procfs
 * says IPv6 is unavailable, and `knetstat -N NAME --neighbours` prints them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open } from '../../src/netstat.js';
import type { Neighbour } from '../../src/records/neighbour.js';
import { netnsUnavailable, TestNetns } from '../helpers/netns.js';
import { skipOrFail } from '../helpers/skip.js';
import { runKnetstat } from '../helpers/knetstat.js';

/** What both paths give for an IPv4 entry. */
function shared(n: Neighbour): string {
  return [n.address, n.interface, n.linkAddress ?? '-', n.complete, n.state === 'permanent'].join(' ');
}

test('neighbours of a test-made namespace: netlink and procfs agree, knetstat -N prints them', async (t) => {
  const why = netnsUnavailable();
  if (why !== undefined) return skipOrFail(t, why);
  const ns = new TestNetns('neigh');
  try {
    ns.exec('ip', ['link', 'add', 'kst-h0', 'type', 'veth', 'peer', 'name', 'kst-h1']);
    ns.exec('ip', ['addr', 'add', '10.233.0.1/24', 'dev', 'kst-h0']);
    ns.exec('ip', ['addr', 'add', 'fd00:233::1/64', 'dev', 'kst-h0', 'nodad']);
    ns.exec('ip', ['link', 'set', 'kst-h0', 'up']);
    ns.exec('ip', ['link', 'set', 'kst-h1', 'up']);
    ns.exec('ip', ['neigh', 'add', '10.233.0.7', 'lladdr', '02:00:5e:10:00:07', 'dev', 'kst-h0', 'nud', 'permanent']);
    ns.exec('ip', ['neigh', 'add', '10.233.0.8', 'lladdr', '02:00:5e:10:00:08', 'dev', 'kst-h0', 'nud', 'stale']);
    ns.exec('ip', ['neigh', 'add', 'fd00:233::9', 'lladdr', '02:00:5e:10:00:09', 'dev', 'kst-h0', 'nud', 'permanent']);
    ns.exec('ip', ['neigh', 'add', '10.233.0.10', 'lladdr', '02:00:5e:10:00:0a', 'dev', 'kst-h0', 'nud', 'noarp']);
    ns.exec('ip', ['neigh', 'add', '10.233.0.11', 'dev', 'kst-h0', 'nud', 'none']);

    const viaNetlink = await open({ netns: ns.name });
    const viaProcfs = await open({ netns: ns.name, via: 'procfs' });
    try {
      const n = await viaNetlink.neighbours();
      const p = await viaProcfs.neighbours();
      assert.equal(n.via, 'netlink');
      assert.equal(p.via, 'procfs');
      assert.deepEqual(n.unavailable, []);
      assert.deepEqual(p.unavailable.map((u) => u.what), ['IPv4 neighbours in state NOARP or NONE', 'IPv6 neighbours']);

      // /proc/net/arp does not print NOARP or NONE entries (NEIGH_SEQ_SKIP_NOARP).
      const v4 = n.data.filter((x) => x.family === 'inet' && x.state !== 'noarp' && x.state !== 'none');
      assert.deepEqual(p.data.map(shared).sort(), v4.map(shared).sort());
      assert.equal(n.data.find((x) => x.address === '10.233.0.10')?.state, 'noarp');
      assert.equal(n.data.find((x) => x.address === '10.233.0.11')?.state, 'none');
      const byAddress = new Map(n.data.map((x) => [x.address, x]));
      assert.equal(byAddress.get('10.233.0.7')?.state, 'permanent');
      assert.equal(byAddress.get('10.233.0.8')?.state, 'stale');
      assert.equal(byAddress.get('10.233.0.8')?.linkAddress, '02:00:5e:10:00:08');
      const v6 = byAddress.get('fd00:233::9');
      assert.deepEqual([v6?.family, v6?.interface, v6?.state, v6?.complete], ['inet6', 'kst-h0', 'permanent', true]);
      assert.equal(typeof v6?.ifindex, 'number');
    } finally {
      await viaNetlink.close();
      await viaProcfs.close();
    }

    const text = runKnetstat(['-N', ns.name, '--neighbours']);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /^10\.233\.0\.7 +kst-h0 +02:00:5e:10:00:07 +PERMANENT *$/m);
    assert.match(text.stdout, /^10\.233\.0\.8 +kst-h0 +02:00:5e:10:00:08 +STALE *$/m);
    assert.match(text.stdout, /^fd00:233::9 +kst-h0 +02:00:5e:10:00:09 +PERMANENT *$/m);
    assert.doesNotMatch(text.stdout, /10\.233\.0\.10 /, 'NOARP entries only with -a, as ip neigh show');
    const all = runKnetstat(['-N', ns.name, '--neighbours', '-a']);
    assert.match(all.stdout, /^10\.233\.0\.10 +kst-h0 +02:00:5e:10:00:0a +NOARP *$/m);
    const only4 = runKnetstat(['-N', ns.name, '--neighbours', '-4', '--via', 'procfs']);
    assert.equal(only4.status, 0, only4.stderr);
    assert.equal(only4.stderr, '', 'no IPv6 warning when only IPv4 was asked for');
    assert.match(only4.stdout, /^10\.233\.0\.7 +kst-h0 +02:00:5e:10:00:07 +PERMANENT *$/m);
    assert.match(only4.stdout, /^10\.233\.0\.8 +kst-h0 +02:00:5e:10:00:08 +complete *$/m);
    const procfsAll = runKnetstat(['-N', ns.name, '--neighbours', '-a', '-4', '--via', 'procfs']);
    assert.match(procfsAll.stderr, /IPv4 neighbours in state NOARP or NONE/, 'with -a, procfs says what it cannot list');
  } finally {
    await ns.remove();
  }
});
