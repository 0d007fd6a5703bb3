/**
 * readInterfaceExtras: what the kernel source adds to rtnetlink's interfaces (speed, duplex,
 * tx timeouts, per-interface IPv6 counters), read for those interfaces only — the same values
 * readInterfaces gives for them, and the same namespace guards.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readInterfaceExtras, readInterfaces } from '../../../../../src/sources/tree/assemble/interfaces.js';
import { TreeReader } from '../../../../../src/sources/tree/reader.js';
import { tree } from '../../../../helpers/fixture.js';

const LIVE = tree('linux-6.18.44-fc-v595-live');
const FIELDS = ['speed', 'duplex', 'txTimeouts', 'ipv6Counters'] as const;

test('the extras are the fields readInterfaces gives for the same interfaces', async () => {
  const full = await readInterfaces(new TreeReader({ root: LIVE }));
  const extras = await readInterfaceExtras(new TreeReader({ root: LIVE }), full.data);
  assert.deepEqual(extras.issues, []);
  assert.deepEqual(extras.unavailable, []);
  assert.equal(extras.data.size, full.data.length);
  let filled = 0;
  for (const record of full.data) {
    const got = extras.data.get(record.name)!;
    for (const field of FIELDS) {
      assert.deepEqual(got[field], record[field], `${record.name}.${field}`);
      if (record[field] !== undefined) filled++;
    }
  }
  assert.ok(filled > 0, 'the fixture has some of these fields');
});

test('a /sys of another namespace (other interfaces, or another index) gives no sysfs field, and says so', async () => {
  const full = await readInterfaces(new TreeReader({ root: LIVE }));
  const others = [...full.data.map((i) => ({ name: i.name, index: i.index })), { name: 'kst-absent0', index: 999 }];
  const listed = await readInterfaceExtras(new TreeReader({ root: LIVE }), others);
  assert.deepEqual(listed.unavailable.map((u) => u.what), ['speed, duplex and transmit timeouts from sysfs']);
  assert.match(listed.unavailable[0]!.reason, /another network namespace/);
  const moved = full.data.map((i, k) => ({ name: i.name, index: k === 0 ? 4242 : i.index }));
  const clash = await readInterfaceExtras(new TreeReader({ root: LIVE }), moved);
  assert.match(clash.unavailable[0]!.reason, /ifindex is \d+ but netlink gives 4242/);
  for (const result of [listed, clash]) {
    for (const fields of result.data.values()) assert.deepEqual([fields.speed, fields.duplex, fields.txTimeouts], [undefined, undefined, undefined]);
  }
  // dev_snmp6 is procfs, the namespace's own: its counters stay.
  assert.ok([...clash.data.values()].some((f) => f.ipv6Counters !== undefined));
});
