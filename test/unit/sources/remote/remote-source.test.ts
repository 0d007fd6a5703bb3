/**
 * RemoteSource and kstatOpen over a host, against an in-test kstatd built from the pure
 * codec that serves version 1 only (READ_BATCH answers PROG_MISMATCH): views are then read
 * as libkstat would, READ(0) for the headers and READ of the view's kid, re-reading the
 * headers once when the kid answers ENXIO. The view served is the reading of the live
 * fixture tree; what the remote source gives is exactly that reading after its XDR round trip.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KstatError } from '../../../../src/errors.js';
import { open, openSource } from '../../../../src/netstat/open.js';
import { kstatOpen } from '../../../../src/kstat/kstat-ctl.js';
import { decodeViewReading, encodeViewReading } from '../../../../src/protocol/netstat-readings.js';
import { encodeKstatHeaders, type KstatWithData } from '../../../../src/protocol/kstat-x/codec.js';
import { KSTATPROG, decodeReadArgs, encodeChainIdResult, encodeReadResult } from '../../../../src/protocol/kstat-x/procedures.js';
import { KSTAT_STATUS } from '../../../../src/protocol/kstat-x/status.js';
import { AUTH_NONE_TOKEN } from '../../../../src/protocol/rpc/message.js';
import type { KstatHeader } from '../../../../src/kstat/types.js';
import { replyBytes, startResponder, successBytes } from '../../../helpers/rpc-responder.js';

const TREE = 'test/fixtures/trees/linux-6.18.44-fc-v595-live';

function header(kid: number, module: string, name: string, cls: string, type: KstatHeader['type']): KstatHeader {
  return { kid, module, instance: 0, name, class: cls, type, flags: 1, crtime: 1000n + BigInt(kid), snaptime: 0n, ndata: 1, dataSize: 0 };
}

/** A version-1 kstatd over `kstats`; `enxioOnce` kids answer ENXIO to their first READ. */
async function v1Server(kstats: KstatWithData[], enxioOnce = new Set<number>()) {
  const calls: string[] = [];
  const r = await startResponder((call, socket) => {
    calls.push(`v${call.vers} proc ${call.proc}`);
    if (call.prog !== KSTATPROG || call.vers !== 1) {
      socket.write(replyBytes({ xid: call.xid, stat: 'PROG_MISMATCH', verf: AUTH_NONE_TOKEN, low: 1, high: 1 }));
      return;
    }
    if (call.proc === 1) {
      socket.write(successBytes(call.xid, encodeChainIdResult({ ok: true, chainId: 7, bootTimeNs: 1_700_000_000_000_000_000n, sinceBootNs: 5_000_000_000n })));
      return;
    }
    const kid = decodeReadArgs(call.args);
    const headers: KstatHeader[] = [header(0, 'unix', 'kstat_headers', 'kstat', 'RAW'), ...kstats];
    const k = kid === 0 ? { ...headers[0]!, data: { type: 'RAW' as const, raw: encodeKstatHeaders(headers) } } : kstats.find((x) => x.kid === kid);
    if (k === undefined || enxioOnce.delete(kid)) socket.write(successBytes(call.xid, encodeReadResult({ ok: false, status: KSTAT_STATUS.KSTAT_ENXIO, chainId: 7 })));
    else if (k.name === 'broken') socket.write(successBytes(call.xid, encodeReadResult({ ok: false, status: KSTAT_STATUS.KSTAT_EIO, chainId: 7 })));
    else socket.write(successBytes(call.xid, encodeReadResult({ ok: true, chainId: 7, kstat: { ...k, snaptime: 6_000_000_000n } })));
  });
  return { r, calls };
}

async function servedInterfaces() {
  const local = await open({ root: TREE });
  try {
    const reading = await local.interfaces();
    const raw = encodeViewReading('interfaces', reading);
    return { raw, expected: decodeViewReading('interfaces', raw) };
  } finally {
    await local.close();
  }
}

test('a version-1 server: the view by READ(0) + READ(kid), exactly the served reading; clock from CHAINID', async () => {
  const { raw, expected } = await servedInterfaces();
  const { r, calls } = await v1Server([{ ...header(3, 'netstat', 'interfaces', 'netstat', 'RAW'), data: { type: 'RAW', raw } }], new Set([3]));
  const source = await openSource({ host: `127.0.0.1:${r.port}` });
  try {
    assert.deepEqual(source.info, { kind: 'remote', label: `host 127.0.0.1:${r.port}` });
    assert.deepEqual(await source.clock(), { sinceBootNs: 5_000_000_000n, bootTimeNs: 1_700_000_000_000_000_000n });
    const got = await source.interfaces();
    assert.deepEqual(got, expected);
    assert.ok(got.data.some((i) => i.name === 'lo'));
    // open's CHAINID; READ_BATCH refused; headers, READ 3 → ENXIO; headers again, READ 3.
    assert.deepEqual(calls, ['v1 proc 1', 'v1 proc 1', 'v2 proc 4', 'v1 proc 2', 'v1 proc 2', 'v1 proc 2', 'v1 proc 2']);
    await assert.rejects(source.routes(), (err: unknown) => err instanceof KstatError && err.code === 'E_UNAVAILABLE' && /serves no netstat:0:routes kstat/.test(err.message));
    await assert.rejects(source.cpu!(), (err: unknown) => err instanceof KstatError && err.code === 'E_UNAVAILABLE' && /system:0:cpu/.test(err.message));
  } finally {
    await source.close();
    await r.close();
  }
});

test('a failing status is a typed error; undecodable view bytes are E_PARSE naming the host and kstat', async () => {
  const { r } = await v1Server([
    { ...header(1, 'netstat', 'broken', 'netstat', 'RAW'), data: { type: 'RAW', raw: new Uint8Array(0) } },
    { ...header(2, 'netstat', 'memory', 'netstat', 'RAW'), data: { type: 'RAW', raw: new Uint8Array(8) } },
  ]);
  const source = await open({ host: `127.0.0.1:${r.port}` });
  try {
    await assert.rejects(source.memory(), (err: unknown) => err instanceof KstatError && err.code === 'E_PARSE' && new RegExp(`^host 127\\.0\\.0\\.1:${r.port}: netstat:0:memory: `).test(err.message));
  } finally {
    await source.close();
  }
  const ctl = await kstatOpen({ host: `127.0.0.1:${r.port}` });
  try {
    await assert.rejects(ctl.read(ctl.lookup('netstat', 0, 'broken')!), (err: unknown) => err instanceof KstatError && err.code === 'E_SOURCE_IO' && /READ of kid 1: the server answered KSTAT_EIO/.test(err.message));
  } finally {
    await ctl.close();
    await r.close();
  }
});

test('kstatOpen({ host }): the chain is the daemon\'s (kids, chain id, crtime), read(ks) is READ(kid)', async () => {
  const named: KstatWithData = { ...header(5, 'link', 'lo', 'net', 'NAMED'), data: { type: 'NAMED', named: [{ name: 'rbytes64', type: 'UINT64', value: 18446744073709551615n }] } };
  const { r } = await v1Server([named]);
  const ctl = await kstatOpen({ host: `127.0.0.1:${r.port}` });
  try {
    assert.equal(ctl.chainId, 7);
    assert.equal(ctl.bootTimeNs, 1_700_000_000_000_000_000n);
    assert.deepEqual(ctl.chain.map((k) => [k.kid, `${k.module}:${k.instance}:${k.name}`, k.crtime]), [[0, 'unix:0:kstat_headers', 1000n], [5, 'link:0:lo', 1005n]]);
    const lo = ctl.lookup('link', 0, 'lo')!;
    assert.equal(await ctl.read(lo), 7);
    assert.deepEqual(ctl.dataLookup(lo, 'rbytes64'), { name: 'rbytes64', type: 'UINT64', value: 18446744073709551615n });
    assert.equal(lo.snaptime, 6_000_000_000n);
    assert.equal(await ctl.chainUpdate(), 0);
    assert.equal(ctl.lookup('link', 0, 'lo'), lo, 'a surviving kstat keeps its object');
  } finally {
    await ctl.close();
    await r.close();
  }
});
