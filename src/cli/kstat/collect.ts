/**
 * One report of the kstat command: which kstats, with which statistics, in which order —
 * kstat(1M)'s ks_instances_read + ks_instances_print selection (seed-systems.md §2.2), done
 * on data that is read first and then handed whole to a formatter.
 *
 *  - `kstat_*` kstats are skipped; RAW kstats only when the command can decode them;
 *  - kstats sort by module, instance (numeric), name; statistics by name — names compared
 *    case-insensitively, and, as illumos's insertion sort does, among equal names the later
 *    one first;
 *  - `crtime` and `snaptime` are statistics of every kstat (`class` too in parseable
 *    modes), and the statistic pattern applies to them;
 *  - output goes per selector, in selector order: a kstat matched by two selectors is
 *    shown twice; a kstat none of whose statistics match is not shown at all.
 *
 * The data is the ctl's latest reading (taken by the chain update that just ran, or the
 * snapshot's saved data); its snaptime is the one shown. illumos takes snaptime from the
 * header *before* reading and so prints the previous read's time (§2.6).
 */
import { KstatError } from '../../errors.js';
import type { KstatCtl, KstatReading } from '../../kstat/kstat-ctl.js';
import type { Kstat } from '../../kstat/chain.js';
import { KSTAT_TYPE } from '../../kstat/types.js';
import { ALL, anySelectorMatches, matchesKstat, matchesStatistic, type Pattern, type Selector } from '../../kstat/selector.js';
import { hrtime, text, type KstatEntry, type KstatStatistic } from '../../format/kstat/model.js';
import { hasRawDecoder } from './raw-views.js';
import { dataStatistics } from './statistics.js';

export interface Selection {
  readonly selectors: readonly Selector[];
  readonly classPattern: Pattern;
  /** Parseable modes add the `class` pseudo-statistic. */
  readonly withClass: boolean;
}

export interface CollectedReport {
  readonly entries: KstatEntry[];
  /** Problems worth a warning line (data that did not decode). */
  readonly warnings: string[];
}

interface Shown {
  readonly ks: Kstat;
  readonly snaptime: bigint;
  readonly statistics: KstatStatistic[];
}

export async function collectReport(ctl: KstatCtl, selection: Selection): Promise<CollectedReport> {
  const candidates = ctl.chain.filter((k) => shownKind(k) && anySelectorMatches(k, selection.selectors, selection.classPattern));
  const readings = await readingsOf(ctl, candidates);
  const warnings: string[] = [];
  const shown: Shown[] = [];
  for (const ks of candidates) {
    const reading = readings.get(ks);
    if (reading === undefined) continue;
    const s = statisticsOf(ks, reading, selection.withClass);
    if (s.error !== undefined) warnings.push(`${ks.module}:${ks.instance}:${ks.name}: data did not decode: ${s.error}`);
    shown.push({ ks, snaptime: reading.snaptime, statistics: s.statistics });
  }
  return { entries: entriesOf(sortKstats(shown), selection.selectors), warnings };
}

function shownKind(k: Kstat): boolean {
  return !k.name.startsWith('kstat_') && (k.type !== 'RAW' || hasRawDecoder(k.module, k.name));
}

/** The latest reading of each kstat; kstats without one are read now (those gone since are left out). */
async function readingsOf(ctl: KstatCtl, kstats: readonly Kstat[]): Promise<Map<Kstat, KstatReading>> {
  const out = new Map<Kstat, KstatReading>();
  const missing: Kstat[] = [];
  for (const ks of kstats) {
    const r = ctl.peek(ks);
    if (r === undefined) missing.push(ks);
    else out.set(ks, r);
  }
  if (missing.length === 0) return out;
  const gone = new Set(await ctl.readAll(missing));
  for (const ks of missing) {
    if (gone.has(ks) || ks.data === undefined) continue;
    out.set(ks, { data: ks.data, snaptime: ks.snaptime });
  }
  return out;
}

function statisticsOf(ks: Kstat, reading: KstatReading, withClass: boolean): { statistics: KstatStatistic[]; error?: string } {
  const data = dataStatistics(ks.module, ks.name, reading.data);
  if (data === undefined) throw new KstatError('E_ARGUMENT', `kstat ${ks.module}:${ks.instance}:${ks.name}: no decoder for its data`);
  const pseudo: KstatStatistic[] = [
    { name: 'crtime', value: hrtime(ks.crtime) },
    { name: 'snaptime', value: hrtime(reading.snaptime) },
    ...(withClass ? [{ name: 'class', value: text(ks.class) }] : []),
  ];
  return { statistics: sortStatistics([...pseudo, ...data.statistics]), ...(data.error === undefined ? {} : { error: data.error }) };
}

/** strcasecmp on ASCII names (kernel names are ASCII). */
function caseless(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

export function sortStatistics(list: readonly KstatStatistic[]): KstatStatistic[] {
  return list.map((s, i) => ({ s, i })).sort((a, b) => caseless(a.s.name, b.s.name) || b.i - a.i).map(({ s }) => s);
}

function sortKstats(list: readonly Shown[]): Shown[] {
  const order = (a: Kstat, b: Kstat) => caseless(a.module, b.module) || a.instance - b.instance || caseless(a.name, b.name);
  return list.map((s, i) => ({ s, i })).sort((a, b) => order(a.s.ks, b.s.ks) || b.i - a.i).map(({ s }) => s);
}

function entriesOf(shown: readonly Shown[], selectors: readonly Selector[]): KstatEntry[] {
  const entries: KstatEntry[] = [];
  for (const selector of selectors.length === 0 ? [ALL] : selectors) {
    for (const { ks, snaptime, statistics } of shown) {
      if (!matchesKstat(selector, ks)) continue;
      const matching = statistics.filter((s) => matchesStatistic(selector, s.name));
      if (matching.length === 0) continue;
      entries.push({ module: ks.module, instance: ks.instance, name: ks.name, class: ks.class, type: KSTAT_TYPE[ks.type], snaptime, statistics: matching });
    }
  }
  return entries;
}
