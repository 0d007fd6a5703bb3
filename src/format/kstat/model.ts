/**
 * What the kstat(1M) formatters print: a report is the kstats selected for one interval,
 * already read, selected, sorted and reduced to their matching statistics (the command
 * does that; a formatter never calls back into a source: read all, then print).
 *
 * Values keep their kstat meaning so each format renders them its own way: integers are
 * exact (bigint or a 32-bit number), strings are text, and hrtime values (crtime,
 * snaptime, IO and TIMER times) are nanoseconds that kstat(1M) shows as seconds with
 * nine decimals (seed-systems.md §2.3).
 */

export type KstatValue =
  | { readonly kind: 'integer'; readonly value: bigint | number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'hrtime'; readonly ns: bigint };

export interface KstatStatistic {
  readonly name: string;
  readonly value: KstatValue;
}

/** One kstat as printed: identity, the snaptime of the data shown, its statistics in print order. */
export interface KstatEntry {
  /** Set when a report covers several hosts: every format then labels the kstat with it. */
  readonly host?: string;
  readonly module: string;
  readonly instance: number;
  readonly name: string;
  readonly class: string;
  /** ks_type as on the wire: 0 RAW, 1 NAMED, 2 INTR, 3 IO, 4 TIMER. */
  readonly type: number;
  /** When the data shown was read, ns since the source's boot (0: unknown). */
  readonly snaptime: bigint;
  readonly statistics: readonly KstatStatistic[];
}

export const integer = (value: bigint | number): KstatValue => ({ kind: 'integer', value });
export const text = (value: string): KstatValue => ({ kind: 'string', value });
export const hrtime = (ns: bigint): KstatValue => ({ kind: 'hrtime', ns });

/**
 * kstat(1M)'s hrtime text: `0` for zero, else seconds with exactly nine decimals. Exact
 * from the nanoseconds (illumos goes through a double: `%.9f` of ns / 1e9, which rounds
 * once a time passes 2^53 ns, about 104 days of uptime).
 */
export function secondsText(ns: bigint): string {
  if (ns === 0n) return '0';
  const sign = ns < 0n ? '-' : '';
  const abs = ns < 0n ? -ns : ns;
  return `${sign}${abs / 1_000_000_000n}.${(abs % 1_000_000_000n).toString().padStart(9, '0')}`;
}

/** A value as kstat(1M) prints it in its text formats (before any escaping). */
export function valueText(value: KstatValue): string {
  switch (value.kind) {
    case 'integer':
      return value.value.toString();
    case 'string':
      return value.value;
    case 'hrtime':
      return secondsText(value.ns);
  }
}

const CONTROL = /[\x00-\x1f\x7f\\]/g;
const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '\\': '\\\\' };

/**
 * Text formats are line- and TAB-separated, so a control character inside a name or a
 * string value (an interface alias can hold anything) would split a line or a field:
 * those are written as C escapes (`\n`, `\t`, `\r`, `\xHH`) and a backslash as `\\`.
 * illumos prints them raw.
 */
export function escapeText(s: string): string {
  return s.replace(CONTROL, (c) => NAMED_ESCAPES[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
