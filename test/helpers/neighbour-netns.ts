/**
 * Neighbour caches to test against: two network namespaces joined by a veth pair (v0 in
 * the one we read, v1 in its peer), a second veth pair w0/w1 inside the first, and
 * neighbour entries of several kinds — added by `ip neigh` (permanent, stale, noarp, none,
 * failed, IPv6 router) and made by traffic (a resolved peer: reachable; an absent
 * address: incomplete, failed after ~3 s). Traffic only between these namespaces.
 *
 * Run as a script (as root), it makes test/fixtures/netlink/rtnl-neigh.bin (the raw reply
 * of one RTM_GETNEIGH dump, AF_UNSPEC) and rtnl-neigh.ip.json (`ip -s -j neigh show` of the
 * same namespace at the same moment), then removes the namespaces:
 *
 *   npx tsc -p tsconfig.test.json && node build/test/helpers/neighbour-netns.js
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AF_UNSPEC, NETLINK_ROUTE, RTM_GETNEIGH } from '../../src/protocol/netlink/constants.js';
import { buildNeighbourDumpRequest } from '../../src/protocol/netlink/rtnl-neigh.js';
import { NETLINK_FIXTURES, captureDump } from './netlink-capture.js';
import { TestNetns, run } from './netns.js';

/** Addresses of the peer namespace (resolved by traffic) and one nobody has (never resolved). */
export const PEER_V4 = '10.9.0.2';
export const PEER_V6 = 'fd00:9::2';
export const ABSENT_V4 = '10.9.0.99';
export const ABSENT_V6 = 'fd00:9::99';

/** Entries made by `ip neigh add` in the namespace read: stable ones (no timers run on them). */
export const STATIC_NEIGHBOURS: readonly string[] = [
  'neigh add 10.9.0.10 lladdr 02:00:00:00:00:0a dev v0 nud permanent',
  'neigh add 10.9.0.11 lladdr 02:00:00:00:00:0b dev v0 nud stale',
  'neigh add 10.9.0.12 lladdr 02:00:00:00:00:0c dev v0 nud noarp',
  'neigh add 10.9.0.13 dev v0 nud none',
  'neigh add 10.9.0.14 dev v0 nud failed',
  'neigh add 10.8.0.10 lladdr 02:00:00:00:01:0a dev w0 nud permanent',
  'neigh add 10.8.0.11 lladdr 02:00:00:00:01:0b dev w0 nud stale',
  '-6 neigh add fd00:9::10 lladdr 02:00:00:00:00:1a dev v0 nud permanent',
  '-6 neigh add fd00:9::11 lladdr 02:00:00:00:00:1b dev v0 nud stale router',
  '-6 neigh add fd00:9::12 lladdr 02:00:00:00:00:1c dev v0 nud noarp',
  '-6 neigh add fd00:9::13 lladdr 02:00:00:00:00:1d dev v0 nud permanent router',
  '-6 neigh add fd00:8::10 lladdr 02:00:00:00:01:1a dev w0 nud permanent',
  // A proxy entry: in the kernel's proxy table, which is not part of the neighbour dump.
  'neigh add proxy 10.9.0.50 dev v0',
];

/** Entries with extra flags and attributes (the capture has them; a managed entry keeps probing, so live tests leave it out). */
export const FLAGGED_NEIGHBOURS: readonly string[] = [
  'neigh add 10.9.0.15 lladdr 02:00:00:00:00:0f dev v0 extern_learn',
  'neigh add 10.9.0.16 lladdr 02:00:00:00:00:10 dev v0 nud permanent protocol static',
  'neigh add 10.9.0.17 dev v0 managed',
];

/**
 * `ns` (read) and `peer`: v0 10.9.0.1/24 fd00:9::1/64 in ns, v1 10.9.0.2/24 fd00:9::2/64 in
 * peer, w0 10.8.0.1/24 fd00:8::1/64 (peer w1 down, in ns). DAD and router solicitations off.
 */
export function setUpNeighbourNamespaces(ns: TestNetns, peer: TestNetns): void {
  const sysctls = ['net.ipv6.conf.all.accept_dad=0', 'net.ipv6.conf.default.accept_dad=0', 'net.ipv6.conf.all.router_solicitations=0', 'net.ipv6.conf.default.router_solicitations=0'];
  ns.exec('sysctl', ['-qw', ...sysctls]);
  peer.exec('sysctl', ['-qw', ...sysctls]);
  const ip = (where: TestNetns, step: string) => run('ip', ['-n', where.name, ...step.split(' ')]);
  ip(ns, `link add v0 type veth peer name v1 netns ${peer.name}`);
  ip(ns, 'link add w0 type veth peer name w1');
  for (const step of ['link set v0 up', 'link set w0 up', 'addr add 10.9.0.1/24 dev v0', 'addr add fd00:9::1/64 dev v0 nodad', 'addr add 10.8.0.1/24 dev w0', 'addr add fd00:8::1/64 dev w0 nodad']) ip(ns, step);
  for (const step of ['link set v1 up', `addr add ${PEER_V4}/24 dev v1`, `addr add ${PEER_V6}/64 dev v1 nodad`]) ip(peer, step);
  for (const step of STATIC_NEIGHBOURS) ip(ns, step);
}

/** Adds `steps` (ip arguments) in `ns`. */
export function addNeighbours(ns: TestNetns, steps: readonly string[]): void {
  for (const step of steps) run('ip', ['-n', ns.name, ...step.split(' ')]);
}

/**
 * One UDP datagram (to the discard port) from inside `ns` to each address: the kernel
 * resolves each first, so a present address becomes a reachable entry and an absent one
 * an incomplete entry (failed after its probes, ~3 s). Returns once they are sent.
 */
export function sendDatagrams(ns: TestNetns, addresses: readonly string[]): void {
  const script = `
    const dgram = require('node:dgram');
    const targets = ${JSON.stringify(addresses)};
    let left = targets.length;
    for (const t of targets) {
      const s = dgram.createSocket(t.includes(':') ? 'udp6' : 'udp4');
      s.on('error', () => {});
      s.send('kstat', 9, t, () => { s.close(); if (--left === 0) process.exit(0); });
    }
    setTimeout(() => process.exit(1), 5000).unref();`;
  ns.exec(process.execPath, ['-e', script]);
}

/** Waits until `done()` holds, polling every 50 ms, for at most `ms`. */
export async function waitFor(done: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (done()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return done();
}

/** Sets the namespaces up, makes the traffic, captures the dump and `ip -s -j neigh show` of one moment. */
async function capture(): Promise<void> {
  const ns = new TestNetns('neigh');
  const peer = new TestNetns('neighpeer');
  try {
    setUpNeighbourNamespaces(ns, peer);
    addNeighbours(ns, FLAGGED_NEIGHBOURS);
    sendDatagrams(ns, [PEER_V4, PEER_V6]);
    const show = (extra: string[]) => run('ip', ['-n', ns.name, ...extra, '-j', 'neigh', 'show']);
    const resolved = await waitFor(() => show([]).includes(`"dst":"${PEER_V4}","dev":"v0","lladdr"`) && show([]).includes(`"dst":"${PEER_V6}","dev":"v0","lladdr"`), 3000);
    if (!resolved) throw new Error('the peer addresses did not resolve');
    sendDatagrams(ns, [ABSENT_V4, ABSENT_V6]);
    // The absent addresses are incomplete for ~3 s; capture while the states hold still.
    for (let attempt = 1; ; attempt++) {
      const before = show([]);
      await captureDump('rtnl-neigh', NETLINK_ROUTE, RTM_GETNEIGH, buildNeighbourDumpRequest(AF_UNSPEC), `/run/netns/${ns.name}`);
      const stats = show(['-s']);
      if (show([]) === before) {
        writeFileSync(join(NETLINK_FIXTURES, 'rtnl-neigh.ip.json'), stats);
        process.stdout.write(`captured in ${ns.name}:\n${run('ip', ['-n', ns.name, '-s', 'neigh', 'show', 'nud', 'all'])}`);
        return;
      }
      if (attempt === 5) throw new Error('the neighbour states kept changing during the capture');
    }
  } finally {
    await ns.remove();
    await peer.remove();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  capture().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  });
}
