/** The one formatter a run uses, chosen from its options: text of one report (with its final newline, or empty). */
import type { KstatEntry } from '../../format/kstat/model.js';
import { humanLines } from '../../format/kstat/human.js';
import { parseableLines } from '../../format/kstat/parseable.js';
import { jsonDocument } from '../../format/kstat/json.js';
import type { KstatOptions } from './options.js';

export function renderReport(entries: readonly KstatEntry[], options: Pick<KstatOptions, 'format' | 'colon' | 'namesOnly' | 'interval'>): string {
  switch (options.format) {
    case 'quiet':
      return '';
    case 'json':
      // With an interval: NDJSON, one whole document per line per report.
      return `${jsonDocument(entries, options.interval === undefined ? 'pretty' : 'line')}\n`;
    case 'parseable':
      return lines(parseableLines(entries, { colon: options.colon, namesOnly: options.namesOnly }));
    case 'human':
      return lines(humanLines(entries));
  }
}

function lines(list: readonly string[]): string {
  return list.length === 0 ? '' : `${list.join('\n')}\n`;
}
