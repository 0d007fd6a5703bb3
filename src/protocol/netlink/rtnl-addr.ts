/**
 * rtnetlink addresses: RTM_GETADDR dump requests and RTM_NEWADDR replies
 * (include/uapi/linux/if_addr.h: struct ifaddrmsg, IFA_*, IFA_F_*).
 *
 * A reply is struct ifaddrmsg (8 bytes: family u8, prefixlen u8, flags u8, scope u8,
 * index u32) followed by IFA_* attributes.
 *
 * What the numbers mean, where it matters to a reader:
 * - IFA_LOCAL is the interface's own address; IFA_ADDRESS is the peer on a
 *   point-to-point link and otherwise the same address. IPv6 sends IFA_LOCAL only with a
 *   peer, so "the address" is IFA_LOCAL when present, else IFA_ADDRESS.
 * - ifa_flags is a u8; IFA_FLAGS (u32, since 3.14) carries the full set and wins.
 * - ifa_scope is an RT_SCOPE_* number (0 universe … 254 host), not the IPV6_ADDR_* scope
 *   bits /proc/net/if_inet6 prints.
 *
 * Addresses are kept as copied bytes (4 or 16, network order); text is the source's job.
 * Pure: malformed parts become issues naming the byte offset.
 */
import { issue, type Issue } from '../../errors.js';
import { readString, readU32, readU8, shortAttributeCheck, walkAttributes } from './attributes.js';
import { HOST_LITTLE_ENDIAN } from './host-order.js';

export const IFADDRMSG_BYTES = 8;

export const IFA_ADDRESS = 1;
export const IFA_LOCAL = 2;
export const IFA_LABEL = 3;
export const IFA_BROADCAST = 4;
export const IFA_ANYCAST = 5;
export const IFA_CACHEINFO = 6;
export const IFA_MULTICAST = 7;
export const IFA_FLAGS = 8;
export const IFA_RT_PRIORITY = 9;
export const IFA_PROTO = 11;

/** The logical name issues carry. */
export const RTNL_ADDR_FILE = 'rtnetlink address';

/** RTM_GETADDR dump request: an ifaddrmsg asking for one family (AF_INET, AF_INET6) or all (AF_UNSPEC). */
export function buildAddressDumpRequest(family: number): Uint8Array {
  const out = new Uint8Array(IFADDRMSG_BYTES);
  out[0] = family;
  return out;
}

/** struct ifa_cacheinfo: lifetimes in seconds (0xffffffff = forever), stamps in 1/100 s since boot. */
export interface AddressCacheInfo {
  preferred: number;
  valid: number;
  created: number;
  updated: number;
}

/** One address as RTM_NEWADDR reports it: the kernel's numbers, not yet a record. */
export interface RtnlAddress {
  family: number;
  prefixLength: number;
  /** IFA_FLAGS when sent, else the u8 ifa_flags. */
  flags: number;
  scope: number;
  index: number;
  address?: Uint8Array;
  local?: Uint8Array;
  broadcast?: Uint8Array;
  anycast?: Uint8Array;
  multicast?: Uint8Array;
  label?: string;
  cacheInfo?: AddressCacheInfo;
  /** IFA_RT_PRIORITY: metric of the prefix route the address installs. */
  routePriority?: number;
  /** IFA_PROTO: who added the address (IFAPROT_*). */
  protocol?: number;
  /** Attributes not decoded here, by type number, copied. */
  unknown?: Record<number, Uint8Array>;
}

export function parseAddressMessage(bytes: Uint8Array, view: DataView, start: number, end: number, issues: Issue[]): RtnlAddress | undefined {
  if (end - start < IFADDRMSG_BYTES) {
    issues.push(issue(RTNL_ADDR_FILE, undefined, 'truncated', `message at byte ${start}: ${end - start} bytes, ifaddrmsg needs ${IFADDRMSG_BYTES}`));
    return undefined;
  }
  const address: RtnlAddress = {
    family: view.getUint8(start),
    prefixLength: view.getUint8(start + 1),
    flags: view.getUint8(start + 2),
    scope: view.getUint8(start + 3),
    index: view.getUint32(start + 4, HOST_LITTLE_ENDIAN),
  };
  const problem = walkAttributes(view, start + IFADDRMSG_BYTES, end, (type, s, e) => readAttribute(address, bytes, view, type, s, e, issues));
  if (problem !== undefined) issues.push(issue(RTNL_ADDR_FILE, undefined, 'bad-length', `address on link ${address.index}: ${problem}`));
  return address;
}

function readAttribute(a: RtnlAddress, bytes: Uint8Array, view: DataView, type: number, s: number, e: number, issues: Issue[]): void {
  const short = shortAttributeCheck(RTNL_ADDR_FILE, issues, `address on link ${a.index}`, s, e);
  switch (type) {
    case IFA_ADDRESS:
      a.address = bytes.slice(s, e);
      return;
    case IFA_LOCAL:
      a.local = bytes.slice(s, e);
      return;
    case IFA_BROADCAST:
      a.broadcast = bytes.slice(s, e);
      return;
    case IFA_ANYCAST:
      a.anycast = bytes.slice(s, e);
      return;
    case IFA_MULTICAST:
      a.multicast = bytes.slice(s, e);
      return;
    case IFA_LABEL:
      a.label = readString(bytes, s, e);
      return;
    case IFA_FLAGS:
      if (!short(4, 'IFA_FLAGS')) a.flags = readU32(view, s, e)!;
      return;
    case IFA_CACHEINFO:
      if (short(16, 'IFA_CACHEINFO')) return;
      a.cacheInfo = { preferred: readU32(view, s, e)!, valid: readU32(view, s + 4, e)!, created: readU32(view, s + 8, e)!, updated: readU32(view, s + 12, e)! };
      return;
    case IFA_RT_PRIORITY:
      if (!short(4, 'IFA_RT_PRIORITY')) a.routePriority = readU32(view, s, e);
      return;
    case IFA_PROTO:
      if (!short(1, 'IFA_PROTO')) a.protocol = readU8(view, s, e);
      return;
    default:
      (a.unknown ??= {})[type] = bytes.slice(s, e);
  }
}
