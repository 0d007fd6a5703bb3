/**
 * `knetstat -s`: every protocol counter under the kernel's own name, one section per
 * kernel group (Ip:, Tcp:, TcpExt:, Ip6:, ...) in file order, values right-aligned.
 * Groups with nothing to show (all zero under -z) are left out.
 */
import type { ProtocolCounterGroup } from '../../records/protocol-counters.js';
import { renderTable } from '../table.js';

export function formatCounterGroups(groups: readonly { group: string; counters: Readonly<Record<string, string>> }[]): string[] {
  const lines: string[] = [];
  for (const g of groups) {
    const rows = Object.entries(g.counters);
    if (rows.length === 0) continue;
    lines.push(`${g.group}:`, ...renderTable([{ header: '' }, { header: '', align: 'right' }], rows, { noHeader: true, indent: '    ' }));
  }
  return lines;
}

/** Counter values as text, zeros dropped when asked. */
export function counterText(groups: readonly ProtocolCounterGroup[], hideZeros: boolean): { group: string; counters: Record<string, string> }[] {
  return groups.map((g) => ({
    group: g.group,
    counters: Object.fromEntries(Object.entries(g.counters).filter(([, v]) => !hideZeros || v !== 0n).map(([k, v]) => [k, v.toString()])),
  }));
}
