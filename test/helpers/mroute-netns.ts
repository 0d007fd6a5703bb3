/**
 * Multicast routing to test against, made by a real multicast routing daemon: smcrouted
 * (Debian's smcroute, static multicast routes) run twice inside a test namespace — once
 * for the default tables, once for table 100 (`-t 100`) — and traffic from a sender
 * namespace through it. Traffic only between these namespaces.
 *
 *   sender:  vb 10.9.1.5/24 fd00:9:1::5/64 ──veth── va 10.9.1.1/24 fd00:9:1::1/64  (ns)
 *   ns:      vc 10.9.2.1/24 ──veth── vd (sender, up: forwarded copies leave ns there)
 *   ns:      ve ──veth── vg (both in ns, table 100)
 *
 * Default tables (253 for IPv4, 254 for IPv6): vifs va (0) and vc (1, TTL threshold 5);
 * routes (10.9.1.5, 225.1.2.3) and (fd00:9:1::5, ff05::114) va → vc, and (*, 225.4.5.6)
 * va → vc, which the daemon turns into (10.9.1.5, 225.4.5.6) when traffic comes. Table 100:
 * vifs ve and vg; (10.9.3.7, 226.1.1.1) and (fd00:9:3::7, ff05::115) ve → vg. Any other
 * group from the sender gets a route with no outputs from the daemon — unless the daemon is
 * stopped (SIGSTOP), when the kernel keeps the entry in its unresolved queue (~10 s).
 *
 * Run as a script (as root), it makes the captures of test/fixtures/netlink/: rtnl-ipmr-link.bin,
 * rtnl-mroute-inet.bin and rtnl-mroute-inet6.bin (the raw replies of the three dumps), with
 * `ip -s -j mroute show table all` (-4 and -6) and the four /proc/net/ip*_mr_* files of the
 * same moment beside them (mroute.*), then removes the namespaces:
 *
 *   npx tsc -p tsconfig.test.json && node build/test/helpers/mroute-netns.js
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NETLINK_ROUTE, RTM_GETLINK, RTM_GETROUTE, RTNL_FAMILY_IP6MR, RTNL_FAMILY_IPMR } from '../../src/protocol/netlink/constants.js';
import { buildIpmrTableDumpRequest } from '../../src/protocol/netlink/rtnl-ipmr-link.js';
import { buildRouteDumpRequest } from '../../src/protocol/netlink/rtnl-route.js';
import { NETLINK_FIXTURES, captureDump } from './netlink-capture.js';
import { waitFor } from './neighbour-netns.js';
import { TestNetns, run, startInside, stopChild } from './netns.js';

export const SENDER_V4 = '10.9.1.5';
export const SENDER_V6 = 'fd00:9:1::5';
/** Groups the default-table daemon routes, and ones it does not know (for unresolved entries). */
export const ROUTED_V4 = '225.1.2.3';
export const STAR_G_V4 = '225.4.5.6';
export const ROUTED_V6 = 'ff05::114';
export const UNKNOWN_V4 = '225.7.7.7';
export const UNKNOWN_V6 = 'ff05::777';
export const CUSTOM_TABLE = 100;

const DEFAULT_CONF = `phyint va enable
phyint vc enable ttl-threshold 5
mroute from va source ${SENDER_V4} group ${ROUTED_V4} to vc
mroute from va group ${STAR_G_V4} to vc
mroute from va source ${SENDER_V6} group ${ROUTED_V6} to vc
`;
const CUSTOM_CONF = `phyint ve enable
phyint vg enable
mroute from ve source 10.9.3.7 group 226.1.1.1 to vg
mroute from ve source fd00:9:3::7 group ff05::115 to vg
`;

export interface MrouteLab {
  readonly ns: TestNetns;
  readonly sender: TestNetns;
  /** smcrouted of the default tables: stop it to keep entries unresolved. */
  readonly defaultDaemon: ChildProcess;
  readonly customDaemon: ChildProcess;
  /** Stops the daemons (by pid), removes the namespaces and the daemons' files. */
  remove(): Promise<void>;
}

/** Why this machine cannot run the lab (no smcrouted); undefined when it can. */
export function mrouteLabUnavailable(): string | undefined {
  const r = run('sh', ['-c', 'command -v smcrouted || true']).trim();
  return r === '' ? 'smcrouted (Debian package smcroute) is not installed' : undefined;
}

export async function startMrouteLab(): Promise<MrouteLab> {
  const ns = new TestNetns('mroute');
  const sender = new TestNetns('mrsend');
  const dir = mkdtempSync(join(tmpdir(), 'kstat-mroute-'));
  const daemons: ChildProcess[] = [];
  const remove = async (): Promise<void> => {
    for (const d of daemons) {
      if (d.pid !== undefined && d.exitCode === null && d.signalCode === null) d.kill('SIGCONT');
      await stopChild(d);
    }
    await ns.remove();
    await sender.remove();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const sysctls = ['net.ipv6.conf.all.accept_dad=0', 'net.ipv6.conf.default.accept_dad=0'];
    ns.exec('sysctl', ['-qw', ...sysctls]);
    sender.exec('sysctl', ['-qw', ...sysctls]);
    const ip = (where: TestNetns, step: string) => run('ip', ['-n', where.name, ...step.split(' ')]);
    ip(ns, `link add va type veth peer name vb netns ${sender.name}`);
    ip(ns, `link add vc type veth peer name vd netns ${sender.name}`);
    ip(ns, 'link add ve type veth peer name vg');
    for (const d of ['va', 'vc', 've', 'vg']) ip(ns, `link set ${d} up`);
    for (const step of ['addr add 10.9.1.1/24 dev va', 'addr add fd00:9:1::1/64 dev va nodad', 'addr add 10.9.2.1/24 dev vc', 'addr add fd00:9:2::1/64 dev vc nodad']) ip(ns, step);
    for (const step of ['link set vb up', 'link set vd up', `addr add ${SENDER_V4}/24 dev vb`, `addr add ${SENDER_V6}/64 dev vb nodad`, 'route add 224.0.0.0/4 dev vb']) ip(sender, step);
    const daemon = async (ident: string, conf: string, extra: string[]): Promise<ChildProcess> => {
      const file = join(dir, `${ident}.conf`);
      writeFileSync(file, conf);
      const args = ['smcrouted', '-n', '-N', '-f', file, '-i', ident, '-u', join(dir, `${ident}.sock`), '-P', join(dir, `${ident}.pid`), '-l', 'info', ...extra];
      return startInside(ns, args, /Ready, waiting/, daemons);
    };
    const defaultDaemon = await daemon('kstat-default', DEFAULT_CONF, []);
    const customDaemon = await daemon('kstat-custom', CUSTOM_CONF, ['-t', String(CUSTOM_TABLE)]);
    return { ns, sender, defaultDaemon, customDaemon, remove };
  } catch (err) {
    await remove();
    throw err;
  }
}

/** Datagrams from the sender: `count` of `size` bytes to each group, TTL/hop limit 8, out of vb. */
export function sendMulticast(lab: MrouteLab, groups: readonly string[], count: number, size: number): void {
  const script = `
    const dgram = require('node:dgram');
    const groups = ${JSON.stringify(groups)};
    let left = groups.length * ${count};
    const done = () => { if (--left === 0) process.exit(0); };
    for (const g of groups) {
      const v6 = g.includes(':');
      const s = dgram.createSocket(v6 ? 'udp6' : 'udp4');
      s.on('error', (e) => { console.error(e.message); process.exit(2); });
      s.bind({ address: v6 ? '${SENDER_V6}' : '${SENDER_V4}', port: 0 }, () => {
        s.setMulticastTTL(8);
        s.setMulticastInterface(v6 ? '::%vb' : '${SENDER_V4}');
        for (let i = 0; i < ${count}; i++) s.send(Buffer.alloc(${size}, 120), 5000, g, done);
      });
    }
    setTimeout(() => process.exit(1), 5000).unref();`;
  lab.sender.exec(process.execPath, ['-e', script]);
}

/** `ip -s -j mroute show table all` of the lab namespace, one family, parsed. */
export function ipMroutes(lab: MrouteLab, family: '-4' | '-6'): IpMroute[] {
  return JSON.parse(run('ip', ['-n', lab.ns.name, family, '-s', '-j', 'mroute', 'show', 'table', 'all'])) as IpMroute[];
}

export interface IpMroute {
  src: string;
  dst: string;
  iif: string;
  multipath?: { oif: string; ttl?: number }[];
  state: 'resolved' | 'unresolved';
  packets?: number;
  bytes?: number;
  wrong_if?: number;
  expires?: number;
  table?: string;
}

/**
 * The routed traffic (5 × 100 bytes to the (S,G) route, 1 to the (*,G) one, 3 to the IPv6
 * route), then, with the default daemon stopped, one datagram to an unknown IPv4 and IPv6
 * group each: resolves once `ip mroute` shows all of it. The caller sends SIGCONT (or
 * removes the lab) when done with the unresolved entries.
 */
export async function makeMrouteTraffic(lab: MrouteLab): Promise<void> {
  sendMulticast(lab, [ROUTED_V4], 5, 100);
  sendMulticast(lab, [STAR_G_V4], 1, 100);
  sendMulticast(lab, [ROUTED_V6], 3, 100);
  const counted = await waitFor(() => {
    const v4 = ipMroutes(lab, '-4');
    const v6 = ipMroutes(lab, '-6');
    return v4.some((r) => r.dst === ROUTED_V4 && r.packets === 5) && v4.some((r) => r.dst === STAR_G_V4 && r.packets === 1) && v6.some((r) => r.dst === ROUTED_V6 && r.packets === 3);
  }, 5000);
  if (!counted) throw new Error(`the routed traffic was not counted: ${JSON.stringify([ipMroutes(lab, '-4'), ipMroutes(lab, '-6')])}`);
  lab.defaultDaemon.kill('SIGSTOP');
  sendMulticast(lab, [UNKNOWN_V4, UNKNOWN_V6], 1, 40);
  const queued = await waitFor(() => ipMroutes(lab, '-4').some((r) => r.dst === UNKNOWN_V4 && r.state === 'unresolved') && ipMroutes(lab, '-6').some((r) => r.dst === UNKNOWN_V6 && r.state === 'unresolved'), 3000);
  if (!queued) throw new Error('the unknown groups did not show as unresolved');
}

/** Sets the lab up, makes the traffic, captures the three dumps with `ip mroute` and procfs of the same moment. */
async function capture(): Promise<void> {
  const lab = await startMrouteLab();
  try {
    await makeMrouteTraffic(lab);
    const netns = `/run/netns/${lab.ns.name}`;
    await captureDump('rtnl-ipmr-link', NETLINK_ROUTE, RTM_GETLINK, buildIpmrTableDumpRequest(), netns);
    await captureDump('rtnl-mroute-inet', NETLINK_ROUTE, RTM_GETROUTE, buildRouteDumpRequest(RTNL_FAMILY_IPMR), netns);
    await captureDump('rtnl-mroute-inet6', NETLINK_ROUTE, RTM_GETROUTE, buildRouteDumpRequest(RTNL_FAMILY_IP6MR), netns);
    writeFileSync(join(NETLINK_FIXTURES, 'mroute.ip.json'), run('ip', ['-n', lab.ns.name, '-s', '-j', 'mroute', 'show', 'table', 'all']));
    writeFileSync(join(NETLINK_FIXTURES, 'mroute6.ip.json'), run('ip', ['-n', lab.ns.name, '-6', '-s', '-j', 'mroute', 'show', 'table', 'all']));
    writeFileSync(join(NETLINK_FIXTURES, 'mroute.ip.link.json'), run('ip', ['-n', lab.ns.name, '-j', 'link', 'show']));
    for (const file of ['ip_mr_vif', 'ip_mr_cache', 'ip6_mr_vif', 'ip6_mr_cache']) {
      writeFileSync(join(NETLINK_FIXTURES, `mroute.proc-net-${file.replaceAll('_', '-')}.txt`), lab.ns.exec('cat', [`/proc/net/${file}`]));
    }
    process.stdout.write(`captured in ${lab.ns.name}:\n${run('ip', ['-n', lab.ns.name, '-s', 'mroute', 'show', 'table', 'all'])}${run('ip', ['-n', lab.ns.name, '-6', '-s', 'mroute', 'show', 'table', 'all'])}`);
  } finally {
    await lab.remove();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  capture().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  });
}
