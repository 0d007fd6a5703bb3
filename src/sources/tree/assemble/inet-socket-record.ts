/**
 * Internet socket table rows → `InetSocket` records, both ways a row arrives: a kernel-shaped
 * row of the text parser (procfs/inet-socket-table.ts), or the fields of a line the fast byte
 * decoder just read (inet-socket-bytes.ts), which builds no row. Kept side by side so the two
 * mappings stay the same; the stream tests check they give equal records.
 */
import { issue, type Issue } from '../../../errors.js';
import { INET_STATES, TIMER_NAMES, type InetSocket, type InetState, type TimerName } from '../../../records/socket.js';
import type { InetSocketFile, InetSocketRow } from '../procfs/inet-socket-table.js';
import type { LineState } from './inet-socket-bytes.js';

/** TCP_LISTEN (include/net/tcp_states.h). */
const LISTEN_CODE = 10;

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
    // For listeners the kernel prints fastopenq.max_qlen in the ssthresh column; kernels
    // before TCP Fast Open (3.7) printed the listener's ssthresh there, as -1: not a limit.
    ssthresh: listen ? undefined : row.ssthresh,
    fastOpenQueueMax: listen && row.ssthresh !== undefined && row.ssthresh >= 0 ? row.ssthresh : undefined,
    drops: row.drops,
    processes: undefined,
    extra: timer === undefined ? { ...row.extra, tr: BigInt(row.tr) } : row.extra,
  };
}

/** The line the fast byte decoder just read (inet-socket-bytes.ts) → record: the same mapping as `inetSocket`. */
export function lineSocket(s: LineState, state: InetState, timer: TimerName): InetSocket {
  const t = s.trailer;
  const listen = s.st === LISTEN_CODE;
  return {
    protocol: s.protocol,
    family: s.family,
    localAddress: s.localAddress,
    localPort: s.localPort,
    remoteAddress: s.remoteAddress,
    remotePort: s.remotePort,
    state,
    sendQueue: s.tx,
    recvQueue: s.rx,
    timer,
    timerExpires: s.when === 0 ? 0n : BigInt(s.when),
    retransmits: s.retrnsmt,
    uid: s.uid,
    timeout: s.timeout,
    inode: s.inode,
    refcount: s.ref,
    kernelPointer: s.pointer,
    rto: t ? s.rto : undefined,
    ato: t ? s.ato : undefined,
    quickAck: t ? s.qp >>> 1 : undefined,
    pingpong: t ? (s.qp & 1) === 1 : undefined,
    cwnd: t ? s.cwnd : undefined,
    // For listeners: fastopenq.max_qlen, or -1 from kernels before TCP Fast Open (see above).
    ssthresh: t && !listen ? s.ssthresh : undefined,
    fastOpenQueueMax: t && listen && s.ssthresh >= 0 ? s.ssthresh : undefined,
    drops: s.tail !== 1 ? undefined : s.drops === 0 ? 0n : BigInt(s.drops),
    processes: undefined,
    extra: undefined,
  };
}
