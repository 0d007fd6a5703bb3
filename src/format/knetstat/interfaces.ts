/**
 * `knetstat -i`: netstat's "Kernel Interface table": Iface MTU RX-OK RX-ERR RX-DRP RX-OVR
 * TX-OK TX-ERR TX-DRP TX-OVR Flg. OVR is the FIFO (overrun) error counter, as net-tools
 * prints it; Flg uses net-tools' letters (lib/interface.c ife_print_short).
 *
 * R (RUNNING) is not among the device flags sysfs prints: the kernel adds it for
 * SIOCGIFFLAGS when the device is up and its operational state is up or unknown
 * (dev_get_flags, netif_oper_up), so it is derived the same way here.
 */
import type { Interface } from '../../records/interface.js';
import { renderTable, type Column } from '../table.js';
import { orDash } from './endpoint.js';

/** net-tools' flag letters, in its print order. */
const FLAG_LETTERS: ReadonlyArray<readonly [string, string]> = [
  ['ALLMULTI', 'A'],
  ['BROADCAST', 'B'],
  ['DEBUG', 'D'],
  ['LOOPBACK', 'L'],
  ['MULTICAST', 'M'],
  ['DYNAMIC', 'd'],
  ['PROMISC', 'P'],
  ['NOTRAILERS', 'N'],
  ['NOARP', 'O'],
  ['POINTOPOINT', 'P'],
  ['SLAVE', 's'],
  ['MASTER', 'm'],
  ['RUNNING', 'R'],
  ['UP', 'U'],
];

export function interfaceFlagLetters(i: Pick<Interface, 'flagNames' | 'operState'>): string {
  const names = i.flagNames;
  if (names === undefined) return '-';
  const running = names.includes('RUNNING') || (names.includes('UP') && (i.operState === 'up' || i.operState === 'unknown'));
  return FLAG_LETTERS.filter(([name]) => names.includes(name) || (name === 'RUNNING' && running)).map(([, letter]) => letter).join('');
}

const right = (header: string): Column => ({ header, align: 'right' });
const COLUMNS: Column[] = [
  { header: 'Iface' },
  right('MTU'),
  right('RX-OK'),
  right('RX-ERR'),
  right('RX-DRP'),
  right('RX-OVR'),
  right('TX-OK'),
  right('TX-ERR'),
  right('TX-DRP'),
  right('TX-OVR'),
  { header: 'Flg' },
];

export function formatInterfaces(interfaces: readonly Interface[]): string[] {
  const rows = interfaces.map((i) => [
    i.name,
    orDash(i.mtu),
    orDash(i.rxPackets),
    orDash(i.rxErrors),
    orDash(i.rxDropped),
    orDash(i.rxFifoErrors),
    orDash(i.txPackets),
    orDash(i.txErrors),
    orDash(i.txDropped),
    orDash(i.txFifoErrors),
    interfaceFlagLetters(i),
  ]);
  return ['Kernel Interface table', ...renderTable(COLUMNS, rows)];
}
