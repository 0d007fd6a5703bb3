import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KstatError } from '../../../../../src/errors.js';
import { readPacketSockets } from '../../../../../src/sources/tree/assemble/packet-sockets.js';
import { TreeReader } from '../../../../../src/sources/tree/reader.js';
import { tree, variantText, withTree } from '../../../../helpers/fixture.js';

test('live set: one raw ARP socket on ifindex 1, name from the caller\'s interface map', async () => {
  const reader = new TreeReader({ root: tree('linux-6.18.44-fc-v595-live') });
  const part = await readPacketSockets(reader, { interfaceNames: new Map([[1, 'lo']]) });
  const s = part.data[0]; // taken before deepEqual narrows part.data to the literal's type
  assert.deepEqual(part.issues, []);
  assert.deepEqual(part.unavailable, []);
  assert.deepEqual(part.data, [
    {
      kernelAddress: '0000000006c3b952',
      refCount: 3,
      type: 'raw',
      typeNumber: 3,
      protocol: 0x0806,
      protocolName: 'arp',
      ifindex: 1,
      interface: 'lo',
      running: true,
      rmem: 0n,
      uid: 0,
      inode: 114372,
    },
  ]);
  // procfs cannot give rings, fanout or filters: undefined, not zero.
  assert.equal(s?.rxRingBlocks, undefined);
  assert.equal(s?.fanoutMode, undefined);
  assert.equal(s?.filterLength, undefined);
  assert.equal(s?.processes, undefined);
});

test('live set without an interface map: interface stays undefined', async () => {
  const part = await readPacketSockets(new TreeReader({ root: tree('linux-6.18.44-fc-v595-live') }));
  assert.equal(part.data[0]?.interface, undefined);
  assert.equal(part.data[0]?.ifindex, 1);
});

test('netns set: an empty list (the file is there, no sockets)', async () => {
  const part = await readPacketSockets(new TreeReader({ root: tree('linux-6.18.44-fc-v595-netns') }));
  assert.deepEqual(part, { data: [], issues: [], unavailable: [] });
});

test('a tree without proc/net/packet: E_UNAVAILABLE, not an empty list', async () => {
  const reader = new TreeReader({ root: tree('diamond-fixtures') });
  await assert.rejects(readPacketSockets(reader), (err: unknown) => KstatError.is(err) && err.code === 'E_UNAVAILABLE');
});

test('owners on a captured tree: no proc/<pid>/fd, so processes stay undefined and that is said once', async () => {
  const { open } = await import('../../../../../src/netstat.js');
  const session = await open({ root: tree('linux-6.18.44-fc-v595-live') });
  const reading = await session.packetSockets({ processes: true });
  assert.equal(reading.data[0]?.processes, undefined);
  assert.deepEqual(reading.unavailable, [{ what: 'owning processes', file: 'proc/<pid>/fd', reason: 'not present in this source' }]);
});

test('unknown columns: decimal ones become extra counters (64-bit exact), others one issue per column', async () => {
  const part = await withTree({ 'proc/net/packet': variantText('net-packet.unknown-column') }, (root) => readPacketSockets(new TreeReader({ root })));
  assert.deepEqual(part.data.map((s) => [s.type, s.typeNumber, s.protocol, s.protocolName, s.rmem, s.uid, s.inode, s.extra]), [
    ['raw', 3, 0x0806, 'arp', 4294967295n, 0, 114372, { Drops: 18446744073709551615n }],
    ['packet', 10, 0, undefined, 0n, 65534, 4294967295, { Drops: 0n }],
  ]);
  assert.deepEqual(part.issues.map((i) => [i.file, i.line, i.code, i.text]), [['proc/net/packet', 2, 'bad-number', 'rx']]);
});
