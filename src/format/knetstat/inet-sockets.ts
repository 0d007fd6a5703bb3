/**
 * The internet-socket table of `knetstat` (netstat's "Active Internet connections"):
 * Proto Recv-Q Send-Q Local Address Foreign Address State, then with -e User and Inode,
 * with -p PID/Program name, with -o Timer — netstat's column order. Given a `NameLookup`
 * (knetstat without -n), ports and uids print as the source's service and user names.
 */
import type { InetSocket } from '../../records/socket.js';
import { renderRows, type Column } from '../table.js';
import { endpoint, ownerText } from './endpoint.js';
import type { NameLookup } from './names.js';

export interface SocketColumns {
  readonly program: boolean;
  readonly extend: boolean;
  readonly timers: boolean;
}

/**
 * USER_HZ of the source kernel, to turn timer ticks into seconds. Captures do not record it;
 * it is 100 on every architecture the library decodes (see records/socket.ts), so netstat's
 * seconds are ticks / 100.
 */
const USER_HZ = 100n;

const PROTO_NAMES: Readonly<Record<InetSocket['protocol'], string>> = { tcp: 'tcp', udp: 'udp', udplite: 'udplite', raw: 'raw', icmp: 'icmp' };

export function protoName(s: { protocol: InetSocket['protocol']; family: 'inet' | 'inet6' }): string {
  return PROTO_NAMES[s.protocol] + (s.family === 'inet6' ? '6' : '');
}

/** TCP states by kernel name; datagram sockets show ESTABLISHED when connected, nothing otherwise. */
export function stateText(s: InetSocket): string {
  if (s.protocol === 'tcp') return s.state === 'NEW_SYN_RECV' ? 'SYN_RECV' : s.state;
  return s.state === 'CLOSE' ? '' : s.state;
}

/** netstat -o: "name (seconds/retransmits/probes)". */
export function timerText(s: InetSocket): string {
  const ticks = s.timerExpires < 0n ? -s.timerExpires : s.timerExpires;
  const hundredths = (ticks * 100n) / USER_HZ;
  const seconds = `${s.timerExpires < 0n ? '-' : ''}${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
  return `${s.timer ?? 'unknown'} (${seconds}/${s.retransmits}/${s.timeout})`;
}

export function formatInetSockets(sockets: readonly InetSocket[], columns: SocketColumns, names?: NameLookup): string[] {
  const cols: Column[] = [
    { header: 'Proto', ascii: true },
    { header: 'Recv-Q', align: 'right', ascii: true },
    { header: 'Send-Q', align: 'right', ascii: true },
    // Numeric addresses are ASCII; service names come from a file and might not be.
    { header: 'Local Address', ascii: names === undefined },
    { header: 'Foreign Address', ascii: names === undefined },
    { header: 'State', ascii: true },
  ];
  // Numeric uids align right like the other numbers; names align left, as netstat prints them.
  if (columns.extend) cols.push({ header: 'User', align: names === undefined ? 'right' : 'left' }, { header: 'Inode', align: 'right' });
  if (columns.program) cols.push({ header: 'PID/Program name' });
  if (columns.timers) cols.push({ header: 'Timer' });
  const cells: ((s: InetSocket) => string)[] = [
    protoName,
    (s) => numberText(s.recvQueue),
    (s) => numberText(s.sendQueue),
    (s) => endpoint(s.localAddress, s.localPort, names?.service(s.localPort, s.protocol)),
    (s) => endpoint(s.remoteAddress, s.remotePort, names?.service(s.remotePort, s.protocol)),
    stateText,
  ];
  if (columns.extend) cells.push((s) => names?.user(s.uid) ?? String(s.uid), (s) => String(s.inode));
  if (columns.program) cells.push((s) => ownerText(s.processes));
  if (columns.timers) cells.push(timerText);
  return renderRows(cols, sockets.length, (r, i) => cells[i]!(sockets[r]!), { gap: 1 });
}

/** Queue lengths are mostly small: their texts are made once. */
const SMALL_NUMBERS = Array.from({ length: 1024 }, (_, i) => String(i));

function numberText(n: number): string {
  return n < SMALL_NUMBERS.length ? SMALL_NUMBERS[n]! : String(n);
}
