/**
 * Listen queues from /proc/net/tcp and tcp6: every LISTEN row, its accept queue (rx_queue),
 * and the handshakes in progress for it.
 *
 * Request sockets (a SYN received, the SYN-ACK sent, no full socket yet) are listed in the
 * same files: since 4.4 as their own entries in the established hash (NEW_SYN_RECV inside
 * the kernel), before that under their listener; both print state SYN_RECV (03) through
 * get_openreq4/6, which prints no TCP-internal columns after the pointer. A full socket in
 * SYN_RECV (a Fast Open child, already counted in its listener's accept queue) prints them,
 * so "SYN_RECV without rto" is the request test. Nothing in the row names its listener
 * (the kernel's req->rsk_listener is not printed), so a request is matched by local address
 * and port in the kernel's own lookup order (inet_hashtables.c __inet_lookup_listener):
 * for an IPv4 request to A:P — an IPv4 listener on A:P, an IPv6 one on [::ffff:A]:P,
 * 0.0.0.0:P, then [::]:P. The last is right even though procfs does not print
 * IPV6_V6ONLY: a v6-only listener cannot have received an IPv4 SYN, so when an IPv4 request
 * has only a [::]:P listener left to match, that listener is dual-stack. (Since 4.4 a request
 * made by a dual-stack listener for IPv4 is an AF_INET request: it is in /proc/net/tcp with
 * the IPv4 address, while its listener is in tcp6.) An IPv6 request matches [addr]:P, then
 * [::]:P. See records/listen-queue.ts for what this means for SO_REUSEPORT groups.
 */
import type { ListenQueue } from '../../../records/listen-queue.js';
import { INET_SOCKET_FILES, parseInetSocketTable, type InetSocketRow } from '../procfs/inet-socket-table.js';
import type { TreeReader } from '../reader.js';
import { emptyPart, readInto, requireSome, type Part } from './part.js';

const LISTEN = 0x0a;
const SYN_RECV = 0x03;
const TCP_FILES = INET_SOCKET_FILES.filter((f) => f.protocol === 'tcp');

type Family = ListenQueue['family'];

export async function readListenQueues(reader: TreeReader): Promise<Part<ListenQueue[]>> {
  const part = emptyPart<ListenQueue[]>([]);
  const tables: { family: Family; rows: InetSocketRow[] }[] = [];
  for (const entry of TCP_FILES) {
    const text = await readInto(part, reader, entry.file, `${entry.name} listen queues`);
    if (text === undefined) continue;
    const parsed = parseInetSocketTable(text, entry.file);
    for (const i of parsed.issues) part.issues.push(i);
    tables.push({ family: entry.family, rows: parsed.rows });
  }
  requireSome(part, tables.length > 0, 'listen queues');
  part.data = listenQueues(tables);
  return part;
}

/** Pure: listeners of both tables, with the requests of both tables counted on them. */
export function listenQueues(tables: readonly { family: Family; rows: readonly InetSocketRow[] }[]): ListenQueue[] {
  const out: ListenQueue[] = [];
  const byKey = new Map<string, ListenQueue>();
  for (const { family, rows } of tables) {
    for (const row of rows) {
      if (row.st !== LISTEN) continue;
      const queue: ListenQueue = {
        protocol: 'tcp',
        family,
        localAddress: row.local_address,
        localPort: row.local_port,
        inode: row.inode,
        acceptQueue: row.rx_queue,
        incomplete: 0,
        maxBacklog: undefined, // not printed by procfs; netlink (sock_diag) gives it
      };
      out.push(queue);
      const key = keyOf(family, row.local_address, row.local_port);
      if (!byKey.has(key)) byKey.set(key, queue); // SO_REUSEPORT: the first of the group
    }
  }
  for (const { family, rows } of tables) {
    for (const row of rows) {
      if (row.st !== SYN_RECV || row.rto !== undefined) continue; // full sockets carry rto
      const listener = findListener(byKey, family, row.local_address, row.local_port);
      if (listener !== undefined) listener.incomplete++;
    }
  }
  return out;
}

export function keyOf(family: Family, address: string, port: number): string {
  return `${family} ${address} ${port}`;
}

/** The kernel's listener lookup order for a SYN to address:port (see the file comment). */
export function findListener(byKey: ReadonlyMap<string, ListenQueue>, family: Family, address: string, port: number): ListenQueue | undefined {
  const candidates =
    family === 'inet'
      ? [keyOf('inet', address, port), keyOf('inet6', `::ffff:${address}`, port), keyOf('inet', '0.0.0.0', port), keyOf('inet6', '::', port)]
      : [keyOf('inet6', address, port), keyOf('inet6', '::', port)];
  for (const key of candidates) {
    const found = byKey.get(key);
    if (found !== undefined) return found;
  }
  return undefined;
}
