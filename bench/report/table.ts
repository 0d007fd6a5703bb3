/**
 * One table per size: mode, row, runs, median seconds, ratio to `ss -tan` (cold), median CPU
 * seconds (user + system; cold rows), peak RSS, rows the tool reported, and the issue's
 * targets. Widths are computed after all rows are known.
 */
import { median } from '../measure/stats.js';
import type { RowResult } from './result.js';
import { targetCells } from './targets.js';

const HEADER = ['mode', 'row', 'runs', 'median s', '× ss -tan', 'CPU s', 'peak RSS MiB', 'rows', 'target'];
const TARGET = HEADER.length - 1;

export interface TableContext {
  connections: number;
  socketRows: string;
}

function cellsOf(result: RowResult, ssMedian: number | undefined, target: string | undefined): string[] {
  const { row } = result;
  if (result.status !== 'ok' || result.seconds.length === 0) {
    return [row.mode, row.label, '0', result.status, '', '', '', '', target ?? ''];
  }
  const m = median(result.seconds);
  return [
    row.mode,
    row.label,
    String(result.seconds.length),
    m.toFixed(4),
    ssMedian === undefined ? '' : `${(m / ssMedian).toFixed(2)}×`,
    result.cpuSeconds.length === 0 ? '' : median(result.cpuSeconds).toFixed(3),
    result.peakRssKiB === undefined ? 'n/a' : (result.peakRssKiB / 1024).toFixed(1),
    result.count === undefined ? '' : String(result.count),
    target ?? '',
  ];
}

function render(rows: string[][]): string {
  const widths = HEADER.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]): string => r.map((cell, c) => (c === 1 || c === 0 || c === TARGET ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n');
}

export function formatTable(results: RowResult[], context: TableContext): string {
  const byId = new Map(results.map((r) => [r.row.id, r]));
  const ss = byId.get('ss-tan');
  const ssMedian = ss !== undefined && ss.status === 'ok' && ss.seconds.length > 0 ? median(ss.seconds) : undefined;
  const targets = targetCells(byId);
  const body = results.map((r) => cellsOf(r, ssMedian, targets.get(r.row.id)));
  const notes = [...new Set(results.flatMap((r) => (r.row.note === undefined ? [] : [`note: ${r.row.label}: ${r.row.note}`])))];
  const failures = results.flatMap((r) => (r.status === 'ok' ? [] : [`${r.status}: ${r.row.mode} ${r.row.label}: ${r.reason ?? ''}`]));
  return [
    `== ${context.connections} connections (${context.socketRows}) ==`,
    render([HEADER, ...body]),
    ...[...failures, ...notes].map((line) => `  ${line}`),
  ].join('\n');
}
