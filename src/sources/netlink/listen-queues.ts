/**
 * Listen queues from sock_diag: every TCP listener with its accept queue and backlog limit
 * (idiag_rqueue and idiag_wqueue of a LISTEN socket: sk_ack_backlog and
 * sk_max_ack_backlog), and its handshakes in progress.
 *
 * Two dumps (IPv4, IPv6) of the states LISTEN, SYN_RECV and NEW_SYN_RECV. A request socket
 * (the handshake, NEW_SYN_RECV inside the kernel) arrives as SYN_RECV without any of the
 * attributes every full socket carries — INET_DIAG_SHUTDOWN above all (inet_req_diag_fill
 * adds at most a MARK for CAP_NET_ADMIN) — which tells it from a Fast Open child in SYN_RECV,
 * a full socket already counted in its listener's accept queue. As in procfs, nothing in the
 * message names the request's listener, so it is matched by local address and port in the
 * kernel's lookup order with the procfs path's own matcher (tree/assemble/listen-queues.ts).
 * Listeners come in dump order, which for an SO_REUSEPORT group need not be procfs's order:
 * the group's requests are counted on its first listener of this order.
 */
import { KstatError } from '../../errors.js';
import { AF_INET, AF_INET6, IPPROTO_TCP, NETLINK_SOCK_DIAG, SOCK_DIAG_BY_FAMILY } from '../../protocol/netlink/constants.js';
import {
  INET_DIAG_MSG_BYTES,
  InetDiagRow,
  TCP_LISTEN,
  TCP_NEW_SYN_RECV,
  TCP_SYN_RECV,
  buildInetDiagRequest,
  decodeInetDiagHeader,
  inetDiagIssue,
  scanInetDiagAttributes,
} from '../../protocol/netlink/inet-diag.js';
import type { ListenQueue } from '../../records/listen-queue.js';
import { findListener, keyOf } from '../tree/assemble/listen-queues.js';
import { emptyPart, requireSome, type Part } from '../tree/assemble/part.js';
import { AddressTexts } from '../tree/text/hex-address.js';
import type { NetlinkChannel } from './channel.js';

type Family = ListenQueue['family'];

const STATES = (1 << TCP_LISTEN) | (1 << TCP_SYN_RECV) | (1 << TCP_NEW_SYN_RECV);
const DUMPS: readonly { family: Family; af: number; file: string }[] = [
  { family: 'inet', af: AF_INET, file: 'sock_diag tcp' },
  { family: 'inet6', af: AF_INET6, file: 'sock_diag tcp6' },
];

interface Request {
  readonly family: Family;
  readonly address: string;
  readonly port: number;
}

export async function readListenQueues(channel: NetlinkChannel): Promise<Part<ListenQueue[]>> {
  const part = emptyPart<ListenQueue[]>([]);
  const socket = await channel.socket(NETLINK_SOCK_DIAG);
  const addresses = new AddressTexts('big');
  const row = new InetDiagRow();
  const requests: Request[] = [];
  let anyRead = false;
  for (const dump of DUMPS) {
    const visit = (_bytes: Uint8Array, view: DataView, type: number, start: number, end: number): void => {
      if (type !== SOCK_DIAG_BY_FAMILY) return;
      if (!decodeInetDiagHeader(view, start, end, row)) {
        part.issues.push(inetDiagIssue(dump.file, start, 'truncated', `message at byte ${start}: ${end - start} bytes, shorter than struct inet_diag_msg (${INET_DIAG_MSG_BYTES}); left out`));
        return;
      }
      const v4 = row.family === AF_INET;
      if (!v4 && row.family !== AF_INET6) return;
      const family: Family = v4 ? 'inet' : 'inet6';
      const address = v4 ? addresses.ipv4(row.src0) : addresses.ipv6(row.src0, row.src1, row.src2, row.src3);
      if (row.state === TCP_LISTEN) {
        part.data.push({ protocol: 'tcp', family, localAddress: address, localPort: row.sport, inode: row.inode, acceptQueue: row.rqueue, incomplete: 0, maxBacklog: row.wqueue });
      } else if (row.state === TCP_SYN_RECV || row.state === TCP_NEW_SYN_RECV) {
        scanInetDiagAttributes(view, start, end, row);
        if (row.shutdown < 0 && row.attributeError === undefined) requests.push({ family, address, port: row.sport });
      }
    };
    try {
      await socket.dump(SOCK_DIAG_BY_FAMILY, buildInetDiagRequest({ family: dump.af, protocol: IPPROTO_TCP, states: STATES }), visit);
      anyRead = true;
    } catch (cause) {
      if (!KstatError.is(cause)) throw cause;
      if (cause.code === 'E_UNAVAILABLE') part.unavailable.push({ what: `${dump.file.slice('sock_diag '.length)} listen queues`, reason: cause.message });
      else if (cause.code === 'E_PARSE') {
        part.issues.push(inetDiagIssue(dump.file, 0, 'bad-length', `${cause.message}; the listeners before it are kept`));
        anyRead = true;
      }
      else throw cause;
    }
  }
  requireSome(part, anyRead, 'listen queues');
  const byKey = new Map<string, ListenQueue>();
  for (const queue of part.data) {
    const key = keyOf(queue.family, queue.localAddress, queue.localPort);
    if (!byKey.has(key)) byKey.set(key, queue); // SO_REUSEPORT: the first of the group
  }
  for (const r of requests) {
    const listener = findListener(byKey, r.family, r.address, r.port);
    if (listener !== undefined) listener.incomplete++;
  }
  return part;
}
