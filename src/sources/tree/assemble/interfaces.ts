/**
 * Interfaces from procfs and sysfs: proc/net/dev → rows → `Interface` records, completed
 * from /sys/class/net/<if>, proc/net/if_inet6 and proc/net/dev_snmp6/<if>.
 *
 * proc/net/dev is the list of interfaces (it is per network namespace, as /proc/net is);
 * its 16 counters are the main counters even where sysfs statistics/ has them too: both
 * print the same u64 rtnl_link_stats64 on any kernel from 2.6.36 on, so nothing is gained
 * by preferring sysfs, and one file read for all interfaces is more coherent than 16 per
 * interface. /sys/class/net shows the namespace of whoever mounted that sysfs, which need
 * not be the namespace of /proc/net (a container, `nsenter -n` without a remount, a pid
 * source): when its interfaces differ from proc/net/dev's, or an ifindex disagrees with
 * the one procfs gives, every sysfs field is left out and one `Unavailable` says why.
 */
import { KstatError, type Issue } from '../../../errors.js';
import type { Interface, InterfaceAddress } from '../../../records/interface.js';
import type { Unavailable } from '../../source.js';
import { parseNetDev, type NetDevRow } from '../procfs/net-dev.js';
import { parseNetDevSnmp6 } from '../procfs/net-dev-snmp6.js';
import { ipv6AddressFlagNames, ipv6ScopeName, parseNetIfInet6 } from '../procfs/net-if-inet6.js';
import type { TreeReader } from '../reader.js';
import { allInOrder, emptyPart, readInto, requireSome, type Part } from './part.js';
import { mapBounded, readSysfsFields, readSysfsInterface, type SysfsFields, type SysfsInterface } from './interface-sysfs.js';

const NET_DEV = 'proc/net/dev';
const CLASS_NET = 'sys/class/net';
const SYSFS_WHAT = 'interface attributes from sysfs (mtu, address, state, speed, flags, statistics/, tx timeouts)';
/** Interfaces read from sysfs at a time; each reads up to 8 files at once. */
const INTERFACES_IN_FLIGHT = 4;
/** sys/class/net entries that are not interfaces (the bonding driver's control file). */
const NOT_INTERFACES: ReadonlySet<string> = new Set(['bonding_masters']);

/** /proc/net/dev kernel key → record field. Anything else goes to `extra`. */
const NET_DEV_FIELDS: Readonly<Record<string, keyof Interface>> = {
  rx_bytes: 'rxBytes', rx_packets: 'rxPackets', rx_errs: 'rxErrors', rx_drop: 'rxDropped',
  rx_fifo: 'rxFifoErrors', rx_frame: 'rxFrameErrors', rx_compressed: 'rxCompressed', rx_multicast: 'rxMulticast',
  tx_bytes: 'txBytes', tx_packets: 'txPackets', tx_errs: 'txErrors', tx_drop: 'txDropped',
  tx_fifo: 'txFifoErrors', tx_colls: 'txCollisions', tx_carrier: 'txCarrierErrors', tx_compressed: 'txCompressed',
};

export async function readInterfaces(reader: TreeReader): Promise<Part<Interface[]>> {
  const part = emptyPart<Interface[]>([]);
  const text = await readInto(part, reader, NET_DEV, 'interfaces');
  requireSome(part, text !== undefined, 'interfaces');
  const parsed = parseNetDev(text!, NET_DEV);
  part.issues.push(...parsed.issues);
  if (parsed.rows.length === 0 && parsed.issues.some((i) => i.code === 'bad-header')) {
    throw new KstatError('E_PARSE', `${NET_DEV}: header not understood: ${parsed.issues[0]!.message}`, { file: NET_DEV });
  }
  const records = parsed.rows.map(fromNetDev);
  const names = records.map((r) => r.name);
  const [addresses, snmp6, sysfs] = await allInOrder<[Ipv6Addresses | undefined, DevSnmp6, SysfsReading]>(part, [
    (own) => readIpv6Addresses(reader, own),
    (own) => readDevSnmp6(reader, own, names),
    () => readSysfs(reader, names),
  ]);
  for (const r of records) {
    const index = snmp6.indexes.get(r.name) ?? addresses?.indexes.get(r.name);
    if (index !== undefined) r.index = index;
    if (addresses !== undefined) r.addresses = addresses.byName.get(r.name) ?? [];
    const counters = snmp6.counters.get(r.name);
    if (counters !== undefined) r.ipv6Counters = counters;
  }
  mergeSysfs(part, records, sysfs);
  // procfs never lists IPv4 addresses per interface; say so instead of leaving it to guesswork.
  part.unavailable.push({ what: 'IPv4 interface addresses', reason: 'procfs has no per-interface IPv4 address list (netlink gives them)' });
  part.data = records;
  return part;
}

/**
 * For a source whose interfaces come from rtnetlink: the fields netlink has no attribute for
 * — speed, duplex and tx timeouts (sysfs), per-interface IPv6 counters (proc/net/dev_snmp6) —
 * for the given interfaces only: a few files each, where readInterfaces reads ~50. The same
 * namespace guards: sysfs counts only when /sys/class/net lists exactly these interfaces, each
 * with the index netlink gave.
 */
export async function readInterfaceExtras(reader: TreeReader, interfaces: readonly Pick<Interface, 'name' | 'index'>[]): Promise<Part<Map<string, SysfsFields>>> {
  const part = emptyPart(new Map<string, SysfsFields>());
  const names = interfaces.map((i) => i.name);
  const [snmp6, sysfs] = await allInOrder<[DevSnmp6, Map<string, SysfsFields> | undefined]>(part, [
    (own) => readDevSnmp6(reader, own, names),
    (own) => readSysfsExtras(reader, own, interfaces),
  ]);
  for (const name of names) {
    const fields: SysfsFields = { ...sysfs?.get(name) };
    const counters = snmp6.counters.get(name);
    if (counters !== undefined) fields.ipv6Counters = counters;
    part.data.set(name, fields);
  }
  return part;
}

const EXTRAS_WHAT = 'speed, duplex and transmit timeouts from sysfs';

async function readSysfsExtras(reader: TreeReader, part: Part<unknown>, interfaces: readonly Pick<Interface, 'name' | 'index'>[]): Promise<Map<string, SysfsFields> | undefined> {
  const names = interfaces.map((i) => i.name);
  const listed = await reader.list(CLASS_NET);
  if (!listed.ok) {
    const reason = listed.reason === 'absent' ? 'not present in this source' : `${listed.errno ?? listed.reason}: ${listed.message}`;
    part.unavailable.push({ what: EXTRAS_WHAT, file: CLASS_NET, reason });
    return undefined;
  }
  const inSysfs = listed.names.filter((n) => !NOT_INTERFACES.has(n));
  if (!sameSet(inSysfs, names)) {
    const reason = `${CLASS_NET} lists ${show(inSysfs)} but netlink lists ${show(names)}: this /sys belongs to another network namespace`;
    part.unavailable.push({ what: EXTRAS_WHAT, file: CLASS_NET, reason });
    return undefined;
  }
  const read = await mapBounded(part, interfaces, INTERFACES_IN_FLIGHT, (i, own) => readSysfsFields(reader, own, i.name, ['index', 'speed', 'duplex', 'txTimeouts']));
  const clash = interfaces.findIndex((i, k) => i.index !== undefined && read[k]!.index !== undefined && read[k]!.index !== i.index);
  if (clash >= 0) {
    const reason = `${CLASS_NET}/${names[clash]}/ifindex is ${read[clash]!.index} but netlink gives ${interfaces[clash]!.index}: this /sys belongs to another network namespace`;
    part.unavailable.push({ what: EXTRAS_WHAT, file: CLASS_NET, reason });
    return undefined;
  }
  return new Map(names.map((n, k) => [n, { speed: read[k]!.speed, duplex: read[k]!.duplex, txTimeouts: read[k]!.txTimeouts }] as const));
}

function fromNetDev(row: NetDevRow): Interface {
  const record: Record<string, unknown> = { name: row.name };
  const extra: Record<string, bigint> = {};
  for (const [key, value] of Object.entries(row.columns)) {
    const field = NET_DEV_FIELDS[key];
    if (field !== undefined) record[field] = value;
    else extra[key] = value;
  }
  if (Object.keys(extra).length > 0) record.extra = extra;
  return record as Interface;
}

interface Ipv6Addresses {
  byName: Map<string, InterfaceAddress[]>;
  indexes: Map<string, number>;
}

async function readIpv6Addresses(reader: TreeReader, part: Part<unknown>): Promise<Ipv6Addresses | undefined> {
  const file = 'proc/net/if_inet6';
  const text = await readInto(part, reader, file, 'IPv6 interface addresses');
  if (text === undefined) return undefined;
  const parsed = parseNetIfInet6(text, file);
  part.issues.push(...parsed.issues);
  const out: Ipv6Addresses = { byName: new Map(), indexes: new Map() };
  for (const row of parsed.rows) {
    const list = out.byName.get(row.name) ?? [];
    list.push({
      family: 'inet6',
      address: row.address,
      prefixLength: row.prefixLength,
      scope: ipv6ScopeName(row.scope),
      flags: row.flags,
      flagNames: ipv6AddressFlagNames(row.flags),
    });
    out.byName.set(row.name, list);
    out.indexes.set(row.name, row.ifindex);
  }
  return out;
}

interface DevSnmp6 {
  counters: Map<string, Record<string, bigint>>;
  indexes: Map<string, number>;
}

async function readDevSnmp6(reader: TreeReader, part: Part<unknown>, names: string[]): Promise<DevSnmp6> {
  const dir = 'proc/net/dev_snmp6';
  const out: DevSnmp6 = { counters: new Map(), indexes: new Map() };
  const listed = await reader.list(dir);
  if (!listed.ok) {
    const reason = listed.reason === 'absent' ? 'not present in this source (IPv6 disabled or not captured)' : `${listed.errno ?? listed.reason}: ${listed.message}`;
    part.unavailable.push({ what: 'per-interface IPv6 counters', file: dir, reason });
    return out;
  }
  const present = new Set(listed.names);
  const wanted = names.filter((n) => present.has(n));
  const texts = await mapBounded(part, wanted, INTERFACES_IN_FLIGHT, (n, own) => readInto(own, reader, `${dir}/${n}`, `IPv6 counters of ${n}`));
  wanted.forEach((name, i) => {
    const text = texts[i];
    if (text === undefined) return;
    const parsed = parseNetDevSnmp6(text, `${dir}/${name}`);
    part.issues.push(...parsed.issues);
    const counters: Record<string, bigint> = {};
    for (const row of parsed.rows) {
      // ifIndex is the interface's index, printed first; it is not a counter.
      if (row.name === 'ifIndex') out.indexes.set(name, Number(row.value));
      else counters[row.name] = row.value;
    }
    out.counters.set(name, counters);
  });
  return out;
}

type SysfsReading =
  | { ok: true; byName: Map<string, SysfsInterface>; issues: Issue[]; unavailable: Unavailable[] }
  | { ok: false; unavailable: Unavailable; issues: Issue[] };

async function readSysfs(reader: TreeReader, names: string[]): Promise<SysfsReading> {
  const listed = await reader.list(CLASS_NET);
  if (!listed.ok) {
    const reason = listed.reason === 'absent' ? 'not present in this source' : `${listed.errno ?? listed.reason}: ${listed.message}`;
    return { ok: false, unavailable: { what: SYSFS_WHAT, file: CLASS_NET, reason }, issues: [] };
  }
  const inSysfs = listed.names.filter((n) => !NOT_INTERFACES.has(n));
  if (!sameSet(inSysfs, names)) {
    const reason =
      `${CLASS_NET} lists ${show(inSysfs)} but ${NET_DEV} lists ${show(names)}: this /sys belongs to another ` +
      'network namespace, so its attributes are left out rather than mixed in';
    return { ok: false, unavailable: { what: SYSFS_WHAT, file: CLASS_NET, reason }, issues: [] };
  }
  const sub = emptyPart<null>(null);
  const read = await mapBounded(sub, names, INTERFACES_IN_FLIGHT, (n, own) => readSysfsInterface(reader, own, n));
  const byName = new Map(names.map((n, i) => [n, read[i]!] as const));
  return { ok: true, byName, issues: sub.issues, unavailable: sub.unavailable };
}

function mergeSysfs(part: Part<unknown>, records: Interface[], sysfs: SysfsReading): void {
  part.issues.push(...sysfs.issues);
  if (!sysfs.ok) {
    part.unavailable.push(sysfs.unavailable);
    return;
  }
  const clash = records.find((r) => {
    const index = sysfs.byName.get(r.name)?.fields.index;
    return r.index !== undefined && index !== undefined && index !== r.index;
  });
  if (clash !== undefined) {
    const reason =
      `${CLASS_NET}/${clash.name}/ifindex is ${sysfs.byName.get(clash.name)?.fields.index} but procfs gives ` +
      `${clash.index}: this /sys belongs to another network namespace, so its attributes are left out rather than mixed in`;
    part.unavailable.push({ what: SYSFS_WHAT, file: CLASS_NET, reason });
    return;
  }
  part.unavailable.push(...sysfs.unavailable);
  for (const r of records) Object.assign(r, sysfs.byName.get(r.name)?.fields);
  const all = [...sysfs.byName.values()];
  if (all.length > 0 && all.every((s) => !s.hasStatistics)) {
    part.unavailable.push({ what: 'sysfs interface statistics/ counters', file: `${CLASS_NET}/<if>/statistics`, reason: 'not present in this source' });
  }
  if (all.length > 0 && all.every((s) => !s.hasQueues)) {
    part.unavailable.push({ what: 'transmit timeouts (txTimeouts)', file: `${CLASS_NET}/<if>/queues`, reason: 'not present in this source' });
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((n) => set.has(n));
}

function show(names: readonly string[]): string {
  const sorted = [...names].sort();
  return sorted.length <= 12 ? `[${sorted.join(', ')}]` : `[${sorted.slice(0, 12).join(', ')}, … ${sorted.length} in all]`;
}
