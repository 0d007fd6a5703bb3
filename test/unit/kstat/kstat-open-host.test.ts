/**
 * kstatOpenHost('host[:port]'), the libkstat kstat_open_host() alias exported from the
 * package entry: a name, an IPv4 literal and a bracketed IPv6 literal, each with a port,
 * reach an in-test version-1 kstatd (the pure codec behind a TCP responder on 127.0.0.1
 * or ::1) and give its chain; malformed hosts are E_ARGUMENT before anything is sent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KstatError } from '../../../src/errors.js';
import { kstatOpenHost, kstatOpen } from '../../../src/index.js';
import { encodeKstatHeaders, type KstatWithData } from '../../../src/protocol/kstat-x/codec.js';
import { KSTATPROG, decodeReadArgs, encodeChainIdResult, encodeReadResult } from '../../../src/protocol/kstat-x/procedures.js';
import { KSTAT_STATUS } from '../../../src/protocol/kstat-x/status.js';
import { AUTH_NONE_TOKEN } from '../../../src/protocol/rpc/message.js';
import type { KstatHeader } from '../../../src/kstat/types.js';
import { replyBytes, startResponder, successBytes, type Responder } from '../../helpers/rpc-responder.js';

const HEADERS: KstatHeader = { kid: 0, module: 'unix', instance: 0, name: 'kstat_headers', class: 'kstat', type: 'RAW', flags: 1, crtime: 1000n, snaptime: 0n, ndata: 1, dataSize: 0 };
const LO: KstatWithData = {
  kid: 4, module: 'link', instance: 0, name: 'lo', class: 'net', type: 'NAMED', flags: 1, crtime: 1004n, snaptime: 6_000_000_000n, ndata: 1, dataSize: 48,
  data: { type: 'NAMED', named: [{ name: 'rbytes64', type: 'UINT64', value: 18446744073709551615n }] },
};

/** A version-1 kstatd serving kid 0 and link:0:lo, chain id 9. */
function v1(host: string): Promise<Responder> {
  return startResponder((call, socket) => {
    if (call.prog !== KSTATPROG || call.vers !== 1) {
      socket.write(replyBytes({ xid: call.xid, stat: 'PROG_MISMATCH', verf: AUTH_NONE_TOKEN, low: 1, high: 1 }));
      return;
    }
    if (call.proc === 1) {
      socket.write(successBytes(call.xid, encodeChainIdResult({ ok: true, chainId: 9, bootTimeNs: 1_700_000_000_000_000_000n, sinceBootNs: 5_000_000_000n })));
      return;
    }
    const kid = decodeReadArgs(call.args);
    if (kid === 0) socket.write(successBytes(call.xid, encodeReadResult({ ok: true, chainId: 9, kstat: { ...HEADERS, data: { type: 'RAW', raw: encodeKstatHeaders([HEADERS, LO]) } } })));
    else if (kid === LO.kid) socket.write(successBytes(call.xid, encodeReadResult({ ok: true, chainId: 9, kstat: LO })));
    else socket.write(successBytes(call.xid, encodeReadResult({ ok: false, status: KSTAT_STATUS.KSTAT_ENXIO, chainId: 9 })));
  }, host);
}

async function expectChain(host: string): Promise<void> {
  const ctl = await kstatOpenHost(host, { timeoutMs: 5000 });
  try {
    assert.equal(ctl.info.kind, 'remote');
    assert.equal(ctl.chainId, 9);
    assert.equal(ctl.bootTimeNs, 1_700_000_000_000_000_000n);
    assert.deepEqual(ctl.chain.map((k) => [k.kid, `${k.module}:${k.instance}:${k.name}`]), [[0, 'unix:0:kstat_headers'], [4, 'link:0:lo']]);
    const lo = ctl.lookup('link', 0, 'lo')!;
    assert.equal(await ctl.read(lo), 9);
    assert.deepEqual(ctl.dataLookup(lo, 'rbytes64'), { name: 'rbytes64', type: 'UINT64', value: 18446744073709551615n });
  } finally {
    await ctl.close();
  }
}

test('kstatOpenHost: an IPv4 literal and a host name with a port give the daemon\'s chain, as kstatOpen({ host }) does', async () => {
  const r = await v1('127.0.0.1');
  try {
    await expectChain(`127.0.0.1:${r.port}`);
    // "localhost" resolves to 127.0.0.1 and/or ::1; the client tries both, only 127.0.0.1 answers.
    await expectChain(`localhost:${r.port}`);
    const same = await kstatOpen({ host: `127.0.0.1:${r.port}` });
    try {
      assert.equal(same.chainId, 9);
    } finally {
      await same.close();
    }
  } finally {
    await r.close();
  }
});

test('kstatOpenHost: a bracketed IPv6 literal with a port', async (t) => {
  let r: Responder;
  try {
    r = await v1('::1');
  } catch (err) {
    t.skip(`no ::1 on this machine: ${(err as Error).message}`);
    return;
  }
  try {
    await expectChain(`[::1]:${r.port}`);
  } finally {
    await r.close();
  }
});

test('kstatOpenHost: malformed hosts and misuse are E_ARGUMENT, before any connection', async () => {
  for (const host of ['db1:7149:1', '[::1', '[::1]x', '[1.2.3.4]:1', 'a_b:1', 'host:0', 'host:65536', 'host:', '']) {
    await assert.rejects(kstatOpenHost(host), (e: unknown) => e instanceof KstatError && e.code === 'E_ARGUMENT', host);
  }
  await assert.rejects(kstatOpenHost(42 as unknown as string), (e: unknown) => e instanceof KstatError && e.code === 'E_ARGUMENT');
  await assert.rejects(kstatOpenHost('127.0.0.1:1', { host: 'x' } as never), (e: unknown) => e instanceof KstatError && e.code === 'E_ARGUMENT');
});
