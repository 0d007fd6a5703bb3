/**
 * Netlink numbers this library uses, from the kernel's uapi headers (linux/netlink.h,
 * linux/rtnetlink.h, linux/sock_diag.h, linux/inet_diag.h, linux/unix_diag.h,
 * linux/packet_diag.h). They are ABI: the kernel never renumbers them.
 */

/** Netlink protocols (the third argument of socket(AF_NETLINK, ...)). */
export const NETLINK_ROUTE = 0;
export const NETLINK_SOCK_DIAG = 4;

/** Message types every netlink family shares. */
export const NLMSG_NOOP = 1;
export const NLMSG_ERROR = 2;
export const NLMSG_DONE = 3;
export const NLMSG_OVERRUN = 4;

/** nlmsg_flags. */
export const NLM_F_REQUEST = 0x1;
export const NLM_F_MULTI = 0x2;
export const NLM_F_ACK = 0x4;
/** Set on a dump message when the kernel's table changed during the dump (the dump may be inconsistent). */
export const NLM_F_DUMP_INTR = 0x10;
export const NLM_F_ROOT = 0x100;
export const NLM_F_MATCH = 0x200;
export const NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;

/** The header is 16 bytes: len u32, type u16, flags u16, seq u32, pid u32. */
export const NLMSG_HDRLEN = 16;
/** Attributes (struct nlattr / rtattr): len u16, type u16, then the payload, 4-aligned. */
export const NLA_HDRLEN = 4;
/** High bits of an attribute's type that are flags, not part of the type. */
export const NLA_F_NESTED = 0x8000;
export const NLA_F_NET_BYTEORDER = 0x4000;
export const NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;

/** Address families as the kernel numbers them. */
export const AF_UNSPEC = 0;
export const AF_UNIX = 1;
export const AF_INET = 2;
export const AF_INET6 = 10;
export const AF_PACKET = 17;
/** rtnetlink families for multicast routes (RTNL_FAMILY_IPMR, RTNL_FAMILY_IP6MR). */
export const RTNL_FAMILY_IPMR = 128;
export const RTNL_FAMILY_IP6MR = 129;

/** sock_diag request type (SOCK_DIAG_BY_FAMILY) and IP protocol numbers. */
export const SOCK_DIAG_BY_FAMILY = 20;
export const IPPROTO_ICMP = 1;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
export const IPPROTO_ICMPV6 = 58;
export const IPPROTO_RAW = 255;
export const IPPROTO_UDPLITE = 136;

/** rtnetlink message types. */
export const RTM_NEWLINK = 16;
export const RTM_GETLINK = 18;
export const RTM_NEWADDR = 20;
export const RTM_GETADDR = 22;
export const RTM_NEWROUTE = 24;
export const RTM_GETROUTE = 26;
export const RTM_NEWNEIGH = 28;
export const RTM_GETNEIGH = 30;

/** Align a length to netlink's 4-byte boundary (NLMSG_ALIGN, NLA_ALIGN). */
export function align4(n: number): number {
  return (n + 3) & ~3;
}
