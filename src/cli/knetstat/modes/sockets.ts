/**
 * The socket list (default mode): one reading of the selected protocols, then netstat's
 * listening/connected split, as two tables (internet, unix) like netstat prints them;
 * printed while the reading streams in (below) unless the output is JSON.
 * Without -n the internet table names ports (and with -e uids) from the source's own
 * etc/services and etc/passwd (../names.ts, loaded only then).
 */
import type { InetSocket, Socket, SocketFamily, SocketProtocol, UnixSocket } from '../../../records/socket.js';
import type { SocketQuery } from '../../../sources/socket-query.js';
import { InetSocketTable, formatInetSockets } from '../../../format/knetstat/inet-sockets.js';
import { formatUnixSockets } from '../../../format/knetstat/unix-sockets.js';
import { LineWriter } from '../../../format/line-writer.js';
import type { Session } from '../../../netstat/session.js';
import type { SocketSelection, KnetstatOptions } from '../options.js';
import type { ModeReport, Report, TextOut } from '../report.js';
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

export const socketsReport: ModeReport = async (session, options, out) => {
  const selection = options.sockets;
  const wantsNames = !options.json && !options.numeric && selection.protocols.length > 0;
  const names = wantsNames ? import('../names.js').then((m) => m.loadNames(session, { services: true, users: options.columns.extend })) : undefined;
  names?.catch(() => undefined); // awaited below; must not be left unhandled if the reading fails first
  const query = socketQuery(selection, options.columns.program);
  if (out !== undefined) return streamSockets(session, query, options, out, await names);
  const reading = await session.sockets(query);
  const data = reading.data.filter((s) => shown(s, selection.show));
  const lookup = await names;
  return { reading, data, empty: data.length === 0, text: () => socketText(data, options, lookup) };
};

/**
 * Text output while reading: each batch of internet sockets is printed as it arrives (the
 * live kernel sends a few hundred at a time), so the listing starts before the kernel has
 * finished and never holds 100k records. Unix sockets come after them in the reading and
 * have their own table, sized to its content: they are kept and printed at the end.
 */
async function streamSockets(session: Session, query: SocketQuery, options: KnetstatOptions, sink: TextOut, names: NameLookup | undefined): Promise<Report> {
  const selection = options.sockets;
  const out = new LineWriter((bytes) => sink.write(bytes));
  const inet = new InetSocketTable(out, options.columns, names);
  if (selection.protocols.length > 0) {
    out.text(`Active Internet connections ${TITLE[selection.show]}`).endLine();
    inet.header();
  }
  const unix: UnixSocket[] = [];
  let count = 0;
  const reading = await session.streamSockets(query, (batch) => {
    for (const s of batch) {
      if (!shown(s, selection.show)) continue;
      count++;
      if (s.protocol === 'unix') unix.push(s);
      else inet.row(s);
    }
    out.flush();
  });
  if (selection.unix) {
    out.text(`Active UNIX domain sockets ${TITLE[selection.show]}`).endLine();
    for (const line of formatUnixSockets(unix, options.columns.program)) out.text(line).endLine();
  }
  out.flush();
  return { reading, data: undefined, empty: count === 0, streamed: true, text: () => [] };
}

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
