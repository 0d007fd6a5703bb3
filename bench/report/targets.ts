/**
 * The issues' targets for listing sockets, stated at 100k socket rows (50k connections) and
 * checked at every size:
 *   - procfs path (foundation): cold faster than `netstat -tan` (checked for the library call
 *     that returns the list, and for `knetstat -tan --via procfs`, which like netstat prints
 *     the table as it reads it); warm within 1.25× of the bare
 *     `cat /proc/net/tcp*` read and under 80 MiB peak RSS (checked for sockets(), which returns
 *     the list, and for streamSockets(), whose consumer drops each batch);
 *   - netlink path: warm ≤ 0.75× `ss -tan`; `knetstat -tan` cold ≤ 1.0× `ss -tan`; with TCP
 *     internals ≤ 1.0× `ss -tani`; with owning processes ≤ 0.25× `ss -tanp` (cold and warm).
 * A target whose reference row has no result is "n/a", with the reason.
 */
import { median } from '../measure/stats.js';
import type { RowResult } from './result.js';

type Results = ReadonlyMap<string, RowResult>;

interface Target {
  rowId: string;
  check(own: RowResult, results: Results): string;
}

function medianOf(result: RowResult | undefined): number | undefined {
  return result !== undefined && result.status === 'ok' && result.seconds.length > 0 ? median(result.seconds) : undefined;
}

function verdict(pass: boolean): string {
  return pass ? 'PASS' : 'MISS';
}

/** own median ≤ factor × reference median (strictly below when `strict`). */
function relative(refId: string, refLabel: string, factor: number, strict: boolean) {
  return (own: RowResult, results: Results): string => {
    const mine = medianOf(own);
    const ref = medianOf(results.get(refId));
    const rule = `${strict ? '<' : '≤'} ${factor === 1 ? '' : `${factor}× `}${refLabel}`;
    if (mine === undefined || ref === undefined) return `n/a ${rule} (${mine === undefined ? 'no runs' : `no ${refLabel}`})`;
    const ratio = mine / ref;
    const pass = strict ? ratio < factor : ratio <= factor;
    return `${verdict(pass)} ${rule} (${ratio.toFixed(2)}×)`;
  };
}

function rssUnder(limitMiB: number) {
  return (own: RowResult): string => {
    if (own.peakRssKiB === undefined) return `n/a RSS < ${limitMiB} MiB`;
    return `${verdict(own.peakRssKiB / 1024 < limitMiB)} RSS < ${limitMiB} MiB`;
  };
}

const TARGETS: Target[] = [
  // Foundation issue: the procfs path.
  { rowId: 'kstat-cold', check: relative('netstat-tan', 'netstat -tan', 1, true) },
  { rowId: 'knetstat-tan-procfs', check: relative('netstat-tan', 'netstat -tan', 1, true) },
  { rowId: 'kstat-warm', check: relative('bare-read', 'cat', 1.25, false) },
  { rowId: 'kstat-warm', check: rssUnder(80) },
  // The same targets for the streaming call (a consumer that does not hold the list).
  { rowId: 'kstat-warm-stream', check: relative('bare-read', 'cat', 1.25, false) },
  { rowId: 'kstat-warm-stream', check: rssUnder(80) },
  // Netlink issue: the live fast path.
  { rowId: 'kstat-warm-netlink', check: relative('ss-tan', 'ss -tan', 0.75, false) },
  { rowId: 'knetstat-tan', check: relative('ss-tan', 'ss -tan', 1, false) },
  { rowId: 'kstat-cold-internals', check: relative('ss-tani', 'ss -tani', 1, false) },
  { rowId: 'kstat-cold-processes', check: relative('ss-tanp', 'ss -tanp', 0.25, false) },
  { rowId: 'kstat-warm-processes', check: relative('ss-tanp', 'ss -tanp', 0.25, false) },
];

/** The target cell of each row that has targets: "PASS < netstat -tan (0.61×); …". */
export function targetCells(results: Results): Map<string, string> {
  const cells = new Map<string, string>();
  for (const target of TARGETS) {
    const own = results.get(target.rowId);
    if (own === undefined) continue;
    const cell = target.check(own, results);
    const before = cells.get(target.rowId);
    cells.set(target.rowId, before === undefined ? cell : `${before}; ${cell}`);
  }
  return cells;
}
