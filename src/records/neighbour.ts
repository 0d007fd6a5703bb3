/**
 * Neighbours: the kernel's neighbour cache — IPv4 ARP and IPv6 neighbour discovery entries,
 * what `ip neigh show` lists (and `arp -an` for IPv4): which protocol address on which
 * interface maps to which link-layer address, and how sure the kernel is of it.
 *
 * rtnetlink (RTM_GETNEIGH, include/uapi/linux/neighbour.h) gives both families with the
 * exact NUD state, flags, probes and cache times. /proc/net/arp (net/ipv4/arp.c
 * arp_seq_show) gives IPv4 only, and of the state only two of its ATF_* flags: complete (the
 * link-layer address is valid) and permanent; the other fields stay undefined from procfs,
 * never zero. Proxy entries (`ip neigh show proxy`, ATF_PUBL lines in /proc/net/arp) are not
 * neighbours of this view.
 */
import { defineRecord, f, opt, type RecordOf } from './field.js';

const NETLINK_ONLY = 'From rtnetlink only; undefined from /proc/net/arp.';

/**
 * NUD states, include/uapi/linux/neighbour.h NUD_* (one bit each), as `ip neigh` prints them
 * (lower case here). 'none' is state 0.
 */
export const NUD_STATES = ['incomplete', 'reachable', 'stale', 'delay', 'probe', 'failed', 'noarp', 'permanent', 'none'] as const;
export type NudState = (typeof NUD_STATES)[number];

export const neighbourSchema = defineRecord('neighbour', 'One entry of the kernel\'s neighbour cache (ARP for IPv4, neighbour discovery for IPv6).', {
  family: f.enum(['inet', 'inet6'], 'Address family of the protocol address.', { kernel: 'ndm_family' }),
  address: f.string('The neighbour\'s protocol address: dotted quad, or RFC 5952 text for IPv6.', { kernel: 'NDA_DST / IP address' }),
  ifindex: opt.i32(`Index of the interface the entry belongs to. ${NETLINK_ONLY}`, { kernel: 'ndm_ifindex' }),
  interface: opt.string('Name of that interface, when the reading could resolve it (procfs prints it; netlink gives the index, named from the same namespace\'s links).', {
    kernel: 'Device',
  }),
  linkAddress: opt.string(
    'Link-layer address, lower-case hex bytes joined by ":" (a MAC address on Ethernet; from procfs on AX.25/NET/ROM devices the callsign the kernel prints, e.g. "N0CALL-5"); undefined while the entry is not complete (netlink then omits it; procfs prints zeros or the last address, which is not kept).',
    { kernel: 'NDA_LLADDR / HW address' },
  ),
  hardwareType: opt.u32('ARPHRD_* type of the interface (1 = Ethernet). From /proc/net/arp only; undefined from rtnetlink, which does not send it.', { kernel: 'HW type' }),
  complete: f.bool(
    'Whether the link-layer address is valid (NUD_VALID: reachable, stale, delay, probe, permanent or noarp) — /proc/net/arp\'s ATF_COM flag.',
    { kernel: 'ATF_COM' },
  ),
  state: opt.enum(
    NUD_STATES,
    'NUD state as `ip neigh` names it. From rtnetlink: the state, undefined when ndm_state has several or unknown bits (see stateBits). From /proc/net/arp: "permanent" (ATF_PERM), else undefined (procfs tells only complete or not).',
    { kernel: 'ndm_state' },
  ),
  stateBits: opt.u32(`The NUD_* bits as the kernel sent them. ${NETLINK_ONLY}`, { kernel: 'ndm_state' }),
  router: opt.bool(`The neighbour is an IPv6 router (NTF_ROUTER, from neighbour discovery). ${NETLINK_ONLY}`, { kernel: 'NTF_ROUTER' }),
  flagNames: opt.strings(
    `Names of the flags set, as \`ip neigh\` prints them: the NTF_* bits 'use', 'self', 'master', 'proxy', 'extern_learn', 'offload', 'sticky', 'router', then the NTF_EXT_* bits of NDA_FLAGS_EXT 'managed', 'locked', 'extern_valid' (unnamed bits as '0x…'). ${NETLINK_ONLY}`,
    { kernel: 'ndm_flags' },
  ),
  probes: opt.u32(`Solicitations sent for the current resolution (NDA_PROBES). ${NETLINK_ONLY}`, { kernel: 'NDA_PROBES' }),
  sinceConfirmed: opt.u32(`Time since the neighbour was last confirmed reachable, in clock ticks of USER_HZ (1/100 s), as the kernel sends it (\`ip -s neigh\` prints ticks / 100). ${NETLINK_ONLY}`, { unit: 'clock_ticks', kernel: 'ndm_confirmed' }),
  sinceUsed: opt.u32(`Time since the entry was last used to send, in clock ticks of USER_HZ. ${NETLINK_ONLY}`, { unit: 'clock_ticks', kernel: 'ndm_used' }),
  sinceUpdated: opt.u32(`Time since the entry last changed, in clock ticks of USER_HZ. ${NETLINK_ONLY}`, { unit: 'clock_ticks', kernel: 'ndm_updated' }),
  refcount: opt.u32(`References held on the entry (ndm_refcnt: the kernel's count minus one). ${NETLINK_ONLY}`, { kernel: 'ndm_refcnt' }),
  extra: opt.counters('Columns of /proc/net/arp this library does not know yet, by header name (decimal or 0x hex values only).'),
});

export type Neighbour = RecordOf<typeof neighbourSchema>;

/** The `what` of a neighbours reading's `unavailable` parts from procfs, for callers that filter them. */
export const PROCFS_NEIGHBOUR_GAPS = {
  ipv6: 'IPv6 neighbours',
  noarp: 'IPv4 neighbours in state NOARP or NONE',
} as const;
