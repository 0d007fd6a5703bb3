import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetDev } from '../../../../../src/sources/tree/procfs/net-dev.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const FILE = 'proc/net/dev';
const parse = (set: string, logical = FILE) => parseNetDev(fixtureText(set, logical), logical);
const row = (r: ReturnType<typeof parseNetDev>, name: string) => {
  const found = r.rows.find((x) => x.name === name);
  assert.ok(found, `row ${name}`);
  return found.columns;
};

const KEYS = [
  'rx_bytes', 'rx_packets', 'rx_errs', 'rx_drop', 'rx_fifo', 'rx_frame', 'rx_compressed', 'rx_multicast',
  'tx_bytes', 'tx_packets', 'tx_errs', 'tx_drop', 'tx_fifo', 'tx_colls', 'tx_carrier', 'tx_compressed',
];

test('live 6.18: five interfaces in kernel order, columns named from the header', () => {
  const r = parse('linux-6.18.44-fc-v595-live');
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows.map((x) => x.name), ['lo', 'ifb0', 'ifb1', 'eth0', 'kfxh0']);
  assert.deepEqual(Object.keys(row(r, 'eth0')), KEYS);
  assert.equal(row(r, 'lo').rx_bytes, 7673997n);
  assert.equal(row(r, 'lo').tx_packets, 140622n);
  assert.equal(row(r, 'eth0').rx_bytes, 32569217n);
  assert.equal(row(r, 'eth0').rx_packets, 977n);
  assert.equal(row(r, 'eth0').tx_bytes, 78512n);
  assert.equal(row(r, 'eth0').tx_packets, 715n);
  assert.equal(row(r, 'kfxh0').rx_bytes, 1050n);
  assert.equal(row(r, 'kfxh0').rx_packets, 13n);
  assert.equal(row(r, 'kfxh0').tx_packets, 0n);
});

test('netns 6.18: the namespace\'s own three interfaces', () => {
  const r = parse('linux-6.18.44-fc-v595-netns');
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows.map((x) => x.name), ['lo', 'kfxa1', 'kfxa0']);
  assert.equal(row(r, 'lo').rx_bytes, 247n);
  assert.equal(row(r, 'kfxa1').rx_packets, 0n);
  assert.equal(row(r, 'kfxa1').tx_bytes, 1050n);
  assert.equal(row(r, 'kfxa0').rx_bytes, 528839n);
  assert.equal(row(r, 'kfxa0').tx_bytes, 529115n);
  assert.equal(row(r, 'kfxa0').tx_packets, 64n);
});

test('busy 6.18 and procfs-fixtures (root and per-process views)', () => {
  const busy = parse('linux-6.18.44-fc-v595-busy');
  assert.deepEqual(busy.rows.map((x) => x.name), ['lo', 'ifb0', 'ifb1', 'eth0', 'vroot0']);
  assert.equal(row(busy, 'vroot0').tx_bytes, 1648n);
  const p = parse('procfs-fixtures');
  assert.deepEqual(p.issues, []);
  // A name longer than the "%6s" width pushes the columns right; the name still ends at ':'.
  assert.deepEqual(p.rows.map((x) => x.name), ['vethf345468', 'lo', 'docker0', 'eth0']);
  assert.equal(row(p, 'vethf345468').rx_bytes, 648n);
  assert.equal(row(p, 'lo').rx_bytes, 1664039048n);
  assert.equal(row(p, 'eth0').tx_bytes, 563352563n);
  assert.equal(row(p, 'eth0').tx_packets, 732147n);
  const pid = parse('procfs-fixtures', 'proc/26231/net/dev');
  assert.deepEqual(pid.rows.map((x) => x.name), ['lo', 'eth0']);
  assert.equal(row(pid, 'eth0').rx_bytes, 438n);
  assert.equal(row(pid, 'eth0').tx_packets, 8n);
});

test('older kernels: diamond (2.6-era) and goprocinfo ("eth0:23443246382", no space after the colon)', () => {
  const d = parse('diamond-fixtures');
  assert.deepEqual(d.issues, []);
  assert.deepEqual(d.rows.map((x) => x.name), ['lo', 'eth0', 'eth1']);
  assert.equal(row(d, 'eth0').rx_bytes, 5947064933n);
  assert.equal(row(d, 'eth0').rx_multicast, 2892717n);
  assert.equal(row(d, 'eth0').tx_bytes, 160843920170n);
  assert.equal(row(d, 'eth0').tx_packets, 34520171n);
  const g = parse('goprocinfo-fixtures');
  assert.deepEqual(g.issues, []);
  assert.deepEqual(g.rows.map((x) => x.name), ['lo', 'eth0']);
  assert.equal(row(g, 'lo').rx_bytes, 480134461n);
  assert.equal(row(g, 'eth0').rx_bytes, 23443246382n);
  assert.equal(row(g, 'eth0').rx_packets, 63554887n);
  assert.equal(row(g, 'eth0').tx_bytes, 10900929232n);
});

test('variant: an unknown column is kept by its kernel key', () => {
  const r = parseNetDev(variantText('net-dev.unknown-column'), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(Object.keys(row(r, 'eth0')), [...KEYS.slice(0, 8), 'rx_nohandler', ...KEYS.slice(8)]);
  assert.equal(row(r, 'eth0').rx_multicast, 6n);
  assert.equal(row(r, 'eth0').rx_nohandler, 7n);
  assert.equal(row(r, 'eth0').tx_bytes, 78512n);
  assert.equal(row(r, 'eth0').tx_compressed, 13n);
});

test('variant: a column the header lacks is simply not there', () => {
  const r = parseNetDev(variantText('net-dev.missing-column'), FILE);
  assert.deepEqual(r.issues, []);
  assert.equal(row(r, 'lo').tx_carrier, 0n);
  assert.equal('tx_compressed' in row(r, 'lo'), false);
});

test('variant: a short line is an issue at its line and is skipped', () => {
  const r = parseNetDev(variantText('net-dev.short-line'), FILE);
  assert.deepEqual(r.rows.map((x) => x.name), ['lo', 'kfxh0']);
  assert.equal(r.issues.length, 1);
  assert.equal(r.issues[0]!.code, 'short-line');
  assert.equal(r.issues[0]!.line, 4);
  assert.equal(r.issues[0]!.file, FILE);
  assert.match(r.issues[0]!.message, /eth0: 7 values for 16/);
});

test('variant: counters above 2^53 stay exact', () => {
  const r = parseNetDev(variantText('net-dev.u64-max'), FILE);
  assert.deepEqual(r.issues, []);
  assert.equal(row(r, 'eth9').rx_bytes, 18446744073709551615n);
  assert.equal(row(r, 'eth9').rx_packets, 9007199254740993n);
  assert.equal(row(r, 'eth9').tx_bytes, 18446744073709551614n);
  assert.equal(row(r, 'eth9').tx_compressed, 18446744073709551615n);
});

test('variants: bad number, extra value, no header, old "No statistics available." line', () => {
  const bad = parseNetDev(variantText('net-dev.bad-number'), FILE);
  assert.deepEqual(bad.rows.map((x) => x.name), ['lo']);
  assert.deepEqual(bad.issues.map((i) => [i.code, i.line]), [['bad-number', 4]]);
  assert.match(bad.issues[0]!.message, /rx_drop .*"-1"/);
  const wide = parseNetDev(variantText('net-dev.width-mismatch'), FILE);
  assert.deepEqual(wide.rows.map((x) => x.name), ['eth0']);
  assert.deepEqual(wide.issues.map((i) => [i.code, i.line]), [['width-mismatch', 3]]);
  const headless = parseNetDev(variantText('net-dev.bad-header'), FILE);
  assert.deepEqual(headless.rows, []);
  assert.deepEqual(headless.issues.map((i) => [i.code, i.line]), [['bad-header', 2]]);
  const old = parseNetDev(variantText('net-dev.no-statistics'), FILE);
  assert.deepEqual(old.rows.map((x) => x.name), ['lo']);
  assert.equal(row(old, 'lo').rx_bytes, 42163523n);
  assert.deepEqual(old.issues.map((i) => [i.code, i.line]), [['short-line', 4]]);
  assert.match(old.issues[0]!.message, /No statistics available/);
});

test('empty text: a bad-header issue, no throw', () => {
  const r = parseNetDev('', FILE);
  assert.deepEqual(r.rows, []);
  assert.equal(r.issues[0]!.code, 'bad-header');
});
