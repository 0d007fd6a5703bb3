/**
 * Packet (AF_PACKET) sockets from sock_diag (packet_diag) → `PacketSocket` records that
 * equal the /proc/net/packet ones wherever both give a field: the same type names,
 * protocol and protocol name (the procfs assembler's ethertype table), ifindex, running
 * flag, receive memory (SK_MEMINFO rmem_alloc is the sk_rmem_alloc procfs prints), uid
 * and inode. packet_diag adds rings, fanout, socket options, memory and the attached
 * filter's length; it lacks the reference count and kernel address (undefined here).
 *
 * Interface names, as for procfs: only from a map the caller took from an interfaces
 * reading of the same namespace. Errors from the channel or the dump (no koffi, no
 * packet_diag module: E_UNAVAILABLE) are thrown: the source decides whether procfs serves.
 */
import { issue } from '../../errors.js';
import { FANOUT_MODES, type PacketSocket } from '../../records/packet-socket.js';
import { NETLINK_SOCK_DIAG, SOCK_DIAG_BY_FAMILY } from '../../protocol/netlink/constants.js';
import {
  PACKET_DIAG_FILE,
  PACKET_SHOW_FANOUT,
  PACKET_SHOW_FILTER,
  PACKET_SHOW_INFO,
  PACKET_SHOW_MCLIST,
  PACKET_SHOW_MEMINFO,
  PACKET_SHOW_RING_CFG,
  buildPacketDiagRequest,
  parsePacketDiagMessage,
  type PacketDiagMessage,
} from '../../protocol/netlink/packet-diag.js';
import { emptyPart, type Part } from '../tree/assemble/part.js';
import { ethertypeName, type PacketSocketOptions } from '../tree/assemble/packet-sockets.js';
import type { NetlinkChannel } from './channel.js';

export type { PacketSocketOptions };

const SHOW = PACKET_SHOW_INFO | PACKET_SHOW_MCLIST | PACKET_SHOW_RING_CFG | PACKET_SHOW_FANOUT | PACKET_SHOW_MEMINFO | PACKET_SHOW_FILTER;

/** Socket types, include/linux/net.h enum sock_type (as /proc/net/packet's Type column). */
const TYPES: Readonly<Record<number, PacketSocket['type']>> = { 2: 'dgram', 3: 'raw', 10: 'packet' };

export async function readPacketSockets(channel: NetlinkChannel, options: PacketSocketOptions = {}): Promise<Part<PacketSocket[]>> {
  const part = emptyPart<PacketSocket[]>([]);
  const socket = await channel.socket(NETLINK_SOCK_DIAG);
  await socket.dump(SOCK_DIAG_BY_FAMILY, buildPacketDiagRequest({ show: SHOW }), (bytes, view, type, start, end) => {
    if (type !== SOCK_DIAG_BY_FAMILY) {
      part.issues.push(issue(PACKET_DIAG_FILE, undefined, 'unknown-format', `message type ${type} at byte ${start}, not SOCK_DIAG_BY_FAMILY`));
      return;
    }
    const message = parsePacketDiagMessage(bytes, view, start, end, part.issues);
    if (message === undefined) return;
    const record = packetSocketFromDiag(message, options.interfaceNames);
    if (record === undefined) {
      part.issues.push(issue(PACKET_DIAG_FILE, undefined, 'unknown-format', `socket ${message.inode}: no PACKET_DIAG_INFO, so no interface index; socket left out`));
    } else {
      part.data.push(record);
    }
  });
  return part;
}

/**
 * One packet_diag message (asked with every PACKET_SHOW_* bit) as a record. Undefined
 * without PACKET_DIAG_INFO: the record's ifindex is required and nothing else gives it.
 */
export function packetSocketFromDiag(m: PacketDiagMessage, names?: ReadonlyMap<number, string>): PacketSocket | undefined {
  const info = m.info;
  if (info === undefined) return undefined;
  const out: PacketSocket = {
    type: TYPES[m.type] ?? 'other',
    typeNumber: m.type,
    protocol: m.protocol,
    ifindex: info.ifindex,
    inode: m.inode,
    running: info.running,
    copyThreshold: info.copyThreshold !== 0,
    auxData: info.auxData,
    origDev: info.origDev,
    vnetHeader: info.vnetHeader,
    tpVersion: info.version,
    reserve: info.reserve,
  };
  const protocolName = ethertypeName(m.protocol);
  if (protocolName !== undefined) out.protocolName = protocolName;
  const name = info.ifindex > 0 ? names?.get(info.ifindex) : undefined;
  if (name !== undefined) out.interface = name;
  if (m.uid !== undefined) out.uid = m.uid;
  if (m.memory !== undefined) {
    out.memory = m.memory;
    if (m.memory.rmem_alloc !== undefined) out.rmem = m.memory.rmem_alloc;
  }
  if (m.rxRing !== undefined) {
    out.rxRingBlockSize = m.rxRing.blockSize;
    out.rxRingBlocks = m.rxRing.blocks;
    out.rxRingFrameSize = m.rxRing.frameSize;
    out.rxRingFrames = m.rxRing.frames;
  }
  if (m.txRing !== undefined) {
    out.txRingBlockSize = m.txRing.blockSize;
    out.txRingBlocks = m.txRing.blocks;
    out.txRingFrameSize = m.txRing.frameSize;
    out.txRingFrames = m.txRing.frames;
  }
  if (m.fanout !== undefined) {
    out.fanoutGroup = m.fanout.id;
    const mode = FANOUT_MODES[m.fanout.mode];
    if (mode !== undefined) out.fanoutMode = mode;
  }
  // Asked for with PACKET_SHOW_FILTER: no attribute means no filter (0); an empty one means hidden (undefined).
  if (m.filterInstructions !== undefined) out.filterLength = m.filterInstructions;
  else if (m.filterHidden !== true) out.filterLength = 0;
  return out;
}
