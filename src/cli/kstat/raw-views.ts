/**
 * kstat(1M) shows a RAW kstat only when it has a decoder for it (seed-systems.md §2.2).
 * Ours has one for the RAW view kstats — `netstat:0:<view>` and `system:0:<view>`, the XDR
 * of a whole view's Reading (docs/namespace.md §5) — and shows each as a summary rather
 * than thousands of records (those are what `knetstat` and the views are for):
 *
 *   bytes        size of the RAW data
 *   records      records in the view (list views: one per socket/route/...; 1 otherwise)
 *   issues       located problems the reading met
 *   unavailable  parts of the view the source could not give
 *
 * Any other RAW kstat (only `unix:0:kstat_headers`, which is skipped as `kstat_*` anyway)
 * has no decoder and is not shown, as in illumos.
 */
import { decodeViewReading, isNetstatView } from '../../protocol/netstat-readings.js';
import { decodeSystemViewReading, SYSTEM_VIEWS, type SystemView } from '../../sources/snapshot/system-views.js';
import type { Reading } from '../../sources/source.js';
import { integer, type KstatStatistic } from '../../format/kstat/model.js';

const SYSTEM_VIEW_SET: ReadonlySet<string> = new Set(SYSTEM_VIEWS);

/** True when the command can show this RAW kstat. */
export function hasRawDecoder(module: string, name: string): boolean {
  return decoderFor(module, name) !== undefined;
}

export interface RawSummary {
  readonly statistics: KstatStatistic[];
  /** Set when the bytes did not decode: only `bytes` is shown, and this is warned about. */
  readonly error?: string;
}

export function rawSummary(module: string, name: string, raw: Uint8Array): RawSummary | undefined {
  const decode = decoderFor(module, name);
  if (decode === undefined) return undefined;
  const bytes: KstatStatistic = { name: 'bytes', value: integer(BigInt(raw.length)) };
  let reading: Reading<unknown>;
  try {
    reading = decode(raw);
  } catch (err) {
    return { statistics: [bytes], error: err instanceof Error ? err.message : String(err) };
  }
  return {
    statistics: [
      bytes,
      { name: 'records', value: integer(BigInt(Array.isArray(reading.data) ? reading.data.length : 1)) },
      { name: 'issues', value: integer(BigInt(reading.issues.length)) },
      { name: 'unavailable', value: integer(BigInt(reading.unavailable.length)) },
    ],
  };
}

function decoderFor(module: string, name: string): ((raw: Uint8Array) => Reading<unknown>) | undefined {
  if (module === 'netstat' && isNetstatView(name)) return (raw) => decodeViewReading(name, raw);
  if (module === 'system' && SYSTEM_VIEW_SET.has(name)) return (raw) => decodeSystemViewReading(name as SystemView, raw);
  return undefined;
}
