/**
 * One kernel-shaped row of an internet socket table (procfs/inet-socket-table.ts) → its
 * `InetSocket` record. The general path: the fast byte decoder (inet-socket-bytes.ts)
 * builds the same records without a row, for lines in the kernel's usual column order.
 */
import { issue, type Issue } from '../../../errors.js';
import { INET_STATES, TIMER_NAMES, type InetSocket } from '../../../records/socket.js';
import type { InetSocketFile, InetSocketRow } from '../procfs/inet-socket-table.js';

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
