/**
 * The socket list (default mode): one reading of the selected protocols, then netstat's
 * listening/connected split, as two tables (internet, unix) like netstat prints them.
 */
import type { InetSocket, Socket, SocketFamily, SocketProtocol, UnixSocket } from '../../../records/socket.js';
import type { SocketQuery } from '../../../sources/socket-query.js';
import { formatInetSockets } from '../../../format/knetstat/inet-sockets.js';
import { formatUnixSockets } from '../../../format/knetstat/unix-sockets.js';
import type { SocketSelection, KnetstatOptions } from '../options.js';
import type { ModeReport } from '../report.js';

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
  const reading = await session.sockets(socketQuery(selection, options.columns.program));
  const data = reading.data.filter((s) => shown(s, selection.show));
  return { reading, data, empty: data.length === 0, text: () => socketText(data, options) };
};

function socketText(data: readonly Socket[], options: KnetstatOptions): string[] {
  const selection = options.sockets;
  const lines: string[] = [];
  if (selection.protocols.length > 0) {
    lines.push(`Active Internet connections ${TITLE[selection.show]}`);
    lines.push(...formatInetSockets(data.filter((s): s is InetSocket => s.protocol !== 'unix'), options.columns));
  }
  if (selection.unix) {
    lines.push(`Active UNIX domain sockets ${TITLE[selection.show]}`);
    lines.push(...formatUnixSockets(data.filter((s): s is UnixSocket => s.protocol === 'unix'), options.columns.program));
  }
  return lines;
}
