/**
 * Which sockets a caller wants: the filter every source applies the same way, and (for the
 * procfs tree source) which kernel files it takes to answer it, so that
 * `{ protocol: 'tcp' }` reads only /proc/net/tcp and tcp6.
 *
 * All conditions must hold (AND); a list means any of its values (OR). An empty query
 * matches every socket. Ports never match unix sockets, so a port condition leaves unix
 * sockets out.
 */
import { KstatError } from '../errors.js';
import {
  INET_PROTOCOLS,
  INET_STATES,
  UNIX_STATES,
  type Socket,
  type SocketFamily,
  type SocketProtocol,
  type SocketState,
} from '../records/socket.js';
import { INET_SOCKET_FILES } from './tree/procfs/inet-socket-table.js';

export type Family = SocketFamily;
export type Protocol = SocketProtocol;
export type State = SocketState;

export interface SocketQuery {
  readonly family?: Family | readonly Family[];
  readonly protocol?: Protocol | readonly Protocol[];
  /** Kernel state names (LISTEN, ESTABLISHED, CLOSE, ...; unix: CONNECTED, UNCONNECTED, ...). */
  readonly state?: State | readonly State[];
  /** Local or remote port. */
  readonly port?: number;
  readonly localPort?: number;
  readonly remotePort?: number;
  /** Fill `processes` on each socket (the source does it after reading; not a filter). */
  readonly processes?: boolean;
  /** Fill TCP internals (rttUs, congestion, tcpInfo, …: sock_diag INET_DIAG_INFO); procfs has none. Not a filter. */
  readonly internals?: boolean;
  /** Fill socket memory (`memory`: SK_MEMINFO); procfs has none. Not a filter. */
  readonly memory?: boolean;
}

const FAMILIES: readonly Family[] = ['inet', 'inet6', 'unix'];
const PROTOCOLS: readonly Protocol[] = [...INET_PROTOCOLS, 'unix'];
const STATES: readonly State[] = [...new Set<State>([...INET_STATES, ...UNIX_STATES])];

/**
 * States a socket of each protocol can be in. UDP, UDP-Lite, raw and ping sockets are only
 * ever TCP_CLOSE or, once connect()ed, TCP_ESTABLISHED (net/ipv4/datagram.c, udp_disconnect),
 * so a `state: 'LISTEN'` query need not read their files.
 */
const PROTOCOL_STATES: Readonly<Record<Protocol, readonly State[]>> = {
  tcp: INET_STATES,
  udp: ['ESTABLISHED', 'CLOSE'],
  udplite: ['ESTABLISHED', 'CLOSE'],
  raw: ['ESTABLISHED', 'CLOSE'],
  icmp: ['ESTABLISHED', 'CLOSE'],
  unix: UNIX_STATES,
};

const KEYS = new Set(['family', 'protocol', 'state', 'port', 'localPort', 'remotePort', 'processes', 'internals', 'memory']);

/** Checks a query from any caller (JavaScript too); throws KstatError E_ARGUMENT on anything unknown. */
export function validateSocketQuery(query: SocketQuery): SocketQuery {
  if (typeof query !== 'object' || query === null) throw argument(`a socket query must be an object, not ${String(query)}`);
  for (const key of Object.keys(query)) if (!KEYS.has(key)) throw argument(`unknown socket query key "${key}"`);
  checkValues('family', query.family, FAMILIES);
  checkValues('protocol', query.protocol, PROTOCOLS);
  checkValues('state', query.state, STATES);
  for (const key of ['port', 'localPort', 'remotePort'] as const) {
    const port = query[key];
    if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) throw argument(`${key} must be an integer 0..65535, not ${String(port)}`);
  }
  for (const key of ['processes', 'internals', 'memory'] as const) {
    if (query[key] !== undefined && typeof query[key] !== 'boolean') throw argument(`${key} must be true or false`);
  }
  return query;
}

function checkValues(key: string, value: unknown, allowed: readonly string[]): void {
  if (value === undefined) return;
  const list: unknown[] = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw argument(`${key} must not be an empty list`);
  for (const v of list) if (typeof v !== 'string' || !allowed.includes(v)) throw argument(`unknown ${key} ${JSON.stringify(v)} (one of: ${allowed.join(', ')})`);
}

function argument(message: string): KstatError {
  return new KstatError('E_ARGUMENT', message);
}

function inList<T>(condition: T | readonly T[] | undefined, value: T): boolean {
  if (condition === undefined) return true;
  return Array.isArray(condition) ? (condition as readonly T[]).includes(value) : condition === value;
}

/** True when the socket satisfies every condition of the (validated) query. */
export function matchesSocket(query: SocketQuery, socket: Socket): boolean {
  if (!inList(query.family, socket.family) || !inList(query.protocol, socket.protocol) || !inList<State>(query.state, socket.state)) return false;
  if (query.port === undefined && query.localPort === undefined && query.remotePort === undefined) return true;
  if (socket.protocol === 'unix') return false;
  if (query.localPort !== undefined && socket.localPort !== query.localPort) return false;
  if (query.remotePort !== undefined && socket.remotePort !== query.remotePort) return false;
  return query.port === undefined || socket.localPort === query.port || socket.remotePort === query.port;
}

/** One procfs socket table: its logical path and what it lists. */
export interface SocketFile {
  readonly name: string;
  readonly file: string;
  readonly protocol: Protocol;
  readonly family: Family;
}

export const SOCKET_FILES: readonly SocketFile[] = [...INET_SOCKET_FILES, { name: 'unix', file: 'proc/net/unix', protocol: 'unix', family: 'unix' }];

/** The procfs files a query needs: no file whose sockets the query rules out. Validates the query. */
export function filesForQuery(query: SocketQuery): SocketFile[] {
  validateSocketQuery(query);
  const hasPort = query.port !== undefined || query.localPort !== undefined || query.remotePort !== undefined;
  return SOCKET_FILES.filter(
    (f) =>
      inList(query.family, f.family) &&
      inList(query.protocol, f.protocol) &&
      !(hasPort && f.protocol === 'unix') &&
      (query.state === undefined || PROTOCOL_STATES[f.protocol].some((state) => inList(query.state, state))),
  );
}
