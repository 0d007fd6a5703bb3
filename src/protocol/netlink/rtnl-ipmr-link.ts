/**
 * rtnetlink IPv4 multicast routing tables: the RTM_GETLINK dump of family
 * RTNL_FAMILY_IPMR, and its RTM_NEWLINK replies (include/uapi/linux/mroute.h: IPMRA_*).
 *
 * The kernel (net/ipv4/ipmr.c ipmr_rtm_dumplink) sends one message per multicast routing
 * table: struct ifinfomsg (16 bytes, all zero but ifi_family = RTNL_FAMILY_IPMR), then
 * IFLA_AF_SPEC holding
 *   IPMRA_TABLE_ID (u32), IPMRA_TABLE_CACHE_RES_QUEUE_LEN (u32: unresolved entries waiting
 *   for the routing daemon), IPMRA_TABLE_MROUTE_REG_VIF_NUM (s32: the PIM register vif, -1
 *   when none), IPMRA_TABLE_MROUTE_DO_ASSERT (u8), IPMRA_TABLE_MROUTE_DO_PIM (u8), and
 *   IPMRA_TABLE_VIFS: one nested IPMRA_VIF per existing vif, each with IPMRA_VIFA_IFINDEX
 *   (u32), IPMRA_VIFA_VIF_ID (u32), IPMRA_VIFA_FLAGS (u16, VIFF_*), the four 64-bit
 *   counters and IPMRA_VIFA_LOCAL_ADDR / REMOTE_ADDR (be32).
 *
 * Only IPv4 has this dump: the kernel offers no IPv6 mif table over netlink. A kernel
 * without CONFIG_IP_MROUTE answers the request with its plain link dump (rtnetlink falls
 * back to the AF_UNSPEC handler), so a message of another ifi_family is not a table:
 * the parser returns undefined for it and the caller tells "no IPMR" from "no tables".
 *
 * Pure: malformed parts become issues naming the byte offset; nothing throws.
 */
import { issue, type Issue } from '../../errors.js';
import { readI32, readU16, readU32, readU64, readU8, shortAttributeCheck, walkAttributes } from './attributes.js';
import { RTNL_FAMILY_IPMR } from './constants.js';
import { IFINFOMSG_BYTES, IFLA_AF_SPEC } from './rtnl-link.js';

export const IPMRA_TABLE_ID = 1;
export const IPMRA_TABLE_CACHE_RES_QUEUE_LEN = 2;
export const IPMRA_TABLE_MROUTE_REG_VIF_NUM = 3;
export const IPMRA_TABLE_MROUTE_DO_ASSERT = 4;
export const IPMRA_TABLE_MROUTE_DO_PIM = 5;
export const IPMRA_TABLE_VIFS = 6;
export const IPMRA_TABLE_MROUTE_DO_WRVIFWHOLE = 7;

export const IPMRA_VIF = 1;

export const IPMRA_VIFA_IFINDEX = 1;
export const IPMRA_VIFA_VIF_ID = 2;
export const IPMRA_VIFA_FLAGS = 3;
export const IPMRA_VIFA_BYTES_IN = 4;
export const IPMRA_VIFA_BYTES_OUT = 5;
export const IPMRA_VIFA_PACKETS_IN = 6;
export const IPMRA_VIFA_PACKETS_OUT = 7;
export const IPMRA_VIFA_LOCAL_ADDR = 8;
export const IPMRA_VIFA_REMOTE_ADDR = 9;
export const IPMRA_VIFA_PAD = 10;

/** The logical name issues carry. */
export const RTNL_IPMR_LINK_FILE = 'rtnetlink ipmr vif table';

/** RTM_GETLINK dump request for the IPv4 multicast routing tables: an ifinfomsg of family RTNL_FAMILY_IPMR. */
export function buildIpmrTableDumpRequest(): Uint8Array {
  const out = new Uint8Array(IFINFOMSG_BYTES);
  out[0] = RTNL_FAMILY_IPMR;
  return out;
}

/** One vif as IPMRA_VIF reports it. Addresses are the be32 bytes as sent, copied. */
export interface IpmrVif {
  ifindex?: number;
  vif?: number;
  /** VIFF_* bits. */
  flags?: number;
  bytesIn?: bigint;
  bytesOut?: bigint;
  packetsIn?: bigint;
  packetsOut?: bigint;
  local?: Uint8Array;
  remote?: Uint8Array;
  unknown?: Record<number, Uint8Array>;
}

/** One multicast routing table as RTM_NEWLINK (family RTNL_FAMILY_IPMR) reports it. */
export interface IpmrTable {
  table?: number;
  /** IPMRA_TABLE_CACHE_RES_QUEUE_LEN: entries of the unresolved queue. */
  unresolvedQueueLength?: number;
  /** IPMRA_TABLE_MROUTE_REG_VIF_NUM: the PIM register vif, -1 when there is none. */
  registerVif?: number;
  assert?: boolean;
  pim?: boolean;
  wrongVifWhole?: boolean;
  vifs: IpmrVif[];
  unknown?: Record<number, Uint8Array>;
}

/** A reply message → its table; undefined for a message of another family (see above) or one too short for ifinfomsg (with an issue). */
export function parseIpmrTableMessage(bytes: Uint8Array, view: DataView, start: number, end: number, issues: Issue[]): IpmrTable | undefined {
  if (end - start < IFINFOMSG_BYTES) {
    issues.push(issue(RTNL_IPMR_LINK_FILE, undefined, 'truncated', `message at byte ${start}: ${end - start} bytes, ifinfomsg needs ${IFINFOMSG_BYTES}`));
    return undefined;
  }
  if (view.getUint8(start) !== RTNL_FAMILY_IPMR) return undefined;
  const table: IpmrTable = { vifs: [] };
  const where = `table message at byte ${start}`;
  const problem = walkAttributes(view, start + IFINFOMSG_BYTES, end, (type, s, e) => {
    if (type !== IFLA_AF_SPEC) return;
    const inner = walkAttributes(view, s, e, (t, ts, te) => readTableAttribute(table, bytes, view, t, ts, te, where, issues));
    if (inner !== undefined) issues.push(issue(RTNL_IPMR_LINK_FILE, undefined, 'bad-length', `${where}: IFLA_AF_SPEC: ${inner}`));
  });
  if (problem !== undefined) issues.push(issue(RTNL_IPMR_LINK_FILE, undefined, 'bad-length', `${where}: ${problem}`));
  return table;
}

function readTableAttribute(t: IpmrTable, bytes: Uint8Array, view: DataView, type: number, s: number, e: number, where: string, issues: Issue[]): void {
  const short = shortAttributeCheck(RTNL_IPMR_LINK_FILE, issues, where, s, e);
  switch (type) {
    case IPMRA_TABLE_ID:
      if (!short(4, 'IPMRA_TABLE_ID')) t.table = readU32(view, s, e);
      return;
    case IPMRA_TABLE_CACHE_RES_QUEUE_LEN:
      if (!short(4, 'IPMRA_TABLE_CACHE_RES_QUEUE_LEN')) t.unresolvedQueueLength = readU32(view, s, e);
      return;
    case IPMRA_TABLE_MROUTE_REG_VIF_NUM:
      if (!short(4, 'IPMRA_TABLE_MROUTE_REG_VIF_NUM')) t.registerVif = readI32(view, s, e);
      return;
    case IPMRA_TABLE_MROUTE_DO_ASSERT:
      if (!short(1, 'IPMRA_TABLE_MROUTE_DO_ASSERT')) t.assert = readU8(view, s, e) !== 0;
      return;
    case IPMRA_TABLE_MROUTE_DO_PIM:
      if (!short(1, 'IPMRA_TABLE_MROUTE_DO_PIM')) t.pim = readU8(view, s, e) !== 0;
      return;
    case IPMRA_TABLE_MROUTE_DO_WRVIFWHOLE:
      if (!short(1, 'IPMRA_TABLE_MROUTE_DO_WRVIFWHOLE')) t.wrongVifWhole = readU8(view, s, e) !== 0;
      return;
    case IPMRA_TABLE_VIFS: {
      const problem = walkAttributes(view, s, e, (vt, vs, ve) => {
        if (vt === IPMRA_VIF) t.vifs.push(readVif(bytes, view, vs, ve, `${where}: vif at byte ${vs}`, issues));
      });
      if (problem !== undefined) issues.push(issue(RTNL_IPMR_LINK_FILE, undefined, 'bad-length', `${where}: IPMRA_TABLE_VIFS: ${problem}`));
      return;
    }
    default:
      (t.unknown ??= {})[type] = bytes.slice(s, e);
  }
}

type U64Field = 'bytesIn' | 'bytesOut' | 'packetsIn' | 'packetsOut';
const U64_ATTRIBUTES: Readonly<Record<number, readonly [U64Field, string]>> = {
  [IPMRA_VIFA_BYTES_IN]: ['bytesIn', 'IPMRA_VIFA_BYTES_IN'],
  [IPMRA_VIFA_BYTES_OUT]: ['bytesOut', 'IPMRA_VIFA_BYTES_OUT'],
  [IPMRA_VIFA_PACKETS_IN]: ['packetsIn', 'IPMRA_VIFA_PACKETS_IN'],
  [IPMRA_VIFA_PACKETS_OUT]: ['packetsOut', 'IPMRA_VIFA_PACKETS_OUT'],
};

function readVif(bytes: Uint8Array, view: DataView, start: number, end: number, where: string, issues: Issue[]): IpmrVif {
  const vif: IpmrVif = {};
  const problem = walkAttributes(view, start, end, (type, s, e) => {
    const short = shortAttributeCheck(RTNL_IPMR_LINK_FILE, issues, where, s, e);
    const u64 = U64_ATTRIBUTES[type];
    if (u64 !== undefined) {
      if (!short(8, u64[1])) vif[u64[0]] = readU64(view, s, e);
      return;
    }
    switch (type) {
      case IPMRA_VIFA_IFINDEX:
        if (!short(4, 'IPMRA_VIFA_IFINDEX')) vif.ifindex = readU32(view, s, e);
        return;
      case IPMRA_VIFA_VIF_ID:
        if (!short(4, 'IPMRA_VIFA_VIF_ID')) vif.vif = readU32(view, s, e);
        return;
      case IPMRA_VIFA_FLAGS:
        if (!short(2, 'IPMRA_VIFA_FLAGS')) vif.flags = readU16(view, s, e);
        return;
      case IPMRA_VIFA_LOCAL_ADDR:
        if (!short(4, 'IPMRA_VIFA_LOCAL_ADDR')) vif.local = bytes.slice(s, s + 4);
        return;
      case IPMRA_VIFA_REMOTE_ADDR:
        if (!short(4, 'IPMRA_VIFA_REMOTE_ADDR')) vif.remote = bytes.slice(s, s + 4);
        return;
      case IPMRA_VIFA_PAD:
        return;
      default:
        (vif.unknown ??= {})[type] = bytes.slice(s, e);
    }
  });
  if (problem !== undefined) issues.push(issue(RTNL_IPMR_LINK_FILE, undefined, 'bad-length', `${where}: ${problem}`));
  return vif;
}
