import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KstatError } from '../../../../../src/errors.js';
import { readScheduler } from '../../../../../src/sources/tree/assemble/scheduler.js';
import { TreeReader } from '../../../../../src/sources/tree/reader.js';
import { tree } from '../../../../helpers/fixture.js';

test('procfs-schedstat: version 15, per-CPU run and wait nanoseconds and timeslices', async () => {
  const part = await readScheduler(new TreeReader({ root: tree('procfs-schedstat') }));
  assert.deepEqual([part.issues, part.unavailable], [[], []]);
  assert.deepEqual(part.data, {
    version: 15,
    timestamp: 15819019232n,
    cpus: [
      {
        cpu: 0, yieldCount: 498494191n, scheduleCount: 3533438552n, scheduleIdle: 2553969831n, wakeups: 3853684107n, wakeupsLocal: 2465731542n,
        runTimeNs: 2045936778163039n, waitTimeNs: 343796328169361n, timeslices: 4767485306n,
      },
      {
        cpu: 1, yieldCount: 518377256n, scheduleCount: 4155211005n, scheduleIdle: 2778589869n, wakeups: 10466382n, wakeupsLocal: 2867629021n,
        runTimeNs: 1904686152592476n, waitTimeNs: 364107263788241n, timeslices: 5145567945n,
      },
    ],
  });
});

test('the 6.18 captures have no /proc/schedstat (no CONFIG_SCHEDSTATS): E_UNAVAILABLE, not an empty list', async () => {
  await assert.rejects(
    readScheduler(new TreeReader({ root: tree('linux-6.18.44-fc-v595-live') })),
    (e: unknown) => KstatError.is(e) && e.code === 'E_UNAVAILABLE' && e.message.includes('proc/schedstat'),
  );
});
