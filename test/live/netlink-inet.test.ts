/**
 * Live: internet sockets and listen queues from sock_diag, in a network namespace this test
 * makes and removes, holding known sockets (python3, which can leave connections unaccepted
 * and create a socket as another uid):
 * - a listener on 127.0.0.1:7301 made with listen(37), one accepted connection with 400
 *   bytes unread and one left in the accept queue, and a TIME_WAIT entry;
 * - a listener made as uid 1000 (127.0.0.2:7302, listen(3));
 * - a dual-stack [::]:7303 with an IPv4 client, a v6-only [::1]:7304 with a client;
 * - 10.232.0.1:7305 with two half-open requests: raw SYNs from 10.232.0.5, an address nobody
 *   has, behind a permanent neighbour entry to a MAC nobody has, so the requests stay;
 * - UDP sockets: 127.0.0.1:7306 with a queued datagram, a connected one, [::1]:7306 v6-only.
 * The namespace is quiet (nothing else runs in it), so the comparisons are exact; a few
 * attempts cover a SYN-ACK retransmit landing between two reads.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import type { InetSocket } from '../../src/records/socket.js';
import { NetlinkSockets } from '../../src/sources/netlink/channel.js';
import { readInetSockets } from '../../src/sources/netlink/inet-sockets.js';
import { readListenQueues } from '../../src/sources/netlink/listen-queues.js';
import { readSockets } from '../../src/sources/tree/assemble/sockets.js';
import { readListenQueues as readProcfsListenQueues } from '../../src/sources/tree/assemble/listen-queues.js';
import { pidLayout } from '../../src/sources/tree/layouts.js';
import { TreeReader } from '../../src/sources/tree/reader.js';
import { TestNetns, canCreateNetns, startInside, stopChild } from '../helpers/netns.js';
import { hasCommand, isRoot, skipOrFail } from '../helpers/skip.js';
import { SS_STATES, normalizeAny, splitEndpoint } from '../helpers/ss.js';

const INSIDE = String.raw`
import os, socket, struct, sys, threading, time
threading.Timer(90, lambda: os._exit(0)).start()
a = socket.socket(); a.bind(('127.0.0.1', 7301)); a.listen(37)
c1 = socket.create_connection(('127.0.0.1', 7301)); s1, _ = a.accept()
c1.sendall(b'k' * 500); time.sleep(0.05); s1.recv(100)
c3 = socket.create_connection(('127.0.0.1', 7301)); s3, _ = a.accept(); c3.close(); time.sleep(0.05); s3.close()
c2 = socket.create_connection(('127.0.0.1', 7301))
os.seteuid(1000)
b = socket.socket(); b.bind(('127.0.0.2', 7302)); b.listen(3)
os.seteuid(0)
l6 = socket.socket(socket.AF_INET6); l6.bind(('::', 7303)); l6.listen(4)
c6 = socket.create_connection(('127.0.0.1', 7303)); s6, _ = l6.accept()
l6o = socket.socket(socket.AF_INET6); l6o.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1); l6o.bind(('::1', 7304)); l6o.listen(2)
c6b = socket.create_connection(('::1', 7304))
q = socket.socket(); q.bind(('10.232.0.1', 7305)); q.listen(5)
def csum(x):
    s = sum(struct.unpack('!%dH' % (len(x) // 2), x)); s = (s >> 16) + (s & 0xffff); s += s >> 16
    return ~s & 0xffff
src, dst = socket.inet_aton('10.232.0.5'), socket.inet_aton('10.232.0.1')
r = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_TCP)
r.setsockopt(socket.IPPROTO_IP, socket.IP_HDRINCL, 1)
for sport in (40001, 40002):
    tcp = struct.pack('!HHIIBBHHH', sport, 7305, 1000, 0, 5 << 4, 0x02, 64240, 0, 0)
    tcp = tcp[:16] + struct.pack('!H', csum(src + dst + struct.pack('!BBH', 0, 6, len(tcp)) + tcp)) + tcp[18:]
    r.sendto(struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(tcp), 0, 0, 64, 6, 0, src, dst) + tcp, ('10.232.0.1', 0))
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('127.0.0.1', 7306))
uc = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); uc.connect(('127.0.0.1', 7306)); uc.send(b'x' * 100)
u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); u6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1); u6.bind(('::1', 7306))
time.sleep(0.2)
print('ready', flush=True)
sys.stdin.read()
os._exit(0)
`;

let skipReason: string | undefined;
let ns: TestNetns | undefined;
let inside: ChildProcess | undefined;
let channel: NetlinkSockets | undefined;

before(async () => {
  if (!isRoot()) return void (skipReason = 'needs root to create network namespaces');
  skipReason = canCreateNetns();
  if (skipReason !== undefined) return;
  for (const command of ['python3', 'ss']) {
    if (!hasCommand(command, command === 'ss' ? ['-V'] : ['--version'])) return void (skipReason = `${command} is not installed`);
  }
  ns = new TestNetns('nlinet');
  ns.exec('ip', ['link', 'add', 'nli-a', 'type', 'veth', 'peer', 'name', 'nli-b']);
  ns.exec('ip', ['addr', 'add', '10.232.0.1/24', 'dev', 'nli-a']);
  ns.exec('ip', ['addr', 'add', '10.232.0.2/24', 'dev', 'nli-b']);
  ns.exec('ip', ['link', 'set', 'nli-a', 'up']);
  ns.exec('ip', ['link', 'set', 'nli-b', 'up']);
  ns.exec('ip', ['neigh', 'add', '10.232.0.5', 'lladdr', '02:00:00:00:00:05', 'dev', 'nli-a', 'nud', 'permanent']);
  inside = await startInside(ns, ['python3', '-c', INSIDE], /ready/, []);
  channel = new NetlinkSockets(`/run/netns/${ns.name}`);
  try {
    await channel.socket(4);
  } catch (cause) {
    skipReason = `no netlink socket: ${(cause as Error).message}`;
  }
});

after(async () => {
  await channel?.close();
  if (inside !== undefined) await stopChild(inside);
  await ns?.remove();
});

/**
 * (state, local, remote, inode, uid) of every socket in `ss -<flags>anieH` inside the namespace.
 * A socket is one line starting with its state; -i adds indented continuation lines, skipped.
 * -e prints "uid:N" only when N is not 0 and "ino:N" always.
 */
function ssTuples(flags: string): string[] {
  const out: string[] = [];
  for (const line of ns!.exec('ss', [`-${flags}anieH`]).split('\n')) {
    if (line.length === 0 || /^\s/.test(line)) continue;
    const f = line.trim().split(/\s+/);
    const state = SS_STATES[f[0]!];
    assert.ok(state !== undefined, `unknown ss state in: ${line}`);
    const [la, lp] = splitEndpoint(f[3]!);
    const [ra, rp] = splitEndpoint(f[4]!);
    const inode = /\bino:(\d+)/.exec(line)?.[1];
    assert.ok(inode !== undefined, `no ino: in: ${line}`);
    const uid = /\buid:(\d+)/.exec(line)?.[1] ?? '0';
    out.push(`${state} ${normalizeAny(la)}:${lp} ${normalizeAny(ra)}:${rp} ino:${inode} uid:${uid}`);
  }
  return out.sort();
}

function ourTuples(sockets: readonly InetSocket[]): string[] {
  return sockets.map((s) => `${s.state} ${normalizeAny(s.localAddress)}:${s.localPort} ${normalizeAny(s.remoteAddress)}:${s.remotePort} ino:${s.inode} uid:${s.uid}`).sort();
}

for (const [protocol, flags, count] of [['tcp', 't', 16], ['udp', 'u', 3]] as const) {
  test(`${protocol}: the sock_diag socket set equals ss -${flags}anie by (state, local, remote, inode, uid)`, async (t) => {
    if (skipReason !== undefined) return skipOrFail(t, skipReason);
    const part = await readInetSockets(channel!, { protocol }, { internals: true, memory: true });
    assert.deepEqual(part.issues, []);
    assert.deepEqual(part.unavailable, []);
    const ours = ourTuples(part.data);
    assert.deepEqual(ours, ssTuples(flags));
    assert.equal(ours.length, count, ours.join('\n'));
  });
}

test('the listener made with listen(37) shows maxBacklog 37, its accept queue and its uid; listen queues agree', async (t) => {
  if (skipReason !== undefined) return skipOrFail(t, skipReason);
  const part = await readInetSockets(channel!, { protocol: 'tcp', state: 'LISTEN' });
  const at = (port: number): InetSocket => part.data.find((s) => s.localPort === port)!;
  assert.deepEqual([at(7301).maxBacklog, at(7301).recvQueue, at(7301).sendQueue], [37, 1, 0]);
  assert.deepEqual([at(7302).maxBacklog, at(7302).uid], [3, 1000]);
  assert.deepEqual([at(7303).v6Only, at(7304).v6Only], [false, true]);
  const queues = await readListenQueues(channel!);
  assert.deepEqual(
    queues.data.map((q) => `${q.localAddress}:${q.localPort} ${q.acceptQueue}/${q.incomplete}/${q.maxBacklog}`).sort(),
    ['10.232.0.1:7305 0/2/5', '127.0.0.1:7301 1/0/37', '127.0.0.2:7302 0/0/3', '::1:7304 1/0/2', ':::7303 0/0/4'],
  );
  const procfs = await readProcfsListenQueues(new TreeReader(pidLayout(inside!.pid!).layout));
  assert.deepEqual(
    queues.data.map((q) => ({ ...q, maxBacklog: undefined })),
    procfs.data,
  );
});

test('netlink and procfs records of the same sockets agree on every field both give', async (t) => {
  if (skipReason !== undefined) return skipOrFail(t, skipReason);
  const reader = new TreeReader(pidLayout(inside!.pid!).layout);
  const query = { protocol: ['tcp', 'udp'] as const };
  let problems: string[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const theirs = (await readSockets(reader, { protocol: ['tcp', 'udp'] })).data as InetSocket[];
    const ours = (await readInetSockets(channel!, { protocol: [...query.protocol] }, { internals: true, memory: true })).data;
    problems = compare(ours, theirs);
    if (problems.length === 0) break;
  }
  assert.deepEqual(problems, []);
});

function key(s: InetSocket): string {
  return `${s.protocol} ${s.family} ${s.localAddress}:${s.localPort} ${s.remoteAddress}:${s.remotePort} ${s.state}`;
}

/** Differences between two readings of the same sockets; procfs read first, so its timers may be ahead by the time between. */
function compare(ours: readonly InetSocket[], theirs: readonly InetSocket[]): string[] {
  const problems: string[] = [];
  const byKey = new Map(theirs.map((s) => [key(s), s]));
  if (ours.length !== theirs.length) problems.push(`${ours.length} sockets from netlink, ${theirs.length} from procfs`);
  let compared = 0;
  for (const s of ours) {
    const p = byKey.get(key(s));
    if (p === undefined) {
      problems.push(`only from netlink: ${key(s)}`);
      continue;
    }
    for (const [field, value] of Object.entries(s)) {
      const other = (p as Record<string, unknown>)[field];
      if (value === undefined || other === undefined || typeof value === 'object') continue;
      compared++;
      if (field === 'timerExpires' && s.timer !== 'off') {
        const lag = Number((other as bigint) - (value as bigint));
        if (lag < 0 || lag > 100) problems.push(`${key(s)}: timer ${value} ticks, procfs ${other}`);
      } else if (value !== other) problems.push(`${key(s)}: ${field} ${String(value)}, procfs ${String(other)}`);
    }
  }
  if (compared < 200) problems.push(`only ${compared} fields compared`);
  return problems;
}
