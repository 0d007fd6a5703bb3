/**
 * inet_diag request bytes and reply messages, on replies 6.18 sent for a test namespace:
 * listeners on 127.0.0.1:7070 (backlog 7, one connection queued), 10.231.0.1:7072 (two
 * half-open requests from raw SYNs), 127.0.0.2:7071 (made as uid 1000), [::]:7081
 * (dual-stack) and [::1]:7082 (v6-only); an accepted pair with 400 bytes left unread; a
 * TIME_WAIT entry; UDP sockets with a queued datagram, a connected one, one bound to lo and
 * one with a tiny receive buffer that dropped 19 datagrams.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  INET_DIAG_CONG,
  INET_DIAG_INFO,
  INET_DIAG_SKMEMINFO,
  InetDiagRow,
  buildInetDiagRequest,
  decodeInetDiagHeader,
  inetDiagExt,
  parseInetDiagMessage,
  scanInetDiagAttributes,
  type InetDiagSocket,
} from '../../../src/protocol/netlink/inet-diag.js';
import type { Issue } from '../../../src/errors.js';
import { readCapture, replay } from '../../helpers/netlink-capture.js';

function parseCapture(name: string): { sockets: InetDiagSocket[]; issues: Issue[]; outcome: string } {
  const sockets: InetDiagSocket[] = [];
  const issues: Issue[] = [];
  const walk = replay(readCapture(name), (bytes, view, _type, start, end) => {
    const r = parseInetDiagMessage(bytes, view, start, end, `sock_diag ${name}`);
    issues.push(...r.issues);
    if (r.socket !== undefined) sockets.push(r.socket);
  });
  return { sockets, issues, outcome: walk.outcome.kind };
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

test('the dump request: family, protocol, ext bits, states (host order), a zero socket id, 56 bytes', () => {
  const ext = inetDiagExt(INET_DIAG_INFO) | inetDiagExt(INET_DIAG_CONG) | inetDiagExt(INET_DIAG_SKMEMINFO);
  assert.equal(ext, 0x4a);
  const bytes = buildInetDiagRequest({ family: 10, protocol: 6, ext, states: 0x1ffe });
  assert.equal(bytes.length, 56);
  assert.equal(hex(bytes.subarray(0, 8)), '0a064a00fe1f0000');
  assert.ok(bytes.subarray(8).every((b) => b === 0));
});

test('the protocol attribute is appended only when asked (MPTCP-style handler numbers above 255)', () => {
  const bytes = buildInetDiagRequest({ family: 2, protocol: 6, states: 1 << 10, protocolAttribute: 262 });
  assert.equal(bytes.length, 64);
  assert.equal(hex(bytes.subarray(56)), '0800030006010000');
  assert.equal(inetDiagExt(17), 0, 'CLASS_ID has no ext bit of its own');
});

test('a listener with its accept queue, backlog, shutdown, mark, socket options and cgroup', () => {
  const { sockets, issues, outcome } = parseCapture('inet-listen4');
  assert.equal(outcome, 'done');
  assert.deepEqual(issues, []);
  assert.equal(sockets.length, 5);
  const l = sockets[0]!;
  assert.deepEqual(
    { ...l, source: hex(l.source), destination: hex(l.destination), otherAttributes: [...l.otherAttributes.keys()] },
    {
      family: 2,
      state: 10,
      timer: 0,
      retrans: 0,
      sourcePort: 7070,
      destinationPort: 0,
      source: '7f000001000000000000000000000000',
      destination: '00000000000000000000000000000000',
      interfaceIndex: 0,
      cookie: 2110673n,
      expiresMs: 0,
      rqueue: 1,
      wqueue: 7,
      uid: 0,
      inode: 5600530,
      shutdown: 0,
      v6Only: undefined,
      protocol: undefined,
      tos: undefined,
      tclass: undefined,
      mark: 0,
      classId: undefined,
      sockopt: 82,
      cgroupId: 1n,
      congestion: undefined,
      memInfo: undefined,
      skMemInfo: undefined,
      tcpInfo: undefined,
      otherAttributes: [],
    },
  );
  assert.equal(sockets[2]!.uid, 1000, 'the listener made as uid 1000');
});

test('request sockets come as SYN_RECV with the SYN-ACK timer and no SHUTDOWN attribute (only MARK, for CAP_NET_ADMIN)', () => {
  const requests = parseCapture('inet-listen4').sockets.filter((s) => s.state === 3);
  assert.deepEqual(
    requests.map((r) => [r.sourcePort, r.destinationPort, hex(r.destination.subarray(0, 4)), r.timer, r.retrans, r.expiresMs, r.inode, r.shutdown, r.mark]),
    [
      [7072, 40002, '0ae70005', 1, 1, 1172, 0, undefined, 0],
      [7072, 40001, '0ae70005', 1, 1, 1172, 0, undefined, 0],
    ],
  );
});

test('TCP internals: congestion name, SK_MEMINFO by name, tcp_info (68 fields of 6.18)', () => {
  const { sockets, issues } = parseCapture('inet-tcp4-internals');
  assert.deepEqual(issues, []);
  assert.equal(sockets.length, 11);
  const s = sockets.find((x) => x.inode === 5600532)!;
  assert.equal(s.rqueue, 400);
  assert.equal(s.congestion, 'bbr');
  assert.deepEqual(s.skMemInfo, { rmem_alloc: 1332n, rcvbuf: 131072n, wmem_alloc: 0n, sndbuf: 3939840n, fwd_alloc: 2764n, wmem_queued: 0n, optmem: 0n, backlog: 0n, drops: 0n });
  assert.equal(Object.keys(s.tcpInfo!).length, 68);
  assert.deepEqual(
    [s.tcpInfo!.state, s.tcpInfo!.rto, s.tcpInfo!.ato, s.tcpInfo!.rtt, s.tcpInfo!.rttvar, s.tcpInfo!.bytes_received, s.tcpInfo!.snd_wscale, s.tcpInfo!.rcv_wscale],
    [1n, 204000n, 40000n, 27n, 13n, 500n, 10n, 10n],
  );
  const tw = sockets.find((x) => x.state === 6)!;
  assert.deepEqual([tw.timer, tw.expiresMs, tw.tcpInfo, tw.shutdown, tw.mark], [3, 58148, undefined, undefined, 0], 'TIME_WAIT: timer only, no attributes but MARK');
});

test('IPv6: v6-only on listeners only, IPv4-mapped addresses as the kernel stores them', () => {
  const { sockets, issues } = parseCapture('inet-tcp6');
  assert.deepEqual(issues, []);
  assert.deepEqual(
    sockets.map((s) => [s.sourcePort, s.state, s.v6Only]),
    [
      [7081, 10, false],
      [7082, 10, true],
      [51520, 1, undefined],
      [7082, 1, undefined],
      [7081, 1, undefined],
    ],
  );
  assert.equal(hex(sockets[4]!.source), '00000000000000000000ffff7f000001');
});

test('UDP: queued datagram memory, the interface a socket is bound to, receive drops', () => {
  const { sockets, issues } = parseCapture('inet-udp4');
  assert.deepEqual(issues, []);
  assert.deepEqual(
    sockets.map((s) => [s.sourcePort, s.state, s.rqueue, s.interfaceIndex, s.skMemInfo?.drops]),
    [
      [5353, 7, 832, 0, 0n],
      [5354, 1, 0, 0, 0n],
      [5355, 7, 0, 1, 0n],
      [5356, 7, 2304, 0, 19n],
    ],
  );
});

test('the reused row gives the same values as the full parse, and resets attributes between messages', () => {
  const bytes = readCapture('inet-tcp4-internals');
  const row = new InetDiagRow();
  const seen: string[] = [];
  replay(bytes, (b, view, _t, start, end) => {
    assert.ok(decodeInetDiagHeader(view, start, end, row));
    scanInetDiagAttributes(view, start, end, row);
    const full = parseInetDiagMessage(b, view, start, end, 'x').socket!;
    assert.equal(row.sport, full.sourcePort);
    assert.equal(row.inode, full.inode);
    assert.equal(row.shutdown < 0 ? undefined : row.shutdown, full.shutdown);
    assert.equal(row.infoStart >= 0, full.tcpInfo !== undefined);
    seen.push(`${row.state}:${row.infoStart >= 0 ? 'info' : '-'}`);
  });
  assert.deepEqual(seen, ['10:info', '10:info', '10:info', '3:-', '1:info', '1:info', '6:-', '1:info', '1:info', '1:info', '3:-']);
});

test('a message shorter than struct inet_diag_msg is a truncated issue with its offset', () => {
  const bytes = readCapture('inet-udp4');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const r = parseInetDiagMessage(bytes, view, 16, 16 + 71, 'sock_diag udp');
  assert.equal(r.socket, undefined);
  assert.deepEqual(r.issues.map((i) => [i.code, i.offset, i.file]), [['truncated', 16, 'sock_diag udp']]);
});
