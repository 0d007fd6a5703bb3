/**
 * The host a remote source names: `name`, `1.2.3.4` or `[IPv6]`, each with an optional
 * `:port` (kstat -H, knetstat -H, open({ host })). An IPv6 literal must be bracketed
 * (`[::1]:1234`; bare `::1` is accepted too, without a port, since it cannot be read any
 * other way). Without a port the client asks the host's rpcbind (GETPORT, program 100149).
 * Pure: no I/O.
 */
import { KstatError } from '../../errors.js';

export interface HostAddress {
  /** The host to connect to: a name, a dotted IPv4 or an IPv6 address (no brackets). */
  readonly host: string;
  /** The TCP port when given, else undefined (ask rpcbind). */
  readonly port: number | undefined;
}

/** RFC 1123 host names: dot-separated labels of letters, digits and inner hyphens. */
const NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const PORT = /^\d{1,5}$/;
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);

/** Which IP version `text` is a literal of (0: neither). The URL parser knows IPv6 (RFC 4291 forms, no zone). */
function isIP(text: string): 0 | 4 | 6 {
  if (IPV4.test(text)) return 4;
  if (!text.includes(':') || /[^0-9A-Fa-f:.]/.test(text)) return 0;
  try {
    new URL(`http://[${text}]/`);
    return 6;
  } catch {
    return 0;
  }
}

function bad(text: string, why: string): KstatError {
  return new KstatError('E_ARGUMENT', `host "${text}": ${why} (expected NAME, IPv4 or [IPv6], optionally followed by :PORT)`);
}

function portOf(text: string, digits: string): number {
  const port = Number(digits);
  if (!PORT.test(digits) || port < 1 || port > 65535) throw bad(text, `port "${digits}" is not 1..65535`);
  return port;
}

export function parseHost(text: string): HostAddress {
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) throw bad(text, 'no closing "]"');
    const host = text.slice(1, close);
    if (isIP(host) !== 6) throw bad(text, `"${host}" is not an IPv6 address`);
    const rest = text.slice(close + 1);
    if (rest === '') return { host, port: undefined };
    if (!rest.startsWith(':')) throw bad(text, `unexpected "${rest}" after "]"`);
    return { host, port: portOf(text, rest.slice(1)) };
  }
  if (isIP(text) === 6) return { host: text, port: undefined };
  const colon = text.lastIndexOf(':');
  const host = colon < 0 ? text : text.slice(0, colon);
  const port = colon < 0 ? undefined : portOf(text, text.slice(colon + 1));
  if (host.includes(':')) throw bad(text, 'an IPv6 address with a port must be in brackets');
  if (isIP(host) !== 4 && (!NAME.test(host) || /^[\d.]+$/.test(host))) throw bad(text, `"${host}" is not a host name or IPv4 address`);
  return { host, port };
}

/** The label of a host as users write it: `h:port`, `[v6]:port`, or without the port. */
export function hostLabel(a: HostAddress): string {
  const host = isIP(a.host) === 6 ? `[${a.host}]` : a.host;
  return a.port === undefined ? host : `${host}:${a.port}`;
}
