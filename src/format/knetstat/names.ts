/**
 * Names for numbers in knetstat's text: service names for ports (netstat's `0.0.0.0:ssh`)
 * and user names for uids, from the source's own name tables (records/system-names.ts).
 * Presentation only: records and JSON keep the numbers.
 *
 * Loaded only when a report shows names (not with -n, not for --json), so a numeric run
 * does not pay for building the maps. The formatters take the `NameLookup` type alone.
 */
import type { InetProtocol } from '../../records/socket.js';
import type { SystemNames } from '../../records/system-names.js';

export interface NameLookup {
  /** The service name of a port for sockets of `protocol`; undefined: print the number. */
  service(port: number, protocol: InetProtocol): string | undefined;
  /** The user name of a uid; undefined: print the number. */
  user(uid: number): string | undefined;
}

/**
 * Which services(5) protocol names a socket's port: TCP ports by the tcp entries, UDP and
 * UDP-Lite ports by the udp entries (UDP-Lite shares UDP's port space and services(5) has
 * no udplite entries). A raw socket's "port" is its IP protocol number and a ping socket's
 * its ICMP identifier: never named.
 */
const SERVICE_PROTOCOL: Readonly<Record<InetProtocol, 'tcp' | 'udp' | undefined>> = { tcp: 'tcp', udp: 'udp', udplite: 'udp', raw: undefined, icmp: undefined };

/** Builds the lookup; where a port/protocol or uid is listed twice, the first entry wins (getservbyport(3), getpwuid(3)). */
export function nameLookup(names: SystemNames): NameLookup {
  const services = new Map<string, string>();
  for (const s of names.services ?? []) {
    const key = `${s.port}/${s.protocol}`;
    if (!services.has(key)) services.set(key, s.name);
  }
  const users = new Map<number, string>();
  for (const u of names.users ?? []) if (!users.has(u.uid)) users.set(u.uid, u.name);
  return {
    service(port, protocol) {
      const proto = SERVICE_PROTOCOL[protocol];
      return proto === undefined ? undefined : services.get(`${port}/${proto}`);
    },
    user: (uid) => users.get(uid),
  };
}
