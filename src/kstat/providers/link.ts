/**
 * `link:0:<ifname>`, class `net`: one NAMED kstat per network interface of the source's
 * namespace, from the interfaces view (/proc/net/dev + /sys/class/net).
 *
 * Statistics: every scalar field of the interface record under its record field name
 * (named-record.ts rules: rxBytes, txPackets, mtu, operState, statistics.rx_dropped,
 * ipv6Counters.Ip6InReceives, ...), then the Solaris GLDv3 link names, so tools written
 * for Solaris `link` kstats find theirs: rbytes64 obytes64 ipackets64 opackets64 ierrors
 * oerrors multircv collisions norcvbuf noxmtbuf, plus ifspeed (bit/s), link_up and
 * link_duplex. An alias exists only when its source field does. Addresses (a list) are
 * not statistics: they are in the `netstat:0:interfaces` RAW kstat.
 */
import { interfaceSchema, type Interface } from '../../records/interface.js';
import type { KstatProvider } from '../provider.js';
import type { NamedStat, ProvidedKstat } from '../types.js';
import { named, namedFromRecord } from './named-record.js';
import { fromView } from './view-reading.js';

type CounterField = 'rxBytes' | 'txBytes' | 'rxPackets' | 'txPackets' | 'rxErrors' | 'txErrors' | 'rxMulticast' | 'txCollisions' | 'rxDropped' | 'txDropped';

/** Solaris link kstat name → our field (illumos mac(9E) MAC_STAT_* names). */
const SOLARIS_COUNTERS: readonly (readonly [string, CounterField])[] = [
  ['rbytes64', 'rxBytes'],
  ['obytes64', 'txBytes'],
  ['ipackets64', 'rxPackets'],
  ['opackets64', 'txPackets'],
  ['ierrors', 'rxErrors'],
  ['oerrors', 'txErrors'],
  ['multircv', 'rxMulticast'],
  ['collisions', 'txCollisions'],
  ['norcvbuf', 'rxDropped'],
  ['noxmtbuf', 'txDropped'],
];

/** Solaris link_duplex: 0 unknown, 1 half, 2 full (LINK_DUPLEX_* in sys/mac.h). */
const DUPLEX = { unknown: 0, half: 1, full: 2 } as const;

export function solarisAliases(i: Interface): NamedStat[] {
  const out: NamedStat[] = [];
  for (const [alias, field] of SOLARIS_COUNTERS) {
    const value = i[field];
    if (value !== undefined) out.push({ name: alias, type: 'UINT64', value });
  }
  if (i.speed !== undefined) out.push({ name: 'ifspeed', type: 'UINT64', value: BigInt(i.speed) * 1_000_000n });
  if (i.carrier !== undefined) out.push({ name: 'link_up', type: 'UINT32', value: i.carrier ? 1 : 0 });
  if (i.duplex !== undefined) out.push({ name: 'link_duplex', type: 'UINT32', value: DUPLEX[i.duplex] });
  return out;
}

export function linkKstat(i: Interface): ProvidedKstat {
  return {
    module: 'link',
    instance: 0,
    name: i.name,
    class: 'net',
    type: 'NAMED',
    data: named([...namedFromRecord(interfaceSchema, i), ...solarisAliases(i)]),
  };
}

export const linkProvider: KstatProvider = {
  name: 'link',
  modules: ['link'],
  collect: (source) => fromView(() => source.interfaces(), (interfaces) => interfaces.map(linkKstat)),
};
