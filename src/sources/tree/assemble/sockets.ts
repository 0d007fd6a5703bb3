/**
 * /proc/net/{tcp,udp,udplite,raw,icmp}[6] and /proc/net/unix rows → `Socket` records.
 *
 * Only the files the query needs are read (filesForQuery). A file the tree lacks is an
 * `Unavailable` entry ("udplite6 sockets: not present in this source") and the rest is still
 * answered; when none of the needed files could be read at all the kind is unavailable
 * (E_UNAVAILABLE), never an empty list. Owning processes are attached by the source.
 */
import { issue, type Issue } from '../../../errors.js';
import { UNIX_TYPES, type Socket, type UnixSocket } from '../../../records/socket.js';
import { filesForQuery, matchesSocket, validateSocketQuery, type SocketFile, type SocketQuery } from '../../socket-query.js';
import { inetSocketFile, type InetSocketFile } from '../procfs/inet-socket-table.js';
import { parseNetUnix, type NetUnixRow } from '../procfs/net-unix.js';
import type { TreeReader } from '../reader.js';
import type { SocketBatchHandler } from '../../source.js';
import { inetSocketFilter, type InetSocketFilter } from './inet-socket-filter.js';
import { InetSocketStream } from './inet-socket-stream.js';
import { appendAll, emptyPart, readInto, requireSome, type Part } from './part.js';
import { endReads, startChunks, streamInto, type StartedRead } from './stream-into.js';

export { inetSocket } from './inet-socket-record.js';

/**
 * With `deliver` the records are not collected: each chunk's go to it as soon as they are
 * decoded (and part.data stays empty). A table that fails to read half-way has then handed on
 * the sockets before the failure, where a collected reading leaves that table out; the
 * reading's issue says which.
 */
export async function readSockets(reader: TreeReader, query: SocketQuery, deliver?: SocketBatchHandler): Promise<Part<Socket[]>> {
  validateSocketQuery(query);
  const part = emptyPart<Socket[]>([]);
  const files = filesForQuery(query);
  const filter = inetSocketFilter(query);
  // Every internet table's read starts before the first is decoded: the kernel walks all of
  // its socket hash for each of them (tcp6 walks every IPv4 socket too, ~30 ms at 100k), and
  // those walks then run while the first table is decoded.
  const reads = files.map((entry) => (inetSocketFile(entry.file) === undefined ? undefined : startChunks(reader, entry.file)));
  try {
    let anyRead = false;
    for (const [k, entry] of files.entries()) {
      const inet = inetSocketFile(entry.file);
      const read = reads[k];
      const ok = inet !== undefined && read !== undefined ? await readInetSockets(part, read, inet, filter, deliver) : await readUnixSockets(part, reader, entry, query, deliver);
      anyRead ||= ok;
    }
    if (files.length > 0) requireSome(part, anyRead, 'sockets');
  } finally {
    await endReads(reads);
  }
  return part;
}

/**
 * One internet socket table, streamed (inet-socket-stream.ts): the filter drops rows before
 * their records are built. filesForQuery read only files whose protocol and family the query
 * allows, so the filter's state and ports are all that is left to check per row.
 */
async function readInetSockets(part: Part<Socket[]>, read: StartedRead, file: InetSocketFile, filter: InetSocketFilter, deliver?: SocketBatchHandler): Promise<boolean> {
  const stream = new InetSocketStream(file, { filter });
  const each =
    deliver === undefined
      ? (bytes: Uint8Array) => stream.push(bytes)
      : (bytes: Uint8Array) => {
          stream.push(bytes);
          const rows = stream.take();
          return rows.length > 0 ? deliver(rows) : undefined;
        };
  if (!(await streamInto(part, read, `${file.name} sockets`, each))) return false;
  const parsed = stream.end();
  appendAll(part.issues, parsed.issues);
  if (deliver !== undefined) {
    if (parsed.rows.length > 0) await deliver(parsed.rows);
    return true;
  }
  // The first table with sockets becomes the list itself: 100k records are not copied.
  if (part.data.length === 0) part.data = parsed.rows;
  else appendAll(part.data, parsed.rows);
  return true;
}

async function readUnixSockets(part: Part<Socket[]>, reader: TreeReader, entry: SocketFile, query: SocketQuery, deliver?: SocketBatchHandler): Promise<boolean> {
  const text = await readInto(part, reader, entry.file, `${entry.name} sockets`);
  if (text === undefined) return false;
  const filtered = query.state !== undefined || query.port !== undefined || query.localPort !== undefined || query.remotePort !== undefined;
  const parsed = parseNetUnix(text, entry.file);
  appendAll(part.issues, parsed.issues);
  const sockets: Socket[] = deliver === undefined ? part.data : [];
  for (const row of parsed.rows) {
    const socket = unixSocket(row, entry.file, part.issues);
    if (socket !== undefined && (!filtered || matchesSocket(query, socket))) sockets.push(socket);
  }
  if (deliver !== undefined && sockets.length > 0) await deliver(sockets);
  return true;
}

/** Socket types by code (include/linux/net.h); unix sockets support only these three. */
const UNIX_TYPE_CODES: Readonly<Record<number, UnixSocket['type']>> = { 1: UNIX_TYPES[0], 2: UNIX_TYPES[1], 5: UNIX_TYPES[2] };
/** socket_state codes (include/uapi/linux/net.h), 1..4. */
const UNIX_STATE_CODES: Readonly<Record<number, UnixSocket['state']>> = { 1: 'UNCONNECTED', 2: 'CONNECTING', 3: 'CONNECTED', 4: 'DISCONNECTING' };
const SO_ACCEPTCON = 0x10000;

export function unixSocket(row: NetUnixRow, file: string, issues: Issue[]): UnixSocket | undefined {
  const type = UNIX_TYPE_CODES[row.Type];
  // A listener is printed as SS_UNCONNECTED with the accept flag (af_unix.c unix_seq_show).
  const state = (row.Flags & SO_ACCEPTCON) !== 0 ? 'LISTEN' : UNIX_STATE_CODES[row.St];
  if (type === undefined || state === undefined) {
    const what = type === undefined ? `type 0x${row.Type.toString(16)}` : `state 0x${row.St.toString(16)}`;
    issues.push(issue(file, row.line, 'unknown-format', `unknown unix socket ${what}; socket left out`));
    return undefined;
  }
  return {
    protocol: 'unix',
    family: 'unix',
    type,
    state,
    path: row.Path,
    inode: row.Inode,
    refcount: row.RefCount,
    flags: row.Flags,
    kernelPointer: row.Num,
    processes: undefined,
    extra: row.extra,
  };
}
