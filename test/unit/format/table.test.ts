import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTable } from '../../../src/format/table.js';

test('two-pass widths: each column as wide as its widest cell, numbers right-aligned, no trailing spaces', () => {
  const lines = renderTable(
    [{ header: 'Proto' }, { header: 'Recv-Q', align: 'right' }, { header: 'Local Address' }, { header: 'State' }],
    [
      ['tcp', '0', '0.0.0.0:22', 'LISTEN'],
      ['tcp6', '123456789', '[::1]:631', ''],
    ],
  );
  assert.deepEqual(lines, [
    'Proto    Recv-Q Local Address State',
    'tcp           0 0.0.0.0:22    LISTEN',
    'tcp6  123456789 [::1]:631',
  ]);
});

test('options: gap, indent, no header, minimum width; short rows padded', () => {
  assert.deepEqual(renderTable([{ header: 'a' }, { header: 'b', align: 'right', minWidth: 4 }], [['x'], ['yy', '7']], { gap: 2, indent: '  ', noHeader: true }), ['  x', '  yy     7']);
});

test('widths count code points, not UTF-16 units', () => {
  assert.deepEqual(renderTable([{ header: 'p' }, { header: 'q' }], [['\u{1F600}', 'x'], ['ab', 'y']], { noHeader: true }), ['\u{1F600}  x', 'ab y']);
});
