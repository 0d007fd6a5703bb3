import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KNETSTAT_HELP } from '../../../../src/cli/knetstat/help.js';
import { KNETSTAT_OPTIONS } from '../../../../src/cli/knetstat/option-specs.js';

test('--help fits an 80-column terminal', () => {
  for (const line of KNETSTAT_HELP.split('\n')) assert.ok(line.length <= 80, line);
});

test('--help mentions every option', () => {
  for (const spec of KNETSTAT_OPTIONS) {
    const shown = [spec.short !== undefined ? `-${spec.short}` : undefined, spec.long !== undefined ? `--${spec.long}` : undefined].filter((x) => x !== undefined);
    assert.ok(shown.some((s) => new RegExp(`(^|[\\s,(])${s.replace(/[-]/g, '\\-')}([\\s,]|$)`, 'm').test(KNETSTAT_HELP)), `${shown.join('/')} not in --help`);
  }
});
