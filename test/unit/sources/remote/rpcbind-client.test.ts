/**
 * GETPORT through the portmapper (program 100000 version 2) against an in-test responder
 * standing in for rpcbind: the port of the first registered version, 0 → the next version,
 * none registered or no portmapper → E_UNAVAILABLE naming the way out (HOST:PORT).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KstatError } from '../../../../src/errors.js';
import { findPort, getPort } from '../../../../src/sources/remote/rpcbind-client.js';
import { decodeMapping, encodePort } from '../../../../src/protocol/rpcbind/messages.js';
import { startResponder, successBytes } from '../../../helpers/rpc-responder.js';

/** A portmapper that knows program 100149 version 1 only, on port 4045. */
async function portmapper() {
  const asked: string[] = [];
  const r = await startResponder((call, socket) => {
    const m = decodeMapping(call.args);
    asked.push(`${call.prog}/${call.vers}/${call.proc}: ${m.prog} v${m.vers} prot ${m.prot}`);
    socket.write(successBytes(call.xid, encodePort(m.prog === 100149 && m.vers === 1 && m.prot === 6 ? 4045 : 0)));
  });
  return { r, asked };
}

test('GETPORT asks portmapper v2 for the TCP mapping; 0 is not registered', async () => {
  const { r, asked } = await portmapper();
  try {
    assert.equal(await getPort('127.0.0.1', 100149, 1, { rpcbindPort: r.port }), 4045);
    assert.equal(await getPort('127.0.0.1', 100149, 2, { rpcbindPort: r.port }), 0);
    assert.deepEqual(asked, ['100000/2/3: 100149 v1 prot 6', '100000/2/3: 100149 v2 prot 6']);
  } finally {
    await r.close();
  }
});

test('findPort tries the versions in order and takes the first registered', async () => {
  const { r, asked } = await portmapper();
  try {
    assert.equal(await findPort('127.0.0.1', 100149, [2, 1], { rpcbindPort: r.port }), 4045);
    assert.equal(asked.length, 2);
    await assert.rejects(findPort('127.0.0.1', 100150, [2, 1], { rpcbindPort: r.port }), (err: unknown) => err instanceof KstatError && err.code === 'E_UNAVAILABLE' && /version 2 or 1 is not registered with rpcbind/.test(err.message));
  } finally {
    await r.close();
  }
});

test('no portmapper answering: E_UNAVAILABLE within the short timeout, suggesting HOST:PORT', async () => {
  const silent = await startResponder(() => undefined);
  try {
    const started = Date.now();
    await assert.rejects(findPort('127.0.0.1', 100149, [2, 1], { rpcbindPort: silent.port, timeoutMs: 150 }), (err: unknown) => err instanceof KstatError && err.code === 'E_UNAVAILABLE' && /give the port as HOST:PORT.*timed out/.test(err.message));
    assert.ok(Date.now() - started < 2000);
  } finally {
    await silent.close();
  }
});
