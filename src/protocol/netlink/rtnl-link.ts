/**
 * rtnetlink links: RTM_GETLINK dump requests and RTM_NEWLINK replies
 * (include/uapi/linux/rtnetlink.h struct ifinfomsg, include/uapi/linux/if_link.h IFLA_*).
 *
 * A reply is struct ifinfomsg (16 bytes: family u8, pad u8, type u16 (ARPHRD_*),
 * index i32, flags u32, change u32) followed by IFLA_* attributes.
 *
 * What the numbers mean, where it matters to a reader:
 * - `flags` is dev_get_flags(): the device's flags with PROMISC and ALLMULTI as the user
 *   asked for them (dev->gflags, not the effective state) and RUNNING, LOWER_UP and
 *   DORMANT computed from operstate and carrier while the device is up. IFLA_PROMISCUITY
 *   and IFLA_ALLMULTI are the counters behind the effective PROMISC and ALLMULTI.
 * - IFLA_OPERSTATE is already "down" when the device is administratively down.
 * - IFLA_STATS64 is struct rtnl_link_stats64: u64 fields in a fixed order that kernels
 *   only ever extend at the end (rx_nohandler in 4.6, rx_otherhost_dropped in 6.0), so it
 *   is read by position up to its length; fields a kernel did not send stay undefined.
 * - IFLA_LINK is sent only when the lower device differs from the device itself.
 *
 * Pure: values are copied out of the caller's buffer; malformed parts become issues.
 */
import { issue, type Issue } from '../../errors.js';
import { readString, readU32, readU8, shortAttributeCheck, walkAttributes } from './attributes.js';
import { AF_UNSPEC } from './constants.js';
import { HOST_LITTLE_ENDIAN } from './host-order.js';

export const IFINFOMSG_BYTES = 16;

export const IFLA_ADDRESS = 1;
export const IFLA_BROADCAST = 2;
export const IFLA_IFNAME = 3;
export const IFLA_MTU = 4;
export const IFLA_LINK = 5;
export const IFLA_QDISC = 6;
export const IFLA_MASTER = 10;
export const IFLA_TXQLEN = 13;
export const IFLA_OPERSTATE = 16;
export const IFLA_LINKMODE = 17;
export const IFLA_LINKINFO = 18;
export const IFLA_IFALIAS = 20;
export const IFLA_STATS64 = 23;
export const IFLA_AF_SPEC = 26;
export const IFLA_GROUP = 27;
export const IFLA_PROMISCUITY = 30;
export const IFLA_NUM_TX_QUEUES = 31;
export const IFLA_NUM_RX_QUEUES = 32;
export const IFLA_CARRIER = 33;
export const IFLA_CARRIER_CHANGES = 35;
export const IFLA_LINK_NETNSID = 37;
export const IFLA_PAD = 42;
export const IFLA_CARRIER_UP_COUNT = 47;
export const IFLA_CARRIER_DOWN_COUNT = 48;
export const IFLA_MIN_MTU = 50;
export const IFLA_MAX_MTU = 51;
export const IFLA_PERM_ADDRESS = 54;
export const IFLA_ALLMULTI = 61;

/** Nested in IFLA_LINKINFO. */
export const IFLA_INFO_KIND = 1;
export const IFLA_INFO_SLAVE_KIND = 4;

/** IF_OPER_* (RFC 2863 operational states), numbered as the kernel numbers them. */
export const OPER_STATES = ['unknown', 'notpresent', 'down', 'lowerlayerdown', 'testing', 'dormant', 'up'] as const;

/** struct rtnl_link_stats64 field names, in wire order. */
export const LINK_STATS64_FIELDS = [
  'rx_packets', 'tx_packets', 'rx_bytes', 'tx_bytes', 'rx_errors', 'tx_errors', 'rx_dropped', 'tx_dropped',
  'multicast', 'collisions', 'rx_length_errors', 'rx_over_errors', 'rx_crc_errors', 'rx_frame_errors',
  'rx_fifo_errors', 'rx_missed_errors', 'tx_aborted_errors', 'tx_carrier_errors', 'tx_fifo_errors',
  'tx_heartbeat_errors', 'tx_window_errors', 'rx_compressed', 'tx_compressed', 'rx_nohandler',
  'rx_otherhost_dropped',
] as const;

export type LinkStats64Name = (typeof LINK_STATS64_FIELDS)[number];

/** The logical name issues carry. */
export const RTNL_LINK_FILE = 'rtnetlink link';

/**
 * RTM_GETLINK dump request: an ifinfomsg of zeros (family AF_UNSPEC: every link). No
 * IFLA_EXT_MASK, so the kernel leaves out per-VF data, which nothing here reads.
 */
export function buildLinkDumpRequest(): Uint8Array {
  const out = new Uint8Array(IFINFOMSG_BYTES);
  out[0] = AF_UNSPEC;
  return out;
}

/** One link as RTM_NEWLINK reports it: the kernel's numbers, not yet a record. */
export interface RtnlLink {
  family: number;
  /** ifi_type: ARPHRD_*. */
  type: number;
  index: number;
  /** ifi_flags: dev_get_flags() (see the file comment). */
  flags: number;
  name?: string;
  /** IFLA_ADDRESS, lowercase hex bytes joined by ":". */
  address?: string;
  broadcast?: string;
  permanentAddress?: string;
  mtu?: number;
  minMtu?: number;
  maxMtu?: number;
  /** IFLA_LINK: ifindex of the lower device (possibly in another namespace). */
  link?: number;
  linkNetnsId?: number;
  qdisc?: string;
  /** IFLA_OPERSTATE: index into OPER_STATES. */
  operState?: number;
  linkMode?: number;
  txQueueLength?: number;
  alias?: string;
  /** IFLA_CARRIER: 1 when the carrier is up (sent whatever the admin state). */
  carrier?: number;
  carrierChanges?: number;
  carrierUpCount?: number;
  carrierDownCount?: number;
  master?: number;
  group?: number;
  promiscuity?: number;
  allmulti?: number;
  txQueues?: number;
  rxQueues?: number;
  /** IFLA_STATS64 by kernel field name; fields past the known ones as "stats64_<position>". */
  stats64?: Partial<Record<LinkStats64Name, bigint>> & Record<string, bigint>;
  /** IFLA_LINKINFO / IFLA_INFO_KIND: the driver kind ("veth", "bridge", …). */
  kind?: string;
  slaveKind?: string;
  /** Attributes not decoded here, by type number, copied. */
  unknown?: Record<number, Uint8Array>;
}

/**
 * Parse one RTM_NEWLINK payload bytes[start, end). Undefined (with an issue) when the
 * ifinfomsg is short; otherwise the link, with an issue per malformed attribute.
 */
export function parseLinkMessage(bytes: Uint8Array, view: DataView, start: number, end: number, issues: Issue[]): RtnlLink | undefined {
  if (end - start < IFINFOMSG_BYTES) {
    issues.push(issue(RTNL_LINK_FILE, undefined, 'truncated', `message at byte ${start}: ${end - start} bytes, ifinfomsg needs ${IFINFOMSG_BYTES}`));
    return undefined;
  }
  const le = HOST_LITTLE_ENDIAN;
  const link: RtnlLink = {
    family: view.getUint8(start),
    type: view.getUint16(start + 2, le),
    index: view.getInt32(start + 4, le),
    flags: view.getUint32(start + 8, le),
  };
  const problem = walkAttributes(view, start + IFINFOMSG_BYTES, end, (type, s, e) => readAttribute(link, bytes, view, type, s, e, issues));
  if (problem !== undefined) issues.push(issue(RTNL_LINK_FILE, undefined, 'bad-length', `link ${link.index}: ${problem}`));
  return link;
}

type U32Field = 'mtu' | 'minMtu' | 'maxMtu' | 'link' | 'txQueueLength' | 'carrierChanges' | 'carrierUpCount' | 'carrierDownCount'
  | 'master' | 'group' | 'promiscuity' | 'allmulti' | 'txQueues' | 'rxQueues' | 'linkNetnsId';

const U32_ATTRIBUTES: Readonly<Record<number, U32Field>> = {
  [IFLA_MTU]: 'mtu',
  [IFLA_MIN_MTU]: 'minMtu',
  [IFLA_MAX_MTU]: 'maxMtu',
  [IFLA_LINK]: 'link',
  [IFLA_TXQLEN]: 'txQueueLength',
  [IFLA_CARRIER_CHANGES]: 'carrierChanges',
  [IFLA_CARRIER_UP_COUNT]: 'carrierUpCount',
  [IFLA_CARRIER_DOWN_COUNT]: 'carrierDownCount',
  [IFLA_MASTER]: 'master',
  [IFLA_GROUP]: 'group',
  [IFLA_PROMISCUITY]: 'promiscuity',
  [IFLA_ALLMULTI]: 'allmulti',
  [IFLA_NUM_TX_QUEUES]: 'txQueues',
  [IFLA_NUM_RX_QUEUES]: 'rxQueues',
  [IFLA_LINK_NETNSID]: 'linkNetnsId',
};

const U32_NAMES: Readonly<Record<number, string>> = {
  [IFLA_MTU]: 'IFLA_MTU', [IFLA_MIN_MTU]: 'IFLA_MIN_MTU', [IFLA_MAX_MTU]: 'IFLA_MAX_MTU', [IFLA_LINK]: 'IFLA_LINK',
  [IFLA_TXQLEN]: 'IFLA_TXQLEN', [IFLA_CARRIER_CHANGES]: 'IFLA_CARRIER_CHANGES', [IFLA_CARRIER_UP_COUNT]: 'IFLA_CARRIER_UP_COUNT',
  [IFLA_CARRIER_DOWN_COUNT]: 'IFLA_CARRIER_DOWN_COUNT', [IFLA_MASTER]: 'IFLA_MASTER', [IFLA_GROUP]: 'IFLA_GROUP',
  [IFLA_PROMISCUITY]: 'IFLA_PROMISCUITY', [IFLA_ALLMULTI]: 'IFLA_ALLMULTI', [IFLA_NUM_TX_QUEUES]: 'IFLA_NUM_TX_QUEUES',
  [IFLA_NUM_RX_QUEUES]: 'IFLA_NUM_RX_QUEUES', [IFLA_LINK_NETNSID]: 'IFLA_LINK_NETNSID',
};

function readAttribute(link: RtnlLink, bytes: Uint8Array, view: DataView, type: number, s: number, e: number, issues: Issue[]): void {
  const short = shortAttributeCheck(RTNL_LINK_FILE, issues, `link ${link.index}`, s, e);
  const u32 = U32_ATTRIBUTES[type];
  if (u32 !== undefined) {
    // IFLA_LINK_NETNSID is an s32 (-1: none); every other one here is a u32.
    if (!short(4, U32_NAMES[type]!)) link[u32] = type === IFLA_LINK_NETNSID ? view.getInt32(s, HOST_LITTLE_ENDIAN) : readU32(view, s, e)!;
    return;
  }
  switch (type) {
    case IFLA_IFNAME:
      link.name = readString(bytes, s, e);
      return;
    case IFLA_ADDRESS:
      link.address = hardwareAddressText(bytes, s, e);
      return;
    case IFLA_BROADCAST:
      link.broadcast = hardwareAddressText(bytes, s, e);
      return;
    case IFLA_PERM_ADDRESS:
      link.permanentAddress = hardwareAddressText(bytes, s, e);
      return;
    case IFLA_QDISC:
      link.qdisc = readString(bytes, s, e);
      return;
    case IFLA_IFALIAS:
      link.alias = readString(bytes, s, e);
      return;
    case IFLA_OPERSTATE:
      if (!short(1, 'IFLA_OPERSTATE')) link.operState = readU8(view, s, e);
      return;
    case IFLA_LINKMODE:
      if (!short(1, 'IFLA_LINKMODE')) link.linkMode = readU8(view, s, e);
      return;
    case IFLA_CARRIER:
      if (!short(1, 'IFLA_CARRIER')) link.carrier = readU8(view, s, e);
      return;
    case IFLA_STATS64:
      link.stats64 = readLinkStats64(view, s, e, link.index, issues);
      return;
    case IFLA_LINKINFO:
      readLinkInfo(link, bytes, view, s, e, issues);
      return;
    case IFLA_PAD:
      return; // alignment filler before a 64-bit attribute
    default:
      (link.unknown ??= {})[type] = bytes.slice(s, e);
  }
}

/**
 * struct rtnl_link_stats64 by position. A length that is not a whole number of u64 is
 * reported; the whole fields before the odd tail are still read.
 */
export function readLinkStats64(view: DataView, s: number, e: number, index: number, issues: Issue[]): Record<string, bigint> {
  if ((e - s) % 8 !== 0) {
    issues.push(issue(RTNL_LINK_FILE, undefined, 'bad-length', `link ${index}: IFLA_STATS64 at byte ${s} has ${e - s} bytes, not a whole number of u64`));
  }
  const out: Record<string, bigint> = {};
  for (let i = 0, p = s; p + 8 <= e; i++, p += 8) {
    out[LINK_STATS64_FIELDS[i] ?? `stats64_${i}`] = view.getBigUint64(p, HOST_LITTLE_ENDIAN);
  }
  return out;
}

function readLinkInfo(link: RtnlLink, bytes: Uint8Array, view: DataView, s: number, e: number, issues: Issue[]): void {
  const problem = walkAttributes(view, s, e, (type, is, ie) => {
    if (type === IFLA_INFO_KIND) link.kind = readString(bytes, is, ie);
    else if (type === IFLA_INFO_SLAVE_KIND) link.slaveKind = readString(bytes, is, ie);
  });
  if (problem !== undefined) issues.push(issue(RTNL_LINK_FILE, undefined, 'bad-length', `link ${link.index}: IFLA_LINKINFO: ${problem}`));
}

/** Hardware address bytes as sysfs prints them ("%*phC"): lowercase hex joined by ":"; undefined when empty. */
export function hardwareAddressText(bytes: Uint8Array, s: number, e: number): string | undefined {
  if (e <= s) return undefined;
  let out = '';
  for (let i = s; i < e; i++) out += (i > s ? ':' : '') + (bytes[i]! < 16 ? '0' : '') + bytes[i]!.toString(16);
  return out;
}
