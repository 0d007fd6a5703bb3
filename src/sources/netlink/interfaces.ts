/**
 * Interfaces from rtnetlink: one RTM_GETLINK dump → `Interface` records that equal the
 * procfs + sysfs ones (tree/assemble/interfaces.ts) field by field wherever both give a
 * field; one RTM_GETADDR dump adds the addresses, IPv4 included.
 *
 * How each field is made to agree with the procfs/sysfs path:
 * - The 16 main counters are folded from IFLA_STATS64 exactly as the kernel folds them
 *   for /proc/net/dev (net/core/net-procfs.c dev_seq_printf_stats): drop = rx_dropped +
 *   rx_missed_errors, frame = length + over + crc + frame errors, carrier = carrier +
 *   aborted + window + heartbeat errors, sums wrapping at 2^64 as the kernel's u64 sums do.
 *   `statistics` holds every stats64 field by its kernel name, unfolded — the sysfs
 *   statistics/ file names, plus rx_otherhost_dropped (6.0+), which sysfs does not have.
 * - `flags` is dev->flags, what sysfs prints. The kernel's ifi_flags differ in two ways:
 *   RUNNING, LOWER_UP and DORMANT are computed (removed here: operState and carrier say
 *   it), and PROMISC/ALLMULTI are the bits the user asked for (dev->gflags) rather than the
 *   effective state, which a packet socket or a bridge port turns on without the user. The
 *   kernel keeps dev->flags' PROMISC set exactly while IFLA_PROMISCUITY (the counter) is
 *   non-zero, and ALLMULTI while IFLA_ALLMULTI (6.7+) is, so those counters give the sysfs
 *   bits; a kernel without IFLA_ALLMULTI leaves the user's ALLMULTI bit, which can differ
 *   from sysfs while something else holds allmulti.
 * - `carrier` is undefined while the interface is down, as sysfs answers EINVAL then
 *   (IFLA_CARRIER itself is sent in any state).
 * - `iflink` is IFLA_LINK, or the interface's own index when the kernel sends none (it
 *   sends IFLA_LINK only when the two differ).
 * Netlink has no speed, duplex, transmit timeouts or per-interface IPv6 counters: those
 * stay undefined here (the source merges them from sysfs/procfs).
 */
import { issue } from '../../errors.js';
import type { Interface } from '../../records/interface.js';
import { NETLINK_ROUTE, RTM_GETLINK, RTM_NEWLINK } from '../../protocol/netlink/constants.js';
import { OPER_STATES, RTNL_LINK_FILE, buildLinkDumpRequest, parseLinkMessage, type LinkStats64Name, type RtnlLink } from '../../protocol/netlink/rtnl-link.js';
import { emptyPart, type Part } from '../tree/assemble/part.js';
import { interfaceFlagNames, linkTypeName } from '../tree/sysfs/class-net.js';
import type { NetlinkChannel } from './channel.js';
import { readInterfaceAddresses } from './interface-addresses.js';
import { dumpParsed } from './rtnl-dump.js';

const IFF_UP = 0x1;
const IFF_RUNNING = 0x40;
const IFF_PROMISC = 0x100;
const IFF_ALLMULTI = 0x200;
const IFF_LOWER_UP = 0x10000;
const IFF_DORMANT = 0x20000;
const U64 = (1n << 64n) - 1n;

/** Record field ← the stats64 fields /proc/net/dev prints in that column (summed). */
const PROC_NET_DEV_COLUMNS: readonly (readonly [keyof Interface, readonly LinkStats64Name[]])[] = [
  ['rxBytes', ['rx_bytes']],
  ['rxPackets', ['rx_packets']],
  ['rxErrors', ['rx_errors']],
  ['rxDropped', ['rx_dropped', 'rx_missed_errors']],
  ['rxFifoErrors', ['rx_fifo_errors']],
  ['rxFrameErrors', ['rx_length_errors', 'rx_over_errors', 'rx_crc_errors', 'rx_frame_errors']],
  ['rxCompressed', ['rx_compressed']],
  ['rxMulticast', ['multicast']],
  ['txBytes', ['tx_bytes']],
  ['txPackets', ['tx_packets']],
  ['txErrors', ['tx_errors']],
  ['txDropped', ['tx_dropped']],
  ['txFifoErrors', ['tx_fifo_errors']],
  ['txCollisions', ['collisions']],
  ['txCarrierErrors', ['tx_carrier_errors', 'tx_aborted_errors', 'tx_window_errors', 'tx_heartbeat_errors']],
  ['txCompressed', ['tx_compressed']],
];

/** Typed fields for the counters /proc/net/dev folds into its sums or lacks (as interface-sysfs.ts fills them). */
const UNFOLDED_FIELDS: readonly (readonly [keyof Interface, LinkStats64Name])[] = [
  ['rxCrcErrors', 'rx_crc_errors'],
  ['rxLengthErrors', 'rx_length_errors'],
  ['rxMissedErrors', 'rx_missed_errors'],
  ['rxOverErrors', 'rx_over_errors'],
  ['rxNoHandler', 'rx_nohandler'],
  ['txAbortedErrors', 'tx_aborted_errors'],
  ['txHeartbeatErrors', 'tx_heartbeat_errors'],
  ['txWindowErrors', 'tx_window_errors'],
];

/** Every link of the channel's namespace, without addresses. */
export async function readLinks(channel: NetlinkChannel): Promise<Part<Interface[]>> {
  const part = emptyPart<Interface[]>([]);
  const socket = await channel.socket(NETLINK_ROUTE);
  const dump = await dumpParsed(socket, RTM_GETLINK, RTM_NEWLINK, buildLinkDumpRequest(), parseLinkMessage, RTNL_LINK_FILE);
  part.issues.push(...dump.issues);
  for (const link of dump.items) {
    const record = interfaceFromLink(link);
    if (record === undefined) part.issues.push(issue(RTNL_LINK_FILE, undefined, 'unknown-format', `link ${link.index}: no IFLA_IFNAME; left out`));
    else {
      if (link.operState !== undefined && record.operState === undefined) {
        part.issues.push(issue(RTNL_LINK_FILE, undefined, 'unknown-format', `link ${link.index}: IFLA_OPERSTATE ${link.operState} is not an IF_OPER_* value`));
      }
      part.data.push(record);
    }
  }
  return part;
}

/** Links with their IPv4 and IPv6 addresses. */
export async function readInterfaces(channel: NetlinkChannel): Promise<Part<Interface[]>> {
  const part = await readLinks(channel);
  const addresses = await readInterfaceAddresses(channel);
  part.issues.push(...addresses.issues);
  part.unavailable.push(...addresses.unavailable);
  for (const record of part.data) record.addresses = addresses.data.get(record.index!) ?? [];
  return part;
}

/** ifindex → name, from one link dump: what route and socket records name interfaces by. */
export async function readLinkNames(channel: NetlinkChannel): Promise<Part<Map<number, string>>> {
  const links = await readLinks(channel);
  return { data: new Map(links.data.map((r) => [r.index!, r.name])), issues: links.issues, unavailable: links.unavailable };
}

/** One RTM_NEWLINK → an Interface record (no addresses); undefined without a name. */
export function interfaceFromLink(link: RtnlLink): Interface | undefined {
  if (link.name === undefined) return undefined;
  const r: Record<string, unknown> = { name: link.name, index: link.index };
  const stats = link.stats64;
  if (stats !== undefined) {
    for (const [field, parts] of PROC_NET_DEV_COLUMNS) {
      const values = parts.map((p) => stats[p]);
      if (values.every((v): v is bigint => v !== undefined)) r[field] = values.reduce((a, b) => a + b, 0n) & U64;
    }
    for (const [field, name] of UNFOLDED_FIELDS) r[field] = stats[name];
    r.statistics = { ...stats };
  }
  r.mtu = link.mtu;
  r.address = link.address;
  r.broadcast = link.broadcast;
  r.operState = link.operState === undefined ? undefined : OPER_STATES[link.operState];
  r.carrier = (link.flags & IFF_UP) !== 0 && link.carrier !== undefined ? link.carrier !== 0 : undefined;
  r.type = link.type;
  r.typeName = linkTypeName(link.type);
  const flags = deviceFlags(link);
  r.flags = flags;
  r.flagNames = interfaceFlagNames(flags);
  r.txQueueLength = link.txQueueLength;
  r.alias = link.alias === '' ? undefined : link.alias;
  r.iflink = link.link ?? link.index;
  r.kind = link.kind;
  r.masterIndex = link.master;
  r.carrierChanges = toBig(link.carrierChanges);
  r.carrierUpCount = toBig(link.carrierUpCount);
  r.carrierDownCount = toBig(link.carrierDownCount);
  for (const key of Object.keys(r)) if (r[key] === undefined) delete r[key];
  return r as Interface;
}

/** dev->flags (what sysfs prints) from ifi_flags and the promiscuity/allmulti counters; see the file comment. */
export function deviceFlags(link: Pick<RtnlLink, 'flags' | 'promiscuity' | 'allmulti'>): number {
  let flags = link.flags & ~(IFF_RUNNING | IFF_LOWER_UP | IFF_DORMANT);
  if (link.promiscuity !== undefined) flags = (flags & ~IFF_PROMISC) | (link.promiscuity > 0 ? IFF_PROMISC : 0);
  if (link.allmulti !== undefined) flags = (flags & ~IFF_ALLMULTI) | (link.allmulti > 0 ? IFF_ALLMULTI : 0);
  return flags >>> 0;
}

function toBig(n: number | undefined): bigint | undefined {
  return n === undefined ? undefined : BigInt(n);
}
