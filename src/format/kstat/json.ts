/**
 * kstat(1M)'s JSON (`-j`), made valid (seed-systems.md §2.4 and the §2.6 bugs it fixes).
 * One document per report: an array of kstat objects with keys in illumos order —
 * `module`, `instance`, `name`, `class`, `type` (ks_type number), `snaptime` (seconds,
 * nine decimals, or 0), `data` (statistic → value) — preceded by `host` when a report
 * covers several hosts. Schema: docs/kstat.schema.json.
 *
 * Unlike illumos: every string (CHAR too) is quoted and escaped; commas follow the
 * kstats and statistics actually printed, so filtered and multi-selector output stays
 * valid; integers are exact digits at any size (64-bit counters, see format/json.ts);
 * hrtime seconds are computed from the nanoseconds, not through a double.
 *
 * `pretty` is the illumos layout (TABs, `},{` between kstats); `line` is the same document
 * on one line, for NDJSON (one report per line) in interval mode.
 */
import { secondsText, type KstatEntry, type KstatValue } from './model.js';

export type JsonLayout = 'pretty' | 'line';

/** One report as one JSON document, without a trailing newline. */
export function jsonDocument(entries: readonly KstatEntry[], layout: JsonLayout = 'pretty'): string {
  if (layout === 'line') return `[${entries.map(lineObject).join(',')}]`;
  return `[${entries.map(prettyObject).join(',')}]`;
}

function headerPairs(e: KstatEntry): [string, string][] {
  const pairs: [string, string][] = [];
  if (e.host !== undefined) pairs.push(['host', JSON.stringify(e.host)]);
  pairs.push(
    ['module', JSON.stringify(e.module)],
    ['instance', String(e.instance)],
    ['name', JSON.stringify(e.name)],
    ['class', JSON.stringify(e.class)],
    ['type', String(e.type)],
    ['snaptime', secondsText(e.snaptime)],
  );
  return pairs;
}

function prettyObject(e: KstatEntry): string {
  const head = headerPairs(e).map(([k, v]) => `\t${JSON.stringify(k)}: ${v},\n`);
  const data = e.statistics.map((s) => `\t\t${JSON.stringify(s.name)}: ${jsonValue(s.value)}`);
  const body = data.length === 0 ? '{}' : `{\n${data.join(',\n')}\n\t}`;
  return `{\n${head.join('')}\t"data": ${body}\n}`;
}

function lineObject(e: KstatEntry): string {
  const head = headerPairs(e).map(([k, v]) => `${JSON.stringify(k)}:${v}`);
  const data = e.statistics.map((s) => `${JSON.stringify(s.name)}:${jsonValue(s.value)}`);
  return `{${head.join(',')},"data":{${data.join(',')}}}`;
}

export function jsonValue(value: KstatValue): string {
  switch (value.kind) {
    case 'integer':
      return value.value.toString();
    case 'string':
      return JSON.stringify(value.value);
    case 'hrtime':
      return secondsText(value.ns);
  }
}
