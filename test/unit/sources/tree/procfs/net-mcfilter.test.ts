import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetMcfilter } from '../../../../../src/sources/tree/procfs/net-mcfilter.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const FILE = 'proc/net/mcfilter';

test('live 6.18: the source-specific join of 232.1.2.3 from 127.0.0.1 on lo (SOURCE.md)', () => {
  const r = parseNetMcfilter(fixtureText('linux-6.18.44-fc-v595-live', FILE), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [{ ifindex: 1, device: 'lo', group: '232.1.2.3', source: '127.0.0.1', include: 1, exclude: 0, extra: {} }]);
});

test('netns 6.18: header only, no filters', () => {
  const r = parseNetMcfilter(fixtureText('linux-6.18.44-fc-v595-netns', FILE), FILE);
  assert.deepEqual(r, { rows: [], issues: [] });
});

test('variant: device names are cut to six characters by the kernel (%6.6s)', () => {
  const r = parseNetMcfilter(variantText('net-mcfilter.truncated-name'), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows.map((x) => [x.ifindex, x.device, x.group, x.source, x.include, x.exclude]), [
    [5, 'enp0s3', '232.1.2.3', '192.0.2.1', 1, 0],
    [5, 'enp0s3', '232.1.2.3', '192.0.2.2', 0, 2],
  ]);
});

test('variant: an unknown column is kept by name', () => {
  const r = parseNetMcfilter(variantText('net-mcfilter.unknown-column'), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [{ ifindex: 1, device: 'lo', group: '232.1.2.3', source: '127.0.0.1', include: 1, exclude: 0, extra: { MODE: 'INCL' } }]);
});

test('variant: short line and a six-digit address are located issues', () => {
  const r = parseNetMcfilter(variantText('net-mcfilter.bad-lines'), FILE);
  assert.deepEqual(r.rows.map((x) => x.source), ['127.0.0.1']);
  assert.deepEqual(r.issues.map((i) => [i.file, i.line, i.code]), [
    [FILE, 2, 'short-line'],
    [FILE, 3, 'bad-address'],
  ]);
});
