/**
 * Live: unix and packet sockets read over sock_diag (unix_diag, packet_diag) inside a
 * network namespace this test makes, against `ss` run in the same namespace and against
 * the procfs records of the same sockets (/proc/<pid>/net of a process inside it).
 *
 * The namespace holds a known set that nothing else touches, so the comparisons are exact:
 * a stream listener with an accepted connection and one still queued, a socketpair, an
 * abstract listener whose name has a NUL inside, a datagram server with a connected client,
 * a seqpacket listener, a path with a space and a non-ASCII letter, an unbound socket, a
 * unix and a packet socket owned by uid 4321, packet sockets with a BPF filter and rings
 * (TPACKET_V2 rx, V3 rx, V1 tx), a fanout group, memberships — and tcpdump on lo. A reader
 * without CAP_NET_ADMIN (a child under setpriv) must see every filter length as hidden.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PacketSocket } from '../../src/records/packet-socket.js';
import type { UnixSocket } from '../../src/records/socket.js';
import { NetlinkSockets } from '../../src/sources/netlink/channel.js';
import { readPacketSockets } from '../../src/sources/netlink/packet-sockets.js';
import { readUnixSockets } from '../../src/sources/netlink/unix-sockets.js';
import { readPacketSockets as readProcfsPacketSockets, ethertypeName } from '../../src/sources/tree/assemble/packet-sockets.js';
import { readSockets } from '../../src/sources/tree/assemble/sockets.js';
import { TreeReader } from '../../src/sources/tree/reader.js';
import { TestNetns, canCreateNetns, run, startInside, stopChild } from '../helpers/netns.js';
import { hasCommand, isRoot, skipOrFail } from '../helpers/skip.js';

// Python: socket options (SO_ATTACH_FILTER, rings, fanout, setfsuid) that Node cannot set.
const INSIDE = String.raw`
import ctypes, os, socket, struct, sys, threading
threading.Timer(120, lambda: os._exit(0)).start()
libc = ctypes.CDLL(None, use_errno=True)
keep = []
def u(kind):
    s = socket.socket(socket.AF_UNIX, kind); keep.append(s); return s
L = u(socket.SOCK_STREAM); L.bind('listener.sock'); L.listen(7)
c1 = u(socket.SOCK_STREAM); c1.connect('listener.sock')
c2 = u(socket.SOCK_STREAM); c2.connect('listener.sock')
a, _ = L.accept(); keep.append(a)
c1.send(b'x' * 100)
p1, p2 = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM); keep += [p1, p2]
p1.send(b'y' * 10)
ab = u(socket.SOCK_STREAM); ab.bind(b'\0kstat-abstract\0x'); ab.listen(3)
dg = u(socket.SOCK_DGRAM); dg.bind('dgram.sock')
dc = u(socket.SOCK_DGRAM); dc.connect('dgram.sock'); dc.send(b'z' * 33)
sp = u(socket.SOCK_SEQPACKET); sp.bind(b'\0kstat-seq'); sp.listen(1)
ws = u(socket.SOCK_DGRAM); ws.bind('with space \u00e9.sock')
unb = u(socket.SOCK_DGRAM)
libc.setfsuid(4321)
us = u(socket.SOCK_DGRAM); us.bind(b'\0kstat-uid')
SOL_PACKET = 263
def pkt(kind, proto):
    s = socket.socket(socket.AF_PACKET, kind, socket.htons(proto)); keep.append(s); return s
pu = pkt(socket.SOCK_DGRAM, 0x86dd)
libc.setfsuid(0)
def attach(s, prog):
    buf = ctypes.create_string_buffer(b''.join(struct.pack('HBBI', *i) for i in prog)); keep.append(buf)
    s.setsockopt(socket.SOL_SOCKET, 26, struct.pack('HL', len(prog), ctypes.addressof(buf)))
pk = pkt(socket.SOCK_RAW, 0x0003); pk.bind(('lo', 0))
attach(pk, [(0x28, 0, 0, 12), (0x15, 0, 1, 0x800), (0x06, 0, 0, 0x40000), (0x06, 0, 0, 0)])
pk.setsockopt(SOL_PACKET, 10, struct.pack('i', 1))
pk.setsockopt(SOL_PACKET, 12, struct.pack('I', 64))
pk.setsockopt(SOL_PACKET, 5, struct.pack('IIII', 4096, 4, 2048, 8))
pk.setsockopt(SOL_PACKET, 8, struct.pack('i', 1))
p3 = pkt(socket.SOCK_RAW, 0x0800)
p3.setsockopt(SOL_PACKET, 10, struct.pack('i', 2))
p3.setsockopt(SOL_PACKET, 5, struct.pack('IIIIIII', 8192, 2, 2048, 8, 60, 0, 0))
pt = pkt(socket.SOCK_RAW, 0x8100)
pt.setsockopt(SOL_PACKET, 15, struct.pack('i', 1))
pt.setsockopt(SOL_PACKET, 13, struct.pack('IIII', 4096, 2, 2048, 4))
pd = pkt(socket.SOCK_DGRAM, 0x0806)
pd.setsockopt(SOL_PACKET, 18, struct.pack('I', 42 | (1 << 16)))
pm = pkt(socket.SOCK_RAW, 0)
pm.setsockopt(SOL_PACKET, 1, struct.pack('iHH8s', 1, 0, 6, bytes.fromhex('01005e0000fb')))
print('ready', flush=True)
sys.stdin.read()
os._exit(0)
`;



const SS_UNIX_TYPES: Record<string, UnixSocket['type']> = { u_str: 'STREAM', u_dgr: 'DGRAM', u_seq: 'SEQPACKET' };
const SS_UNIX_STATES: Record<string, UnixSocket['state']> = { ESTAB: 'CONNECTED', UNCONN: 'UNCONNECTED', LISTEN: 'LISTEN' };

/**
 * "type state path inode peer rq sq" per line of `ss -xanH`; names may hold spaces, so fields
 * are taken from both ends. With `state` (an ss state filter naming one state) ss prints no
 * State column, so the word is put back.
 */
function ssUnix(ns: TestNetns, state?: { filter: string; word: string }): string[] {
  const out: string[] = [];
  for (const line of ns.exec('ss', ['-xanH', ...(state === undefined ? [] : ['state', state.filter])]).split('\n')) {
    const f = line.trim().split(/\s+/);
    if (state !== undefined && f.length > 1) f.splice(1, 0, state.word);
    if (f.length < 8) continue;
    const n = f.length;
    const path = f.slice(4, n - 3).join(' ');
    out.push(`${SS_UNIX_TYPES[f[0]!] ?? f[0]} ${SS_UNIX_STATES[f[1]!] ?? f[1]} ${path === '*' ? '-' : path} ${f[n - 3]} ${f[n - 1]} ${f[2]} ${f[3]}`);
  }
  return out.sort();
}

function ourUnix(sockets: UnixSocket[]): string[] {
  return sockets.map((s) => `${s.type} ${s.state} ${s.path ?? '-'} ${s.inode} ${s.peerInode} ${s.recvQueue} ${s.sendQueue}`).sort();
}

/** "type protocol interface inode uid" per packet socket of `ss -0 -a -e -n -H` (detail lines skipped). */
function ssPacket(ns: TestNetns, candidates: readonly number[]): string[] {
  const out: string[] = [];
  for (const line of ns.exec('ss', ['-0', '-a', '-e', '-n', '-H']).split('\n')) {
    const f = line.trim().split(/\s+/);
    if (!/^p_(raw|dgr)$/.test(f[0] ?? '')) continue;
    const local = f[4]!;
    const colon = local.lastIndexOf(':');
    const proto = local.slice(0, colon);
    const iface = local.slice(colon + 1);
    // ss prints "*" for ETH_P_ALL, "[N]" for a number, else iproute2's name.
    const protocol = proto === '*' ? 3 : /^\[\d+\]$/.test(proto) ? Number(proto.slice(1, -1)) : candidates.find((p) => ethertypeName(p) === proto);
    const uid = f.find((x) => x.startsWith('uid:'))?.slice(4) ?? '0';
    const inode = f.find((x) => x.startsWith('ino:'))!.slice(4);
    out.push(`${f[0] === 'p_raw' ? 'raw' : 'dgram'} ${protocol} ${iface === '*' ? '-' : iface} ${inode} ${uid}`);
  }
  return out.sort();
}

function ourPacket(sockets: PacketSocket[]): string[] {
  return sockets.map((s) => `${s.type} ${s.protocol} ${s.interface ?? '-'} ${s.inode} ${s.uid}`).sort();
}

/** ifindex → name inside the namespace (`ip -o link`): what an interfaces reading of the same source would give. */
function interfaceNames(ns: TestNetns): Map<number, string> {
  const names = new Map<number, string>();
  for (const line of ns.exec('ip', ['-o', 'link', 'show']).split('\n')) {
    const m = /^(\d+): ([^:@]+)[:@]/.exec(line);
    if (m !== null) names.set(Number(m[1]), m[2]!);
  }
  return names;
}

/** Asserts every field both records give is equal; returns the names of those fields. */
function sameShared<T extends object>(mine: T, other: T, what: string): string[] {
  const shared = (Object.keys(mine) as (keyof T)[]).filter((k) => mine[k] !== undefined && other[k] !== undefined);
  for (const k of shared) assert.deepEqual(mine[k], other[k], `${what}: field ${String(k)}`);
  return shared as string[];
}

function prerequisites(t: TestContext): boolean {
  if (!isRoot()) {
    skipOrFail(t, 'needs root to create network namespaces');
    return false;
  }
  const why = canCreateNetns();
  if (why !== undefined) {
    skipOrFail(t, why);
    return false;
  }
  for (const command of ['python3', 'tcpdump', 'ss']) {
    if (!hasCommand(command, command === 'ss' ? ['-V'] : ['--version'])) {
      skipOrFail(t, `${command} is not installed`);
      return false;
    }
  }
  return true;
}

test('sock_diag unix and packet sockets in a test namespace: equal to ss and to procfs', async (t) => {
  if (!prerequisites(t)) return;
  const ns = new TestNetns('nlunixpkt');
  const dir = mkdtempSync(join(tmpdir(), 'kstat-nl-unix-'));
  const started: ChildProcess[] = [];
  const channel = new NetlinkSockets(`/run/netns/${ns.name}`);
  try {
    const inside = await startInside(ns, ['python3', '-c', INSIDE], /ready/, started, dir);
    await startInside(ns, ['tcpdump', '-i', 'lo', '-w', '/dev/null', 'udp', 'port', '9'], /listening on lo/, started, dir);
    const names = interfaceNames(ns);
    const procfsReader = new TreeReader({ root: '/', overrides: { 'proc/net': `/proc/${inside.pid}/net` } });

    await t.test('unix: the netlink set equals ss -xa by type, state, path, inode, peer inode and queues', async () => {
      const { data, issues } = await readUnixSockets(channel, {});
      assert.deepEqual(issues, []);
      assert.equal(data.length, 13);
      assert.deepEqual(ourUnix(data), ssUnix(ns));
      const byPath = new Map(data.filter((s) => s.path !== undefined).map((s) => [`${s.type} ${s.state} ${s.path}`, s]));
      for (const key of ['STREAM LISTEN listener.sock', 'STREAM LISTEN @kstat-abstract@x', 'SEQPACKET LISTEN @kstat-seq', 'DGRAM CONNECTED dgram.sock', 'DGRAM UNCONNECTED with space é.sock']) {
        assert.ok(byPath.has(key), key);
      }
      const listener = byPath.get('STREAM LISTEN listener.sock')!;
      assert.deepEqual([listener.flags, listener.recvQueue, listener.sendQueue], [0x10000, 1, 7]);
      assert.equal(byPath.get('DGRAM UNCONNECTED @kstat-uid')!.uid, 4321);
    });

    // Not ss -xl: for ss, "listening" takes in unconnected datagram sockets too.
    await t.test('unix: a LISTEN query equals ss -xa state listening', async () => {
      const { data } = await readUnixSockets(channel, { state: 'LISTEN' });
      assert.deepEqual(ourUnix(data), ssUnix(ns, { filter: 'listening', word: 'LISTEN' }));
      assert.equal(data.length, 3);
    });

    await t.test('unix: every field netlink and procfs both give agrees; procfs alone lists the queued connection', async () => {
      const ours = (await readUnixSockets(channel, { memory: true })).data;
      const procfs = await readSockets(procfsReader, { protocol: 'unix' });
      assert.deepEqual(procfs.issues, []);
      const theirs = procfs.data as UnixSocket[];
      assert.deepEqual(
        theirs.filter((s) => !ours.some((o) => o.inode === s.inode)).map((s) => `${s.inode} ${s.state} ${s.path}`),
        ['0 CONNECTING listener.sock'],
      );
      for (const mine of ours) {
        assert.ok(mine.memory !== undefined && mine.memory.rcvbuf !== undefined, 'memory was asked for');
        const other = theirs.find((s) => s.inode === mine.inode);
        assert.ok(other !== undefined, `procfs lacks ${mine.inode}`);
        const shared = sameShared(mine, other, `unix ${mine.inode}`);
        for (const k of ['type', 'state', 'inode', 'flags']) assert.ok(shared.includes(k), `${mine.inode} ${k}`);
        assert.equal(other.path, mine.path);
      }
    });

    await t.test('packet: the netlink set equals ss -0 -a -e by type, protocol, interface, inode and uid', async () => {
      const { data, issues } = await readPacketSockets(channel, { interfaceNames: names });
      assert.deepEqual(issues, []);
      assert.equal(data.length, 7);
      assert.deepEqual(ourPacket(data), ssPacket(ns, data.map((s) => s.protocol)));
      const ours = data.find((s) => s.filterLength === 4 && s.rxRingFrames === 8 && s.tpVersion === 1)!;
      assert.deepEqual([ours.interface, ours.protocolName, ours.reserve, ours.auxData, ours.rxRingBlockSize, ours.rxRingBlocks], ['lo', 'all', 64, true, 4096, 4]);
      const dump = data.filter((s) => s.inode !== ours.inode && s.interface === 'lo');
      assert.equal(dump.length, 1, 'tcpdump\'s socket');
      assert.ok(dump[0]!.filterLength! > 0, 'tcpdump attached its filter');
      assert.ok(dump[0]!.rxRingBlocks! > 0, 'tcpdump maps a receive ring');
      assert.deepEqual(data.filter((s) => s.fanoutGroup !== undefined).map((s) => [s.fanoutGroup, s.fanoutMode, s.protocolName]), [[42, 'lb', 'arp']]);
      assert.deepEqual(data.filter((s) => s.txRingFrames !== undefined).map((s) => [s.txRingFrames, s.vnetHeader, s.protocolName]), [[4, true, '802.1Q']]);
      assert.deepEqual(data.filter((s) => s.uid === 4321).map((s) => s.protocolName), ['ipv6']);
    });

    await t.test('packet: every field netlink and procfs both give agrees, for the same sockets', async () => {
      const ours = (await readPacketSockets(channel, { interfaceNames: names })).data;
      const procfs = await readProcfsPacketSockets(procfsReader, { interfaceNames: names });
      assert.deepEqual(procfs.issues, []);
      assert.deepEqual(ours.map((s) => s.inode).sort(), procfs.data.map((s) => s.inode).sort());
      for (const mine of ours) {
        const other = procfs.data.find((s) => s.inode === mine.inode)!;
        const shared = sameShared(mine, other, `packet ${mine.inode}`);
        for (const k of ['type', 'typeNumber', 'protocol', 'ifindex', 'inode', 'running', 'rmem', 'uid']) assert.ok(shared.includes(k), `${mine.inode} ${k}`);
        assert.equal(mine.protocolName, other.protocolName);
        assert.equal(mine.interface, other.interface);
      }
    });
    await t.test('packet: a reader without CAP_NET_ADMIN gets the same sockets with every filter length hidden', async (st) => {
      if (!hasCommand('setpriv', ['--version'])) return skipOrFail(st, 'setpriv (util-linux) is not installed');
      const ours = (await readPacketSockets(channel, { interfaceNames: names })).data;
      const modules = {
        channel: new URL('../../src/sources/netlink/channel.js', import.meta.url).href,
        packet: new URL('../../src/sources/netlink/packet-sockets.js', import.meta.url).href,
      };
      const script = `
        const { NetlinkSockets } = await import(${JSON.stringify(modules.channel)});
        const { readPacketSockets } = await import(${JSON.stringify(modules.packet)});
        const channel = new NetlinkSockets(${JSON.stringify(`/run/netns/${ns.name}`)});
        const part = await readPacketSockets(channel);
        await channel.close();
        console.log(JSON.stringify(part.data.map((s) => [s.inode, s.filterLength ?? null, s.rxRingBlocks ?? null]).sort()));`;
      // Root without CAP_NET_ADMIN in its bounding set: still allowed to enter the namespace and dump.
      const out = run('setpriv', ['--bounding-set=-net_admin', process.execPath, '--input-type=module', '-e', script]);
      const expected = ours.map((s) => [s.inode, null, s.rxRingBlocks ?? null]).sort();
      assert.deepEqual(JSON.parse(out), JSON.parse(JSON.stringify(expected)));
      assert.ok(ours.filter((s) => (s.filterLength ?? 0) > 0).length === 2, 'our filter and tcpdump\'s are visible with the capability');
    });
  } finally {
    await channel.close();
    for (const child of started) await stopChild(child);
    await ns.remove();
    rmSync(dir, { recursive: true, force: true });
  }
});
