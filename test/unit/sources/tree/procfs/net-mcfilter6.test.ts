import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetMcfilter6 } from '../../../../../src/sources/tree/procfs/net-mcfilter6.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const FILE = 'proc/net/mcfilter6';

test('live and netns 6.18: header only (the live ff15::1234 join is any-source)', () => {
  for (const set of ['linux-6.18.44-fc-v595-live', 'linux-6.18.44-fc-v595-netns']) {
    assert.deepEqual(parseNetMcfilter6(fixtureText(set, FILE), FILE), { rows: [], issues: [] });
  }
});

test('variant (constructed from the kernel format): include and exclude filters, name cut to six', () => {
  const r = parseNetMcfilter6(variantText('net-mcfilter6.constructed'), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [
    { ifindex: 1, device: 'lo', group: 'ff15::1234', source: '::1', include: 1, exclude: 0 },
    { ifindex: 5, device: 'enp0s3', group: 'ff3e::1234', source: '2001:db8::1', include: 0, exclude: 1 },
  ]);
});

test('variant: short line and a 31-digit group', () => {
  const r = parseNetMcfilter6(variantText('net-mcfilter6.bad-lines'), FILE);
  assert.deepEqual(r.rows.map((x) => x.group), ['ff15::1234']);
  assert.deepEqual(r.issues.map((i) => [i.file, i.line, i.code]), [
    [FILE, 2, 'short-line'],
    [FILE, 3, 'bad-address'],
  ]);
});
