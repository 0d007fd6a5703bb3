/**
 * Internet sockets from sock_diag: one dump per (protocol, family) the query needs — TCP of
 * both families in one (TCPDIAG_GETSOCK, see inet-diag.ts) — each message straight to its
 * `InetSocket` record, with the same values and text forms the procfs path gives
 * (assemble/inet-socket-record.ts) wherever both give a field.
 *
 * The query picks the dumps exactly as it picks procfs files (filesForQuery: protocol,
 * family, states a protocol can be in), its states go into the request so the kernel
 * filters, and what is left (ports, and states again after the mapping below) is the
 * procfs path's own row filter (inet-socket-filter.ts).
 *
 * How kernel values map to procfs's, and where they cannot:
 * - Request sockets (NEW_SYN_RECV inside the kernel; the kernel reports them as SYN_RECV)
 *   are SYN_RECV, as procfs prints them. Asking for SYN_RECV asks for NEW_SYN_RECV too.
 *   Their uid is 0 here while procfs prints the listener's, and `retransmits` is the
 *   request's SYN-ACK retransmit count (num_retrans) where procfs prints its timeouts
 *   (num_timeout): the two are the same unless a retransmit could not be sent.
 * - Bound-only TCP sockets (BOUND_INACTIVE, 6.8+, never in procfs) are dumped only when
 *   the query names that state.
 * - LISTEN: recvQueue is the accept queue; the kernel's wqueue is the backlog limit, so it
 *   goes to `maxBacklog` and `sendQueue` is 0 as procfs prints it.
 * - timerExpires: the kernel sends milliseconds; procfs prints clock ticks of USER_HZ. Ticks =
 *   floor(ms / 10) at USER_HZ 100 (every architecture this library reads netlink on), which
 *   is exactly procfs's jiffies_to_clock_t for HZ 100, 250 and 1000. rto/ato: µs → ticks the
 *   same way (floor(µs / 10000)).
 * - retransmits / timeout: with TCP internals, tcp_info's retransmits and probes (procfs's
 *   two columns exactly). Without them the kernel's single idiag_retrans holds the probe
 *   count when the timer is keepalive (2) or zero-window probe (4) and the retransmit count
 *   otherwise; the other column is then 0 (retransmits are reset by every ACK that advances
 *   snd_una, probes by any ACK, so the one not reported is 0 in practice).
 * - Raw sockets: localPort is the IP protocol (inet_num) as in procfs, remotePort always 0
 *   as procfs prints it.
 * - Not from sock_diag: refcount, kernelPointer, quickAck, pingpong, fastOpenQueueMax, and
 *   for listeners rto, ato and ssthresh (tcp_info leaves them zero for listeners; procfs
 *   prints the fast-open limit in the ssthresh column). From sock_diag only: maxBacklog,
 *   v6Only, boundInterface, cookie and the internals.
 *
 * Protocols sock_diag cannot dump are `unavailable` entries named like the procfs path's
 * ("icmp sockets", "raw6 sockets"), so a source can read just those from procfs: ping
 * sockets always (the kernel has no handler for them), raw sockets on kernels built without
 * raw_diag (the dump ends with ENOENT), UDP-Lite where it was removed.
 *
 * The per-message work is one pass over the receive buffer: DataView reads into a reused row,
 * the attribute walk only when a wanted value can be in it, one record object, addresses
 * interned (AddressTexts), no other strings. See bench/ for the 100k-socket figure.
 */
import { KstatError, type Issue } from '../../errors.js';
import { AF_INET, AF_INET6, IPPROTO_RAW, IPPROTO_TCP, IPPROTO_UDP, IPPROTO_UDPLITE, NETLINK_SOCK_DIAG, SOCK_DIAG_BY_FAMILY } from '../../protocol/netlink/constants.js';
import {
  INET_DIAG_CONG,
  INET_DIAG_INFO,
  INET_DIAG_MSG_BYTES,
  INET_DIAG_SKMEMINFO,
  InetDiagRow,
  SK_MEMINFO_DROPS,
  TCP_BOUND_INACTIVE,
  TCP_LISTEN,
  TCP_NEW_SYN_RECV,
  TCP_SYN_RECV,
  TCPDIAG_GETSOCK,
  buildInetDiagRequest,
  buildTcpDiagCompatRequest,
  decodeInetDiagHeader,
  inetDiagExt,
  inetDiagIssue,
  rowCookie,
  scanInetDiagAttributes,
} from '../../protocol/netlink/inet-diag.js';
import { HOST_LITTLE_ENDIAN } from '../../protocol/netlink/host-order.js';
import { readSkMeminfo } from '../../protocol/netlink/sk-meminfo.js';
import { TCP_INFO_OFFSET, defineLazyTcpInfo, tcpInfoU32, tcpInfoU64, tcpInfoU8 } from '../../protocol/netlink/tcp-info.js';
import { ByteArena } from './byte-arena.js';
import { INET_STATES, TIMER_NAMES, type InetProtocol, type InetSocket, type InetState } from '../../records/socket.js';
import { filesForQuery, validateSocketQuery, type SocketFile, type SocketQuery } from '../socket-query.js';
import { inetSocketFilter, keepsInetSocket, type InetSocketFilter } from '../tree/assemble/inet-socket-filter.js';
import { emptyPart, type Part } from '../tree/assemble/part.js';
import { AddressTexts } from '../tree/text/hex-address.js';
import type { NetlinkChannel } from './channel.js';
import type { NetlinkSocket } from './netlink-socket.js';

export interface InetSocketOptions {
  /** TCP internals: tcp_info and the congestion-control name (rto, ato, cwnd, ssthresh, rttUs, tcpInfo, …). */
  readonly internals?: boolean;
  /** Socket memory (SK_MEMINFO) into `memory`. */
  readonly memory?: boolean;
  /**
   * Streaming: each batch of sockets goes here as soon as it is read (and is not kept in the
   * part, whose `data` stays empty); awaited before the next batch is handed on.
   */
  readonly onBatch?: (batch: InetSocket[]) => void | Promise<void>;
}

/** Clock ticks per second of the tick-valued fields (USER_HZ; see the file comment). */
export const USER_HZ = 100;
const MS_PER_TICK = 1000 / USER_HZ;
const US_PER_TICK = 1_000_000 / USER_HZ;

/** The sock_diag handler of each protocol; ping sockets have none. */
const DIAG_PROTOCOL: Readonly<Record<InetProtocol, number | undefined>> = {
  tcp: IPPROTO_TCP,
  udp: IPPROTO_UDP,
  udplite: IPPROTO_UDPLITE,
  raw: IPPROTO_RAW,
  icmp: undefined,
};

/** tcp_info's "initial slow start" ssthresh (TCP_INFINITE_SSTHRESH): procfs prints -1 for it. */
const TCP_INFINITE_SSTHRESH = 0x7fffffff;
/** Timer codes whose idiag_retrans is the probe count, not retransmits. */
const TIMER_KEEPALIVE = 2;
const TIMER_PROBE = 4;
const TCP_CLOSE = 7;
/** Every state bit procfs can show (1..12); BOUND_INACTIVE only on request. */
const DEFAULT_STATES = ((1 << (TCP_NEW_SYN_RECV + 1)) - 1) & ~1;

export async function readInetSockets(channel: NetlinkChannel, query: SocketQuery, options: InetSocketOptions = {}): Promise<Part<InetSocket[]>> {
  validateSocketQuery(query);
  const part = emptyPart<InetSocket[]>([]);
  const files = filesForQuery(query).filter((f): f is SocketFile & { protocol: InetProtocol; family: InetSocket['family'] } => f.protocol !== 'unix');
  if (files.length === 0) return part;
  const internals = options.internals ?? query.internals ?? false;
  const memory = options.memory ?? query.memory ?? false;
  const states = requestedStates(query);
  const reader = new InetDiagReader(part.issues, inetSocketFilter(query), new AddressTexts('big'), internals, memory);
  const onBatch = options.onBatch;
  const dumpOptions = onBatch === undefined ? {} : { onBatch: () => reader.handOn(onBatch) };
  let socket: NetlinkSocket | undefined;
  // TCP of both families in one walk of the kernel's socket hash when the kernel takes the
  // older request (buildTcpDiagCompatRequest); IPv6 sockets are handed on after the IPv4
  // ones, the order of two dumps (and of ss and netstat).
  let bothTcp = files.some((f) => f.name === 'tcp') && files.some((f) => f.name === 'tcp6');
  if (bothTcp) {
    socket = await channel.socket(NETLINK_SOCK_DIAG);
    reader.start('tcp', 'sock_diag tcp+tcp6', TCPDIAG_GETSOCK, true);
    try {
      await socket.dump(TCPDIAG_GETSOCK, buildTcpDiagCompatRequest({ ext: tcpExt(internals, memory), states }), reader.visit, dumpOptions);
    } catch (cause) {
      if (!KstatError.is(cause)) throw cause;
      // Refused before any reply (a kernel without the older request): one request per family below.
      if (cause.code === 'E_UNAVAILABLE' && reader.count === 0) bothTcp = false;
      else if (cause.code === 'E_PARSE') part.issues.push(inetDiagIssue('sock_diag tcp+tcp6', 0, 'bad-length', `${cause.message}; the sockets before it are kept`));
      else throw cause;
    }
    reader.undefer();
    if (onBatch !== undefined) await reader.handOn(onBatch);
  }
  for (const file of files) {
    if (bothTcp && file.protocol === 'tcp') continue;
    const diagProtocol = DIAG_PROTOCOL[file.protocol];
    if (diagProtocol === undefined) {
      part.unavailable.push({ what: `${file.name} sockets`, reason: 'sock_diag has no handler for ping sockets (the kernel has no ping_diag); procfs lists them' });
      continue;
    }
    socket ??= await channel.socket(NETLINK_SOCK_DIAG);
    const family = file.family === 'inet' ? AF_INET : AF_INET6;
    const isTcp = diagProtocol === IPPROTO_TCP;
    // Datagram sockets always ask for SK_MEMINFO: its drop counter is the procfs drops column.
    const ext = isTcp ? tcpExt(internals, memory) : inetDiagExt(INET_DIAG_SKMEMINFO);
    const payload = buildInetDiagRequest({ family, protocol: diagProtocol, ext, states: isTcp ? states : states & DATAGRAM_STATES });
    reader.start(file.protocol, `sock_diag ${file.name}`, SOCK_DIAG_BY_FAMILY, false);
    try {
      await socket.dump(SOCK_DIAG_BY_FAMILY, payload, reader.visit, dumpOptions);
    } catch (cause) {
      if (!KstatError.is(cause)) throw cause;
      if (cause.code === 'E_UNAVAILABLE') part.unavailable.push({ what: `${file.name} sockets`, reason: cause.message });
      else if (cause.code === 'E_PARSE') part.issues.push(inetDiagIssue(`sock_diag ${file.name}`, 0, 'bad-length', `${cause.message}; the sockets before it are kept`));
      else throw cause;
    }
    // A dump cut short by a malformed reply keeps the sockets read before it: streamed too.
    if (onBatch !== undefined) await reader.handOn(onBatch);
  }
  if (onBatch === undefined) part.data = reader.take();
  return part;
}

/** The attributes a TCP dump asks for. */
function tcpExt(internals: boolean, memory: boolean): number {
  return (internals ? inetDiagExt(INET_DIAG_INFO) | inetDiagExt(INET_DIAG_CONG) : 0) | (memory ? inetDiagExt(INET_DIAG_SKMEMINFO) : 0);
}

/** UDP, UDP-Lite and raw sockets are only ever ESTABLISHED (connected) or CLOSE. */
const DATAGRAM_STATES = (1 << 1) | (1 << 7);

/** The request's idiag_states for the query: its states, SYN_RECV with NEW_SYN_RECV (what request sockets are inside the kernel). */
function requestedStates(query: SocketQuery): number {
  if (query.state === undefined) return DEFAULT_STATES;
  let mask = 0;
  for (const name of ([] as readonly string[]).concat(query.state)) {
    const code = INET_STATES.indexOf(name as InetState) + 1;
    if (code > 0) mask |= 1 << code;
  }
  if ((mask & (1 << TCP_SYN_RECV)) !== 0) mask |= 1 << TCP_NEW_SYN_RECV;
  return mask & (DEFAULT_STATES | (1 << TCP_BOUND_INACTIVE));
}

/**
 * One dump's visitor and the state it reuses. `visit` is bound once; per message it reads
 * the header into `row`, drops what the filter rules out, walks the attributes only when a
 * wanted value can be there, and pushes one record.
 */
class InetDiagReader {
  private readonly row = new InetDiagRow();
  /** Records read since the last take(), and IPv6 ones held back until undefer(). */
  private out: InetSocket[] = [];
  private deferred: InetSocket[] = [];
  private deferV6 = false;
  private replyType = SOCK_DIAG_BY_FAMILY;
  /** Records made so far, over every dump. */
  count = 0;
  private protocol: InetProtocol = 'tcp';
  private file = '';
  private isTcp = true;
  private isRaw = false;
  /** The last congestion-control name and its bytes: one string for every socket using it. */
  private congestionBytes = new Uint8Array(16);
  private congestionLength = -1;
  private congestion = '';
  /** Where each socket's tcp_info is kept until its `tcpInfo` is first read. */
  private readonly arena = new ByteArena();

  constructor(
    private readonly issues: Issue[],
    private readonly filter: InetSocketFilter,
    private readonly addresses: AddressTexts,
    private readonly internals: boolean,
    private readonly memory: boolean,
  ) {}

  /** The records read since the last take(), and a fresh list for the next ones. */
  take(): InetSocket[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  /** Hand what the last batch made to a streaming consumer. */
  handOn(onBatch: (batch: InetSocket[]) => void | Promise<void>): void | Promise<void> {
    return this.out.length === 0 ? undefined : onBatch(this.take());
  }

  /** The held-back IPv6 records join the others. */
  undefer(): void {
    for (const record of this.deferred) this.out.push(record);
    this.deferred = [];
  }

  /**
   * The next dump: its protocol, its replies' message type, and whether IPv6 sockets are held
   * back until undefer() (a dump of both families); each message names its own family.
   */
  start(protocol: InetProtocol, file: string, replyType: number, deferV6: boolean): void {
    this.protocol = protocol;
    this.replyType = replyType;
    this.deferV6 = deferV6;
    this.file = file;
    this.isTcp = protocol === 'tcp';
    this.isRaw = protocol === 'raw';
  }

  readonly visit = (bytes: Uint8Array, view: DataView, type: number, start: number, end: number): void => {
    const row = this.row;
    if (type !== this.replyType) {
      this.issues.push(inetDiagIssue(this.file, start, 'unknown-format', `message at byte ${start}: type ${type}, not a sock_diag reply; left out`));
      return;
    }
    if (!decodeInetDiagHeader(view, start, end, row)) {
      this.issues.push(inetDiagIssue(this.file, start, 'truncated', `message at byte ${start}: ${end - start} bytes, shorter than struct inet_diag_msg (${INET_DIAG_MSG_BYTES}); socket left out`));
      return;
    }
    const st = row.state === TCP_NEW_SYN_RECV ? TCP_SYN_RECV : row.state;
    const remotePort = this.isRaw ? 0 : row.dport;
    if (!keepsInetSocket(this.filter, st, row.sport, remotePort)) return;
    const state = INET_STATES[st - 1];
    const v4 = row.family === AF_INET;
    if (state === undefined || (!v4 && row.family !== AF_INET6)) {
      const what = state === undefined ? `state ${st}` : `address family ${row.family}`;
      this.issues.push(inetDiagIssue(this.file, start, 'unknown-format', `message at byte ${start}: unknown ${what}; socket left out`));
      return;
    }
    const listen = this.isTcp && st === TCP_LISTEN;
    // The kernel sends INET_DIAG_SKV6ONLY for inet6 sockets in LISTEN or CLOSE only.
    const mayBeV6Only = !v4 && (st === TCP_LISTEN || st === TCP_CLOSE);
    const attributes = end - start > INET_DIAG_MSG_BYTES && (!this.isTcp || this.memory || this.internals || mayBeV6Only);
    if (attributes) {
      scanInetDiagAttributes(view, start, end, row);
      if (row.attributeError !== undefined) this.issues.push(inetDiagIssue(this.file, start, 'bad-length', `message at byte ${start}: ${row.attributeError}; later attributes not read`));
    } else {
      row.v6Only = row.infoStart = row.congStart = row.skMemStart = -1;
    }
    const a = this.addresses;
    const timer = TIMER_NAMES[row.timer];
    const info = row.infoStart >= 0 && this.isTcp && this.internals;
    const full = info && !listen; // tcp_info leaves everything but cwnd zero for listeners
    const probeTimer = row.timer === TIMER_KEEPALIVE || row.timer === TIMER_PROBE;
    const drops = row.skMemStart >= 0 && !this.isTcp && row.skMemEnd - row.skMemStart >= 4 * (SK_MEMINFO_DROPS + 1);
    // Only the keys this path can fill: every record of one call has the same keys (one
    // object shape), and a 100k-socket list carries no dozen undefined slots per socket.
    const record: InetSocket = {
      protocol: this.protocol,
      family: v4 ? 'inet' : 'inet6',
      localAddress: v4 ? a.ipv4(row.src0) : a.ipv6(row.src0, row.src1, row.src2, row.src3),
      localPort: row.sport,
      remoteAddress: v4 ? a.ipv4(row.dst0) : a.ipv6(row.dst0, row.dst1, row.dst2, row.dst3),
      remotePort,
      state,
      sendQueue: listen ? 0 : row.wqueue,
      recvQueue: row.rqueue,
      timer,
      timerExpires: row.expiresMs === 0 ? 0n : BigInt(Math.floor(row.expiresMs / MS_PER_TICK)),
      retransmits: full ? tcpInfoU8(view, row.infoStart, row.infoEnd, RETRANSMITS) ?? 0 : probeTimer ? 0 : row.retrans,
      uid: row.uid,
      timeout: full ? tcpInfoU8(view, row.infoStart, row.infoEnd, PROBES) ?? 0 : probeTimer ? row.retrans : 0,
      inode: row.inode,
      drops: drops ? BigInt(view.getUint32(row.skMemStart + 4 * SK_MEMINFO_DROPS, HOST_LITTLE_ENDIAN)) : undefined,
      maxBacklog: listen ? row.wqueue : undefined,
      v6Only: row.v6Only < 0 ? undefined : row.v6Only !== 0,
      boundInterface: row.ifIndex,
      cookie: rowCookie(row),
      processes: undefined,
      extra: timer === undefined ? { tr: BigInt(row.timer) } : undefined,
    };
    if (this.internals || this.memory) this.addInternals(record, bytes, view, info, full);
    (this.deferV6 && !v4 ? this.deferred : this.out).push(record);
    this.count++;
  };

  /** TCP internals and socket memory, every key assigned (undefined where there is no value) so the shape stays one. */
  private addInternals(record: InetSocket, bytes: Uint8Array, view: DataView, info: boolean, full: boolean): void {
    const row = this.row;
    const is = row.infoStart;
    const ie = row.infoEnd;
    const ssthresh = full ? tcpInfoU32(view, is, ie, SSTHRESH) : undefined;
    record.rto = full ? ticks(tcpInfoU32(view, is, ie, RTO)) : undefined;
    record.ato = full ? ticks(tcpInfoU32(view, is, ie, ATO)) : undefined;
    record.cwnd = info ? tcpInfoU32(view, is, ie, SND_CWND) : undefined;
    record.ssthresh = ssthresh === undefined ? undefined : ssthresh >= TCP_INFINITE_SSTHRESH ? -1 : ssthresh;
    record.congestion = this.internals && this.isTcp && row.congStart >= 0 ? this.congestionName(bytes, row.congStart, row.congEnd) : undefined;
    record.rttUs = full ? tcpInfoU32(view, is, ie, RTT) : undefined;
    record.rttVarUs = full ? tcpInfoU32(view, is, ie, RTTVAR) : undefined;
    record.totalRetransmits = full ? tcpInfoU32(view, is, ie, TOTAL_RETRANS) : undefined;
    record.deliveryRate = full ? tcpInfoU64(view, is, ie, DELIVERY_RATE) : undefined;
    if (info) {
      const at = this.arena.copy(bytes, is, ie);
      defineLazyTcpInfo(record, this.arena.chunk, at, at + (ie - is));
    }    else record.tcpInfo = undefined;
    record.memory = this.memory && row.skMemStart >= 0 ? readSkMeminfo(view, row.skMemStart, row.skMemEnd) : undefined;
  }

  /** The NUL-terminated name in bytes[start, end), the previous string when the bytes are the same. */
  private congestionName(bytes: Uint8Array, start: number, end: number): string {
    let length = 0;
    while (start + length < end && bytes[start + length] !== 0) length++;
    const last = this.congestionBytes;
    if (length === this.congestionLength && length <= last.length) {
      let same = true;
      for (let i = 0; i < length && same; i++) same = last[i] === bytes[start + i];
      if (same) return this.congestion;
    }
    let name = '';
    for (let i = 0; i < length; i++) name += String.fromCharCode(bytes[start + i]!);
    if (length <= last.length) last.set(bytes.subarray(start, start + length));
    this.congestionLength = length <= last.length ? length : -1;
    this.congestion = name;
    return name;
  }
}

const RETRANSMITS = TCP_INFO_OFFSET.retransmits!;
const PROBES = TCP_INFO_OFFSET.probes!;
const RTO = TCP_INFO_OFFSET.rto!;
const ATO = TCP_INFO_OFFSET.ato!;
const RTT = TCP_INFO_OFFSET.rtt!;
const RTTVAR = TCP_INFO_OFFSET.rttvar!;
const SSTHRESH = TCP_INFO_OFFSET.snd_ssthresh!;
const SND_CWND = TCP_INFO_OFFSET.snd_cwnd!;
const TOTAL_RETRANS = TCP_INFO_OFFSET.total_retrans!;
const DELIVERY_RATE = TCP_INFO_OFFSET.delivery_rate!;

function ticks(us: number | undefined): number | undefined {
  return us === undefined ? undefined : Math.floor(us / US_PER_TICK);
}
