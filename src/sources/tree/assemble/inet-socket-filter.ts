/**
 * A socket query's conditions on state and ports, compiled for the rows of one internet
 * socket table, so that a row the query rules out is dropped before its record is built
 * (a `state: 'LISTEN'` query over 100k connections builds a handful of records, not 100k).
 *
 * It is `matchesSocket` (socket-query.ts) for internet sockets of a file the query already
 * selected: `filesForQuery` reads only files whose protocol and family the query allows, so
 * what remains per row is the state and the ports. The unit test checks the two agree.
 */
import { INET_STATES } from '../../../records/socket.js';
import type { SocketQuery } from '../../socket-query.js';

export interface InetSocketFilter {
  /** Kept kernel state codes (index = `st`, 1..13); undefined: every state. */
  readonly states: readonly boolean[] | undefined;
  /** A port condition, -1 when the query has none. */
  readonly localPort: number;
  readonly remotePort: number;
  /** Local or remote. */
  readonly port: number;
}

/** The filter of a validated query. */
export function inetSocketFilter(query: SocketQuery): InetSocketFilter {
  const wanted = query.state === undefined ? undefined : ([] as readonly string[]).concat(query.state);
  return {
    states: wanted === undefined ? undefined : [false, ...INET_STATES.map((name) => wanted.includes(name))],
    localPort: query.localPort ?? -1,
    remotePort: query.remotePort ?? -1,
    port: query.port ?? -1,
  };
}

/** True when a row with state code `st` and these ports passes the filter. */
export function keepsInetSocket(f: InetSocketFilter, st: number, localPort: number, remotePort: number): boolean {
  if (f.states !== undefined && f.states[st] !== true) return false;
  if (f.localPort >= 0 && localPort !== f.localPort) return false;
  if (f.remotePort >= 0 && remotePort !== f.remotePort) return false;
  return f.port < 0 || localPort === f.port || remotePort === f.port;
}
