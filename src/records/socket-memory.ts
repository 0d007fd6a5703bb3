/**
 * Socket-buffer memory (the Linux analogue of BSD's `netstat -m`): socket counts and
 * memory from sockstat/sockstat6, per-protocol memory and pressure from
 * /proc/net/protocols, the memory limits from /proc/sys/net/ipv4, and per-CPU receive
 * backlog drops and squeezes from /proc/net/softnet_stat.
 *
 * Units: protocol memory (`memoryPages`, tcp_mem/udp_mem limits) is in PAGES of the
 * source machine; buffer sizes (tcp_rmem/wmem, udp_*mem_min) and FRAG memory are BYTES.
 * `pageSize` is set only when the source records it (a capture manifest, a remote
 * daemon); a tree source does not know it and never uses the reading host's page size.
 * Scope: sockstat `inuse`/`tw`, `sockets used`, FRAG and protocol socket counts are per
 * network namespace; TCP/UDP `mem`, `orphan`, `alloc`, protocol memory and tcp_mem/udp_mem
 * are machine-wide. Every counter is a bigint; absent values are undefined, never 0.
 */
import { defineRecord, f, opt, type RecordOf } from './field.js';

export const sockstatProtocolSchema = defineRecord('sockstat-protocol', 'One protocol line of /proc/net/sockstat or sockstat6.', {
  protocol: f.string('Label as printed: TCP, UDP, UDPLITE, RAW, FRAG (sockstat); TCP6, UDP6, UDPLITE6, RAW6, FRAG6 (sockstat6).', { kernel: 'line label' }),
  family: f.enum(['inet', 'inet6'] as const, 'inet from sockstat, inet6 from sockstat6.'),
  inUse: opt.u64('Sockets in use in this network namespace (FRAG: reassembly queues).', { unit: 'count', kernel: 'inuse' }),
  orphan: opt.u64('TCP sockets no longer attached to a process (machine-wide).', { unit: 'count', kernel: 'orphan' }),
  timeWait: opt.u64('TCP sockets in TIME_WAIT in this namespace.', { unit: 'count', kernel: 'tw' }),
  allocated: opt.u64('TCP sockets allocated, any state (machine-wide).', { unit: 'count', kernel: 'alloc' }),
  memoryPages: opt.u64('Memory charged to the protocol (machine-wide), in pages.', { unit: 'pages', kernel: 'mem' }),
  memoryBytes: opt.u64('FRAG/FRAG6: memory held by IP reassembly in this namespace, in bytes.', { unit: 'bytes', kernel: 'memory' }),
  extra: opt.counters('Keys this library does not know, under the kernel name.'),
});

export const protocolMemorySchema = defineRecord('protocol-memory', 'One registered socket protocol of /proc/net/protocols.', {
  protocol: f.string('Protocol name (struct proto .name): TCP, UDP, TCPv6, UNIX-STREAM, ...', { kernel: 'protocol' }),
  objectSize: opt.u32('Size of its socket object.', { unit: 'bytes', kernel: 'size' }),
  sockets: opt.u64('Sockets of this protocol in use in this network namespace.', { unit: 'count', kernel: 'sockets' }),
  memoryPages: opt.u64('Memory allocated (machine-wide), in pages; undefined when the protocol does not account memory (-1).', {
    unit: 'pages',
    kernel: 'memory',
  }),
  pressure: opt.bool('Under memory pressure; undefined when the protocol has no pressure state ("NI").', { kernel: 'press' }),
  maxHeader: opt.u32('Maximum header size reserved.', { unit: 'bytes', kernel: 'maxhdr' }),
  slab: opt.bool('Has its own slab cache.', { kernel: 'slab' }),
  module: opt.string('Owning module, or "kernel".', { kernel: 'module' }),
  methods: opt.strings('Header abbreviations of the methods it implements (columns printed as y), e.g. cl co di.'),
  extra: opt.counters('Numeric columns this library does not know, under the header name.'),
});

export const softnetCpuSchema = defineRecord('softnet-cpu', 'One CPU row of /proc/net/softnet_stat (32-bit counters that wrap).', {
  row: f.u32('Position of the row (0-based) in online-CPU order.'),
  cpu: opt.u32('CPU id, printed by 5.10 and later; before that undefined (row is not the id when CPUs are offline).', { kernel: 'index', since: '5.10' }),
  processed: f.u64('Packets processed from the backlog.', { unit: 'packets', kernel: 'processed' }),
  dropped: f.u64('Packets dropped because the backlog was full (netdev_max_backlog).', { unit: 'packets', kernel: 'dropped' }),
  timeSqueeze: f.u64('Times net_rx_action stopped with work left (budget or time used up).', { unit: 'count', kernel: 'time_squeeze' }),
  cpuCollision: opt.u64('Transmit lock collisions (old kernels; 0 in current ones).', { unit: 'count', kernel: 'cpu_collision' }),
  receivedRps: opt.u64('RPS inter-processor interrupts received.', { unit: 'count', kernel: 'received_rps', since: '2.6.35' }),
  flowLimitCount: opt.u64('Packets dropped by the RPS flow limit.', { unit: 'packets', kernel: 'flow_limit_count', since: '3.11' }),
  backlogLength: opt.u32('Packets queued in the backlog now (gauge).', { unit: 'packets', kernel: 'backlog_len', since: '5.10' }),
  inputQueueLength: opt.u32('Packets in input_pkt_queue now (gauge).', { unit: 'packets', kernel: 'input_qlen', since: '6.4' }),
  processQueueLength: opt.u32('Packets in process_queue now (gauge).', { unit: 'packets', kernel: 'process_qlen', since: '6.4' }),
  extra: opt.counters('Columns beyond the known layout, as column<N> (1-based position).'),
});

export const socketMemorySchema = defineRecord('socket-memory', 'Socket-buffer memory, limits and receive backlog statistics of one source.', {
  socketsUsed: opt.u64('Sockets of all families in use in this network namespace.', { unit: 'count', kernel: 'sockstat "sockets: used"' }),
  sockstat: f.records(sockstatProtocolSchema, 'Protocol lines of sockstat then sockstat6, in file order.'),
  protocols: f.records(protocolMemorySchema, 'Registered protocols, in /proc/net/protocols order.'),
  tcpMemLow: opt.u64('tcp_mem[0]: below this TCP memory is not moderated.', { unit: 'pages', kernel: 'net.ipv4.tcp_mem' }),
  tcpMemPressure: opt.u64('tcp_mem[1]: above this TCP enters memory pressure.', { unit: 'pages', kernel: 'net.ipv4.tcp_mem' }),
  tcpMemHigh: opt.u64('tcp_mem[2]: hard limit for TCP memory.', { unit: 'pages', kernel: 'net.ipv4.tcp_mem' }),
  udpMemLow: opt.u64('udp_mem[0].', { unit: 'pages', kernel: 'net.ipv4.udp_mem' }),
  udpMemPressure: opt.u64('udp_mem[1].', { unit: 'pages', kernel: 'net.ipv4.udp_mem' }),
  udpMemHigh: opt.u64('udp_mem[2]: hard limit for UDP memory.', { unit: 'pages', kernel: 'net.ipv4.udp_mem' }),
  tcpRmemMin: opt.u64('tcp_rmem[0]: receive buffer guaranteed under pressure.', { unit: 'bytes', kernel: 'net.ipv4.tcp_rmem' }),
  tcpRmemDefault: opt.u64('tcp_rmem[1]: initial receive buffer.', { unit: 'bytes', kernel: 'net.ipv4.tcp_rmem' }),
  tcpRmemMax: opt.u64('tcp_rmem[2]: largest auto-tuned receive buffer.', { unit: 'bytes', kernel: 'net.ipv4.tcp_rmem' }),
  tcpWmemMin: opt.u64('tcp_wmem[0].', { unit: 'bytes', kernel: 'net.ipv4.tcp_wmem' }),
  tcpWmemDefault: opt.u64('tcp_wmem[1]: initial send buffer.', { unit: 'bytes', kernel: 'net.ipv4.tcp_wmem' }),
  tcpWmemMax: opt.u64('tcp_wmem[2]: largest auto-tuned send buffer.', { unit: 'bytes', kernel: 'net.ipv4.tcp_wmem' }),
  udpRmemMin: opt.u64('Minimal UDP receive buffer under pressure.', { unit: 'bytes', kernel: 'net.ipv4.udp_rmem_min' }),
  udpWmemMin: opt.u64('Minimal UDP send buffer under pressure.', { unit: 'bytes', kernel: 'net.ipv4.udp_wmem_min' }),
  softnet: f.records(softnetCpuSchema, 'One entry per online CPU, in softnet_stat order.'),
  pageSize: opt.u32('Page size of the source machine, only when the source records it.', { unit: 'bytes' }),
});

export type SockstatProtocol = RecordOf<typeof sockstatProtocolSchema>;
export type ProtocolMemory = RecordOf<typeof protocolMemorySchema>;
export type SoftnetCpu = RecordOf<typeof softnetCpuSchema>;
export type SocketMemory = RecordOf<typeof socketMemorySchema>;
