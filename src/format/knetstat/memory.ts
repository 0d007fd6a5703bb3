/**
 * `knetstat -m`: socket-buffer memory, Linux's answer to FreeBSD's mbuf report, in four
 * sections: sockstat per protocol, /proc/net/protocols memory and pressure, the limits
 * (tcp_mem, udp_mem in pages; rmem/wmem in bytes), and softnet backlog drops per CPU
 * ("#N" for the Nth row where kernels before 5.10 print no CPU id).
 */
import type { SocketMemory } from '../../records/socket-memory.js';
import { renderTable, type Column } from '../table.js';
import { orDash } from './endpoint.js';

const right = (header: string): Column => ({ header, align: 'right' });

function sockstatLines(m: SocketMemory): string[] {
  const lines = [`Sockets in use: ${orDash(m.socketsUsed)}`];
  const rows = m.sockstat.map((p) => [p.protocol, orDash(p.inUse), orDash(p.orphan), orDash(p.timeWait), orDash(p.allocated), orDash(p.memoryPages), orDash(p.memoryBytes)]);
  const cols = [{ header: 'Proto' }, right('InUse'), right('Orphan'), right('TimeWait'), right('Alloc'), right('MemPages'), right('MemBytes')];
  return [...lines, ...renderTable(cols, rows, { indent: '  ' })];
}

function pressureText(pressure: boolean | undefined): string {
  return pressure === undefined ? '-' : pressure ? 'yes' : 'no';
}

function protocolLines(m: SocketMemory): string[] {
  const rows = m.protocols.map((p) => [p.protocol, orDash(p.objectSize), orDash(p.sockets), orDash(p.memoryPages), pressureText(p.pressure), orDash(p.maxHeader), p.module ?? '-']);
  const cols = [{ header: 'Protocol' }, right('Size'), right('Sockets'), right('MemPages'), { header: 'Pressure' }, right('MaxHdr'), { header: 'Module' }];
  return ['Protocol memory (/proc/net/protocols):', ...renderTable(cols, rows, { indent: '  ' })];
}

function limitLines(m: SocketMemory): string[] {
  const rows = [
    ['tcp_mem', orDash(m.tcpMemLow), orDash(m.tcpMemPressure), orDash(m.tcpMemHigh), 'pages'],
    ['udp_mem', orDash(m.udpMemLow), orDash(m.udpMemPressure), orDash(m.udpMemHigh), 'pages'],
    ['tcp_rmem', orDash(m.tcpRmemMin), orDash(m.tcpRmemDefault), orDash(m.tcpRmemMax), 'bytes'],
    ['tcp_wmem', orDash(m.tcpWmemMin), orDash(m.tcpWmemDefault), orDash(m.tcpWmemMax), 'bytes'],
    ['udp_rmem_min', orDash(m.udpRmemMin), '', '', 'bytes'],
    ['udp_wmem_min', orDash(m.udpWmemMin), '', '', 'bytes'],
  ];
  const cols = [{ header: 'Limit' }, right('Min/Low'), right('Default/Pressure'), right('Max/High'), { header: 'Unit' }];
  return ['Limits (net.ipv4):', ...renderTable(cols, rows, { indent: '  ' })];
}

function softnetLines(m: SocketMemory): string[] {
  const rows = m.softnet.map((c) => [c.cpu !== undefined ? String(c.cpu) : `#${c.row}`, String(c.processed), String(c.dropped), String(c.timeSqueeze), orDash(c.receivedRps), orDash(c.flowLimitCount), orDash(c.backlogLength)]);
  const cols = [right('CPU'), right('Processed'), right('Dropped'), right('Squeezed'), right('RPS'), right('FlowLimit'), right('Backlog')];
  return ['Softnet backlog per CPU (/proc/net/softnet_stat):', ...renderTable(cols, rows, { indent: '  ' })];
}

export function formatMemory(m: SocketMemory): string[] {
  return [...sockstatLines(m), '', ...protocolLines(m), '', ...limitLines(m), '', ...softnetLines(m)];
}
