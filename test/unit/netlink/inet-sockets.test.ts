/**
 * Internet socket records from sock_diag (readInetSockets over replayed captures of a test
 * namespace, see inet-diag.test.ts for what it held) against the procfs records of the same
 * sockets: /proc/net/{tcp,tcp6,udp,udp6,udplite} of that namespace were saved just before the
 * capture (inet.proc-net-*.txt) and go through the procfs assembler unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { InetSocket } from '../../../src/records/socket.js';
import { readInetSockets, type InetSocketOptions } from '../../../src/sources/netlink/inet-sockets.js';
import type { SocketQuery } from '../../../src/sources/socket-query.js';
import { readSockets } from '../../../src/sources/tree/assemble/sockets.js';
import { TreeReader } from '../../../src/sources/tree/reader.js';
import { NETLINK_FIXTURES, readCapture } from '../../helpers/netlink-capture.js';
import { TCPDIAG_GETSOCK } from '../../../src/protocol/netlink/inet-diag.js';
import { inetReplayChannel, type InetDiagAsk } from '../../helpers/inet-replay-channel.js';

const CAPTURES: Record<string, string> = { '2/6': 'inet-tcp4', '10/6': 'inet-tcp6', '2/17': 'inet-udp4', '10/17': 'inet-udp6', '2/136': 'inet-udplite4' };

/** The capture of the request's family and protocol; internals requests get the capture made with them. */
function pick(ask: InetDiagAsk): string {
  const name = CAPTURES[`${ask.family}/${ask.protocol}`] ?? 'inet-raw4-enoent';
  return ask.protocol === 6 && (ask.ext & 0x02) !== 0 ? `${name}-internals` : name;
}

async function netlink(query: SocketQuery, options: InetSocketOptions = {}) {
  const channel = inetReplayChannel(pick);
  const part = await readInetSockets(channel, query, options);
  return { part, asked: channel.asked };
}

async function procfs(query: SocketQuery): Promise<InetSocket[]> {
  const overrides = Object.fromEntries(['tcp', 'tcp6', 'udp', 'udp6', 'udplite'].map((f) => [`proc/net/${f}`, join(NETLINK_FIXTURES, `inet.proc-net-${f}.txt`)]));
  const part = await readSockets(new TreeReader({ root: NETLINK_FIXTURES, overrides }), query);
  assert.deepEqual(part.issues, []);
  return part.data as InetSocket[];
}

function key(s: InetSocket): string {
  return `${s.protocol} ${s.family} ${s.localAddress}:${s.localPort} ${s.remoteAddress}:${s.remotePort} ${s.state}`;
}

const QUERY: SocketQuery = { protocol: ['tcp', 'udp'] };

test('the same sockets as procfs, and every field both give is equal (timers: a few ticks apart, procfs read first)', async () => {
  for (const options of [{}, { internals: true, memory: true }]) {
    const { part } = await netlink(QUERY, options);
    assert.deepEqual(part.issues, []);
    assert.deepEqual(part.unavailable, []);
    const theirs = new Map((await procfs(QUERY)).map((s) => [key(s), s]));
    assert.deepEqual(part.data.map(key).sort(), [...theirs.keys()].sort());
    let compared = 0;
    for (const ours of part.data) {
      const p = theirs.get(key(ours))!;
      for (const [field, value] of Object.entries(ours)) {
        const other = (p as Record<string, unknown>)[field];
        if (value === undefined || other === undefined || typeof value === 'object') continue;
        compared++;
        if (field === 'timerExpires' && ours.timer !== 'off') {
          const lag = Number((other as bigint) - (value as bigint));
          assert.ok(lag >= 0 && lag <= 10, `${key(ours)}: timer ${value} vs procfs ${other}`);
        } else assert.equal(value, other, `${key(ours)} ${field} (options ${JSON.stringify(options)})`);
      }
    }
    assert.ok(compared > 300, `${compared} fields compared`);
  }
});

test('a listener: accept queue in recvQueue, backlog in maxBacklog, sendQueue 0 as procfs prints it; only the keys netlink fills', async () => {
  const { part } = await netlink(QUERY);
  assert.deepEqual(
    part.data.find((s) => s.localPort === 7070 && s.state === 'LISTEN'),
    {
      protocol: 'tcp',
      family: 'inet',
      localAddress: '127.0.0.1',
      localPort: 7070,
      remoteAddress: '0.0.0.0',
      remotePort: 0,
      state: 'LISTEN',
      sendQueue: 0,
      recvQueue: 1,
      timer: 'off',
      timerExpires: 0n,
      retransmits: 0,
      uid: 0,
      timeout: 0,
      inode: 5600530,
      drops: undefined,
      maxBacklog: 7,
      v6Only: undefined,
      boundInterface: 0,
      cookie: 2110673n,
      processes: undefined,
      extra: undefined,
    },
  );
});

test('request sockets are SYN_RECV with the SYN-ACK timer in ticks; TIME_WAIT has its timer; uid 1000 and v6-only listeners', async () => {
  const { part } = await netlink(QUERY);
  const pick = (s: InetSocket) => [s.localPort, s.remoteAddress, s.remotePort, s.state, s.timer, s.timerExpires, s.retransmits, s.inode];
  assert.deepEqual(part.data.filter((s) => s.state === 'SYN_RECV').map(pick), [
    [7072, '10.231.0.5', 40002, 'SYN_RECV', 'on', 117n, 1, 0],
    [7072, '10.231.0.5', 40001, 'SYN_RECV', 'on', 117n, 1, 0],
  ]);
  assert.deepEqual(part.data.filter((s) => s.state === 'TIME_WAIT').map(pick), [[43372, '127.0.0.1', 7070, 'TIME_WAIT', 'timewait', 5814n, 0, 0]]);
  assert.deepEqual(part.data.filter((s) => s.uid !== 0).map((s) => [s.localAddress, s.localPort, s.uid, s.maxBacklog]), [['127.0.0.2', 7071, 1000, 3]]);
  assert.deepEqual(
    part.data.filter((s) => s.v6Only !== undefined).map((s) => [s.protocol, s.localAddress, s.localPort, s.state, s.v6Only]),
    [
      ['tcp', '::', 7081, 'LISTEN', false],
      ['tcp', '::1', 7082, 'LISTEN', true],
      ['udp', '::1', 5353, 'CLOSE', true],
      ['udp', '::', 5357, 'CLOSE', false],
    ],
  );
  assert.deepEqual(
    part.data.filter((s) => s.family === 'inet6' && s.localPort === 7081 && s.state === 'ESTABLISHED').map((s) => [s.localAddress, s.remoteAddress, s.remotePort]),
    [['::ffff:127.0.0.1', '::ffff:127.0.0.1', 37488]],
  );
});

test('UDP: receive-buffer memory in recvQueue, drops from SK_MEMINFO, the bound interface', async () => {
  const { part } = await netlink({ protocol: 'udp', family: 'inet' });
  assert.deepEqual(
    part.data.map((s) => [s.localAddress, s.localPort, s.state, s.recvQueue, s.drops, s.boundInterface, s.memory]),
    [
      ['127.0.0.1', 5353, 'CLOSE', 832, 0n, 0, undefined],
      ['127.0.0.1', 5354, 'ESTABLISHED', 0, 0n, 0, undefined],
      ['0.0.0.0', 5355, 'CLOSE', 0, 0n, 1, undefined],
      ['127.0.0.1', 5356, 'CLOSE', 2304, 19n, 0, undefined],
    ],
  );
});

test('TCP internals: rto/ato in ticks, cwnd, ssthresh -1 in initial slow start, rtt, congestion, tcpInfo, memory', async () => {
  const { part } = await netlink({ protocol: 'tcp', family: 'inet' }, { internals: true, memory: true });
  const keys = new Set(part.data.map((s) => Object.keys(s).join(',')));
  assert.equal(keys.size, 1, 'one set of keys for every record of a call');
  assert.equal([...keys][0]!.split(',').length, 33);
  const server = part.data.find((s) => s.inode === 5600532)!;
  const { tcpInfo, memory, ...rest } = server;
  assert.deepEqual(
    [rest.rto, rest.ato, rest.cwnd, rest.ssthresh, rest.rttUs, rest.rttVarUs, rest.totalRetransmits, rest.deliveryRate, rest.congestion, rest.retransmits, rest.timeout, rest.recvQueue],
    [20, 4, 10, -1, 27, 13, 0, 0n, 'bbr', 0, 0, 400],
  );
  assert.equal(Object.keys(tcpInfo!).length, 68);
  assert.equal(tcpInfo!.bytes_received, 500n);
  assert.deepEqual(memory, { rmem_alloc: 1332n, rcvbuf: 131072n, wmem_alloc: 0n, sndbuf: 3939840n, fwd_alloc: 2764n, wmem_queued: 0n, optmem: 0n, backlog: 0n, drops: 0n });
  assert.equal(server.drops, undefined, 'TCP has no drops column');
  const client = part.data.find((s) => s.inode === 5600531)!;
  assert.deepEqual([client.cwnd, client.deliveryRate, client.rto], [11, 2730666666n, 20]);
  const listener = part.data.find((s) => s.state === 'LISTEN' && s.localPort === 7070)!;
  assert.deepEqual(
    [listener.cwnd, listener.rto, listener.ato, listener.ssthresh, listener.fastOpenQueueMax, listener.rttUs, listener.congestion, listener.tcpInfo!.sacked],
    [10, undefined, undefined, undefined, undefined, undefined, 'bbr', 7n],
    'tcp_info gives a listener only cwnd (and aliases: unacked = accept queue, sacked = backlog)',
  );
  const timeWait = part.data.find((s) => s.state === 'TIME_WAIT')!;
  assert.deepEqual([timeWait.tcpInfo, timeWait.congestion, timeWait.memory, timeWait.cwnd], [undefined, undefined, undefined, undefined]);
});

test('the query picks the dumps and the kernel-side states; ports and states are filtered like procfs', async () => {
  const states = (asked: InetDiagAsk[]) => asked.map((a) => `${a.family}/${a.protocol} ext ${a.ext.toString(16)} states ${a.states.toString(16)}`);
  let r = await netlink({});
  assert.deepEqual(states(r.asked), ['2/6 ext 0 states 1ffe', '10/6 ext 0 states 1ffe', '2/17 ext 40 states 82', '10/17 ext 40 states 82', '2/136 ext 40 states 82', '10/136 ext 40 states 82', '2/255 ext 40 states 82', '10/255 ext 40 states 82']);
  assert.deepEqual(r.part.unavailable.map((u) => u.what), ['udplite6 sockets', 'raw sockets', 'raw6 sockets', 'icmp sockets', 'icmp6 sockets']);
  r = await netlink({ protocol: 'tcp', state: 'LISTEN' }, { internals: true });
  assert.deepEqual(states(r.asked), ['2/6 ext a states 400', '10/6 ext a states 400']);
  assert.deepEqual(r.part.data.map((s) => `${s.localAddress}:${s.localPort}`), ['127.0.0.1:7070', '10.231.0.1:7072', '127.0.0.2:7071', ':::7081', '::1:7082']);
  r = await netlink({ protocol: 'tcp', family: 'inet', state: ['SYN_RECV', 'BOUND_INACTIVE'] }, { memory: true });
  assert.deepEqual(states(r.asked), ['2/6 ext 40 states 3008']);
  assert.equal(r.part.data.length, 2);
  r = await netlink({ family: 'inet6', protocol: 'udp', state: 'ESTABLISHED' });
  assert.deepEqual(states(r.asked), ['10/17 ext 40 states 2']);
  r = await netlink({ state: 'LISTEN' });
  assert.deepEqual(states(r.asked), ['2/6 ext 0 states 400', '10/6 ext 0 states 400'], 'no datagram dump: they are never LISTEN');
  r = await netlink({ localPort: 7070 });
  assert.deepEqual(r.part.data.map((s) => `${s.state} ${s.remotePort}`), ['LISTEN 0', 'ESTABLISHED 43378', 'ESTABLISHED 43356']);
  r = await netlink({ port: 7081, protocol: 'tcp' });
  assert.deepEqual(r.part.data.map((s) => `${s.family} ${s.localPort} ${s.remotePort}`), ['inet 37488 7081', 'inet6 7081 0', 'inet6 7081 37488']);
  await assert.rejects(netlink({ state: 'WAITING' as never }), { code: 'E_ARGUMENT' });
});

test('ping sockets are unavailable without a dump; raw sockets are unavailable where the kernel lacks raw_diag', async () => {
  let r = await netlink({ protocol: 'icmp' });
  assert.deepEqual(r.asked, []);
  assert.deepEqual(r.part.data, []);
  assert.deepEqual(r.part.unavailable.map((u) => u.what), ['icmp sockets', 'icmp6 sockets']);
  r = await netlink({ protocol: 'raw', family: 'inet' });
  assert.deepEqual(r.asked.map((a) => [a.family, a.protocol]), [[2, 255]]);
  assert.deepEqual(r.part.unavailable, [{ what: 'raw sockets', reason: 'replay: the kernel refused message type 20: errno 2' }]);
  r = await netlink({ protocol: 'unix' });
  assert.deepEqual([r.asked, r.part.data, r.part.unavailable], [[], [], []], 'unix sockets are another assembler\'s');
});

test('UDP-Lite sockets come from their own handler (IPPROTO_UDPLITE)', async () => {
  const { part, asked } = await netlink({ protocol: 'udplite', family: 'inet' });
  assert.deepEqual(asked.map((a) => a.protocol), [136]);
  assert.deepEqual(part.data.map((s) => [s.protocol, s.localAddress, s.localPort, s.state, s.inode, s.drops]), [['udplite', '127.0.0.1', 5454, 'CLOSE', 5600569, 0n]]);
  const theirs = (await procfs({ protocol: 'udplite', family: 'inet' })).map((s) => [s.protocol, s.localAddress, s.localPort, s.state, s.inode, s.drops]);
  assert.deepEqual(part.data.map((s) => [s.protocol, s.localAddress, s.localPort, s.state, s.inode, s.drops]), theirs);
});

/**
 * The reply to TCPDIAG_GETSOCK made from the two captures: every data message of the IPv4
 * dump and then of the IPv6 one (their DONE dropped, one DONE at the end), with the request's
 * message type, and IPv6 messages interleaved with IPv4 ones as one hash walk gives them.
 */
function compatReply(): Uint8Array {
  const messages = (name: string): Uint8Array[] => {
    const bytes = readCapture(name);
    const out: Uint8Array[] = [];
    for (let at = 0; at + 16 <= bytes.length; ) {
      const view = new DataView(bytes.buffer, bytes.byteOffset + at);
      const len = view.getUint32(0, true);
      if (view.getUint16(4, true) === 20) out.push(bytes.slice(at, at + ((len + 3) & ~3)));
      at += (len + 3) & ~3;
    }
    return out;
  };
  const v4 = messages('inet-tcp4');
  const v6 = messages('inet-tcp6');
  const mixed: Uint8Array[] = [];
  for (let i = 0; i < Math.max(v4.length, v6.length); i++) mixed.push(...(i < v6.length ? [v6[i]!] : []), ...(i < v4.length ? [v4[i]!] : []));
  const seq = new DataView(mixed[0]!.buffer).getUint32(8, true);
  const done = new Uint8Array(20);
  new DataView(done.buffer).setUint32(0, 20, true);
  new DataView(done.buffer).setUint16(4, 3, true);
  new DataView(done.buffer).setUint32(8, seq, true);
  const reply = Buffer.concat([...mixed, done]);
  for (let at = 0; at + 16 <= reply.length; at += (reply.readUInt32LE(at) + 3) & ~3) if (reply.readUInt16LE(at + 4) === 20) reply.writeUInt16LE(TCPDIAG_GETSOCK, at + 4);
  return reply;
}

test('TCP of both families in one dump (TCPDIAG_GETSOCK): the same records as two, IPv4 first', async () => {
  const perFamily = await netlink({ protocol: 'tcp' });
  const channel = inetReplayChannel(pick, () => compatReply());
  const both = await readInetSockets(channel, { protocol: 'tcp' });
  assert.deepEqual(channel.asked, [], 'no request per family');
  assert.deepEqual(channel.compatAsked.map((a) => `ext ${a.ext} states ${a.states.toString(16)}`), ['ext 0 states 1ffe']);
  assert.deepEqual(both.issues, []);
  assert.deepEqual(both.data, perFamily.part.data, 'same records, IPv4 ones before IPv6 ones');
  const families = both.data.map((s) => s.family);
  assert.ok(families.indexOf('inet6') > families.lastIndexOf('inet'));
});

test('a kernel that refuses the one-dump request is asked per family', async () => {
  const channel = inetReplayChannel(pick);
  const r = await readInetSockets(channel, { protocol: 'tcp', internals: true });
  assert.equal(channel.compatAsked.length, 1);
  assert.equal(channel.compatAsked[0]!.ext, 0x0a, 'internals asked for in the one-dump request too');
  assert.deepEqual(channel.asked.map((a) => a.family), [2, 10]);
  assert.ok(r.data.length > 0);
});
