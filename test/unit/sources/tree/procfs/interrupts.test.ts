import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInterrupts } from '../../../../../src/sources/tree/procfs/interrupts.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const F = 'proc/interrupts';

test('live 6.18: two CPUs, numbered MSI-X lines split into chip, hwirq-handler and device, arch rows, ERR/MIS single', () => {
  const r = parseInterrupts(fixtureText('linux-6.18.44-fc-v595-live', F), F);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.cpus, ['CPU0', 'CPU1']);
  assert.equal(r.rows.length, 35);
  assert.deepEqual(r.rows[0], {
    label: '24', numbered: true, counts: [1n, 0n], single: undefined, text: 'IO-APIC 5-edge ACPI:Ged',
    chip: 'IO-APIC', hwirq: '5', handler: 'edge', actions: 'ACPI:Ged', line: 2,
  });
  const by = new Map(r.rows.map((x) => [x.label, x]));
  assert.deepEqual([by.get('36')?.chip, by.get('36')?.hwirq, by.get('36')?.actions, by.get('36')?.counts], ['PCI-MSIX-0000:00:02.0', '1', 'virtio1-req.0', [0n, 52552n]]);
  assert.deepEqual(by.get('LOC'), { label: 'LOC', numbered: false, counts: [71290n, 56122n], single: undefined, text: 'Local timer interrupts', line: 22 });
  assert.deepEqual(by.get('ERR'), { label: 'ERR', numbered: false, counts: undefined, single: 0n, text: '', line: 32 });
  assert.deepEqual([by.get('MIS')?.single, by.get('PIW')?.counts, by.get('PIW')?.line], [0n, [0n, 0n], 36]);
});

test('procfs-fixtures: four CPUs, PCI-MSI, a blank line in the middle skipped', () => {
  const r = parseInterrupts(fixtureText('procfs-fixtures', F), F);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.cpus, ['CPU0', 'CPU1', 'CPU2', 'CPU3']);
  const by = new Map(r.rows.map((x) => [x.label, x]));
  assert.deepEqual([by.get('29')?.chip, by.get('29')?.hwirq, by.get('29')?.handler, by.get('29')?.actions, by.get('29')?.counts], ['PCI-MSI', '512000', 'edge', 'ahci[0000:00:1f.2]', [1362n, 0n, 0n, 934n]]);
  assert.deepEqual(by.get('RES')?.counts, [7997n, 11147n, 10898n, 12675n]);
  assert.deepEqual([by.get('PIW')?.text, by.get('MCP')?.counts], ['Posted-interrupt wakeup event', [1n, 1n, 1n, 1n]]);
});

test('goprocinfo-fixtures (2017): IR-IO-APIC, shared line with two devices', () => {
  const r = parseInterrupts(fixtureText('goprocinfo-fixtures', F), F);
  assert.deepEqual(r.issues, []);
  const by = new Map(r.rows.map((x) => [x.label, x]));
  assert.deepEqual(
    [by.get('16')?.chip, by.get('16')?.hwirq, by.get('16')?.handler, by.get('16')?.actions, by.get('16')?.counts],
    ['IR-IO-APIC', '16', 'fasteoi', 'ehci_hcd:usb1, mmc0', [231n, 502398n, 347250n, 0n]],
  );
  assert.deepEqual(by.get('32')?.counts, [5n, 24451422n, 1358393n, 428532n]);
  assert.deepEqual(by.get('ERR')?.single, 0n);
});

test('variant bad-lines: short rows, bad numbers, unlabelled lines; 2^64-1 exact; gaps in CPU numbering', () => {
  const r = parseInterrupts(variantText('interrupts.bad-lines'), F);
  assert.deepEqual(r.cpus, ['CPU0', 'CPU1', 'CPU3']);
  assert.deepEqual(
    r.issues.map((i) => [i.line, i.code]),
    [
      [3, 'short-line'],
      [5, 'bad-number'],
      [6, 'unknown-format'],
      [10, 'short-line'],
    ],
  );
  assert.deepEqual(r.rows.map((x) => x.label), ['0', '16', 'NMI', 'SPU', 'ERR', 'NEW']);
  assert.deepEqual(r.rows[0]?.counts, [49n, 0n, 18446744073709551615n]);
  assert.deepEqual([r.rows[4]?.single, r.rows[5]?.counts, r.rows[5]?.text], [3n, [1n, 2n, 3n], '']);
});

test('variant other-arches: ARM GIC hwirq without handler, 2.6-style chip-type word, Err on arm', () => {
  const r = parseInterrupts(variantText('interrupts.other-arches'), F);
  assert.deepEqual(r.issues, []);
  assert.deepEqual([r.rows[0]?.chip, r.rows[0]?.hwirq, r.rows[0]?.trigger, r.rows[0]?.handler, r.rows[0]?.actions], ['GICv3', '27', 'Level', undefined, 'arch_timer']);
  assert.deepEqual([r.rows[2]?.chip, r.rows[2]?.hwirq, r.rows[2]?.actions], ['IO-APIC-edge', undefined, 'timer']);
  assert.deepEqual([r.rows[3]?.label, r.rows[3]?.counts, r.rows[3]?.text], ['IPI0', [1000n, 900n], 'Rescheduling interrupts']);
  assert.deepEqual([r.rows[4]?.label, r.rows[4]?.single], ['Err', 0n]);
});

test('variant one-cpu: ERR and MIS stay single values on a one-CPU machine', () => {
  const r = parseInterrupts(variantText('interrupts.one-cpu'), F);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows.map((x) => [x.label, x.counts, x.single]), [['0', [49n], undefined], ['LOC', [71290n], undefined], ['ERR', undefined, 0n], ['MIS', undefined, 0n]]);
});

test('variant no-header / empty file: bad-header, nothing read', () => {
  const r = parseInterrupts(variantText('interrupts.no-header'), F);
  assert.deepEqual([r.rows, r.cpus, r.issues.map((i) => [i.line, i.code])], [[], [], [[1, 'bad-header']]]);
  const empty = parseInterrupts('', F);
  assert.deepEqual(empty.issues.map((i) => [i.line, i.code]), [[undefined, 'bad-header']]);
});
