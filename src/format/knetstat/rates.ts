/**
 * Text of the interval reports: `-i -w SECS` (traffic per interface over the interval, with
 * byte rates) and `-s -w SECS` (every counter's increase per second).
 */
import { renderTable, type Column } from '../table.js';
import { orDash } from './endpoint.js';

interface InterfaceDeltaRow {
  name: string;
  rxPackets?: bigint; rxBytes?: bigint; rxErrors?: bigint; rxDropped?: bigint; rxBytesPerSecond?: bigint;
  txPackets?: bigint; txBytes?: bigint; txErrors?: bigint; txDropped?: bigint; txBytesPerSecond?: bigint;
}

const right = (header: string): Column => ({ header, align: 'right' });
const COLUMNS = [
  { header: 'Iface' },
  right('RX-pkts'), right('RX-bytes'), right('RX-B/s'), right('RX-ERR'), right('RX-DRP'),
  right('TX-pkts'), right('TX-bytes'), right('TX-B/s'), right('TX-ERR'), right('TX-DRP'),
];

export function formatInterfaceRates(rows: readonly InterfaceDeltaRow[], seconds: number): string[] {
  const body = rows.map((d) => [
    d.name,
    orDash(d.rxPackets), orDash(d.rxBytes), orDash(d.rxBytesPerSecond), orDash(d.rxErrors), orDash(d.rxDropped),
    orDash(d.txPackets), orDash(d.txBytes), orDash(d.txBytesPerSecond), orDash(d.txErrors), orDash(d.txDropped),
  ]);
  return [`Interface traffic over ${seconds} s`, ...renderTable(COLUMNS, body)];
}

/** delta per second with two decimals, trailing zeros dropped ("3", "0.5", "12.34"). */
export function rateText(delta: bigint, elapsedNs: bigint): string {
  if (elapsedNs <= 0n) return '-';
  const hundredths = (delta * 100n * 1_000_000_000n + elapsedNs / 2n) / elapsedNs;
  const whole = hundredths / 100n;
  const frac = String(hundredths % 100n).padStart(2, '0').replace(/0+$/, '');
  return frac === '' ? String(whole) : `${whole}.${frac}`;
}

export function formatCounterRates(
  groups: readonly { group: string; deltas: Readonly<Record<string, bigint>> }[],
  elapsedNs: bigint,
  seconds: number,
  hideZeros: boolean,
): string[] {
  const lines = [`Protocol counters per second over ${seconds} s`];
  for (const g of groups) {
    const rows = Object.entries(g.deltas).filter(([, d]) => !hideZeros || d !== 0n).map(([k, d]) => [k, rateText(d, elapsedNs)]);
    if (rows.length === 0) continue;
    lines.push(`${g.group}:`, ...renderTable([{ header: '' }, right('')], rows, { noHeader: true, indent: '    ' }));
  }
  return lines;
}
