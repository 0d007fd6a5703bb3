/**
 * Sockets: internet (TCP, UDP, UDP-Lite, raw, ICMP "ping") and unix domain.
 *
 * One record per socket the kernel lists, whatever the source (procfs tables today,
 * sock_diag netlink later). Fields the source cannot give are undefined, never zero:
 * procfs prints no TCP internals for TIME_WAIT or request entries, no drop counter for
 * TCP, and no maximum backlog at all.
 *
 * Units: `timerExpires`, `rto` and `ato` are in clock ticks of the *captured* kernel's
 * USER_HZ (the kernel converts with jiffies_to_clock_t before printing). USER_HZ is 100
 * on x86, arm, arm64, riscv, s390 and ppc, but it belongs to the source, not to the host
 * doing the reading: converting to milliseconds is `ticks * 1000 / USER_HZ` with the
 * USER_HZ recorded for the source (ss converts with the reading host's HZ, which is wrong
 * for a tree captured elsewhere).
 */
import { defineRecord, f, opt, type RecordOf } from './field.js';
import { processOwnerSchema } from './process-owner.js';

/** Kernel TCP state names (include/net/tcp_states.h), in code order 1..13. */
export const INET_STATES = [
  'ESTABLISHED',
  'SYN_SENT',
  'SYN_RECV',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'TIME_WAIT',
  'CLOSE',
  'CLOSE_WAIT',
  'LAST_ACK',
  'LISTEN',
  'CLOSING',
  'NEW_SYN_RECV',
  'BOUND_INACTIVE',
] as const;
export type InetState = (typeof INET_STATES)[number];

export const INET_PROTOCOLS = ['tcp', 'udp', 'udplite', 'raw', 'icmp'] as const;
export type InetProtocol = (typeof INET_PROTOCOLS)[number];

/** The kernel's `tr` codes 0..4, by name (ss and netstat -o use the same words; ss says "persist" for 4). */
export const TIMER_NAMES = ['off', 'on', 'keepalive', 'timewait', 'probe'] as const;
export type TimerName = (typeof TIMER_NAMES)[number];

export const inetSocketSchema = defineRecord(
  'inet-socket',
  'An internet socket: TCP, UDP, UDP-Lite, raw or ICMP (ping), IPv4 or IPv6, as the kernel lists it.',
  {
    protocol: f.enum(INET_PROTOCOLS, 'Protocol. "icmp" is an unprivileged ping socket (/proc/net/icmp, icmp6); "raw" includes raw ICMP sockets.'),
    family: f.enum(['inet', 'inet6'] as const, 'Address family: "inet" (IPv4) or "inet6" (IPv6, including IPv4-mapped addresses of dual-stack sockets).'),
    localAddress: f.string('Local address: a dotted quad, or IPv6 text per RFC 5952 with IPv4-mapped addresses as ::ffff:a.b.c.d (the form `ss -n` prints). 0.0.0.0 or :: when unbound.', { kernel: 'local_address' }),
    localPort: f.u32('Local port (for raw sockets: the IP protocol number, e.g. 1 for ICMP, 58 for ICMPv6; for ping sockets: the echo identifier).', { kernel: 'local_address' }),
    remoteAddress: f.string('Remote address, same text form; 0.0.0.0 or :: when not connected.', { kernel: 'rem_address' }),
    remotePort: f.u32('Remote port; 0 when not connected (ss prints "*").', { kernel: 'rem_address' }),
    state: f.enum(
      INET_STATES,
      'Kernel state name (include/net/tcp_states.h). ss prints ESTABLISHED as "ESTAB" and, for UDP/raw/ping, CLOSE (an unconnected socket) as "UNCONN"; it uses dashes (TIME-WAIT). Connected UDP sockets are ESTABLISHED. /proc prints request sockets (NEW_SYN_RECV inside the kernel since 4.4) as SYN_RECV.',
      { kernel: 'st' },
    ),
    sendQueue: f.u32(
      'TCP: bytes not yet acknowledged by the peer (sent or not yet sent: write_seq - snd_una); 0 for LISTEN, TIME_WAIT and request entries — procfs does not give a listener\'s maximum backlog (ss shows it from netlink). UDP, UDP-Lite, raw, ping: bytes of send-buffer memory charged to the socket (sk_wmem_alloc, skb truesize including overhead).',
      { unit: 'bytes', kernel: 'tx_queue' },
    ),
    recvQueue: f.u32(
      'TCP: bytes received but not yet read by the application (rcv_nxt - copied_seq; a received FIN counts 1). For a LISTEN socket (not bytes): the current accept-queue length, i.e. connections established and waiting for accept() (sk_ack_backlog). UDP, UDP-Lite, raw, ping: receive-buffer memory charged for queued datagrams (sk_rmem_alloc, truesize including overhead — not payload bytes), the same number ss prints as Recv-Q.',
      { unit: 'bytes', kernel: 'rx_queue' },
    ),
    timer: opt.enum(
      TIMER_NAMES,
      'Pending timer (`tr`): off (0), on = retransmit, loss probe or reordering timer (1; also the SYN-ACK timer of a request entry), keepalive (2; also the linger timer of an orphaned FIN_WAIT2 socket, and before 4.4 the SYN-ACK timer of a listener), timewait (3), probe = zero-window probe, "persist" in ss (4). Undefined for a code this library does not know; the raw code is then kept in `extra` as "tr".',
      { kernel: 'tr' },
    ),
    timerExpires: f.i64(
      'Time until the pending timer fires, in clock ticks (jiffies_to_clock_t: 1/USER_HZ s of the source kernel, see the schema notes), 0 when no timer. Kernels since about 3.7 clamp at 0 (jiffies_delta_to_clock_t); older 64-bit ones could print an overdue timer as a negative value, which reads back negative here from 16 hex digits.',
      { unit: 'clock_ticks', kernel: 'tm->when' },
    ),
    retransmits: f.u32('TCP: unrecovered retransmission timeouts of the current segment (icsk_retransmits); for a request entry, SYN-ACK retransmits (num_timeout). Always 0 for other protocols.', { unit: 'count', kernel: 'retrnsmt' }),
    uid: f.u32('Owner user id, as seen from the reading user namespace (overflow uid when unmapped). 0 for TIME_WAIT entries, which keep no owner.', { kernel: 'uid' }),
    timeout: f.u32('TCP: unanswered zero-window or keepalive probes (icsk_probes_out); the column is named "timeout" for historical reasons. Always 0 for other protocols.', { unit: 'count', kernel: 'timeout' }),
    inode: f.u32('Inode number of the socket file (the N of socket:[N] in /proc/<pid>/fd). 0 when no file refers to it: TIME_WAIT and request entries, and connections still waiting in an accept queue.', { kernel: 'inode' }),
    refcount: opt.u32('Kernel reference count of the socket (sk_refcnt; tw_refcnt for TIME_WAIT). Request entries print 0 (older kernels: the listener\'s count).', { kernel: 'ref' }),
    kernelPointer: opt.string('Kernel address of the socket structure, as printed (%pK: hashed since 4.15, all zeros when kptr_restrict hides it). An opaque identifier, stable while the socket lives.', { kernel: 'pointer' }),
    rto: opt.u32('TCP only: retransmission timeout, in clock ticks (1/USER_HZ s; 20 = 200 ms at USER_HZ 100). Undefined for TIME_WAIT and request entries.', { unit: 'clock_ticks' }),
    ato: opt.u32('TCP only: delayed-ACK timeout, in clock ticks (1/USER_HZ s).', { unit: 'clock_ticks' }),
    quickAck: opt.u32('TCP only: quick ACKs still to send before delayed ACKs resume (icsk_ack.quick; printed as the upper bits of (quick << 1) | pingpong).', { unit: 'count' }),
    pingpong: opt.bool('TCP only: the connection is in interactive ("ping-pong") delayed-ACK mode (the low bit of the quick/pingpong column).'),
    cwnd: opt.u32('TCP only: congestion window, in segments (snd_cwnd).', { unit: 'count' }),
    ssthresh: opt.i32('TCP only: slow-start threshold in segments; -1 while still in initial slow start. Undefined for LISTEN sockets, where the kernel prints the fast-open queue limit in this column instead (see fastOpenQueueMax).', { unit: 'count' }),
    fastOpenQueueMax: opt.u32('TCP LISTEN sockets only: the TCP Fast Open pending-request limit (fastopenq.max_qlen; 0 when TFO is off), printed in the ssthresh column for listeners. Undefined where that column holds -1: kernels before TCP Fast Open (3.7) printed the listener\'s ssthresh there.', { unit: 'count' }),
    drops: opt.u64('UDP, UDP-Lite, raw, ping: datagrams dropped on receive for this socket (sk_drops: buffer full, checksum, filter). Undefined for TCP, which has no such column, and for kernels before 2.6.27.', { unit: 'packets', kernel: 'drops' }),
    maxBacklog: opt.u32('LISTEN sockets: the accept-queue limit (sk_max_ack_backlog: the listen() backlog capped by net.core.somaxconn; Send-Q in ss). From sock_diag only (procfs prints 0 in tx_queue for listeners).', { unit: 'count', kernel: 'idiag_wqueue' }),
    v6Only: opt.bool('inet6 sockets: IPV6_V6ONLY is set, so an IPv6 wildcard listener does not take IPv4 connections. From sock_diag only.', { kernel: 'INET_DIAG_SKV6ONLY' }),
    boundInterface: opt.u32('Index of the interface the socket is bound to (SO_BINDTODEVICE), 0 when none. From sock_diag only.', { kernel: 'idiag_if' }),
    cookie: opt.u64('Socket cookie: the kernel\'s unique 64-bit id of the socket for its lifetime (SO_COOKIE; ss -e prints it as sk:). From sock_diag only.', { kernel: 'idiag_cookie' }),
    congestion: opt.string('TCP congestion-control algorithm (cubic, bbr, reno, …). From sock_diag with TCP internals asked for.', { kernel: 'INET_DIAG_CONG' }),
    rttUs: opt.u32('TCP smoothed round-trip time in microseconds (tcpi_rtt; ss -i prints it in ms). From sock_diag with TCP internals.', { unit: 'us', kernel: 'tcpi_rtt' }),
    rttVarUs: opt.u32('TCP round-trip-time variation in microseconds (tcpi_rttvar).', { unit: 'us', kernel: 'tcpi_rttvar' }),
    totalRetransmits: opt.u32('TCP segments retransmitted over the connection\'s life (tcpi_total_retrans).', { unit: 'count', kernel: 'tcpi_total_retrans' }),
    deliveryRate: opt.u64('TCP most recent delivery rate, bytes per second (tcpi_delivery_rate, 4.9+).', { unit: 'bytes', kernel: 'tcpi_delivery_rate', since: '4.9' }),
    tcpInfo: opt.counters('Every field of struct tcp_info the kernel returned, by its kernel name without the tcpi_ prefix (rtt, rttvar, snd_cwnd, bytes_acked, …; the bit fields snd_wscale/rcv_wscale and delivery_rate_app_limited/fastopen_client_fail split out). Only the fields inside the length the kernel sent are present, so a newer kernel\'s longer struct and an older shorter one both read cleanly. Undefined unless TCP internals were asked for.'),
    memory: opt.counters('Socket memory (SK_MEMINFO_*, what ss -m prints as skmem): rmem_alloc, rcvbuf, wmem_alloc, sndbuf, fwd_alloc, wmem_queued, optmem, backlog, drops — only those the kernel sent. From sock_diag with memory asked for.'),
    processes: opt.records(processOwnerSchema, 'Processes holding the socket open (filled only when asked for and permitted; undefined when not looked up).'),
    extra: opt.counters('Columns this library does not know, by the kernel\'s header name, or "fieldN" (1-based position) for unnamed trailing values of a future kernel; also "tr" for an unknown timer code.'),
  },
);
export type InetSocket = RecordOf<typeof inetSocketSchema>;

/** Unix socket states as netstat/ss show them: the socket-layer state, LISTEN from the accept flag. */
export const UNIX_STATES = ['UNCONNECTED', 'CONNECTING', 'CONNECTED', 'DISCONNECTING', 'LISTEN'] as const;
export type UnixState = (typeof UNIX_STATES)[number];

export const UNIX_TYPES = ['STREAM', 'DGRAM', 'SEQPACKET'] as const;
export type UnixType = (typeof UNIX_TYPES)[number];

export const unixSocketSchema = defineRecord('unix-socket', 'A unix domain (AF_UNIX / AF_LOCAL) socket, as the kernel lists it.', {
  protocol: f.enum(['unix'] as const, 'Always "unix" (lets `protocol` tell socket records apart).'),
  family: f.enum(['unix'] as const, 'Always "unix".'),
  type: f.enum(UNIX_TYPES, 'Socket type (SOCK_STREAM 1, SOCK_DGRAM 2, SOCK_SEQPACKET 5). ss calls them u_str, u_dgr, u_seq.', { kernel: 'Type' }),
  state: f.enum(
    UNIX_STATES,
    'LISTEN when the accept flag is set (listen() was called; netstat "LISTENING"); otherwise the socket-layer state: CONNECTED (ss "ESTAB"), UNCONNECTED (ss "UNCONN": unbound, bound-but-idle, or an unconnected datagram socket), CONNECTING / DISCONNECTING (no socket file attached: an accepted-not-yet-taken connection, or one being torn down).',
    { kernel: 'St' },
  ),
  path: opt.string('Bound name: a filesystem path, or an abstract name with a leading "@" (NUL bytes inside the name also print as "@"), exactly as ss prints it. Undefined when unbound. Accepted sockets show their listener\'s name.', { kernel: 'Path' }),
  inode: opt.u32('Inode number of the socket file (socket:[N] in /proc/<pid>/fd). Undefined only for the 2.0-era format without an Inode column.', { kernel: 'Inode' }),
  refcount: opt.u32('Kernel reference count of the socket (sk_refcnt). Undefined from sock_diag, which does not report it.', { kernel: 'RefCount' }),
  flags: f.u32('Flags column: 0x10000 (__SO_ACCEPTCON) for listeners, 0 otherwise on current kernels (sock_diag: derived from the LISTEN state).', { kernel: 'Flags' }),
  kernelPointer: opt.string('Kernel address of the socket (%pK, hashed or zeros), as printed.', { kernel: 'Num' }),
  peerInode: opt.u32('Inode of the connected peer socket (0 when unconnected; for a listener\'s pending connection, the connecting socket). From sock_diag only.', { kernel: 'UNIX_DIAG_PEER' }),
  recvQueue: opt.u32('Listeners: connections waiting in the accept queue; others: bytes (stream) or datagrams\' bytes queued for reading. From sock_diag only (UNIX_DIAG_RQLEN).', { kernel: 'udiag_rqueue' }),
  sendQueue: opt.u32('Listeners: the accept-queue limit (listen() backlog); others: bytes of send buffer in use (sk_wmem_alloc). From sock_diag only (UNIX_DIAG_RQLEN).', { kernel: 'udiag_wqueue' }),
  uid: opt.u32('Owner uid of the socket (UNIX_DIAG_UID, kernel 5.3+). From sock_diag only.', { kernel: 'UNIX_DIAG_UID', since: '5.3' }),
  vfsInode: opt.u32('Inode of the bound file in the file system (not the socket inode); undefined for abstract and unbound sockets. From sock_diag only.', { kernel: 'UNIX_DIAG_VFS' }),
  vfsDevice: opt.u32('Device number of the file system holding the bound file (kernel dev_t encoding). From sock_diag only.', { kernel: 'UNIX_DIAG_VFS' }),
  memory: opt.counters('Socket memory by SK_MEMINFO_* name (see the inet socket\'s memory). From sock_diag with memory asked for.'),
  processes: opt.records(processOwnerSchema, 'Processes holding the socket open (filled only when asked for and permitted).'),
  extra: opt.counters('Header-named columns this library does not know, read as hexadecimal like every other numeric column of this file except Inode.'),
});
export type UnixSocket = RecordOf<typeof unixSocketSchema>;

/** Any socket; `protocol` discriminates ('unix' vs the internet protocols). */
export type Socket = InetSocket | UnixSocket;
export type SocketFamily = InetSocket['family'] | UnixSocket['family'];
export type SocketProtocol = InetSocket['protocol'] | UnixSocket['protocol'];
export type SocketState = InetState | UnixState;
