/**
 * A network interface: the /proc/net/dev counters, the /sys/class/net/<if> attributes and
 * the addresses, as one record (netstat -i, `ip -s -s link`, kstat's `link` module).
 *
 * Counter fields are `bigint` (u64): /proc/net/dev prints `struct rtnl_link_stats64` (64-bit
 * on every architecture since 2.6.36; before that `unsigned long`, so 32-bit on 32-bit
 * kernels). Every field a source did not give is `undefined`, never 0.
 */
import { defineRecord, f, opt, type RecordOf } from './field.js';

export const interfaceAddressSchema = defineRecord('interface-address', 'An address configured on an interface.', {
  family: f.enum(['inet', 'inet6'] as const, 'Address family.'),
  address: f.string('The address in its usual text form (IPv6 per RFC 5952: lowercase, longest zero run as ::).'),
  prefixLength: f.u32('Prefix length in bits.', { kernel: 'prefix_len' }),
  scope: f.string(
    "Scope name: 'global', 'site', 'link', 'host' (and 'compat-v4' for the old IPv4-compatible IPv6 range); " +
      "an unnamed value is given as the kernel's number in hex, e.g. '0x30'.",
    { kernel: 'scope' },
  ),
  flags: f.u32(
    'Address flags (IFA_F_*). From /proc/net/if_inet6 only the low 8 bits: the kernel prints (u8)ifp->flags, so ' +
      'mngtmpaddr, noprefixroute, autojoin and stable-privacy never show there.',
    { kernel: 'flags' },
  ),
  flagNames: f.strings("Names of the set flags as `ip addr` prints them: 'temporary' (IPv6; 'secondary' for IPv4, the same bit), 'nodad', 'optimistic', " +
    "'dadfailed', 'homeaddress', 'deprecated', 'tentative', 'permanent', and from netlink (all 32 bits) 'mngtmpaddr', 'noprefixroute', 'autojoin', 'stable-privacy' (unnamed bits as '0x…')."),
});

export type InterfaceAddress = RecordOf<typeof interfaceAddressSchema>;

const PROC_NET_DEV = '/proc/net/dev';
const dev = (what: string, column: string, extra = '') =>
  opt.u64(`${what} (${PROC_NET_DEV} column "${column}").${extra} Undefined only if the header lacks the column.`, {
    unit: column === 'bytes' ? 'bytes' : column === 'packets' ? 'packets' : 'count',
    kernel: column,
  });
const stat = (what: string, name: string, since?: string) =>
  opt.u64(`${what} (sysfs statistics/${name}; not in ${PROC_NET_DEV}).`, since === undefined ? { unit: 'count', kernel: name } : { unit: 'count', kernel: name, since });
const sysfs = (name: string) => `sysfs ${name}`;

export const interfaceSchema = defineRecord(
  'interface',
  'A network interface of the source\'s network namespace. Which interfaces exist is what ' +
    `${PROC_NET_DEV} lists; the 16 main counters come from ${PROC_NET_DEV} even where /sys/class/net/<if>/statistics ` +
    'has them too (both print the same 64-bit rtnl_link_stats64, but /proc/net/dev folds some fields together, ' +
    'see rxDropped, rxFrameErrors and txCarrierErrors; the unfolded values are in `statistics`).',
  {
    name: f.string('Interface name (at most 15 bytes; never contains ":" or whitespace).', { kernel: 'face' }),
    index: opt.u32(
      'Interface index (ifindex): from sysfs ifindex, else proc/net/dev_snmp6/<if> ifIndex, else proc/net/if_inet6.',
      { kernel: 'ifindex' },
    ),

    rxBytes: dev('Bytes received', 'bytes'),
    rxPackets: dev('Packets received', 'packets'),
    rxErrors: dev('Receive errors, all kinds', 'errs'),
    rxDropped: dev('Received packets dropped', 'drop', ' The kernel prints rx_dropped + rx_missed_errors here.'),
    rxFifoErrors: dev('Receive FIFO (overrun) errors', 'fifo'),
    rxFrameErrors: dev(
      'Receive framing errors',
      'frame',
      ' The kernel prints rx_length_errors + rx_over_errors + rx_crc_errors + rx_frame_errors here.',
    ),
    rxCompressed: dev('Compressed packets received (CSLIP, PPP)', 'compressed'),
    rxMulticast: dev('Multicast packets received', 'multicast'),
    txBytes: dev('Bytes sent', 'bytes'),
    txPackets: dev('Packets sent', 'packets'),
    txErrors: dev('Transmit errors, all kinds', 'errs'),
    txDropped: dev('Packets dropped on transmit', 'drop'),
    txFifoErrors: dev('Transmit FIFO errors', 'fifo'),
    txCollisions: dev('Collisions', 'colls'),
    txCarrierErrors: dev(
      'Transmit carrier errors',
      'carrier',
      ' The kernel prints tx_carrier_errors + tx_aborted_errors + tx_window_errors + tx_heartbeat_errors here.',
    ),
    txCompressed: dev('Compressed packets sent', 'compressed'),
    extra: opt.counters(
      `Columns of ${PROC_NET_DEV} this library does not know, by kernel name "rx_<column>"/"tx_<column>" (group from the first header line). Undefined when there are none.`,
    ),

    mtu: opt.u32('MTU in bytes.', { unit: 'bytes', kernel: sysfs('mtu') }),
    address: opt.string('Hardware address, lowercase hex bytes joined by ":" (addr_len bytes; undefined when addr_len is 0).', { kernel: sysfs('address') }),
    broadcast: opt.string('Hardware broadcast address, same form as address.', { kernel: sysfs('broadcast') }),
    operState: opt.enum(
      ['unknown', 'notpresent', 'down', 'lowerlayerdown', 'testing', 'dormant', 'up'] as const,
      'RFC 2863 operational state; "down" whenever the interface is administratively down.',
      { kernel: sysfs('operstate') },
    ),
    carrier: opt.bool('Link carrier present. Undefined while the interface is down (the kernel answers EINVAL).', { kernel: sysfs('carrier') }),
    speed: opt.u32(
      'Link speed in Mbit/s as the driver reports it. Undefined when the driver has no link settings, the interface is down, or the speed is unknown (-1).',
      { unit: 'mbit_s', kernel: sysfs('speed') },
    ),
    duplex: opt.enum(['half', 'full', 'unknown'] as const, 'Link duplex as the driver reports it; undefined like speed.', { kernel: sysfs('duplex') }),
    type: opt.u32('Link-layer type, an ARPHRD_* number (1 Ethernet, 772 loopback, 65534 none).', { kernel: sysfs('type') }),
    typeName: opt.string('Name of type as `ip link` prints it after "link/" (ether, loopback, none, …); undefined for an unnamed number.'),
    flags: opt.u32(
      'Interface flags (IFF_*) as the device holds them (dev->flags). RUNNING, LOWER_UP and DORMANT are not in it: the kernel computes those for SIOCGIFFLAGS/netlink from the carrier and operstate.',
      { kernel: sysfs('flags') },
    ),
    flagNames: opt.strings("Names of the set flags: 'UP', 'BROADCAST', 'DEBUG', 'LOOPBACK', 'POINTOPOINT', 'NOTRAILERS', 'RUNNING', 'NOARP', 'PROMISC', 'ALLMULTI', 'MASTER', 'SLAVE', 'MULTICAST', 'PORTSEL', 'AUTOMEDIA', 'DYNAMIC', 'LOWER_UP', 'DORMANT', 'ECHO' (unnamed bits as '0x…')."),
    txQueueLength: opt.u32('Transmit queue length (qlen), in packets.', { unit: 'packets', kernel: sysfs('tx_queue_len') }),
    alias: opt.string('The interface alias (ifalias, SNMP ifAlias); undefined when none is set.', { kernel: sysfs('ifalias') }),
    iflink: opt.u32('ifindex of the lower device (a veth\'s peer, a VLAN\'s parent; possibly in another namespace); equals index when there is none.', { kernel: sysfs('iflink') }),
    kind: opt.string('Driver kind of a virtual interface (IFLA_INFO_KIND: veth, bridge, vlan, bond, …); undefined for physical devices and loopback. Netlink only.', { kernel: 'IFLA_INFO_KIND' }),
    masterIndex: opt.u32('ifindex of the master device (a bridge or bond this interface is enslaved to); undefined when none. Netlink only.', { kernel: 'IFLA_MASTER' }),
    carrierChanges: opt.u64('Carrier up/down transitions (what `ip -s -s link` shows as "transns").', { unit: 'count', kernel: sysfs('carrier_changes'), since: '3.15' }),
    carrierUpCount: opt.u64('Times the carrier went up.', { unit: 'count', kernel: sysfs('carrier_up_count'), since: '4.16' }),
    carrierDownCount: opt.u64('Times the carrier went down.', { unit: 'count', kernel: sysfs('carrier_down_count'), since: '4.16' }),
    txTimeouts: opt.u64(
      'Transmit watchdog timeouts: the sum of queues/tx-<n>/tx_timeout over all transmit queues (Documentation/ABI/testing/sysfs-class-net-queues). Undefined when the source has no queues/ directory (captured trees usually do not).',
      { unit: 'count', kernel: 'sysfs queues/tx-*/tx_timeout', since: '3.3' },
    ),
    rxCrcErrors: stat('Received frames with a bad CRC', 'rx_crc_errors'),
    rxLengthErrors: stat('Received frames with a bad length', 'rx_length_errors'),
    rxMissedErrors: stat('Frames the device missed (no buffer on the NIC)', 'rx_missed_errors'),
    rxOverErrors: stat('Receive ring overruns', 'rx_over_errors'),
    rxNoHandler: stat('Packets dropped because no protocol handler took them', 'rx_nohandler', '4.6'),
    txAbortedErrors: stat('Transmissions aborted', 'tx_aborted_errors'),
    txHeartbeatErrors: stat('SQE heartbeat errors', 'tx_heartbeat_errors'),
    txWindowErrors: stat('Late collisions', 'tx_window_errors'),
    statistics: opt.counters(
      'Every file of sysfs statistics/ by its kernel name (rx_dropped, rx_frame_errors, tx_carrier_errors … unfolded, and counters newer kernels add).',
    ),

    addresses: opt.records(
      interfaceAddressSchema,
      'Addresses on the interface. From procfs only IPv6 (proc/net/if_inet6): procfs has no per-interface IPv4 address list, a netlink source fills those. Undefined when the source has no address list at all.',
    ),
    ipv6Counters: opt.counters(
      'Per-interface IPv6/ICMPv6 counters from proc/net/dev_snmp6/<if> by kernel name (Ip6InReceives, Icmp6OutMsgs, …; ifIndex is not a counter and is left out). Undefined when IPv6 is off for the interface.',
    ),
  },
);

export type Interface = RecordOf<typeof interfaceSchema>;
