/**
 * Listen queues: one record per listening TCP socket, with how full its queues are —
 * the Linux form of `netstat -L` / `ss -lnt` Recv-Q/Send-Q.
 */
import { defineRecord, f, opt, type RecordOf } from './field.js';

export const listenQueueSchema = defineRecord('listen-queue', 'A listening TCP socket and the state of its queues.', {
  protocol: f.enum(['tcp'] as const, 'Always "tcp" (the only protocol with listen queues that the kernel reports).'),
  family: f.enum(['inet', 'inet6'] as const, 'Address family of the listener. An inet6 wildcard listener (::) also accepts IPv4 unless it is IPV6_V6ONLY.'),
  localAddress: f.string('Address the listener is bound to (0.0.0.0 or :: for every local address), same text form as socket records.', { kernel: 'local_address' }),
  localPort: f.u32('Listening port.', { kernel: 'local_address' }),
  inode: f.u32('Inode number of the listener\'s socket file (socket:[N]).', { kernel: 'inode' }),
  acceptQueue: f.u32('Connections fully established and waiting for accept() (sk_ack_backlog; the rx_queue column of the LISTEN row, Recv-Q in ss).', { unit: 'count', kernel: 'rx_queue' }),
  incomplete: f.u32(
    'Connection requests still in the handshake (SYN received, SYN-ACK sent: request sockets, NEW_SYN_RECV in the kernel, printed as SYN_RECV without the TCP-internal columns). ' +
      'From procfs this is a count of those entries matched to this listener by local address and port, the way the kernel looks up a listener for an incoming SYN: ' +
      'a request for IPv4 address A matches an IPv4 listener on A, then an IPv6 listener on ::ffff:A, then 0.0.0.0, then :: (a request can only reach an IPv6 wildcard listener that is dual-stack, so procfs not printing IPV6_V6ONLY does not matter); ' +
      'an IPv6 request matches a listener on its address, then ::. Requests whose listener is gone, or that match no listener, are not counted. ' +
      'SO_REUSEPORT groups share one address and port: their requests are all counted on the first listener of the group. ' +
      'Fast Open children in SYN_RECV are full sockets already in the accept queue and are not counted here.',
    { unit: 'count' },
  ),
  maxBacklog: opt.u32(
    'Accept-queue limit (sk_max_ack_backlog: the listen() backlog capped by net.core.somaxconn; Send-Q in ss). Undefined when read from procfs, which does not print it (its tx_queue is 0 for listeners as of 6.18); sock_diag netlink fills it.',
    { unit: 'count' },
  ),
});

export type ListenQueue = RecordOf<typeof listenQueueSchema>;
