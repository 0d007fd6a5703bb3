/**
 * Packet (AF_PACKET) sockets: the capture sockets of tcpdump, libpcap, DHCP clients,
 * LLDP agents — Linux's peer of the BSD bpf device that `netstat -B` lists.
 *
 * /proc/net/packet (net/packet/af_packet.c packet_seq_show) gives the identity, type,
 * protocol, interface, running flag, receive memory, uid and inode. The rings, fanout
 * group and attached filter exist only in the netlink packet_diag reply
 * (PACKET_DIAG_RX_RING, _TX_RING, _FANOUT, _FILTER): from procfs those fields stay
 * undefined, never zero.
 */
import { defineRecord, f, opt, type RecordOf } from './field.js';
import { processOwnerSchema } from './process-owner.js';

const FILLED_BY_DIAG = 'Not printed in /proc/net/packet: netlink packet_diag fills it; undefined from procfs.';

/** Fanout modes, include/uapi/linux/if_packet.h PACKET_FANOUT_* (hash = 0 … ebpf = 7). */
export const FANOUT_MODES = ['hash', 'lb', 'cpu', 'rollover', 'rnd', 'qm', 'cbpf', 'ebpf'] as const;

export const packetSocketSchema = defineRecord('packet-socket', 'An AF_PACKET (packet capture / raw link-layer) socket.', {
  kernelAddress: opt.string(
    'Kernel address of the struct sock, as printed (%pK): hashed, or all zeros under kptr_restrict. Identifies the socket within one reading only.',
    { kernel: 'sk' },
  ),
  refCount: opt.u32('References held on the socket (sk_refcnt).', { kernel: 'RefCnt' }),
  type: f.enum(
    ['raw', 'dgram', 'packet', 'other'],
    'Socket type: raw (SOCK_RAW, link-layer header included), dgram (SOCK_DGRAM, header removed), packet (SOCK_PACKET, the obsolete Linux 2.0 interface), other (see typeNumber).',
    { kernel: 'Type' },
  ),
  typeNumber: f.u32('Socket type number as the kernel prints it (SOCK_DGRAM 2, SOCK_RAW 3, SOCK_PACKET 10).', { kernel: 'Type' }),
  protocol: f.u32(
    'Ethertype the socket receives (host order; 0 = none yet, receives nothing until bound with a protocol; 0x0003 = all).',
    { kernel: 'Proto' },
  ),
  protocolName: opt.string(
    'Name of the ethertype as iproute2 prints it (all, ip, ipv6, arp, 802.1Q, …); undefined for ethertypes without a common name.',
  ),
  ifindex: f.i32(
    'Interface index the socket is bound to: 0 = not bound (all interfaces); -1 = the bound interface was unregistered (af_packet.c packet_notifier).',
    { kernel: 'Iface' },
  ),
  interface: opt.string(
    'Name of the bound interface, when the reading resolved it from the same network namespace; undefined when not bound or not resolved.',
  ),
  running: opt.bool('Whether the socket\'s protocol hook is registered, i.e. it receives: a protocol is set and, when bound, the device is up (register_prot_hook).', { kernel: 'R' }),
  rmem: opt.u64('Bytes of queued receive buffers (sk_rmem_alloc).', { unit: 'bytes', kernel: 'Rmem' }),
  uid: opt.u32('Owner uid (from the reading user namespace; 65534 when unmapped).', { kernel: 'User' }),
  inode: f.u32('Socket inode: the N of socket:[N] in /proc/<pid>/fd (get_next_ino, 32-bit).', { kernel: 'Inode' }),
  rxRingBlockSize: opt.u32(`Receive ring (PACKET_RX_RING) block size. ${FILLED_BY_DIAG}`, { unit: 'bytes', kernel: 'pdr_block_size' }),
  rxRingBlocks: opt.u32(`Receive ring block count. ${FILLED_BY_DIAG}`, { kernel: 'pdr_block_nr' }),
  rxRingFrameSize: opt.u32(`Receive ring frame size. ${FILLED_BY_DIAG}`, { unit: 'bytes', kernel: 'pdr_frame_size' }),
  rxRingFrames: opt.u32(`Receive ring frame count. ${FILLED_BY_DIAG}`, { kernel: 'pdr_frame_nr' }),
  txRingBlockSize: opt.u32(`Transmit ring (PACKET_TX_RING) block size. ${FILLED_BY_DIAG}`, { unit: 'bytes', kernel: 'pdr_block_size' }),
  txRingBlocks: opt.u32(`Transmit ring block count. ${FILLED_BY_DIAG}`, { kernel: 'pdr_block_nr' }),
  txRingFrameSize: opt.u32(`Transmit ring frame size. ${FILLED_BY_DIAG}`, { unit: 'bytes', kernel: 'pdr_frame_size' }),
  txRingFrames: opt.u32(`Transmit ring frame count. ${FILLED_BY_DIAG}`, { kernel: 'pdr_frame_nr' }),
  fanoutGroup: opt.u32(`Fanout group id (PACKET_FANOUT). ${FILLED_BY_DIAG}`, { kernel: 'PACKET_DIAG_FANOUT' }),
  fanoutMode: opt.enum(FANOUT_MODES, `Fanout mode. ${FILLED_BY_DIAG}`, { kernel: 'PACKET_DIAG_FANOUT' }),
  memory: opt.counters(`Socket memory by SK_MEMINFO_* name (rmem_alloc, rcvbuf, …). ${FILLED_BY_DIAG}`),
  copyThreshold: opt.bool(`PACKET_COPY_THRESH is set. ${FILLED_BY_DIAG}`, { kernel: 'PDI_COPY_THRESH' }),
  auxData: opt.bool(`PACKET_AUXDATA is set. ${FILLED_BY_DIAG}`, { kernel: 'PDI_AUXDATA' }),
  origDev: opt.bool(`PACKET_ORIGDEV is set. ${FILLED_BY_DIAG}`, { kernel: 'PDI_ORIGDEV' }),
  vnetHeader: opt.bool(`PACKET_VNET_HDR is set. ${FILLED_BY_DIAG}`, { kernel: 'PDI_VNET_HDR' }),
  tpVersion: opt.u32(`Ring format version (TPACKET_V1 = 0, V2 = 1, V3 = 2). ${FILLED_BY_DIAG}`, { kernel: 'pdi_version' }),
  reserve: opt.u32(`Bytes reserved in front of each ring frame (PACKET_RESERVE). ${FILLED_BY_DIAG}`, { unit: 'bytes', kernel: 'pdi_reserve' }),
  filterLength: opt.u32(`Instructions in the attached classic BPF filter (SO_ATTACH_FILTER); 0 when none is attached, undefined when the reader lacks CAP_NET_ADMIN (the kernel then hides it). ${FILLED_BY_DIAG}`, {
    kernel: 'PACKET_DIAG_FILTER',
  }),
  processes: opt.records(
    processOwnerSchema,
    'Processes holding the socket, when owners were asked for and the reader may see them; [] when none visible.',
  ),
  extra: opt.counters('Columns this library does not know yet, by the kernel\'s header name (decimal values only).'),
});

export type PacketSocket = RecordOf<typeof packetSocketSchema>;
