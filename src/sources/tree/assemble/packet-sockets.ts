/**
 * /proc/net/packet rows → `PacketSocket` records. Owning processes are attached by the
 * source (tree-source.ts), the same way for every socket kind.
 *
 * Interface names: /proc/net/packet prints only the ifindex. The one cheap and correct
 * source of names is an interfaces reading of the SAME source (same network namespace);
 * /sys/class/net is not (it shows the namespace that mounted sysfs, which differs for a
 * pid/netns source), so this assembler reads no extra files for names: the caller passes
 * `interfaceNames` when it has them, otherwise `interface` stays undefined.
 */
import { issue, type Issue } from '../../../errors.js';
import type { PacketSocket } from '../../../records/packet-socket.js';
import { parseNetPacket, type NetPacketRow } from '../procfs/net-packet.js';
import type { TreeReader } from '../reader.js';
import { parseUnsignedCounter } from '../text/counter.js';
import { emptyPart, readInto, requireSome, type Part } from './part.js';

const FILE = 'proc/net/packet';

export interface PacketSocketOptions {
  /** ifindex → interface name, from an interfaces reading of the same source. */
  readonly interfaceNames?: ReadonlyMap<number, string>;
}

/** Socket types, include/linux/net.h enum sock_type. */
const TYPES: Readonly<Record<number, PacketSocket['type']>> = { 2: 'dgram', 3: 'raw', 10: 'packet' };

/**
 * Ethertype names as iproute2's lib/ll_proto.c prints them (what `ss -0` shows), plus
 * the kernel's ETH_P_ name, lowercased, for a few it lacks that packet sockets commonly
 * use (PAE: 802.1X supplicants; 1588: PTP daemons). include/uapi/linux/if_ether.h.
 */
const ETHERTYPES: ReadonlyMap<number, string> = new Map([
  [0x0001, '802_3'],
  [0x0003, 'all'],
  [0x0004, '802_2'],
  [0x0005, 'snap'],
  [0x000c, 'can'],
  [0x0060, 'loop'],
  [0x0800, 'ip'],
  [0x0806, 'arp'],
  [0x6558, 'teb'],
  [0x8035, 'rarp'],
  [0x8100, '802.1Q'],
  [0x86dd, 'ipv6'],
  [0x8847, 'mpls_uc'],
  [0x8848, 'mpls_mc'],
  [0x8863, 'ppp_disc'],
  [0x8864, 'ppp_ses'],
  [0x888e, 'pae'],
  [0x88a8, '802.1ad'],
  [0x88cc, 'LLDP'],
  [0x88f7, '1588'],
]);

/** The iproute2-style name of an ethertype, or undefined when it has no common name. */
export function ethertypeName(protocol: number): string | undefined {
  return ETHERTYPES.get(protocol);
}

/**
 * Reads the packet sockets of the source. Throws `E_UNAVAILABLE` when the source has no
 * /proc/net/packet (a capture without it, a kernel without CONFIG_PACKET): "not from
 * this source" is not an empty list.
 */
export async function readPacketSockets(reader: TreeReader, options: PacketSocketOptions = {}): Promise<Part<PacketSocket[]>> {
  const part = emptyPart<PacketSocket[]>([]);
  const text = await readInto(part, reader, FILE, 'packet sockets');
  requireSome(part, text !== undefined, 'packet sockets');
  const parsed = parseNetPacket(text as string, FILE);
  part.issues.push(...parsed.issues);
  const dropped = new Set<string>();
  for (const row of parsed.rows) part.data.push(toRecord(row, options.interfaceNames, dropped, part.issues));
  return part;
}

function toRecord(row: NetPacketRow, names: ReadonlyMap<number, string> | undefined, dropped: Set<string>, issues: Issue[]): PacketSocket {
  const out: PacketSocket = {
    type: TYPES[row.Type] ?? 'other',
    typeNumber: row.Type,
    protocol: row.Proto,
    ifindex: row.Iface,
    inode: row.Inode,
  };
  if (row.sk !== undefined) out.kernelAddress = row.sk;
  if (row.RefCnt !== undefined) out.refCount = row.RefCnt;
  const protocolName = ETHERTYPES.get(row.Proto);
  if (protocolName !== undefined) out.protocolName = protocolName;
  const name = row.Iface > 0 ? names?.get(row.Iface) : undefined;
  if (name !== undefined) out.interface = name;
  if (row.R !== undefined) out.running = row.R === 1;
  if (row.Rmem !== undefined) out.rmem = row.Rmem;
  if (row.User !== undefined) out.uid = row.User;
  if (row.extra !== undefined) {
    const extra = keepCounters(row, dropped, issues);
    if (extra !== undefined) out.extra = extra;
  }
  return out;
}

/**
 * Unknown columns become `extra` counters when decimal. A non-decimal one (a future
 * hex or text column) cannot be a counter: one issue per column, at its first line.
 */
function keepCounters(row: NetPacketRow, dropped: Set<string>, issues: Issue[]): Record<string, bigint> | undefined {
  let extra: Record<string, bigint> | undefined;
  for (const [name, text] of Object.entries(row.extra ?? {})) {
    const value = parseUnsignedCounter(text);
    if (value !== undefined) {
      Object.defineProperty((extra ??= {}), name, { value, enumerable: true, writable: true, configurable: true });
    } else if (!dropped.has(name)) {
      dropped.add(name);
      issues.push(issue(FILE, row.line, 'bad-number', `unknown column ${name} is not a decimal counter; not kept`, text));
    }
  }
  return extra;
}
