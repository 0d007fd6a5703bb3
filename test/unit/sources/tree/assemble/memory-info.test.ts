import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KstatError } from '../../../../../src/errors.js';
import { readMemoryInfo } from '../../../../../src/sources/tree/assemble/memory-info.js';
import { TreeReader } from '../../../../../src/sources/tree/reader.js';
import { tree, variantText, withTree } from '../../../../helpers/fixture.js';

test('live: typed meminfo fields in KiB, every other line in extra, vmstat by kernel name', async () => {
  const part = await readMemoryInfo(new TreeReader({ root: tree('linux-6.18.44-fc-v595-live') }));
  assert.deepEqual([part.issues, part.unavailable], [[], []]);
  const d = part.data;
  assert.deepEqual(
    [d.memTotal, d.memFree, d.memAvailable, d.cached, d.swapTotal, d.slabReclaimable, d.committedAs, d.vmallocTotal, d.hugePagesTotal, d.hugePageSize],
    [24684096n, 24178832n, 24295272n, 288796n, 0n, 76196n, 115536n, 34359738367n, 0n, 2048n],
  );
  assert.deepEqual([d.extra?.['Active(anon)'], d.extra?.KReclaimable, d.extra?.DirectMap1G, d.extra?.HugePages_Rsvd], [1584n, 76196n, 25165824n, 0n]);
  assert.deepEqual(d.extraCounts, ['HugePages_Rsvd', 'HugePages_Surp']);
  // 54 lines: 27 typed + 27 extra.
  assert.equal(Object.keys(d.extra ?? {}).length, 27);
  assert.equal(Object.keys(d.vmstat ?? {}).length, 192);
  assert.deepEqual([d.vmstat?.nr_free_pages, d.vmstat?.pgfault, d.vmstat?.pgmajfault], [945367n, 7293598n, 1564n]);
});

test('procfs-fixtures: meminfo only (no vmstat there) — vmstat unavailable, memAvailable undefined', async () => {
  const part = await readMemoryInfo(new TreeReader({ root: tree('procfs-fixtures') }));
  assert.deepEqual(part.unavailable.map((u) => u.file), ['proc/vmstat']);
  assert.deepEqual([part.data.memTotal, part.data.memAvailable, part.data.vmstat], [15666184n, undefined, undefined]);
});

test('goprocinfo-fixtures: both files', async () => {
  const part = await readMemoryInfo(new TreeReader({ root: tree('goprocinfo-fixtures') }));
  assert.deepEqual([part.issues, part.unavailable], [[], []]);
  assert.deepEqual([part.data.memTotal, part.data.memAvailable, part.data.vmstat?.nr_alloc_batch], [132003228n, 130327756n, 898n]);
});

test('variant: a typed line in the wrong unit goes to extra with an issue; bad lines located', async () => {
  const files = { 'proc/meminfo': variantText('meminfo.bad-lines'), 'proc/vmstat': variantText('vmstat.bad-lines') };
  const part = await withTree(files, (root) => readMemoryInfo(new TreeReader({ root })));
  assert.deepEqual(
    part.issues.map((i) => [i.file, i.line, i.code]),
    [
      ['proc/meminfo', 5, 'unknown-format'],
      ['proc/meminfo', 6, 'short-line'],
      ['proc/meminfo', 7, 'bad-number'],
      ['proc/meminfo', 8, 'width-mismatch'],
      ['proc/meminfo', 11, 'width-mismatch'],
      ['proc/meminfo', 4, 'unknown-format'],
      ['proc/vmstat', 3, 'short-line'],
      ['proc/vmstat', 4, 'width-mismatch'],
      ['proc/vmstat', 5, 'bad-number'],
    ],
  );
  assert.deepEqual([part.data.memTotal, part.data.hugePagesTotal, part.data.hugePagesFree], [18446744073709551615n, 5n, undefined]);
  assert.deepEqual(part.data.extra, { HugePages_Free: 3n, 'Active(anon)': 1584n, HugePages_Rsvd: 1n });
  assert.deepEqual(part.data.extraCounts, ['HugePages_Rsvd']);
  assert.deepEqual(part.data.vmstat, { nr_free_pages: 945367n, pgfault: 18446744073709551615n, new_kernel_counter: 7n });
});

test('neither file: E_UNAVAILABLE', async () => {
  await assert.rejects(readMemoryInfo(new TreeReader({ root: tree('diamond-fixtures') })), (e: unknown) => KstatError.is(e) && e.code === 'E_UNAVAILABLE');
});
