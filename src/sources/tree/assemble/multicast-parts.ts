/**
 * Names shared by the procfs multicast assembler (multicast.ts) and the netlink source that
 * replaces its routing part (sources/netlink/multicast-routing.ts), kept in a file of their
 * own so that the live source can name them without loading the assembler.
 */

/** The multicast routing parts of a reading: file and the `unavailable` name it has when absent (netlink replaces them). */
export const MULTICAST_ROUTING_FILES = {
  inetVifs: { file: 'proc/net/ip_mr_vif', what: 'IPv4 multicast routing interfaces' },
  inet6Vifs: { file: 'proc/net/ip6_mr_vif', what: 'IPv6 multicast routing interfaces' },
  inetCache: { file: 'proc/net/ip_mr_cache', what: 'IPv4 multicast forwarding cache' },
  inet6Cache: { file: 'proc/net/ip6_mr_cache', what: 'IPv6 multicast forwarding cache' },
} as const;

/** The only multicast routing table procfs shows: RT_TABLE_DEFAULT for IPv4, RT6_TABLE_DFLT (= RT_TABLE_MAIN) for IPv6. */
export const PROCFS_MULTICAST_TABLE: Readonly<Record<'inet' | 'inet6', number>> = { inet: 253, inet6: 254 };
