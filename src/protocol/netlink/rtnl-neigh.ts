/**
 * rtnetlink neighbours: RTM_GETNEIGH dump requests and RTM_NEWNEIGH replies
 * (include/uapi/linux/neighbour.h: struct ndmsg, NDA_*, NTF_*, NUD_*, struct nda_cacheinfo).
 *
 * A reply is struct ndmsg (12 bytes: family u8, pad u8, pad u16, ifindex s32, state u16,
 * flags u8, type u8) followed by NDA_* attributes. What the kernel sends for one entry
 * (net/core/neighbour.c neigh_fill_info):
 * - NDA_DST: the protocol address, 4 or 16 bytes, network order;
 * - NDA_LLADDR: the link-layer address, only while the state is one of NUD_VALID (the
 *   device's address length: 6 on Ethernet, 0 on a device without addresses);
 * - NDA_PROBES (u32), NDA_CACHEINFO (struct nda_cacheinfo: the times are clock_t ticks of
 *   USER_HZ, *since* the event, not stamps; refcnt is the kernel's count minus one);
 * - NDA_PROTOCOL (u8, who added the entry) when set, NDA_FLAGS_EXT (u32) when any
 *   extended flag (NTF_EXT_*) is set.
 *
 * Addresses are kept as copied bytes; text is the source's job.
 * Pure: malformed parts become issues naming the byte offset; nothing throws.
 */
import { issue, type Issue } from '../../errors.js';
import { readU16, readU32, readU8, shortAttributeCheck, walkAttributes } from './attributes.js';
import { HOST_LITTLE_ENDIAN } from './host-order.js';

export const NDMSG_BYTES = 12;

/** NDA_* attribute types. */
export const NDA_DST = 1;
export const NDA_LLADDR = 2;
export const NDA_CACHEINFO = 3;
export const NDA_PROBES = 4;
export const NDA_VLAN = 5;
export const NDA_PORT = 6;
export const NDA_VNI = 7;
export const NDA_IFINDEX = 8;
export const NDA_MASTER = 9;
export const NDA_LINK_NETNSID = 10;
export const NDA_SRC_VNI = 11;
export const NDA_PROTOCOL = 12;
export const NDA_NH_ID = 13;
export const NDA_FDB_EXT_ATTRS = 14;
export const NDA_FLAGS_EXT = 15;
export const NDA_NDM_STATE_MASK = 16;
export const NDA_NDM_FLAGS_MASK = 17;

/** NTF_* bits of ndm_flags. */
export const NTF_USE = 0x01;
export const NTF_SELF = 0x02;
export const NTF_MASTER = 0x04;
/** A proxy (published) entry; == ATF_PUBL. In a request: dump the proxy table instead. */
export const NTF_PROXY = 0x08;
export const NTF_EXT_LEARNED = 0x10;
export const NTF_OFFLOADED = 0x20;
export const NTF_STICKY = 0x40;
export const NTF_ROUTER = 0x80;

/** NTF_EXT_* bits of NDA_FLAGS_EXT (the kernel keeps them as ndm_flags << 8 internally, NTF_EXT_SHIFT). */
export const NTF_EXT_MANAGED = 0x01;
export const NTF_EXT_LOCKED = 0x02;
export const NTF_EXT_EXT_VALIDATED = 0x04;

/** NUD_* states of ndm_state, one bit each; NUD_NONE is 0. */
export const NUD_NONE = 0x00;
export const NUD_INCOMPLETE = 0x01;
export const NUD_REACHABLE = 0x02;
export const NUD_STALE = 0x04;
export const NUD_DELAY = 0x08;
export const NUD_PROBE = 0x10;
export const NUD_FAILED = 0x20;
export const NUD_NOARP = 0x40;
export const NUD_PERMANENT = 0x80;
/** States whose link-layer address is valid (include/net/neighbour.h NUD_VALID). */
export const NUD_VALID = NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE | NUD_PROBE | NUD_STALE | NUD_DELAY;

/** The logical name issues carry. */
export const RTNL_NEIGH_FILE = 'rtnetlink neighbour';

/**
 * RTM_GETNEIGH dump request: an ndmsg asking for one family (AF_INET, AF_INET6) or every
 * neighbour table (AF_UNSPEC). No NTF_PROXY: the kernel then dumps the neighbour entries,
 * not the proxy table.
 */
export function buildNeighbourDumpRequest(family: number): Uint8Array {
  const out = new Uint8Array(NDMSG_BYTES);
  out[0] = family;
  return out;
}

/** struct nda_cacheinfo: clock_t ticks (USER_HZ) since each event, and ndm_refcnt. */
export interface NeighbourCacheInfo {
  confirmed: number;
  used: number;
  updated: number;
  refcnt: number;
}

/** One entry as RTM_NEWNEIGH reports it: the kernel's numbers, not yet a record. */
export interface RtnlNeighbour {
  family: number;
  ifindex: number;
  /** ndm_state: NUD_* bits. */
  state: number;
  /** ndm_flags: NTF_* bits. */
  flags: number;
  /** ndm_type: an RTN_* route type (unicast, multicast, …). */
  type: number;
  /** NDA_DST, copied. */
  destination?: Uint8Array;
  /** NDA_LLADDR, copied. */
  linkAddress?: Uint8Array;
  probes?: number;
  cacheInfo?: NeighbourCacheInfo;
  /** NDA_PROTOCOL: who added the entry (RTPROT_*). */
  protocol?: number;
  /** NDA_FLAGS_EXT: NTF_EXT_* bits. */
  flagsExtended?: number;
  /** NDA_VLAN (bridge FDB entries; not sent for ARP/ND). */
  vlan?: number;
  /** NDA_MASTER: ifindex of the master device. */
  master?: number;
  /** Attributes not decoded here, by type number, copied. */
  unknown?: Record<number, Uint8Array>;
}

export function parseNeighbourMessage(bytes: Uint8Array, view: DataView, start: number, end: number, issues: Issue[]): RtnlNeighbour | undefined {
  if (end - start < NDMSG_BYTES) {
    issues.push(issue(RTNL_NEIGH_FILE, undefined, 'truncated', `message at byte ${start}: ${end - start} bytes, ndmsg needs ${NDMSG_BYTES}`));
    return undefined;
  }
  const n: RtnlNeighbour = {
    family: view.getUint8(start),
    ifindex: view.getInt32(start + 4, HOST_LITTLE_ENDIAN),
    state: view.getUint16(start + 8, HOST_LITTLE_ENDIAN),
    flags: view.getUint8(start + 10),
    type: view.getUint8(start + 11),
  };
  const problem = walkAttributes(view, start + NDMSG_BYTES, end, (type, s, e) => readAttribute(n, bytes, view, type, s, e, issues));
  if (problem !== undefined) issues.push(issue(RTNL_NEIGH_FILE, undefined, 'bad-length', `neighbour on link ${n.ifindex}: ${problem}`));
  return n;
}

function readAttribute(n: RtnlNeighbour, bytes: Uint8Array, view: DataView, type: number, s: number, e: number, issues: Issue[]): void {
  const short = shortAttributeCheck(RTNL_NEIGH_FILE, issues, `neighbour on link ${n.ifindex}`, s, e);
  switch (type) {
    case NDA_DST:
      n.destination = bytes.slice(s, e);
      return;
    case NDA_LLADDR:
      n.linkAddress = bytes.slice(s, e);
      return;
    case NDA_PROBES:
      if (!short(4, 'NDA_PROBES')) n.probes = readU32(view, s, e);
      return;
    case NDA_CACHEINFO:
      if (short(16, 'NDA_CACHEINFO')) return;
      n.cacheInfo = { confirmed: readU32(view, s, e)!, used: readU32(view, s + 4, e)!, updated: readU32(view, s + 8, e)!, refcnt: readU32(view, s + 12, e)! };
      return;
    case NDA_PROTOCOL:
      if (!short(1, 'NDA_PROTOCOL')) n.protocol = readU8(view, s, e);
      return;
    case NDA_FLAGS_EXT:
      if (!short(4, 'NDA_FLAGS_EXT')) n.flagsExtended = readU32(view, s, e);
      return;
    case NDA_VLAN:
      if (!short(2, 'NDA_VLAN')) n.vlan = readU16(view, s, e);
      return;
    case NDA_MASTER:
      if (!short(4, 'NDA_MASTER')) n.master = readU32(view, s, e);
      return;
    default:
      (n.unknown ??= {})[type] = bytes.slice(s, e);
  }
}
