/**
 * kstat(1M)'s parseable output (seed-systems.md §2.4; illumos KS_PFMT): one line per
 * statistic, `module:instance:name:statistic`, then a TAB (`-p`) or a colon (`-C`) and the
 * value; `-l` prints the name part only. No blank lines between kstats.
 *
 * With several hosts each line starts with `host:` (a host label holding a colon, such as
 * an IPv6 address or host:port, is written in brackets: `[::1]:link:0:lo:rbytes64`), so the
 * statistic is still the last colon-separated field before the value.
 */
import { escapeText, valueText, type KstatEntry } from './model.js';

export interface ParseableOptions {
  /** `-C`: a colon instead of the TAB before the value. */
  readonly colon?: boolean;
  /** `-l`: names only. */
  readonly namesOnly?: boolean;
}

export function parseableLines(entries: readonly KstatEntry[], options: ParseableOptions = {}): string[] {
  const separator = options.colon === true ? ':' : '\t';
  const out: string[] = [];
  for (const e of entries) {
    const prefix = `${hostPrefix(e.host)}${escapeText(e.module)}:${e.instance}:${escapeText(e.name)}:`;
    for (const s of e.statistics) {
      const key = prefix + escapeText(s.name);
      out.push(options.namesOnly === true ? key : `${key}${separator}${escapeText(valueText(s.value))}`);
    }
  }
  return out;
}

export function hostPrefix(host: string | undefined): string {
  if (host === undefined) return '';
  const shown = escapeText(host);
  return shown.includes(':') ? `[${shown}]:` : `${shown}:`;
}
