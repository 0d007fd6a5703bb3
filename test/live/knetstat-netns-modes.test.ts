/**
 * Live: every knetstat report of another network namespace (`-N PID`) shows that
 * namespace's state, set up here with known counts: a listener whose accept queue holds
 * exactly 3 connections (it never accepts), a listener with exactly 2 half-open (SYN_RECV)
 * connections, a multicast membership, a packet socket (tcpdump) and a route in a custom
 * table, on a veth pair whose both ends live in the namespace.
 *
 * The SYN_RECV entries are made deterministic: raw SYNs from 10.231.0.5, an address nobody
 * has, with a permanent neighbour entry to a MAC nobody has, so the SYN-ACKs leave and are
 * never answered (no ARP failure either, whose ICMP would drop the requests) and the kernel
 * keeps both requests for its SYN-ACK retries (about a minute).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { hasCommand, skipOrFail } from '../helpers/skip.js';
import { netnsUnavailable, startInside, stopChild, TestNetns } from '../helpers/netns.js';
import { runKnetstat } from '../helpers/knetstat.js';

// Python, not Node: a Node server always accepts, and the accept queue must stay full.
const INSIDE = String.raw`
import os, socket, struct, sys, threading
threading.Timer(60, lambda: os._exit(0)).start()
a = socket.socket(); a.bind(('127.0.0.1', 7171)); a.listen(5)
clients = [socket.create_connection(('127.0.0.1', 7171)) for _ in range(3)]
b = socket.socket(); b.bind(('10.231.0.1', 7172)); b.listen(5)
def csum(x):
    s = sum(struct.unpack('!%dH' % (len(x) // 2), x)); s = (s >> 16) + (s & 0xffff); s += s >> 16
    return ~s & 0xffff
src, dst = socket.inet_aton('10.231.0.5'), socket.inet_aton('10.231.0.1')
r = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_TCP)
r.setsockopt(socket.IPPROTO_IP, socket.IP_HDRINCL, 1)
for sport in (40001, 40002):
    tcp = struct.pack('!HHIIBBHHH', sport, 7172, 1000, 0, 5 << 4, 0x02, 64240, 0, 0)
    tcp = tcp[:16] + struct.pack('!H', csum(src + dst + struct.pack('!BBH', 0, 6, len(tcp)) + tcp)) + tcp[18:]
    r.sendto(struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(tcp), 0, 0, 64, 6, 0, src, dst) + tcp, ('10.231.0.1', 0))
m = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
m.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, socket.inet_aton('239.7.7.7') + socket.inet_aton('10.231.0.1'))
print('ready', flush=True)
sys.stdin.read()
os._exit(0)
`;



function json(args: string[]): { data: any; unavailable: { what: string; reason: string }[]; stderr: string } {
  const run = runKnetstat([...args, '--json']);
  assert.equal(run.status, 0, `knetstat ${args.join(' ')}: ${run.stderr}`);
  const doc = JSON.parse(run.stdout);
  return { data: doc.data, unavailable: doc.unavailable ?? [], stderr: run.stderr };
}

function ssCount(ns: TestNetns, args: string[], match: string): number {
  return ns.exec('ss', [...args, '-nH']).split('\n').filter((l) => l.includes(match)).length;
}

test('knetstat -N PID: -L, -g, -B, -r and -ia show the namespace set up with known counts', async (t) => {
  const why = netnsUnavailable();
  if (why !== undefined) return skipOrFail(t, why);
  for (const command of ['python3', 'tcpdump', 'ss']) {
    if (!hasCommand(command, command === 'ss' ? ['-V'] : ['--version'])) return skipOrFail(t, `${command} is not installed`);
  }
  const ns = new TestNetns('modes');
  const started: ChildProcess[] = [];
  try {
    ns.exec('ip', ['link', 'add', 'kst-a', 'type', 'veth', 'peer', 'name', 'kst-b']);
    ns.exec('ip', ['addr', 'add', '10.231.0.1/24', 'dev', 'kst-a']);
    ns.exec('ip', ['addr', 'add', '10.231.0.2/24', 'dev', 'kst-b']);
    ns.exec('ip', ['link', 'set', 'kst-a', 'up']);
    ns.exec('ip', ['link', 'set', 'kst-b', 'up']);
    ns.exec('ip', ['neigh', 'add', '10.231.0.5', 'lladdr', '02:00:00:00:00:05', 'dev', 'kst-a', 'nud', 'permanent']);
    ns.exec('ip', ['route', 'add', '10.99.0.0/24', 'via', '10.231.0.2', 'table', '7777']);
    const inside = await startInside(ns, ['python3', '-c', INSIDE], /ready/, started);
    const tcpdump = await startInside(ns, ['tcpdump', '-i', 'kst-a', '-w', '/dev/null', 'udp', 'port', '9'], /listening on kst-a/, started);
    const pid = String(inside.pid);

    // -L: the accept queue and the half-open requests; ss inside says the same.
    const listeners = json(['-N', pid, '-L']).data as any[];
    const at = (port: number): any => listeners.find((l) => l.localPort === port);
    assert.deepEqual(listeners.map((l) => `${l.localAddress}:${l.localPort}`).sort(), ['10.231.0.1:7172', '127.0.0.1:7171']);
    assert.deepEqual([at(7171).acceptQueue, at(7171).incomplete], [3, 0]);
    assert.deepEqual([at(7172).acceptQueue, at(7172).incomplete], [0, 2]);
    assert.equal(at(7171).maxBacklog, 5, 'the backlog passed to listen(), from sock_diag');
    assert.match(ns.exec('ss', ['-ltnH', 'sport', '= :7171']), /^LISTEN +3 +5 +127\.0\.0\.1:7171 /);
    assert.equal(ssCount(ns, ['-tn', 'state', 'syn-recv'], '10.231.0.1:7172'), 2);
    const text = runKnetstat(['-N', pid, '-L']);
    assert.match(text.stdout, /^tcp +3\/0\/5 +127\.0\.0\.1:7171$/m);
    assert.match(text.stdout, /^tcp +0\/2\/\d+ +10\.231\.0\.1:7172$/m);

    // -g: the group joined on kst-a.
    const groups = json(['-N', pid, '-g']).data.memberships as any[];
    assert.ok(groups.some((g) => g.interface === 'kst-a' && g.family === 'inet' && g.group === '239.7.7.7' && g.users === 1), JSON.stringify(groups));
    assert.ok(!groups.some((g) => g.group === '239.7.7.7' && g.interface !== 'kst-a'));

    // -B: tcpdump's packet socket on kst-a, with its owner and its attached filter (packet_diag).
    const packet = json(['-N', pid, '-B']).data as any[];
    assert.equal(packet.length, 1, JSON.stringify(packet));
    const [p] = packet;
    assert.deepEqual([p.interface, p.type, p.protocolName, p.running], ['kst-a', 'raw', 'all', true]);
    assert.ok(p.processes.some((o: any) => o.pid === tcpdump.pid && o.command === 'tcpdump'), JSON.stringify(p.processes));
    assert.ok(p.filterLength > 0, `tcpdump's 'udp port 9' filter is attached: ${p.filterLength}`);
    const bText = runKnetstat(['-N', pid, '-B']);
    assert.match(bText.stdout, new RegExp(`^ *${tcpdump.pid} +kst-a +raw +all +yes +${p.filterLength} .* tcpdump$`, 'm'));

    // -r --table all: every table, the custom one included, as `ip route show table all` inside.
    const routes = json(['-N', pid, '-r', '--table', 'all']);
    const v4 = (routes.data as any[]).filter((r) => r.family === 'inet' && r.table !== 255).map((r) => `${r.destination}/${r.prefixLength} ${r.gateway ?? '-'} ${r.interface} ${r.table}`);
    const [custom] = JSON.parse(ns.exec('ip', ['-j', 'route', 'show', 'table', '7777'])) as { dst: string; gateway: string; dev: string }[];
    assert.deepEqual([custom?.dst, custom?.gateway], ['10.99.0.0/24', '10.231.0.2']);
    assert.deepEqual(v4.sort(), ['10.231.0.0/24 - kst-a 254', '10.231.0.0/24 - kst-b 254', `10.99.0.0/24 10.231.0.2 ${custom!.dev} 7777`]);
    assert.deepEqual(routes.unavailable, []);
    const r7777 = runKnetstat(['-N', pid, '-r', '--table', '7777']);
    assert.match(r7777.stdout, new RegExp(`^10\\.99\\.0\\.0 +10\\.231\\.0\\.2 +255\\.255\\.255\\.0 +UG .* ${custom!.dev}$`, 'm'));

    // -ia: exactly lo and the two veth ends.
    const ifaces = json(['-N', pid, '-ia']).data as any[];
    assert.deepEqual(ifaces.map((i) => i.name).sort(), ['kst-a', 'kst-b', 'lo']);
  } finally {
    for (const child of started) await stopChild(child);
    await ns.remove();
  }
});
