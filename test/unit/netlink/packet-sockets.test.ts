/**
 * Packet socket records from packet_diag (readPacketSockets over a replayed capture) against
 * the procfs records of the same sockets: /proc/net/packet of the same namespace was saved at
 * the moment of the capture (packet-diag-all.proc-net-packet.txt) and goes through the procfs
 * assembler unchanged. The sockets are listed in packet-diag.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { PacketSocket } from '../../../src/records/packet-socket.js';
import { packetSocketFromDiag, readPacketSockets } from '../../../src/sources/netlink/packet-sockets.js';
import { TreeReader } from '../../../src/sources/tree/reader.js';
import { readPacketSockets as readProcfsPacketSockets } from '../../../src/sources/tree/assemble/packet-sockets.js';
import { NETLINK_FIXTURES, readCapture } from '../../helpers/netlink-capture.js';
import { replayChannel } from '../../helpers/replay-channel.js';

const MEMORY_IDLE = { rmem_alloc: 0n, rcvbuf: 212992n, wmem_alloc: 0n, sndbuf: 212992n, fwd_alloc: 0n, wmem_queued: 0n, optmem: 0n, backlog: 0n, drops: 0n };
const NAMES = new Map([[1, 'lo']]);

async function procfs(): Promise<PacketSocket[]> {
  const reader = new TreeReader({ root: NETLINK_FIXTURES, overrides: { 'proc/net/packet': join(NETLINK_FIXTURES, 'packet-diag-all.proc-net-packet.txt') } });
  const part = await readProcfsPacketSockets(reader, { interfaceNames: NAMES });
  assert.deepEqual(part.issues, []);
  return part.data;
}

test('the request asks for every PACKET_SHOW_* attribute on one sock_diag socket', async () => {
  const channel = replayChannel('packet-diag-all');
  await readPacketSockets(channel);
  assert.deepEqual(channel.protocols, [4]);
  assert.equal(channel.dumps.length, 1);
  assert.equal(channel.dumps[0]!.type, 20);
  assert.deepEqual([...channel.dumps[0]!.payload], [17, 0, 0, 0, 0, 0, 0, 0, 0x3f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
});

test('the capture socket bound to lo, as a record', async () => {
  const { data, issues } = await readPacketSockets(replayChannel('packet-diag-all'), { interfaceNames: NAMES });
  assert.deepEqual(issues, []);
  assert.deepEqual(
    data.find((s) => s.inode === 5593014),
    {
      type: 'raw',
      typeNumber: 3,
      protocol: 3,
      protocolName: 'all',
      ifindex: 1,
      interface: 'lo',
      inode: 5593014,
      running: true,
      rmem: 0n,
      uid: 0,
      memory: { ...MEMORY_IDLE, optmem: 304n },
      rxRingBlockSize: 4096,
      rxRingBlocks: 4,
      rxRingFrameSize: 2048,
      rxRingFrames: 8,
      copyThreshold: false,
      auxData: true,
      origDev: false,
      vnetHeader: false,
      tpVersion: 1,
      reserve: 64,
      filterLength: 4,
    },
  );
});

test('every socket: type names, ethertype names, rings, fanout, options, filter length', async () => {
  const { data } = await readPacketSockets(replayChannel('packet-diag-all'));
  assert.deepEqual(
    data.map((s) => [s.inode, s.type, s.protocol, s.protocolName, s.ifindex, s.interface, s.running, s.uid, s.filterLength]),
    [
      [5593013, 'dgram', 0x86dd, 'ipv6', 0, undefined, true, 4321, 0],
      [5593014, 'raw', 0x0003, 'all', 1, undefined, true, 0, 4], // no names given: no interface
      [5593015, 'raw', 0x0800, 'ip', 0, undefined, true, 0, 0],
      [5593016, 'raw', 0x8100, '802.1Q', 0, undefined, true, 0, 0],
      [5593017, 'dgram', 0x0806, 'arp', 0, undefined, true, 0, 0],
      [5593018, 'raw', 0x0000, undefined, 0, undefined, false, 0, 0],
    ],
  );
  const byInode = new Map(data.map((s) => [s.inode, s]));
  const v3 = byInode.get(5593015)!;
  assert.deepEqual([v3.tpVersion, v3.rxRingBlockSize, v3.rxRingBlocks, v3.rxRingFrameSize, v3.rxRingFrames, v3.copyThreshold, v3.origDev], [2, 8192, 2, 2048, 8, true, true]);
  const tx = byInode.get(5593016)!;
  assert.deepEqual([tx.txRingBlockSize, tx.txRingBlocks, tx.txRingFrameSize, tx.txRingFrames, tx.vnetHeader, tx.rxRingBlocks], [4096, 2, 2048, 4, true, undefined]);
  const fanout = byInode.get(5593017)!;
  assert.deepEqual([fanout.fanoutGroup, fanout.fanoutMode], [42, 'lb']);
  assert.equal(byInode.get(5593013)!.fanoutGroup, undefined);
});

test('every field both paths give is equal, for the same six sockets', async () => {
  const ours = (await readPacketSockets(replayChannel('packet-diag-all'), { interfaceNames: NAMES })).data;
  const theirs = await procfs();
  assert.deepEqual(ours.map((s) => s.inode).sort(), theirs.map((s) => s.inode).sort());
  for (const mine of ours) {
    const other = theirs.find((s) => s.inode === mine.inode)!;
    const shared = (Object.keys(mine) as (keyof PacketSocket)[]).filter((k) => mine[k] !== undefined && other[k] !== undefined);
    for (const k of ['type', 'typeNumber', 'protocol', 'ifindex', 'inode', 'running', 'rmem', 'uid'] as const) assert.ok(shared.includes(k), `${mine.inode}: ${k}`);
    for (const k of shared) assert.deepEqual(mine[k], other[k], `socket ${mine.inode} field ${k}`);
    assert.equal(mine.protocolName, other.protocolName);
    assert.equal(mine.interface, other.interface);
  }
});

test('a hidden filter (no CAP_NET_ADMIN) leaves filterLength undefined; no info leaves the socket out', () => {
  const base = { type: 3, protocol: 3, inode: 7, cookie: 0n };
  const info = { ifindex: -1, version: 0, reserve: 0, copyThreshold: 0, timestamp: 0, flags: 0, running: false, auxData: false, origDev: false, vnetHeader: false, loss: false };
  const hidden = packetSocketFromDiag({ ...base, info, filterHidden: true })!;
  assert.equal(hidden.filterLength, undefined);
  assert.equal(hidden.ifindex, -1);
  assert.equal(hidden.interface, undefined);
  assert.equal(hidden.rmem, undefined); // no memory attribute: not a guessed 0
  assert.equal(packetSocketFromDiag(base), undefined);
});

test('a message without PACKET_DIAG_INFO becomes an issue, not a record', async () => {
  const bytes = readCapture('packet-diag-all');
  new DataView(bytes.buffer, bytes.byteOffset).setUint16(16 + 16 + 2, 99, true); // the first socket's INFO, retyped
  const { data, issues } = await readPacketSockets(replayChannel(bytes));
  assert.deepEqual(data.map((s) => s.inode), [5593014, 5593015, 5593016, 5593017, 5593018]);
  assert.deepEqual(issues.map((i) => [i.file, i.code]), [['sock_diag packet', 'unknown-format']]);
  assert.match(issues[0]!.message, /socket 5593013: no PACKET_DIAG_INFO/);
});
