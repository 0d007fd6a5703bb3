/**
 * Live: the neighbour cache of a namespace this test makes (test/helpers/neighbour-netns.ts:
 * a veth pair to a peer namespace, a second pair inside; entries added by `ip neigh` —
 * permanent, stale, noarp, none, failed, IPv6 router, extern_learn, protocol static, a proxy
 * — and made by one UDP datagram each: the peer's addresses become reachable, an absent
 * address incomplete, then failed) read by readNeighbours through a NetlinkSockets channel
 * in that namespace, against `ip -n NAME -j neigh show`.
 *
 * Entries made by traffic change state on timers (incomplete → failed after ~3 s,
 * reachable → stale after 15–45 s), so each comparison is bracketed: ours, then ip, then
 * ours again, taken again until our two readings list the same entries in the same states.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { KstatError } from '../../src/errors.js';
import type { Neighbour } from '../../src/records/neighbour.js';
import { NetlinkSockets } from '../../src/sources/netlink/channel.js';
import { readNeighbours } from '../../src/sources/netlink/neighbours.js';
import { parseExactJson } from '../helpers/exact-json.js';
import { ABSENT_V4, ABSENT_V6, FLAGGED_NEIGHBOURS, PEER_V4, PEER_V6, addNeighbours, sendDatagrams, setUpNeighbourNamespaces, waitFor } from '../helpers/neighbour-netns.js';
import { TestNetns, canCreateNetns, run } from '../helpers/netns.js';
import { hasCommand, isRoot, skipOrFail } from '../helpers/skip.js';

interface IpNeighbour {
  dst: string;
  dev: string;
  lladdr?: string;
  state?: string[];
  router?: null;
  extern_learn?: null;
  managed?: null;
  used?: number;
  confirmed?: number;
  updated?: number;
}

/** ip's flag keys, in the order our flagNames lists them. */
const IP_FLAG_KEYS = ['proxy', 'extern_learn', 'offload', 'router', 'managed'] as const;

function ipNeighbours(ns: TestNetns, args: string[]): IpNeighbour[] {
  return parseExactJson(run('ip', ['-n', ns.name, '-j', ...args])) as IpNeighbour[];
}

/** The comparison key: family, address, dev, lladdr, state, flags. */
const ourKey = (r: Neighbour) => `${r.family} ${r.address} dev ${r.interface} lladdr ${r.linkAddress ?? '-'} ${r.state ?? `0x${r.stateBits!.toString(16)}`} [${r.flagNames!.join(',')}]`;
const ipKey = (n: IpNeighbour) =>
  `${n.dst.includes(':') ? 'inet6' : 'inet'} ${n.dst} dev ${n.dev} lladdr ${n.lladdr ?? '-'} ${n.state === undefined ? 'none' : n.state.map((s) => s.toLowerCase()).join('|')} [${IP_FLAG_KEYS.filter((k) => k in n).join(',')}]`;
const sorted = (keys: string[]) => [...keys].sort();

interface Bracket {
  before: Neighbour[];
  theirs: IpNeighbour[];
  after: Neighbour[];
}

/** Ours, ip's, ours: again until our two readings agree (states on timers may move meanwhile). */
async function bracketed(ns: TestNetns, channel: NetlinkSockets, names: ReadonlyMap<number, string>, ipArgs: string[]): Promise<Bracket> {
  for (let attempt = 1; ; attempt++) {
    const a = await readNeighbours(channel, { interfaceNames: names });
    const theirs = ipNeighbours(ns, ipArgs);
    const c = await readNeighbours(channel, { interfaceNames: names });
    assert.deepEqual(a.issues, []);
    assert.deepEqual(c.issues, []);
    if (JSON.stringify(sorted(a.data.map(ourKey))) === JSON.stringify(sorted(c.data.map(ourKey)))) return { before: a.data, theirs, after: c.data };
    if (attempt === 20) assert.fail('the neighbour cache kept changing between two readings');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every entry `ip neigh show nud all` lists, and no other; times bracketed on the entries no traffic touches. */
async function compareAll(t: TestContext, ns: TestNetns, channel: NetlinkSockets, names: ReadonlyMap<number, string>): Promise<void> {
  const { before, theirs, after } = await bracketed(ns, channel, names, ['-s', 'neigh', 'show', 'nud', 'all']);
  assert.deepEqual(sorted(before.map(ourKey)), sorted(theirs.map(ipKey)));
  for (const n of theirs) {
    const a = before.find((r) => r.address === n.dst && r.interface === n.dev)!;
    const c = after.find((r) => r.address === n.dst && r.interface === n.dev)!;
    assert.equal(a.router, n.router !== undefined, n.dst);
    assert.equal(a.complete, n.lladdr !== undefined, `${n.dst}: complete exactly when the kernel sends NDA_LLADDR`);
    assert.equal(a.hardwareType, undefined);
    assert.equal(a.extra, undefined);
    // Entries only `ip neigh add` made: nothing sends to them, so each time only grows.
    if (!/^10\.[89]\.0\.1\d$|^fd00:[89]::1\d$/.test(n.dst)) continue;
    for (const [ours, later, their] of [[a.sinceConfirmed, c.sinceConfirmed, n.confirmed], [a.sinceUsed, c.sinceUsed, n.used], [a.sinceUpdated, c.sinceUpdated, n.updated]]) {
      const lo = Math.floor(ours! / 100);
      const hi = Math.floor(later! / 100);
      assert.ok(lo <= their! && their! <= hi, `${n.dst}: ours ${ours}..${later} ticks, ip ${their} s`);
    }
  }
  t.diagnostic(`${theirs.length} entries compared`);
}

/** Plain `ip neigh show` hides NOARP and NONE entries: ours without them are its list. */
async function comparePlain(ns: TestNetns, channel: NetlinkSockets, names: ReadonlyMap<number, string>): Promise<void> {
  const { before, theirs } = await bracketed(ns, channel, names, ['neigh', 'show']);
  const shown = before.filter((r) => (r.stateBits! & ~0x40) !== 0);
  assert.deepEqual(sorted(shown.map(ourKey)), sorted(theirs.map(ipKey)));
  const hidden = before.filter((r) => !shown.includes(r));
  assert.ok(hidden.length > 0);
  assert.ok(hidden.every((r) => r.state === 'noarp' || r.state === 'none'));
}

/** What the test made, read as such. */
async function madeEntries(ns: TestNetns, peer: TestNetns, channel: NetlinkSockets, names: ReadonlyMap<number, string>): Promise<void> {
  const { data, issues } = await readNeighbours(channel, { interfaceNames: names });
  assert.deepEqual(issues, []);
  const find = (address: string) => {
    const r = data.find((x) => x.address === address);
    assert.ok(r !== undefined, `${address} not read`);
    return r;
  };
  const fields = (r: Neighbour) => [r.family, r.interface, r.linkAddress, r.state, r.complete, r.router, r.flagNames!.join(',')];
  assert.deepEqual(fields(find('10.9.0.10')), ['inet', 'v0', '02:00:00:00:00:0a', 'permanent', true, false, '']);
  assert.deepEqual(fields(find('10.9.0.11')), ['inet', 'v0', '02:00:00:00:00:0b', 'stale', true, false, '']);
  assert.deepEqual(fields(find('10.9.0.12')), ['inet', 'v0', '02:00:00:00:00:0c', 'noarp', true, false, '']);
  assert.deepEqual(fields(find('10.9.0.13')), ['inet', 'v0', undefined, 'none', false, false, '']);
  assert.deepEqual(fields(find('10.9.0.14')), ['inet', 'v0', undefined, 'failed', false, false, '']);
  assert.deepEqual(fields(find('10.9.0.15')), ['inet', 'v0', '02:00:00:00:00:0f', 'permanent', true, false, 'extern_learn']);
  assert.deepEqual(fields(find('10.8.0.10')), ['inet', 'w0', '02:00:00:00:01:0a', 'permanent', true, false, '']);
  assert.deepEqual(fields(find('fd00:9::11')), ['inet6', 'v0', '02:00:00:00:00:1b', 'stale', true, true, 'router']);
  assert.deepEqual(fields(find('fd00:9::12')), ['inet6', 'v0', '02:00:00:00:00:1c', 'noarp', true, false, '']);
  assert.deepEqual(fields(find('fd00:9::13')), ['inet6', 'v0', '02:00:00:00:00:1d', 'permanent', true, true, 'router']);
  assert.deepEqual(fields(find('fd00:8::10')), ['inet6', 'w0', '02:00:00:00:01:1a', 'permanent', true, false, '']);
  // Resolved by traffic: the peer's own address, in a valid state.
  const peerMac = (parseExactJson(run('ip', ['-n', peer.name, '-j', 'link', 'show', 'v1'])) as { address: string }[])[0]!.address;
  for (const address of [PEER_V4, PEER_V6]) {
    const r = find(address);
    assert.equal(r.linkAddress, peerMac, address);
    assert.ok(r.complete && ['reachable', 'stale', 'delay', 'probe'].includes(r.state!), `${address}: ${r.state}`);
  }
  // Not answered: still being resolved or given up, never with a link-layer address.
  for (const address of [ABSENT_V4, ABSENT_V6]) {
    const r = find(address);
    assert.ok(r.state === 'incomplete' || r.state === 'failed', `${address}: ${r.state}`);
    assert.equal(r.linkAddress, undefined);
    assert.equal(r.complete, false);
  }
  // The proxy entry is in the kernel's proxy table: ip shows it there, the neighbour dump does not.
  assert.match(run('ip', ['-n', ns.name, 'neigh', 'show', 'proxy']), /^10\.9\.0\.50 dev v0 proxy/m);
  assert.equal(data.find((r) => r.address === '10.9.0.50'), undefined);
}

test('rtnetlink neighbours of a test namespace agree with ip -j neigh show', async (t) => {
  if (!isRoot()) return skipOrFail(t, 'needs root to create network namespaces');
  if (!hasCommand('ip', ['-V'])) return skipOrFail(t, 'ip (iproute2) is not installed');
  const why = canCreateNetns();
  if (why !== undefined) return skipOrFail(t, why);

  const ns = new TestNetns('neigh');
  t.after(() => ns.remove());
  const peer = new TestNetns('neighpeer');
  t.after(() => peer.remove());
  const channel = new NetlinkSockets(`/run/netns/${ns.name}`);
  t.after(() => channel.close());

  setUpNeighbourNamespaces(ns, peer);
  // extern_learn and protocol static; not the managed entry, which the kernel keeps probing.
  addNeighbours(ns, FLAGGED_NEIGHBOURS.filter((step) => !step.includes('managed')));
  try {
    await channel.socket(0);
  } catch (cause) {
    if (KstatError.is(cause) && cause.code === 'E_UNAVAILABLE') return skipOrFail(t, `no netlink socket: ${cause.message}`);
    throw cause;
  }
  const links = parseExactJson(run('ip', ['-n', ns.name, '-j', 'link', 'show'])) as { ifindex: number; ifname: string }[];
  const names = new Map(links.map((l) => [l.ifindex, l.ifname]));

  sendDatagrams(ns, [PEER_V4, PEER_V6]);
  const resolved = await waitFor(() => {
    const shown = ipNeighbours(ns, ['neigh', 'show', 'dev', 'v0']);
    return [PEER_V4, PEER_V6].every((a) => shown.some((n) => n.dst === a && n.lladdr !== undefined));
  }, 5000);
  assert.ok(resolved, 'the peer namespace did not answer ARP/ND');
  sendDatagrams(ns, [ABSENT_V4, ABSENT_V6]);

  await t.test('what the test made is read as such: states, link addresses, router and flags; no proxy entry', () => madeEntries(ns, peer, channel, names));
  await t.test('every entry equals ip -j neigh show nud all by (family, address, dev, lladdr, state, flags)', (st) => compareAll(st, ns, channel, names));
  await t.test('plain ip -j neigh show is ours without the NOARP and NONE entries', () => comparePlain(ns, channel, names));
  await t.test('the absent addresses end failed, with no link-layer address, and still agree with ip', async (st) => {
    const failed = await waitFor(() => {
      const all = ipNeighbours(ns, ['neigh', 'show', 'nud', 'all']);
      return [ABSENT_V4, ABSENT_V6].every((a) => all.find((n) => n.dst === a)?.state?.[0] === 'FAILED');
    }, 8000);
    assert.ok(failed, 'the absent addresses did not fail within 8 s');
    const { data } = await readNeighbours(channel, { interfaceNames: names });
    for (const address of [ABSENT_V4, ABSENT_V6]) {
      const r = data.find((x) => x.address === address)!;
      assert.deepEqual([r.state, r.stateBits, r.complete, r.linkAddress, r.interface], ['failed', 0x20, false, undefined, 'v0'], address);
      assert.ok(r.probes! >= 3, `${address}: ${r.probes} probes`);
    }
    await compareAll(st, ns, channel, names);
  });
});
