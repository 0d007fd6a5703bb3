import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KstatError } from '../../../../../src/errors.js';
import { neighbourSchema, type Neighbour } from '../../../../../src/records/neighbour.js';
import { readNeighbours } from '../../../../../src/sources/tree/assemble/neighbours.js';
import { TreeReader } from '../../../../../src/sources/tree/reader.js';
import { tree, withTree } from '../../../../helpers/fixture.js';

const IPV6 = { what: 'IPv6 neighbours', reason: 'procfs has no IPv6 neighbour table; rtnetlink (RTM_GETNEIGH) has it' };
const NOARP = { what: 'IPv4 neighbours in state NOARP or NONE', file: 'proc/net/arp', reason: '/proc/net/arp skips them (NEIGH_SEQ_SKIP_NOARP); rtnetlink (RTM_GETNEIGH) lists them' };
const HEADER = 'IP address       HW type     Flags       HW address            Mask     Device';

/** One row as arp_format_neigh_entry prints it: "%-16s 0x%-10x0x%-10x%-17s     *        %s". */
function row(ip: string, hatype: number, flags: number, hw: string, device: string): string {
  return `${ip.padEnd(16)} 0x${hatype.toString(16).padEnd(10)}0x${flags.toString(16).padEnd(10)}${hw.padEnd(17)}     *        ${device}`;
}

/** A procfs-only record: every netlink-only field undefined, every key present. */
function procfsRecord(r: Pick<Neighbour, 'address' | 'interface' | 'linkAddress' | 'hardwareType' | 'complete' | 'state' | 'extra'>): Neighbour {
  return {
    family: 'inet',
    address: r.address,
    ifindex: undefined,
    interface: r.interface,
    linkAddress: r.linkAddress,
    hardwareType: r.hardwareType,
    complete: r.complete,
    state: r.state,
    stateBits: undefined,
    router: undefined,
    flagNames: undefined,
    probes: undefined,
    sinceConfirmed: undefined,
    sinceUsed: undefined,
    sinceUpdated: undefined,
    refcount: undefined,
    extra: r.extra,
  };
}

/** Runs `body` on a tree whose only file is proc/net/arp with `text`. */
async function withArp<T>(text: string, body: (reader: TreeReader) => Promise<T>): Promise<T> {
  return withTree({ 'proc/net/arp': text }, (root) => body(new TreeReader({ root })));
}

test('live set: one complete neighbour on eth0, and IPv6 said unavailable', async () => {
  const part = await readNeighbours(new TreeReader({ root: tree('linux-6.18.44-fc-v595-live') }));
  assert.deepEqual(part.issues, []);
  assert.deepEqual(part.unavailable, [NOARP, IPV6]);
  assert.deepEqual(part.data, [
    {
      family: 'inet',
      address: '192.0.2.1',
      ifindex: undefined,
      interface: 'eth0',
      linkAddress: '02:fc:00:00:00:05',
      hardwareType: 1,
      complete: true,
      state: undefined,
      stateBits: undefined,
      router: undefined,
      flagNames: undefined,
      probes: undefined,
      sinceConfirmed: undefined,
      sinceUsed: undefined,
      sinceUpdated: undefined,
      refcount: undefined,
      extra: undefined,
    },
  ]);
});

test('netns set: the incomplete entry has no link address (the printed zeros are not one)', async () => {
  const part = await readNeighbours(new TreeReader({ root: tree('linux-6.18.44-fc-v595-netns') }));
  assert.deepEqual(part.issues, []);
  assert.deepEqual(part.unavailable, [NOARP, IPV6]);
  assert.deepEqual(part.data, [
    procfsRecord({ address: '10.78.0.2', interface: 'kfxa1', linkAddress: undefined, hardwareType: 1, complete: false, state: undefined, extra: undefined }),
    procfsRecord({ address: '10.77.0.2', interface: 'kfxa0', linkAddress: '62:68:99:58:59:f9', hardwareType: 1, complete: true, state: undefined, extra: undefined }),
  ]);
  assert.equal(part.data[0]?.linkAddress, undefined);
  assert.ok(Object.hasOwn(part.data[0] as object, 'linkAddress'), 'the key is there, its value undefined');
});

test('procfs-fixtures set: a complete and an incomplete entry on ens33', async () => {
  const part = await readNeighbours(new TreeReader({ root: tree('procfs-fixtures') }));
  assert.deepEqual(part.issues, []);
  assert.deepEqual(part.unavailable, [NOARP, IPV6]);
  assert.deepEqual(part.data, [
    procfsRecord({ address: '192.168.224.1', interface: 'ens33', linkAddress: '00:50:56:c0:00:08', hardwareType: 1, complete: true, state: undefined, extra: undefined }),
    procfsRecord({ address: '192.168.224.2', interface: 'ens33', linkAddress: undefined, hardwareType: 1, complete: false, state: undefined, extra: undefined }),
  ]);
});

test('every record has every schema key, in the schema\'s order', async () => {
  const part = await readNeighbours(new TreeReader({ root: tree('linux-6.18.44-fc-v595-netns') }));
  for (const record of part.data) assert.deepEqual(Object.keys(record), Object.keys(neighbourSchema.fields));
});

test('a tree without proc/net/arp: E_UNAVAILABLE, not an empty list', async () => {
  const reader = new TreeReader({ root: tree('diamond-fixtures') });
  await assert.rejects(readNeighbours(reader), (err: unknown) => KstatError.is(err) && err.code === 'E_UNAVAILABLE' && err.message.includes('proc/net/arp'));
});

test('header only: an empty list (the file is there, the cache is empty), IPv6 still unavailable', async () => {
  const part = await withArp(`${HEADER}\n`, readNeighbours);
  assert.deepEqual(part, { data: [], issues: [], unavailable: [NOARP, IPV6] });
});

test('proxy entries (ATF_PUBL) are left out; permanent, failed and upper-case entries read by their flags', async () => {
  const text = [
    HEADER,
    row('192.0.2.1', 1, 0x6, '02:00:00:00:00:01', 'eth0'), // ip neigh add ... nud permanent
    row('192.0.2.2', 1, 0x0, '02:00:00:00:00:02', 'eth0'), // failed: the old address is still printed
    '10.1.1.1         0x1         0x2         00:1A:2B:3C:4D:5E     *        eth0', // 2.6-era upper case
    '192.0.2.50       0x1         0xc         00:00:00:00:00:00     *        eth0', // ip neigh add proxy ... dev eth0
    '192.0.2.51       0x0         0xc         00:00:00:00:00:00     *        *', // proxy without a device
    '',
  ].join('\n');
  const part = await withArp(text, readNeighbours);
  assert.deepEqual(part.issues, []);
  assert.deepEqual(part.unavailable, [NOARP, IPV6]);
  assert.deepEqual(part.data, [
    procfsRecord({ address: '192.0.2.1', interface: 'eth0', linkAddress: '02:00:00:00:00:01', hardwareType: 1, complete: true, state: 'permanent', extra: undefined }),
    procfsRecord({ address: '192.0.2.2', interface: 'eth0', linkAddress: undefined, hardwareType: 1, complete: false, state: undefined, extra: undefined }),
    procfsRecord({ address: '10.1.1.1', interface: 'eth0', linkAddress: '00:1a:2b:3c:4d:5e', hardwareType: 1, complete: true, state: undefined, extra: undefined }),
  ]);
});

test('callsigns, addr_len 0 and possibly cut addresses: no garbage link addresses', async () => {
  const text = [
    HEADER,
    row('44.0.0.1', 3, 0x2, 'N0CALL-5', 'ax0'), // AX.25: a callsign, kept as printed
    row('44.0.0.2', 0, 0x2, '*', 'nr0'), // NET/ROM, empty callsign: no address
    row('198.51.100.1', 0xfffe, 0x6, '', 'tun0'), // addr_len 0: nothing printed
    row('198.51.100.2', 32, 0x2, '80:00:00:48:fe:80:00:00:00', 'ib0'), // InfiniBand: 9 of 20 bytes
    '',
  ].join('\n');
  const part = await withArp(text, readNeighbours);
  assert.deepEqual(part.issues, []);
  assert.deepEqual(part.data, [
    procfsRecord({ address: '44.0.0.1', interface: 'ax0', linkAddress: 'N0CALL-5', hardwareType: 3, complete: true, state: undefined, extra: undefined }),
    procfsRecord({ address: '44.0.0.2', interface: 'nr0', linkAddress: undefined, hardwareType: 0, complete: true, state: undefined, extra: undefined }),
    procfsRecord({ address: '198.51.100.1', interface: 'tun0', linkAddress: undefined, hardwareType: 0xfffe, complete: true, state: 'permanent', extra: undefined }),
    procfsRecord({ address: '198.51.100.2', interface: 'ib0', linkAddress: undefined, hardwareType: 32, complete: true, state: undefined, extra: undefined }),
  ]);
  assert.deepEqual(part.unavailable, [
    {
      what: 'link-layer addresses of 9 bytes or more',
      file: 'proc/net/arp',
      reason: 'the kernel prints at most 9 bytes of a hardware address, so a whole one cannot be told from a cut one; rtnetlink (NDA_LLADDR) has them whole',
    },
    NOARP,
    IPV6,
  ]);
});

test('bad addresses: a non-dotted-quad IP drops the row; non-hex HW address of a complete entry is an issue, the row kept', async () => {
  const text = [
    HEADER,
    row('300.1.2.3', 1, 0x2, '02:00:00:00:00:01', 'eth0'),
    row('10.01.2.3', 1, 0x2, '02:00:00:00:00:02', 'eth0'),
    row('192.0.2.3', 1, 0x2, 'zz:00:00:00:00:03', 'eth0'),
    row('192.0.2.4', 1, 0x0, 'zz:00:00:00:00:04', 'eth0'), // incomplete: the address is not read at all
    '',
  ].join('\n');
  const part = await withArp(text, readNeighbours);
  assert.deepEqual(part.data.map((n) => [n.address, n.complete, n.linkAddress]), [
    ['192.0.2.3', true, undefined],
    ['192.0.2.4', false, undefined],
  ]);
  assert.deepEqual(
    part.issues.map((i) => [i.file, i.line, i.code, i.text]),
    [
      ['proc/net/arp', 2, 'bad-address', '300.1.2.3'],
      ['proc/net/arp', 3, 'bad-address', '10.01.2.3'],
      ['proc/net/arp', 4, 'bad-address', 'zz:00:00:00:00:03'],
    ],
  );
});

test('parser issues reach the part, the good rows are kept', async () => {
  const text = [HEADER, '192.0.2.1        0x1', row('192.0.2.2', 1, 0x2, '02:00:00:00:00:02', 'eth0'), ''].join('\n');
  const part = await withArp(text, readNeighbours);
  assert.deepEqual(part.data.map((n) => n.address), ['192.0.2.2']);
  assert.deepEqual(part.issues.map((i) => [i.line, i.code]), [[2, 'short-line']]);
});

test('unknown columns: decimal and 0x hex become extra numbers (64-bit exact), others one issue per column', async () => {
  const text = [
    `${HEADER}   Probes   Age     Note`,
    `${row('192.0.2.1', 1, 0x2, '02:00:00:00:00:01', 'eth0')}   3        0x1f    a`,
    `${row('192.0.2.2', 1, 0x0, '00:00:00:00:00:00', 'eth0')}   18446744073709551615 0xFFFFFFFFFFFFFFFF b`,
    '',
  ].join('\n');
  const part = await withArp(text, readNeighbours);
  assert.deepEqual(part.data.map((n) => n.extra), [
    { Probes: 3n, Age: 0x1fn },
    { Probes: 18446744073709551615n, Age: 18446744073709551615n },
  ]);
  assert.deepEqual(part.issues.map((i) => [i.file, i.line, i.code, i.text]), [['proc/net/arp', 2, 'bad-number', 'a']]);
});
