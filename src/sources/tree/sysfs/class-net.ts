/**
 * /sys/class/net/<if>/<attribute> — one value per file, printed by net/core/net-sysfs.c
 * (netdev_show and the *_show functions; statistics/* by netstat_show as "%llu",
 * queues/tx-<n>/tx_timeout by tx_timeout_show as "%lu"). Pure parsers of one attribute's
 * text, plus the one decision which read errors mean "this attribute is not exposed here".
 * The assembler does the reading.
 *
 * Formats (fmt_* in net-sysfs.c): mtu, type, ifindex, iflink, carrier, carrier_changes,
 * carrier_up/down_count, speed "%d"; tx_queue_len "%lu"; flags "%#x" (so 0 prints as
 * "0", not "0x0"); address/broadcast "%*phC" (addr_len bytes, an empty line when addr_len
 * is 0); operstate one word of operstates[]; duplex "half"/"full"/"unknown"; ifalias the
 * alias and a newline, or nothing at all when none is set.
 */
import { issue } from '../../../errors.js';
import { parseCounter, parseSmallInt } from '../text/counter.js';
import type { ParseResult } from '../procfs/parse-result.js';

/**
 * Whether a failed read of a sysfs attribute just means "not exposed by this driver or
 * kernel, or not meaningful right now", so the field is undefined without an issue.
 * - ENOENT/ENOTDIR: the attribute does not exist here — an older kernel (carrier_changes
 *   before 3.15, carrier_up_count 4.16, rx_nohandler 4.6), an attribute group the driver
 *   does not register (phys_*, queues/), or a capture that could not read it.
 * - EINVAL: net-sysfs.c's answer for "no value now": carrier, speed, duplex, dormant and
 *   testing while the device is down (!netif_running), speed/duplex for a driver without
 *   ethtool get_link_ksettings, name_assign_type when NET_NAME_UNKNOWN, and every
 *   attribute of a device being unregistered (!dev_isalive).
 * - EOPNOTSUPP (Node also spells it ENOTSUP): phys_port_id, phys_port_name and
 *   phys_switch_id when the driver has no ndo for them; some drivers' ethtool hooks.
 * - ENODEV: since 6.14 sysfs_rtnl_lock() answers it when the device's dismantle has
 *   started: the device is going away, so its attributes are no longer there.
 * Not ignorable: EACCES/EPERM (the value exists but this reader may not see it: that is
 * an unavailable part, reported), EIO and anything else (a real failure: an issue).
 */
export function canIgnoreSysfsError(errno: string | undefined): boolean {
  return errno !== undefined && IGNORABLE.has(errno);
}
const IGNORABLE: ReadonlySet<string> = new Set(['ENOENT', 'ENOTDIR', 'EINVAL', 'EOPNOTSUPP', 'ENOTSUP', 'ENODEV']);

/** What an attribute's text is. */
export type SysfsKind = 'u32' | 'counter' | 'hex-flags' | 'bool' | 'mac' | 'text' | 'speed' | 'operstate' | 'duplex';
export type SysfsValue = number | bigint | boolean | string;

const OPERSTATES: readonly string[] = ['unknown', 'notpresent', 'down', 'lowerlayerdown', 'testing', 'dormant', 'up'];
const DUPLEX: readonly string[] = ['half', 'full', 'unknown'];
const MAC = /^[0-9a-f]{2}(?::[0-9a-f]{2})*$/;
const HEX_FLAGS = /^(?:0x[0-9a-f]{1,8}|0)$/i;

/** The attribute's text without the one trailing newline sysfs adds. */
export function sysfsText(raw: string): string {
  return raw.endsWith('\n') ? raw.slice(0, -1) : raw;
}

type Decoded = { value: SysfsValue } | { absent: true } | { bad: 'bad-number' | 'bad-address' | 'unknown-format'; what: string };

/** Per kind: text (newline removed, trimmed) → value, "no value" or a problem. */
const DECODERS: Readonly<Record<SysfsKind, (t: string) => Decoded>> = {
  u32: (t) => number32(t, 0, 0xffffffff),
  counter: (t) => {
    const v = parseCounter(t);
    return v === undefined || v < 0n ? { bad: 'bad-number', what: 'an unsigned decimal' } : { value: v };
  },
  'hex-flags': (t) => (HEX_FLAGS.test(t) ? { value: Number.parseInt(t, 16) } : { bad: 'bad-number', what: 'hex like 0x1003' }),
  bool: (t) => (t === '0' || t === '1' ? { value: t === '1' } : { bad: 'bad-number', what: '0 or 1' }),
  // An empty line is a device without a hardware address (addr_len 0: tun, ipip, …).
  mac: (t) => (t === '' ? { absent: true } : MAC.test(t.toLowerCase()) ? { value: t.toLowerCase() } : { bad: 'bad-address', what: 'hex bytes joined by ":"' }),
  text: (t) => (t === '' ? { absent: true } : { value: t }),
  // SPEED_UNKNOWN is (u32)-1, printed with "%d" as -1.
  speed: (t) => (t === '-1' ? { absent: true } : number32(t, 0, 0x7fffffff)),
  operstate: (t) => (OPERSTATES.includes(t) ? { value: t } : { bad: 'unknown-format', what: `one of ${OPERSTATES.join(', ')}` }),
  duplex: (t) => (DUPLEX.includes(t) ? { value: t } : { bad: 'unknown-format', what: `one of ${DUPLEX.join(', ')}` }),
};

function number32(t: string, min: number, max: number): Decoded {
  const v = parseSmallInt(t);
  return v === undefined || v < min || v > max ? { bad: 'bad-number', what: `a decimal from ${min} to ${max}` } : { value: v };
}

/**
 * Parses one attribute file. `rows` holds the value, or nothing when the attribute says
 * "no value" (empty alias, SPEED_UNKNOWN, no hardware address). Text that is not of the
 * kind — including an empty numeric file, which some captures store for a failed read —
 * is an issue.
 */
export function parseSysfsAttribute(kind: SysfsKind, raw: string, file: string): ParseResult<SysfsValue> {
  const text = kind === 'text' ? sysfsText(raw) : raw.trim();
  const decoded = DECODERS[kind](text);
  if ('value' in decoded) return { rows: [decoded.value], issues: [] };
  if ('absent' in decoded) return { rows: [], issues: [] };
  const shown = text === '' ? 'an empty file' : `"${text}"`;
  return { rows: [], issues: [issue(file, 1, decoded.bad, `expected ${decoded.what}, found ${shown}`, text)] };
}

/** IFF_* bits (include/uapi/linux/if.h), in bit order. */
const IFF_NAMES: readonly string[] = [
  'UP', 'BROADCAST', 'DEBUG', 'LOOPBACK', 'POINTOPOINT', 'NOTRAILERS', 'RUNNING', 'NOARP', 'PROMISC', 'ALLMULTI',
  'MASTER', 'SLAVE', 'MULTICAST', 'PORTSEL', 'AUTOMEDIA', 'DYNAMIC', 'LOWER_UP', 'DORMANT', 'ECHO',
];

export function interfaceFlagNames(flags: number): string[] {
  const names: string[] = [];
  for (let bit = 0; bit < 32; bit++) {
    if (((flags >>> bit) & 1) === 0) continue;
    names.push(IFF_NAMES[bit] ?? `0x${(2 ** bit).toString(16)}`);
  }
  return names;
}

/** ARPHRD_* number → the name `ip link` prints after "link/" (iproute2 lib/ll_types.c). */
const ARPHRD_NAMES: Readonly<Record<number, string>> = {
  0: 'generic', 1: 'ether', 2: 'eether', 3: 'ax25', 4: 'pronet', 5: 'chaos', 6: 'ieee802', 7: 'arcnet', 8: 'atalk',
  15: 'dlci', 19: 'atm', 23: 'metricom', 24: 'ieee1394', 27: 'eui64', 32: 'infiniband',
  256: 'slip', 257: 'cslip', 258: 'slip6', 259: 'cslip6', 260: 'rsrvd', 264: 'adapt', 270: 'rose', 271: 'x25',
  272: 'hwx25', 280: 'can', 290: 'mctp', 512: 'ppp', 513: 'hdlc', 516: 'lapb', 517: 'ddcmp', 518: 'rawhdlc', 519: 'rawip',
  768: 'ipip', 769: 'tunnel6', 770: 'frad', 771: 'skip', 772: 'loopback', 773: 'ltalk', 774: 'fddi', 775: 'bif',
  776: 'sit', 777: 'ip/ddp', 778: 'gre', 779: 'pimreg', 780: 'hippi', 781: 'ash', 782: 'econet', 783: 'irda',
  784: 'fcpp', 785: 'fcal', 786: 'fcpl', 787: 'fcfb0', 800: 'tr', 801: 'ieee802.11', 802: 'ieee802.11/prism',
  803: 'ieee802.11/radiotap', 804: 'ieee802.15.4', 805: 'ieee802.15.4/monitor', 820: 'phonet', 821: 'phonet_pipe',
  822: 'caif', 823: 'gre6', 824: 'netlink', 825: '6lowpan', 826: 'vsockmon', 65534: 'none', 65535: 'void',
};

export function linkTypeName(type: number): string | undefined {
  return ARPHRD_NAMES[type];
}
