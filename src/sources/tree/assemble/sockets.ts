/**
 * /proc/net/{tcp,udp,udplite,raw,icmp}[6] and /proc/net/unix rows → `Socket` records.
 *
 * Only the files the query needs are read (filesForQuery). A file the tree lacks is an
 * `Unavailable` entry ("udplite6 sockets: not present in this source") and the rest is still
 * answered; when none of the needed files could be read at all the kind is unavailable
 * (E_UNAVAILABLE), never an empty list. Owning processes are attached by the source.
 */
import { issue, type Issue } from '../../../errors.js';
import {
  INET_STATES,
  TIMER_NAMES,
  UNIX_TYPES,
  type InetSocket,
  type Socket,
  type UnixSocket,
} from '../../../records/socket.js';
import { filesForQuery, matchesSocket, validateSocketQuery, type SocketFile, type SocketQuery } from '../../socket-query.js';
import { inetSocketFile, parseInetSocketTable, type InetSocketFile, type InetSocketRow } from '../procfs/inet-socket-table.js';
import { parseNetUnix, type NetUnixRow } from '../procfs/net-unix.js';
import type { TreeReader } from '../reader.js';
import { emptyPart, readInto, requireSome, type Part } from './part.js';

export async function readSockets(reader: TreeReader, query: SocketQuery): Promise<Part<Socket[]>> {
  validateSocketQuery(query);
  const part = emptyPart<Socket[]>([]);
  const files = filesForQuery(query);
  let anyRead = false;
  for (const entry of files) {
    const text = await readInto(part, reader, entry.file, `${entry.name} sockets`);
    if (text === undefined) continue;
    anyRead = true;
    addSockets(part, text, entry, query);
  }
  if (files.length > 0) requireSome(part, anyRead, 'sockets');
  return part;
}

function addSockets(part: Part<Socket[]>, text: string, entry: SocketFile, query: SocketQuery): void {
  const filtered = query.family !== undefined || query.protocol !== undefined || query.state !== undefined ||
    query.port !== undefined || query.localPort !== undefined || query.remotePort !== undefined;
  const keep = (socket: Socket | undefined) => {
    if (socket !== undefined && (!filtered || matchesSocket(query, socket))) part.data.push(socket);
  };
  const inet = inetSocketFile(entry.file);
  if (inet !== undefined) {
    const parsed = parseInetSocketTable(text, entry.file);
    append(part.issues, parsed.issues);
    for (const row of parsed.rows) keep(inetSocket(row, inet, part.issues));
  } else {
    const parsed = parseNetUnix(text, entry.file);
    append(part.issues, parsed.issues);
    for (const row of parsed.rows) keep(unixSocket(row, entry.file, part.issues));
  }
}

/** push(...many) overflows the stack with very many issues. */
function append(to: Issue[], from: readonly Issue[]): void {
  for (const i of from) to.push(i);
}

/** One table row → record; undefined (with an issue) for a state code this library does not know. */
export function inetSocket(row: InetSocketRow, file: InetSocketFile, issues: Issue[]): InetSocket | undefined {
  const state = INET_STATES[row.st - 1];
  if (state === undefined) {
    issues.push(issue(file.file, row.line, 'unknown-format', `unknown socket state 0x${row.st.toString(16).toUpperCase()}; socket left out`));
    return undefined;
  }
  const timer = TIMER_NAMES[row.tr];
  const listen = state === 'LISTEN';
  const qp = row.quick_pingpong;
  return {
    protocol: file.protocol,
    family: file.family,
    localAddress: row.local_address,
    localPort: row.local_port,
    remoteAddress: row.rem_address,
    remotePort: row.rem_port,
    state,
    sendQueue: row.tx_queue,
    recvQueue: row.rx_queue,
    timer,
    timerExpires: row.tm_when,
    retransmits: row.retrnsmt,
    uid: row.uid,
    timeout: row.timeout,
    inode: row.inode,
    refcount: row.ref,
    kernelPointer: row.pointer,
    rto: row.rto,
    ato: row.ato,
    quickAck: qp === undefined ? undefined : qp >>> 1,
    pingpong: qp === undefined ? undefined : (qp & 1) === 1,
    cwnd: row.cwnd,
    // For listeners the kernel prints fastopenq.max_qlen in the ssthresh column.
    ssthresh: listen ? undefined : row.ssthresh,
    fastOpenQueueMax: listen ? row.ssthresh : undefined,
    drops: row.drops,
    processes: undefined,
    extra: timer === undefined ? { ...row.extra, tr: BigInt(row.tr) } : row.extra,
  };
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
