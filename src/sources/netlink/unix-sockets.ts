/**
 * Unix domain sockets from sock_diag (unix_diag) → `UnixSocket` records that equal the
 * /proc/net/unix ones field by field wherever both give a field.
 *
 * The kernel's two listings differ in form, not content: /proc/net/unix prints a socket-layer
 * state (SS_*) and an accept flag, both derived from sk_state and whether a file is attached
 * (af_unix.c unix_seq_show); unix_diag sends sk_state itself. `stateFields` redoes that
 * derivation, so LISTEN, flags 0x10000 and the rest come out as procfs gives them.
 * unix_diag adds what procfs lacks (peer inode, queues, uid, bound file, memory) and lacks
 * what it prints (reference count, kernel address: undefined here). It leaves out sockets
 * without a file — connections still waiting in a listener's accept queue, which procfs
 * lists as CONNECTING with inode 0 — so they are missing from this reading (ss -x agrees).
 *
 * Errors from the channel or the dump (no koffi, no unix_diag module: E_UNAVAILABLE) are
 * thrown: the source decides whether procfs serves instead.
 */
import { issue } from '../../errors.js';
import { UNIX_TYPES, type UnixSocket, type UnixState } from '../../records/socket.js';
import { NETLINK_SOCK_DIAG, SOCK_DIAG_BY_FAMILY } from '../../protocol/netlink/constants.js';
import {
  UDIAG_SHOW_MEMINFO,
  UDIAG_SHOW_NAME,
  UDIAG_SHOW_PEER,
  UDIAG_SHOW_RQLEN,
  UDIAG_SHOW_UID,
  UDIAG_SHOW_VFS,
  UNIX_DIAG_FILE,
  UNIX_SK_ESTABLISHED,
  UNIX_SK_LISTEN,
  buildUnixDiagRequest,
  parseUnixDiagMessage,
  type UnixDiagMessage,
} from '../../protocol/netlink/unix-diag.js';
import { filesForQuery, matchesSocket, validateSocketQuery, type SocketQuery } from '../socket-query.js';
import { emptyPart, type Part } from '../tree/assemble/part.js';
import type { NetlinkChannel } from './channel.js';

/** __SO_ACCEPTCON: what /proc/net/unix prints in Flags for a listener. */
const SO_ACCEPTCON = 0x10000;

/** Socket types by code (include/linux/net.h); AF_UNIX supports only these three. */
const TYPES: Readonly<Record<number, UnixSocket['type']>> = { 1: UNIX_TYPES[0], 2: UNIX_TYPES[1], 5: UNIX_TYPES[2] };

/** Every sk_state bit except ESTABLISHED and LISTEN: what procfs shows as UNCONNECTED / DISCONNECTING. */
const OTHER_STATES = ~((1 << UNIX_SK_ESTABLISHED) | (1 << UNIX_SK_LISTEN)) >>> 0;

/** The sk_state bits a record state can come from, so the kernel skips the rest. */
const STATE_BITS: Readonly<Record<UnixState, number>> = {
  LISTEN: 1 << UNIX_SK_LISTEN,
  CONNECTED: 1 << UNIX_SK_ESTABLISHED,
  CONNECTING: 1 << UNIX_SK_ESTABLISHED,
  UNCONNECTED: OTHER_STATES,
  DISCONNECTING: OTHER_STATES,
};

export async function readUnixSockets(channel: NetlinkChannel, query: SocketQuery): Promise<Part<UnixSocket[]>> {
  validateSocketQuery(query);
  const part = emptyPart<UnixSocket[]>([]);
  if (!filesForQuery(query).some((f) => f.protocol === 'unix')) return part;
  // Memory only when the query asks for it, as for internet sockets: replies stay small for the common listing.
  const show = UDIAG_SHOW_NAME | UDIAG_SHOW_VFS | UDIAG_SHOW_PEER | UDIAG_SHOW_RQLEN | UDIAG_SHOW_UID | (query.memory === true ? UDIAG_SHOW_MEMINFO : 0);
  const filtered = query.state !== undefined;
  const socket = await channel.socket(NETLINK_SOCK_DIAG);
  await socket.dump(SOCK_DIAG_BY_FAMILY, buildUnixDiagRequest({ states: stateBits(query), show }), (bytes, view, type, start, end) => {
    if (type !== SOCK_DIAG_BY_FAMILY) {
      part.issues.push(issue(UNIX_DIAG_FILE, undefined, 'unknown-format', `message type ${type} at byte ${start}, not SOCK_DIAG_BY_FAMILY`));
      return;
    }
    const message = parseUnixDiagMessage(bytes, view, start, end, part.issues);
    if (message === undefined) return;
    const record = unixSocketFromDiag(message);
    if (record === undefined) {
      part.issues.push(issue(UNIX_DIAG_FILE, undefined, 'unknown-format', `socket ${message.inode}: unknown unix socket type ${message.type}; socket left out`));
    } else if (!filtered || matchesSocket(query, record)) {
      part.data.push(record);
    }
  });
  return part;
}

function stateBits(query: SocketQuery): number {
  if (query.state === undefined) return 0xffffffff;
  const states = (Array.isArray(query.state) ? query.state : [query.state]) as readonly string[];
  let bits = 0;
  for (const state of states) bits |= STATE_BITS[state as UnixState] ?? 0;
  return bits >>> 0;
}

/** One unix_diag message as a record; undefined for a socket type unix sockets cannot have. */
export function unixSocketFromDiag(m: UnixDiagMessage): UnixSocket | undefined {
  const type = TYPES[m.type];
  if (type === undefined) return undefined;
  const { state, flags } = stateFields(m.state, m.inode !== 0);
  return {
    protocol: 'unix',
    family: 'unix',
    type,
    state,
    path: m.name,
    inode: m.inode,
    refcount: undefined,
    flags,
    kernelPointer: undefined,
    // The kernel sends UNIX_DIAG_PEER only when there is a peer; the record says 0 for none, as ss does.
    peerInode: m.peerInode ?? 0,
    recvQueue: m.receiveQueue,
    sendQueue: m.sendQueue,
    uid: m.uid,
    vfsInode: m.vfsInode,
    vfsDevice: m.vfsDevice,
    memory: m.memory,
    processes: undefined,
    extra: undefined,
  };
}

/**
 * What /proc/net/unix prints for a socket in `skState`: Flags is the accept flag for a
 * listener; St is CONNECTED / UNCONNECTED while a file is attached, CONNECTING /
 * DISCONNECTING while none is; the record's state is LISTEN whenever the accept flag is set.
 */
export function stateFields(skState: number, hasFile: boolean): { state: UnixState; flags: number } {
  if (skState === UNIX_SK_LISTEN) return { state: 'LISTEN', flags: SO_ACCEPTCON };
  const established = skState === UNIX_SK_ESTABLISHED;
  if (hasFile) return { state: established ? 'CONNECTED' : 'UNCONNECTED', flags: 0 };
  return { state: established ? 'CONNECTING' : 'DISCONNECTING', flags: 0 };
}
