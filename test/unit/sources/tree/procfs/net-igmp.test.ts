import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetIgmp } from '../../../../../src/sources/tree/procfs/net-igmp.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const FILE = 'proc/net/igmp';
const IDLE = { timerRunning: false, timer: 0n, reporter: false };

test('live 6.18: the SSM and 239.1.2.3 joins on lo (SOURCE.md), all-hosts everywhere', () => {
  const r = parseNetIgmp(fixtureText('linux-6.18.44-fc-v595-live', FILE), FILE);
  assert.deepEqual(r.issues, []);
  const lo = { ifindex: 1, device: 'lo', count: 3, querier: 'V3' };
  assert.deepEqual(r.rows, [
    { ...lo, group: '232.1.2.3', users: 1, ...IDLE },
    { ...lo, group: '239.1.2.3', users: 1, ...IDLE },
    { ...lo, group: '224.0.0.1', users: 1, ...IDLE },
    { ifindex: 4, device: 'eth0', count: 1, querier: 'V3', group: '224.0.0.1', users: 1, ...IDLE },
    { ifindex: 8, device: 'kfxh0', count: 1, querier: 'V3', group: '224.0.0.1', users: 1, ...IDLE },
  ]);
});

test('netns 6.18: 224.0.0.1 on lo, kfxa1, kfxa0', () => {
  const r = parseNetIgmp(fixtureText('linux-6.18.44-fc-v595-netns', FILE), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows.map((x) => `${x.ifindex} ${x.device} ${x.group}`), ['1 lo 224.0.0.1', '2 kfxa1 224.0.0.1', '3 kfxa0 224.0.0.1']);
});

test('variant: a 12-character name runs into the colon; a running timer and a reporter', () => {
  const r = parseNetIgmp(variantText('net-igmp.long-name'), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows[1], {
    ifindex: 5, device: 'enp0s31f6123', count: 2, querier: 'V2', group: '239.1.2.3', users: 2, timerRunning: true, timer: 30n, reporter: true,
  });
  assert.deepEqual(r.rows.map((x) => `${x.device} ${x.querier} ${x.group}`), [
    'lo V3 224.0.0.1',
    'enp0s31f6123 V2 239.1.2.3',
    'enp0s31f6123 V2 224.0.0.1',
    'wlp2s0 V1 224.0.0.1',
  ]);
});

test('variant: a group line before any interface line is reported, not attached to the next interface', () => {
  const r = parseNetIgmp(variantText('net-igmp.orphan-group'), FILE);
  assert.deepEqual(r.rows.map((x) => `${x.device} ${x.group}`), ['lo 224.0.0.1']);
  assert.deepEqual(r.issues.map((i) => [i.file, i.line, i.code]), [[FILE, 2, 'unknown-format']]);
});

test('variant: bad hex group, short group line, bad timer, garbled interface line (its groups are orphans)', () => {
  const r = parseNetIgmp(variantText('net-igmp.bad-lines'), FILE);
  assert.deepEqual(r.rows.map((x) => `${x.device} ${x.group}`), ['lo 224.0.0.1']);
  assert.deepEqual(r.issues.map((i) => [i.line, i.code]), [
    [3, 'bad-address'],
    [4, 'short-line'],
    [5, 'bad-number'],
    [7, 'unknown-format'],
    [8, 'unknown-format'],
  ]);
});
