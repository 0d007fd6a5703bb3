/**
 * kstat(1M)'s default output (seed-systems.md §2.4; illumos cmd/stat/kstat/kstat.h DFLT_FMT
 * and KS_DFMT), one block per kstat:
 *
 *     module: <module, %-30.30s>  instance: <instance, %-6d>
 *     name:   <name, %-30.30s>  class:    <class, %-.30s>
 *     \t<statistic, %-30s>  <value>
 *     (blank line)
 *
 * Module and name are cut at 30 characters and the first line keeps its padding, as in
 * illumos; statistic names are padded to 30 but never cut (illumos cuts them at 30 when it
 * copies them, ours can be longer: `statistics.rx_missed_errors`). With several hosts a
 * `host:` line comes first.
 */
import { escapeText, valueText, type KstatEntry } from './model.js';

/** The lines of one report (each block ends with an empty line). */
export function humanLines(entries: readonly KstatEntry[]): string[] {
  const out: string[] = [];
  for (const e of entries) {
    if (e.host !== undefined) out.push(`host:   ${escapeText(e.host)}`);
    out.push(`module: ${fixed(e.module, 30)}  instance: ${String(e.instance).padEnd(6)}`);
    out.push(`name:   ${fixed(e.name, 30)}  class:    ${cut(escapeText(e.class), 30)}`);
    for (const s of e.statistics) out.push(`\t${escapeText(s.name).padEnd(30)}  ${escapeText(valueText(s.value))}`);
    out.push('');
  }
  return out;
}

/** printf %-W.Ws: cut to W characters, then pad to W. */
function fixed(s: string, width: number): string {
  return cut(escapeText(s), width).padEnd(width);
}

function cut(s: string, width: number): string {
  const chars = [...s];
  return chars.length <= width ? s : chars.slice(0, width).join('');
}
