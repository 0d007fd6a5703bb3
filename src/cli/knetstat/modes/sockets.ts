/**
 * The socket list (default mode): one reading of the selected protocols, then netstat's
 * listening/connected split, as two tables (internet, unix) like netstat prints them.
 * Without -n the internet table names ports (and with -e uids) from the source's own
 * etc/services and etc/passwd (../names.ts, loaded only then).
 */
import type { InetSocket, Socket, SocketFamily, SocketProtocol, UnixSocket } from '../../../records/socket.js';
import type { SocketQuery } from '../../../sources/socket-query.js';
import { formatInetSockets } from '../../../format/knetstat/inet-sockets.js';
import { formatUnixSockets } from '../../../format/knetstat/unix-sockets.js';
import type { SocketSelection, KnetstatOptions } from '../options.js';
import type { ModeReport } from '../report.js';
import type { NameLookup } from '../../../format/knetstat/names.js';

export function socketQuery(selection: SocketSelection, processes: boolean): SocketQuery {
  const family: SocketFamily[] = selection.protocols.length > 0 ? [...selection.families] : [];
  const protocol: SocketProtocol[] = [...selection.protocols];
  if (selection.unix) {
    family.push('unix');
    protocol.push('unix');
  }
  return processes ? { family, protocol, processes } : { family, protocol };
}

/**
 * netstat's notion of "listening": TCP LISTEN, an unconnected datagram socket (UDP, UDP-Lite,
 * raw, ping: it receives from anyone, like a server), and a unix socket with listen() called.
 */
export function isListening(s: Socket): boolean {
  if (s.protocol === 'unix') return s.state === 'LISTEN';
  return s.state === 'LISTEN' || (s.protocol !== 'tcp' && s.state === 'CLOSE');
}

export function shown(s: Socket, show: SocketSelection['show']): boolean {
  return show === 'all' || (show === 'listening') === isListening(s);
}

const TITLE = { connected: '(w/o servers)', listening: '(only servers)', all: '(servers and established)' } as const;

export const socketsReport: ModeReport = async (session, options) => {
  const selection = options.sockets;
  const wantsNames = !options.json && !options.numeric && selection.protocols.length > 0;
  const names = wantsNames ? import('../names.js').then((m) => m.loadNames(session, { services: true, users: options.columns.extend })) : undefined;
  names?.catch(() => undefined); // awaited below; must not be left unhandled if the reading fails first
  const reading = await session.sockets(socketQuery(selection, options.columns.program));
  const data = reading.data.filter((s) => shown(s, selection.show));
  const lookup = await names;
  return { reading, data, empty: data.length === 0, text: () => socketText(data, options, lookup) };
};

function socketText(data: readonly Socket[], options: KnetstatOptions, names: NameLookup | undefined): string[] {
  const selection = options.sockets;
  const lines: string[] = [];
  if (selection.protocols.length > 0) {
    lines.push(`Active Internet connections ${TITLE[selection.show]}`);
    append(lines, formatInetSockets(data.filter((s): s is InetSocket => s.protocol !== 'unix'), options.columns, names));
  }
  if (selection.unix) {
    lines.push(`Active UNIX domain sockets ${TITLE[selection.show]}`);
    append(lines, formatUnixSockets(data.filter((s): s is UnixSocket => s.protocol === 'unix'), options.columns.program));
  }
  return lines;
}

/** Appends in a loop: push(...table) passes one argument per line and overflows the stack at ~100k sockets. */
function append(into: string[], more: readonly string[]): void {
  for (const line of more) into.push(line);
}
