/**
 * Live: multicast routing of a namespace this test makes (test/helpers/mroute-netns.ts:
 * smcrouted for the default tables and for table 100, routed traffic from a sender
 * namespace, and with the default daemon stopped an unknown IPv4 and IPv6 group each, left
 * in the kernel's unresolved queue) read by `multicast()` of a session in that namespace:
 * - over netlink, against `ip -s -j mroute show table all` (-4 and -6): the same entries of
 *   every IPv4 table and of the default IPv6 table, with input and output devices, TTL
 *   thresholds, state, counters and table; the IPv6 entry of table 100 left out and said so;
 * - over netlink against procfs (`via: 'procfs'`) on the default tables: the same vifs and
 *   forwarding entries, vif numbers included;
 * - the vif table of table 100 (only netlink has it) by device index, and the tables'
 *   unresolved queue lengths.
 * No traffic flows while the readings are taken, so counters hold still between them.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { open } from '../../src/netstat/open.js';
import type { Multicast, MulticastForwardingEntry, MulticastVif } from '../../src/records/multicast.js';
import { CUSTOM_TABLE, ROUTED_V4, ROUTED_V6, STAR_G_V4, UNKNOWN_V4, UNKNOWN_V6, ipMroutes, makeMrouteTraffic, mrouteLabUnavailable, startMrouteLab, type IpMroute, type MrouteLab } from '../helpers/mroute-netns.js';
import { runKnetstat } from '../helpers/knetstat.js';
import { netnsUnavailable, run } from '../helpers/netns.js';
import { skipOrFail } from '../helpers/skip.js';

/** ip names table 253 "default" and leaves out 254 (main, the IPv6 default) as it does for unicast routes. */
function ipTable(r: IpMroute): number {
  if (r.table === undefined || r.table === 'main') return 254;
  return r.table === 'default' ? 253 : Number(r.table);
}

/** One entry as ip shows it: ip prints a TTL only when it is not 1, and wrong_if only when not 0. */
function ipKey(r: IpMroute): string {
  const oifs = (r.multipath ?? []).map((o) => `${o.oif}${o.ttl === undefined ? '' : `(ttl ${o.ttl})`}`).join(' ');
  const counters = r.state === 'resolved' ? `${r.packets} ${r.bytes} ${r.wrong_if ?? 0}` : '-';
  return `${ipTable(r)} (${r.src},${r.dst}) iif ${r.iif} oifs [${oifs}] ${r.state} ${counters}`;
}

function ourKey(e: MulticastForwardingEntry): string {
  const oifs = e.outputs.map((o) => `${o.interface}${o.ttl === 1 ? '' : `(ttl ${o.ttl})`}`).join(' ');
  const counters = e.unresolved === true ? '-' : `${e.packets} ${e.bytes} ${e.wrongInterface}`;
  return `${e.table} (${e.origin},${e.group}) iif ${e.unresolved === true ? 'unresolved' : e.inputInterface} oifs [${oifs}] ${e.unresolved === true ? 'unresolved' : 'resolved'} ${counters}`;
}

/** What procfs can give of a forwarding entry or vif: the netlink-only fields removed. */
function procfsView(e: MulticastForwardingEntry): object {
  const { inputIfindex, inputInterface, unresolved, offloaded, sinceUsed, ...rest } = e;
  return { ...rest, outputs: rest.outputs.map((o) => ({ vif: o.vif, ttl: o.ttl })) };
}
function procfsVif(v: MulticastVif): object {
  const { ifindex, ...rest } = v;
  return Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
}

const inDefaultTable = (r: { family: string; table?: number }) => r.table === (r.family === 'inet' ? 253 : 254);

async function readBoth(lab: MrouteLab): Promise<{ netlink: Awaited<ReturnType<Awaited<ReturnType<typeof open>>['multicast']>>; procfs: Multicast; ip4: IpMroute[]; ip6: IpMroute[] }> {
  const live = await open({ netns: lab.ns.name });
  const procfsOnly = await open({ netns: lab.ns.name, via: 'procfs' });
  try {
    const ip4 = ipMroutes(lab, '-4');
    const ip6 = ipMroutes(lab, '-6');
    return { netlink: await live.multicast(), procfs: (await procfsOnly.multicast()).data, ip4, ip6 };
  } finally {
    await live.close();
    await procfsOnly.close();
  }
}

test('multicast routing over netlink: every table as ip mroute shows it, the default tables as procfs shows them', async (t: TestContext) => {
  const why = netnsUnavailable() ?? mrouteLabUnavailable();
  if (why !== undefined) return skipOrFail(t, why);
  const lab = await startMrouteLab();
  try {
    await makeMrouteTraffic(lab);
    const { netlink, procfs, ip4, ip6 } = await readBoth(lab);
    assert.equal(netlink.via, 'netlink+procfs');
    assert.deepEqual(netlink.issues, []);
    const m = netlink.data;

    // Every IPv4 table and the default IPv6 one, as ip shows them; the IPv6 entry of table 100 is said to be left out.
    const theirs = [...ip4, ...ip6.filter((r) => ipTable(r) === 254)].map(ipKey).sort();
    assert.deepEqual(m.forwardingCache.map(ourKey).sort(), theirs);
    for (const group of [ROUTED_V4, STAR_G_V4, ROUTED_V6, UNKNOWN_V6]) assert.ok(m.forwardingCache.some((e) => e.group === group), group);
    assert.equal(ip6.filter((r) => ipTable(r) === CUSTOM_TABLE).length, 1);
    assert.deepEqual(netlink.unavailable.map((u) => [u.what, /^1 left out/.test(u.reason)]), [['IPv6 multicast forwarding entries that cannot be numbered', true]]);

    // Unresolved entries: as procfs prints them (vif -1, no counters), flagged.
    const unresolved = m.forwardingCache.filter((e) => e.unresolved === true);
    assert.deepEqual(unresolved.map((e) => [e.family, e.group, e.inputVif, e.packets, e.outputs.length, e.sinceUsed]).sort(), [
      ['inet', UNKNOWN_V4, -1, 0n, 0, undefined],
      ['inet6', UNKNOWN_V6, -1, 0n, 0, undefined],
    ]);
    for (const e of m.forwardingCache.filter((x) => x.unresolved === false)) assert.equal(typeof e.sinceUsed, 'bigint');

    // The default tables: netlink and procfs give the same records, vif numbers included.
    assert.deepEqual(m.forwardingCache.filter(inDefaultTable).map(procfsView), procfs.forwardingCache);
    assert.deepEqual(m.vifs.filter(inDefaultTable).map(procfsVif), procfs.vifs.map(procfsVif));
    assert.equal(procfs.routingTables, undefined);

    // Table 100's vifs, only over netlink: the daemon's two devices, by index.
    const links = new Map((JSON.parse(run('ip', ['-n', lab.ns.name, '-j', 'link', 'show'])) as { ifindex: number; ifname: string }[]).map((l) => [l.ifname, l.ifindex]));
    assert.deepEqual(
      m.vifs.filter((v) => v.table === CUSTOM_TABLE).map((v) => [v.family, v.index, v.interface, v.ifindex]),
      [['inet', 0, 've', links.get('ve')], ['inet', 1, 'vg', links.get('vg')]],
    );
    // One unresolved IPv4 entry waits in the default table, none in table 100.
    assert.deepEqual(m.routingTables?.map((r) => [r.family, r.table, r.unresolvedQueueLength, r.registerVif]).sort(), [
      ['inet', 100, 0, -1],
      ['inet', 253, 1, -1],
    ]);

    // knetstat -g in the namespace lists table 100 beside the default tables, and the tables themselves.
    const g = runKnetstat(['-N', lab.ns.name, '-g']);
    assert.equal(g.status, 0, g.stderr);
    const tableLines = g.stdout.slice(g.stdout.indexOf('Multicast Routing Tables'), g.stdout.indexOf('Multicast Virtual Interface Table')).split('\n');
    assert.ok(tableLines.some((l) => /^inet\s+253\s+1\s+-\s+(yes|no)\s+(yes|no)$/.test(l)), g.stdout);
    assert.ok(tableLines.some((l) => /^inet\s+100\s+0\s+-\s+(yes|no)\s+(yes|no)$/.test(l)), g.stdout);
    const json = runKnetstat(['-N', lab.ns.name, '-g', '-4', '--json']);
    assert.deepEqual((JSON.parse(json.stdout) as { data: Multicast }).data.routingTables?.map((t) => t.table).sort(), [100, 253]);
    const cacheLines = g.stdout.slice(g.stdout.indexOf('Multicast Forwarding Cache')).split('\n');
    assert.ok(cacheLines.some((l) => /^inet\s+100\s+10\.9\.3\.7\s+226\.1\.1\.1\s+0\s+0\s+0\s+0\s+1:1$/.test(l)), g.stdout);
    assert.ok(cacheLines.some((l) => /^inet\s+253\s+10\.9\.1\.5\s+225\.1\.2\.3\s+0\s+5\s+640\s+0\s+1:5$/.test(l)), g.stdout);
  } finally {
    await lab.remove();
  }
});
