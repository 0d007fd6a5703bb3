/**
 * The internet-socket table of `knetstat` (netstat's "Active Internet connections"):
 * Proto Recv-Q Send-Q Local Address Foreign Address State, then with -e User and Inode,
 * with -p PID/Program name, with -o Timer — netstat's column order and widths. Given a `NameLookup`
 * (knetstat without -n), ports and uids print as the source's service and user names.
 */
import type { InetSocket } from '../../records/socket.js';
import { writtenLines, type LineWriter } from '../line-writer.js';
import { ownerText } from './endpoint.js';
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

/**
 * netstat's layout (net-tools netstat -W): fixed columns — Proto 4 and two spaces, the queues
 * right-aligned in 6, addresses 23, State 11, User and Inode 10, PID/Program name 20 — where a
 * longer value pushes the rest of its line right and nothing is cut. Fixed widths are what
 * let a listing stream: each row is printed as soon as it is read (see LineWriter).
 */
export class InetSocketTable {
  constructor(
    private readonly out: LineWriter,
    private readonly columns: SocketColumns,
    private readonly names?: NameLookup,
  ) {}

  header(): void {
    const out = this.out.left('Proto', 5).space().text('Recv-Q').space().text('Send-Q').space();
    out.left('Local Address', ADDRESS_WIDTH).space().left('Foreign Address', ADDRESS_WIDTH).space().left('State', STATE_WIDTH);
    this.tail('User', 'Inode', 'PID/Program name', 'Timer');
  }

  row(s: InetSocket): void {
    const names = this.names;
    const out = this.out.left(protoName(s), 4).space(2).rightUint(s.recvQueue, 6).space().rightUint(s.sendQueue, 6).space();
    let start = out.column;
    this.endpoint(s.localAddress, s.localPort, names?.service(s.localPort, s.protocol));
    out.padTo(start + ADDRESS_WIDTH).space();
    start = out.column;
    this.endpoint(s.remoteAddress, s.remotePort, names?.service(s.remotePort, s.protocol));
    out.padTo(start + ADDRESS_WIDTH).space().left(stateText(s), STATE_WIDTH);
    const { extend, program, timers } = this.columns;
    this.tail(
      extend ? (names?.user(s.uid) ?? String(s.uid)) : '',
      extend ? String(s.inode) : '',
      program ? ownerText(s.processes) : '',
      timers ? timerText(s) : '',
    );
  }

  rows(sockets: readonly InetSocket[]): void {
    for (const s of sockets) this.row(s);
  }

  /** The optional columns (-e, -p, -o), then the end of the line. */
  private tail(user: string, inode: string, program: string, timer: string): void {
    const out = this.out;
    if (this.columns.extend) out.space().left(user, 10).space().left(inode, 10);
    if (this.columns.program) out.space().left(program, PROGRAM_WIDTH);
    if (this.columns.timers) out.space().text(timer);
    out.endLine();
  }

  /** endpoint.ts's "address:port" written without building the string. */
  private endpoint(address: string, port: number, service: string | undefined): void {
    const out = this.out;
    const v6 = address.includes(':');
    if (v6) out.text('[');
    out.text(address);
    out.text(v6 ? ']:' : ':');
    if (port === 0) out.text('*');
    else if (service !== undefined) out.text(service);
    else out.uint(port);
  }
}

const ADDRESS_WIDTH = 23;
const STATE_WIDTH = 11;
const PROGRAM_WIDTH = 20;

/** The table as lines (no trailing newline), header first. */
export function formatInetSockets(sockets: readonly InetSocket[], columns: SocketColumns, names?: NameLookup): string[] {
  return writtenLines((out) => {
    const table = new InetSocketTable(out, columns, names);
    table.header();
    table.rows(sockets);
  });
}
