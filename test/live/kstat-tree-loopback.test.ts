/**
 * Live: the Perl-style tree on the live kernel. `t.link[0].lo.rbytes64` is a bigint, and
 * after loopback traffic of a known size update() shows it grown by at least that much.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { once } from 'node:events';
import { tree } from '../../src/kstat/tree.js';

const BYTES = 256 * 1024;

async function loopbackTraffic(): Promise<void> {
  const server = net.createServer((c) => c.resume());
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  const client = net.connect(port, '127.0.0.1');
  await once(client, 'connect');
  await new Promise<void>((resolve) => client.end(Buffer.alloc(BYTES, 7), resolve));
  await once(client, 'close');
  server.close();
  await once(server, 'close');
}

test('tree.link[0].lo.rbytes64 is a bigint that grows after loopback traffic and update()', async () => {
  const t = await tree();
  try {
    const before = t.link![0]!.lo!.rbytes64;
    assert.equal(typeof before, 'bigint');
    const snap1 = t.link![0]!.lo!.snaptime as bigint;
    await loopbackTraffic();
    assert.equal(t.link![0]!.lo!.rbytes64, before, 'no change until update()');
    const r = await t.update();
    assert.ok(Array.isArray(r.added) && Array.isArray(r.deleted));
    const after = t.link![0]!.lo!.rbytes64 as bigint;
    assert.ok(after - (before as bigint) >= BigInt(BYTES), `lo received ${after - (before as bigint)} bytes, sent ${BYTES}`);
    assert.ok((t.link![0]!.lo!.snaptime as bigint) > snap1, 'snaptime advanced');
    assert.equal(t.link![0]!.lo!.obytes64, after, 'on loopback every byte sent is received');
  } finally {
    await t.ctl.close();
  }
});
