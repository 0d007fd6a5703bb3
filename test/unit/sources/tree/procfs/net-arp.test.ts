import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arpHeaderColumns, parseNetArp } from '../../../../../src/sources/tree/procfs/net-arp.js';
import { fixtureText } from '../../../../helpers/fixture.js';

const FILE = 'proc/net/arp';

/** The header line arp_seq_show prints. */
const HEADER = 'IP address       HW type     Flags       HW address            Mask     Device';

/** One row as arp_format_neigh_entry prints it: "%-16s 0x%-10x0x%-10x%-17s     *        %s". */
function row(ip: string, hatype: number, flags: number, hw: string, device: string): string {
  return `${ip.padEnd(16)} 0x${hatype.toString(16).padEnd(10)}0x${flags.toString(16).padEnd(10)}${hw.padEnd(17)}     *        ${device}`;
}

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

test('live set: one complete Ethernet neighbour on eth0', () => {
  const r = parseNetArp(fixtureText('linux-6.18.44-fc-v595-live', FILE), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [{ line: 2, ipAddress: '192.0.2.1', hwType: 1, flags: 0x2, hwAddress: '02:fc:00:00:00:05', mask: '*', device: 'eth0' }]);
});

test('netns set: an incomplete entry (flags 0, zero address) and a complete one', () => {
  const r = parseNetArp(fixtureText('linux-6.18.44-fc-v595-netns', FILE), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [
    { line: 2, ipAddress: '10.78.0.2', hwType: 1, flags: 0x0, hwAddress: '00:00:00:00:00:00', mask: '*', device: 'kfxa1' },
    { line: 3, ipAddress: '10.77.0.2', hwType: 1, flags: 0x2, hwAddress: '62:68:99:58:59:f9', mask: '*', device: 'kfxa0' },
  ]);
});

test('procfs-fixtures set: a complete and an incomplete entry on ens33', () => {
  const r = parseNetArp(fixtureText('procfs-fixtures', FILE), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [
    { line: 2, ipAddress: '192.168.224.1', hwType: 1, flags: 0x2, hwAddress: '00:50:56:c0:00:08', mask: '*', device: 'ens33' },
    { line: 3, ipAddress: '192.168.224.2', hwType: 1, flags: 0x0, hwAddress: '00:00:00:00:00:00', mask: '*', device: 'ens33' },
  ]);
});

test('the row helper prints what the kernel prints (checked against the live fixture)', () => {
  assert.equal(lines(HEADER, row('192.0.2.1', 1, 2, '02:fc:00:00:00:05', 'eth0')), fixtureText('linux-6.18.44-fc-v595-live', FILE));
});

test('header names: multi-word names recognised, whether separated by wide gaps or single spaces', () => {
  const names = ['IP address', 'HW type', 'Flags', 'HW address', 'Mask', 'Device'];
  assert.deepEqual(arpHeaderColumns(HEADER), names);
  assert.deepEqual(arpHeaderColumns('IP address HW type Flags HW address Mask Device'), names);
  assert.deepEqual(arpHeaderColumns('IP address\tHW type\tFlags\tHW address\tMask\tDevice'), names);
  // An unknown multi-word name set apart by wide gaps stays one name; single unknown words stay single.
  assert.deepEqual(arpHeaderColumns(`${HEADER}     Probe count  Age`), [...names, 'Probe count', 'Age']);
  assert.deepEqual(arpHeaderColumns('IP address HW type Flags Age Device'), ['IP address', 'HW type', 'Flags', 'Age', 'Device']);
});

test('empty file: no rows, no issues', () => {
  assert.deepEqual(parseNetArp('', FILE), { rows: [], issues: [] });
});

test('header only: no rows, no issues (an empty cache)', () => {
  assert.deepEqual(parseNetArp(lines(HEADER), FILE), { rows: [], issues: [] });
});

test('unknown columns: kept as text by header name (multi-word names too), known ones found by name', () => {
  const text = lines(
    'IP address       HW type     Flags       HW address            Mask     Device   Probes   Queue len',
    `${row('192.0.2.7', 1, 2, '02:00:00:00:00:07', 'eth0')}   3        0x10`,
    `${row('192.0.2.8', 1, 0, '00:00:00:00:00:00', 'eth1')}   0        none`,
  );
  const r = parseNetArp(text, FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [
    { line: 2, ipAddress: '192.0.2.7', hwType: 1, flags: 2, hwAddress: '02:00:00:00:00:07', mask: '*', device: 'eth0', extra: { Probes: '3', 'Queue len': '0x10' } },
    { line: 3, ipAddress: '192.0.2.8', hwType: 1, flags: 0, hwAddress: '00:00:00:00:00:00', mask: '*', device: 'eth1', extra: { Probes: '0', 'Queue len': 'none' } },
  ]);
});

test('an unknown column named like an Object.prototype member is a plain entry', () => {
  const r = parseNetArp(lines(`${HEADER}   constructor`, `${row('192.0.2.9', 1, 2, '02:00:00:00:00:09', 'eth0')}   5`), FILE);
  assert.deepEqual(r.issues, []);
  assert.equal(Object.getOwnPropertyDescriptor(r.rows[0]?.extra, 'constructor')?.value, '5');
});

test('missing optional columns (HW type, Mask): those fields are undefined, not zero', () => {
  const text = lines('IP address       Flags       HW address            Device', '192.0.2.1        0x2         02:fc:00:00:00:05     eth0');
  const r = parseNetArp(text, FILE);
  const first = r.rows[0]; // taken before deepEqual narrows r.rows to the literal's type
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [{ line: 2, ipAddress: '192.0.2.1', flags: 2, hwAddress: '02:fc:00:00:00:05', device: 'eth0' }]);
  assert.equal(first?.hwType, undefined);
  assert.equal(first?.mask, undefined);
});

test('missing HW address column: hwAddress undefined', () => {
  const r = parseNetArp(lines('IP address       HW type     Flags       Device', '192.0.2.1        0x1         0x2         eth0'), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [{ line: 2, ipAddress: '192.0.2.1', hwType: 1, flags: 2, device: 'eth0' }]);
});

test('short and garbled lines: an issue each at the right line, the other rows kept', () => {
  const text = lines(
    HEADER,
    row('192.0.2.1', 1, 2, '02:00:00:00:00:01', 'eth0'),
    '192.0.2.2        0x1         0x2',
    'garbage',
    '',
    row('192.0.2.3', 1, 0, '00:00:00:00:00:00', 'eth0'),
    `${row('192.0.2.4', 1, 2, '02:00:00:00:00:04', 'eth0')} surplus`,
  );
  const r = parseNetArp(text, FILE);
  assert.deepEqual(r.rows.map((x) => [x.line, x.ipAddress]), [[2, '192.0.2.1'], [6, '192.0.2.3']]);
  assert.deepEqual(
    r.issues.map((i) => [i.file, i.line, i.code, i.message, i.text]),
    [
      [FILE, 3, 'short-line', '3 fields, the header has 6', '192.0.2.2        0x1         0x2'],
      [FILE, 4, 'short-line', '1 fields, the header has 6', 'garbage'],
      [FILE, 7, 'width-mismatch', '7 fields, the header has 6', `${row('192.0.2.4', 1, 2, '02:00:00:00:00:04', 'eth0')} surplus`],
    ],
  );
});

test('a row without its Device (one field short, address in place) stays short', () => {
  const r = parseNetArp(lines(HEADER, '192.0.2.1        0x1         0x2         02:00:00:00:00:01     *'), FILE);
  assert.deepEqual(r.rows, []);
  assert.deepEqual(r.issues.map((i) => [i.line, i.code]), [[2, 'short-line']]);
});

test('bad hex: no 0x prefix, non-hex digits, over 32 bits — an issue each, the line skipped', () => {
  const text = lines(
    HEADER,
    '192.0.2.1        1           0x2         02:00:00:00:00:01     *        eth0',
    '192.0.2.2        0x1         0xzz        02:00:00:00:00:02     *        eth0',
    '192.0.2.3        0x1         0x123456789 02:00:00:00:00:03     *        eth0',
    '192.0.2.4        0x          0x2         02:00:00:00:00:04     *        eth0',
    row('192.0.2.5', 1, 2, '02:00:00:00:00:05', 'eth0'),
  );
  const r = parseNetArp(text, FILE);
  assert.deepEqual(r.rows.map((x) => [x.line, x.ipAddress]), [[6, '192.0.2.5']]);
  assert.deepEqual(
    r.issues.map((i) => [i.line, i.code, i.message]),
    [
      [2, 'bad-number', 'HW type is not 0x-prefixed hex of at most 32 bits: "1"'],
      [3, 'bad-number', 'Flags is not 0x-prefixed hex of at most 32 bits: "0xzz"'],
      [4, 'bad-number', 'Flags is not 0x-prefixed hex of at most 32 bits: "0x123456789"'],
      [5, 'bad-number', 'HW type is not 0x-prefixed hex of at most 32 bits: "0x"'],
    ],
  );
});

test('header without Device: bad-header, no rows', () => {
  const r = parseNetArp(lines('IP address       HW type     Flags       HW address            Mask', '192.0.2.1        0x1         0x2         02:00:00:00:00:01     *'), FILE);
  assert.deepEqual(r.rows, []);
  assert.deepEqual(r.issues.map((i) => [i.line, i.code, i.message]), [[1, 'bad-header', 'header lacks Device']]);
});

test('no header (the file starts with a row): bad-header, no rows', () => {
  const r = parseNetArp(lines(row('192.0.2.1', 1, 2, '02:00:00:00:00:01', 'eth0')), FILE);
  assert.deepEqual(r.rows, []);
  assert.deepEqual(r.issues.map((i) => [i.line, i.code, i.message]), [[1, 'bad-header', 'header lacks IP address, Flags, Device']]);
});

test('a device with addr_len 0 prints no HW address: read as "", not as a short line', () => {
  const r = parseNetArp(lines(HEADER, row('198.51.100.1', 0xfffe, 6, '', 'tun0')), FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [{ line: 2, ipAddress: '198.51.100.1', hwType: 0xfffe, flags: 6, hwAddress: '', mask: '*', device: 'tun0' }]);
});

test('AX.25 / NET/ROM callsigns, upper-case hex of old kernels and proxy lines: kept as printed', () => {
  const text = lines(
    HEADER,
    row('44.0.0.1', 3, 2, 'N0CALL-5', 'ax0'),
    row('44.0.0.2', 0, 2, '*', 'nr0'),
    '10.1.1.1         0x1         0x2         00:1A:2B:3C:4D:5E     *        eth0',
    // arp_format_pneigh_entry: "%s" (not "%-17s") for the constant zero address, "*" without a device.
    '192.0.2.50       0x1         0xc         00:00:00:00:00:00     *        eth0',
    '192.0.2.51       0x0         0xc         00:00:00:00:00:00     *        *',
  );
  const r = parseNetArp(text, FILE);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [
    { line: 2, ipAddress: '44.0.0.1', hwType: 3, flags: 2, hwAddress: 'N0CALL-5', mask: '*', device: 'ax0' },
    { line: 3, ipAddress: '44.0.0.2', hwType: 0, flags: 2, hwAddress: '*', mask: '*', device: 'nr0' },
    { line: 4, ipAddress: '10.1.1.1', hwType: 1, flags: 2, hwAddress: '00:1A:2B:3C:4D:5E', mask: '*', device: 'eth0' },
    { line: 5, ipAddress: '192.0.2.50', hwType: 1, flags: 0xc, hwAddress: '00:00:00:00:00:00', mask: '*', device: 'eth0' },
    { line: 6, ipAddress: '192.0.2.51', hwType: 0, flags: 0xc, hwAddress: '00:00:00:00:00:00', mask: '*', device: '*' },
  ]);
});

test('the address is kept as printed (the assembler validates it)', () => {
  const r = parseNetArp(lines(HEADER, row('300.1.2.3', 1, 2, '02:00:00:00:00:01', 'eth0')), FILE);
  assert.deepEqual(r.issues, []);
  assert.equal(r.rows[0]?.ipAddress, '300.1.2.3');
});
