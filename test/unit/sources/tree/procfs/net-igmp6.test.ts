import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetIgmp6 } from '../../../../../src/sources/tree/procfs/net-igmp6.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const FILE = 'proc/net/igmp6';

test('live 6.18: ff15::1234 joined on lo (SOURCE.md), solicited-node groups on eth0', () => {
  const r = parseNetIgmp6(fixtureText('linux-6.18.44-fc-v595-live', FILE), FILE);
  assert.deepEqual(r.issues, []);
  assert.equal(r.rows.length, 13);
  assert.deepEqual(r.rows[0], { ifindex: 1, device: 'lo', group: 'ff15::1234', users: 1, flags: 0x4, timer: 0n });
  assert.deepEqual(r.rows[1], { ifindex: 1, device: 'lo', group: 'ff02::1', users: 1, flags: 0xc, timer: 0n });
  assert.deepEqual(
    r.rows.filter((x) => x.device === 'eth0').map((x) => x.group),
    ['ff02::1:ff00:2', 'ff02::1:ff00:1', 'ff02::1', 'ff01::1'],
  );
});

test('netns 6.18: solicited-node groups of the link-local addresses', () => {
  const r = parseNetIgmp6(fixtureText('linux-6.18.44-fc-v595-netns', FILE), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows.slice(2, 4).map((x) => `${x.ifindex} ${x.device} ${x.group} ${x.flags}`), [
    '2 kfxa1 ff02::1:ff23:21d9 4',
    '2 kfxa1 ff02::1:ff00:1 4',
  ]);
});

test('variant: a running timer (signed %ld) and an unknown flag bit', () => {
  const r = parseNetIgmp6(variantText('net-igmp6.timer'), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [
    { ifindex: 5, device: 'enp0s31f6', group: 'ff02::1:ff00:1', users: 1, flags: 0x7, timer: 123n },
    { ifindex: 5, device: 'enp0s31f6', group: 'ff02::fb', users: 2, flags: 0x24, timer: 0n },
  ]);
});

test('variant: short line, 31-digit group, non-hex flags', () => {
  const r = parseNetIgmp6(variantText('net-igmp6.bad-lines'), FILE);
  assert.deepEqual(r.rows.map((x) => x.group), ['ff02::1']);
  assert.deepEqual(r.issues.map((i) => [i.file, i.line, i.code]), [
    [FILE, 2, 'short-line'],
    [FILE, 3, 'bad-address'],
    [FILE, 4, 'bad-number'],
  ]);
});
