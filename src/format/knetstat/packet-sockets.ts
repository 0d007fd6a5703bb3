/**
 * `knetstat -B`: packet (AF_PACKET) sockets, the Linux peers of FreeBSD's bpf descriptors:
 * PID, Iface, Type, Proto, Running, Filter (classic BPF instructions attached), Rmem,
 * User, Inode, Command. "-" where the source does not give a value (procfs has no filter
 * length; owners need privileges), "*" for a socket bound to no interface.
 */
import type { PacketSocket } from '../../records/packet-socket.js';
import { renderTable, type Column } from '../table.js';
import { orDash } from './endpoint.js';
import type { NameLookup } from './names.js';

const COLUMNS: Column[] = [
  { header: 'PID', align: 'right' },
  { header: 'Iface' },
  { header: 'Type' },
  { header: 'Proto' },
  { header: 'Running' },
  { header: 'Filter', align: 'right' },
  { header: 'Rmem', align: 'right' },
  { header: 'User', align: 'right' },
  { header: 'Inode', align: 'right' },
  { header: 'Command' },
];

function interfaceText(p: PacketSocket): string {
  if (p.interface !== undefined) return p.interface;
  if (p.ifindex === 0) return '*';
  // -1: the bound device was unregistered (af_packet.c packet_notifier).
  return p.ifindex === -1 ? '(gone)' : `if${p.ifindex}`;
}

function protocolText(p: PacketSocket): string {
  return p.protocolName ?? `0x${p.protocol.toString(16).padStart(4, '0')}`;
}

function runningText(p: PacketSocket): string {
  return p.running === undefined ? '-' : p.running ? 'yes' : 'no';
}

export function formatPacketSockets(sockets: readonly PacketSocket[], names?: NameLookup): string[] {
  const rows = sockets.map((p) => {
    const owner = p.processes?.[0];
    return [
      orDash(owner?.pid),
      interfaceText(p),
      p.type,
      protocolText(p),
      runningText(p),
      orDash(p.filterLength),
      orDash(p.rmem),
      (p.uid === undefined ? undefined : names?.user(p.uid)) ?? orDash(p.uid),
      String(p.inode),
      owner?.command ?? '-',
    ];
  });
  // User names align left (netstat's habit), numeric uids right like the other numbers.
  const columns = names === undefined ? COLUMNS : COLUMNS.map((c) => (c.header === 'User' ? { header: 'User' } : c));
  return ['Active packet sockets', ...renderTable(columns, rows)];
}
