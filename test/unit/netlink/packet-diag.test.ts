/**
 * packet_diag request bytes and message parsing, on a real reply: test/fixtures/netlink/
 * packet-diag-all.bin was captured (kernel 6.18, every PACKET_SHOW_* bit, as root) in a
 * namespace holding six packet sockets:
 *   5593013 dgram, ipv6, made by fs uid 4321
 *   5593014 raw, all, bound to lo, a 4-instruction classic BPF filter, TPACKET_V2 rx ring
 *           (4 blocks of 4096, 8 frames of 2048), reserve 64, auxdata
 *   5593015 raw, ip, TPACKET_V3 rx ring (2 blocks of 8192, 8 frames of 2048, retire 60 ms),
 *           origdev, copy_thresh
 *   5593016 raw, 802.1Q, TPACKET_V1 tx ring (2 blocks of 4096, 4 frames of 2048), loss, vnet header
 *   5593017 dgram, arp, fanout group 42 mode lb (asked with the defrag flag, which the kernel
 *           does not report)
 *   5593018 raw, protocol 0 (not running), a multicast and a promiscuous membership on lo
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Issue } from '../../../src/errors.js';
import { buildPacketDiagRequest, parsePacketDiagMessage, type PacketDiagMessage } from '../../../src/protocol/netlink/packet-diag.js';
import { hex } from '../../helpers/bytes.js';
import { readCapture, replay } from '../../helpers/netlink-capture.js';

function parseCapture(): { messages: PacketDiagMessage[]; issues: Issue[]; outcome: string } {
  const messages: PacketDiagMessage[] = [];
  const issues: Issue[] = [];
  const walk = replay(readCapture('packet-diag-all'), (bytes, view, _type, start, end) => {
    const m = parsePacketDiagMessage(bytes, view, start, end, issues);
    if (m !== undefined) messages.push(m);
  });
  return { messages, issues, outcome: walk.outcome.kind };
}

function byInode(inode: number): PacketDiagMessage {
  const m = parseCapture().messages.find((x) => x.inode === inode);
  assert.ok(m !== undefined, `socket ${inode}`);
  return m;
}

function parseOne(payload: Uint8Array): { message: PacketDiagMessage | undefined; issues: Issue[] } {
  const issues: Issue[] = [];
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  return { message: parsePacketDiagMessage(payload, view, 0, payload.length, issues), issues };
}

const MEMORY_IDLE = { rmem_alloc: 0n, rcvbuf: 212992n, wmem_alloc: 0n, sndbuf: 212992n, fwd_alloc: 0n, wmem_queued: 0n, optmem: 0n, backlog: 0n, drops: 0n };
const NO_OPTIONS = { version: 0, reserve: 0, copyThreshold: 0, timestamp: 0, auxData: false, origDev: false, vnetHeader: false, loss: false };

test('the request is struct packet_diag_req: AF_PACKET, protocol 0, inode, show, cookie (20 bytes, host order)', () => {
  assert.deepEqual(buildPacketDiagRequest({ show: 0x3f }), hex('11 00 0000 | 00000000 | 3f000000 | 00000000 00000000'));
  assert.deepEqual(buildPacketDiagRequest({ inode: 5593014, show: 0x01, cookie: 2110655n }), hex('11 00 0000 | b6575500 | 01000000 | bf342000 00000000'));
});

test('the capture holds the six sockets, in the kernel\'s order, and no issue', () => {
  const { messages, issues, outcome } = parseCapture();
  assert.equal(outcome, 'done');
  assert.deepEqual(issues, []);
  assert.deepEqual(
    messages.map((m) => [m.inode, m.type, m.protocol, m.info?.ifindex, m.info?.running, m.uid]),
    [
      [5593013, 2, 0x86dd, 0, true, 4321],
      [5593014, 3, 0x0003, 1, true, 0],
      [5593015, 3, 0x0800, 0, true, 0],
      [5593016, 3, 0x8100, 0, true, 0],
      [5593017, 2, 0x0806, 0, true, 0],
      [5593018, 3, 0x0000, 0, false, 0],
    ],
  );
});

test('a capture socket bound to lo: filter length, TPACKET_V2 rx ring, reserve, auxdata, memory with the filter\'s optmem', () => {
  assert.deepEqual(byInode(5593014), {
    type: 3,
    protocol: 3,
    inode: 5593014,
    cookie: 2110655n,
    info: { ...NO_OPTIONS, ifindex: 1, version: 1, reserve: 64, flags: 3, running: true, auxData: true },
    uid: 0,
    memberships: [],
    rxRing: { blockSize: 4096, blocks: 4, frameSize: 2048, frames: 8, retireTimeoutMs: 0, sizeofPriv: 0, features: 0 },
    memory: { ...MEMORY_IDLE, optmem: 304n },
    filterInstructions: 4,
  });
});

test('a TPACKET_V3 rx ring reports its retire timeout; origdev and copy_thresh show in the info', () => {
  const m = byInode(5593015);
  assert.deepEqual(m.rxRing, { blockSize: 8192, blocks: 2, frameSize: 2048, frames: 8, retireTimeoutMs: 60, sizeofPriv: 0, features: 0 });
  assert.deepEqual(m.info, { ...NO_OPTIONS, ifindex: 0, version: 2, copyThreshold: 1, flags: 5, running: true, origDev: true });
  assert.equal(m.txRing, undefined);
  assert.equal(m.filterInstructions, undefined);
  assert.equal(m.filterHidden, undefined);
});

test('a tx ring, PACKET_LOSS and the vnet header', () => {
  const m = byInode(5593016);
  assert.deepEqual(m.txRing, { blockSize: 4096, blocks: 2, frameSize: 2048, frames: 4, retireTimeoutMs: 0, sizeofPriv: 0, features: 0 });
  assert.equal(m.rxRing, undefined);
  assert.deepEqual([m.info!.flags, m.info!.vnetHeader, m.info!.loss], [0x19, true, true]);
});

test('fanout: group id and mode; the defrag flag is not in the kernel\'s value', () => {
  assert.deepEqual(byInode(5593017).fanout, { id: 42, mode: 1, high: 0 });
  assert.equal(byInode(5593014).fanout, undefined);
});

test('memberships: index, count, type and address bytes', () => {
  assert.deepEqual(byInode(5593018).memberships, [
    { ifindex: 1, count: 1, type: 1, address: '' },
    { ifindex: 1, count: 1, type: 0, address: '01:00:5e:00:00:fb' },
  ]);
  assert.deepEqual(byInode(5593018).memory, MEMORY_IDLE);
});

test('an empty filter attribute means hidden (no CAP_NET_ADMIN), not zero instructions', () => {
  const { message, issues } = parseOne(hex('11 03 0300 | 01000000 | 00000000 00000000 | 04000700'));
  assert.deepEqual(issues, []);
  assert.equal(message!.filterHidden, true);
  assert.equal(message!.filterInstructions, undefined);
});

test('a filter that is not whole instructions, a short ring, an unknown attribute', () => {
  const { message, issues } = parseOne(hex('11 03 0300 | 01000000 | 00000000 00000000 | 10000700 0600000000000000 01020304 | 08000200 00100000 | 08006300 01020304'));
  assert.equal(message!.filterInstructions, 1);
  assert.equal(message!.rxRing, undefined);
  assert.deepEqual(message!.unknown, { 99: hex('01020304') });
  assert.deepEqual(issues.map((i) => i.code), ['bad-length', 'truncated']);
  assert.match(issues[0]!.message, /PACKET_DIAG_FILTER at byte 16 has 12 bytes, not a multiple of 8/);
  assert.match(issues[1]!.message, /PACKET_DIAG_RX_RING at byte 32 has 4 bytes, needs 28/);
});

test('an unbound-device socket: pdi_index -1 reads as -1', () => {
  const info = 'ffffffff 00000000 00000000 00000000 00000000 01000000';
  const { message } = parseOne(hex(`11 03 0300 | 01000000 | 00000000 00000000 | 1c000000 ${info}`));
  assert.equal(message!.info!.ifindex, -1);
});

test('a short header or another family gives no message, with an issue', () => {
  assert.deepEqual(parseOne(hex('11 03 0300 01000000')).issues.map((i) => i.code), ['truncated']);
  assert.deepEqual(parseOne(hex('01 03 0300 | 01000000 | 00000000 00000000')).issues.map((i) => i.code), ['unknown-format']);
});
