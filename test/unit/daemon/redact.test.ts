/**
 * Owning processes never leave kstatd unless --expose-processes (redact.ts): a RAW socket
 * view that carries them (a snapshot saved by a privileged `kstat --save`) is served
 * without them; a source whose views the daemon's providers read themselves, without
 * owners (live, pid, netns, tree), is served as read — its bytes untouched, not decoded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ownersMayBeIn, redactProcesses } from '../../../src/daemon/redact.js';
import { readProc, type ProcedureContext } from '../../../src/daemon/procedures.js';
import type { KeptChain } from '../../../src/daemon/chain-keeper.js';
import type { Kstat } from '../../../src/kstat/chain.js';
import { decodeViewReading, encodeViewReading } from '../../../src/protocol/netstat-readings.js';
import { open } from '../../../src/netstat/open.js';
import { tree } from '../../helpers/fixture.js';

async function socketsWithOwners(): Promise<Uint8Array> {
  const s = await open({ root: tree('linux-6.18.44-fc-v595-live') });
  try {
    const r = await s.sockets();
    const data = r.data.map((rec, i) => (i % 2 === 0 ? { ...rec, processes: [{ pid: 100 + i, command: 'sshd', fd: 3 }] } : rec));
    return encodeViewReading('sockets', { ...r, data });
  } finally {
    await s.close();
  }
}

const SOCKETS: Kstat = { kid: 1, module: 'netstat', instance: 0, name: 'sockets', class: 'netstat', type: 'RAW', flags: 1, crtime: 1n, snaptime: 2n, ndata: 1, dataSize: 0, data: undefined };

function kept(raw: Uint8Array): KeptChain {
  return {
    chainId: 3,
    kstats: [SOCKETS],
    byKid: new Map([[1, SOCKETS]]),
    reading: () => ({ data: { type: 'RAW', raw }, snaptime: 2n }),
    clock: { sinceBootNs: 2n, bootTimeNs: 0n },
  };
}

test('sources whose views the daemon reads itself carry no owners; saved or relayed views may', () => {
  for (const kind of ['live', 'pid', 'netns', 'tree'] as const) assert.equal(ownersMayBeIn(kind), false, kind);
  for (const kind of ['snapshot', 'remote', 'snmp'] as const) assert.equal(ownersMayBeIn(kind), true, kind);
});

test('owners are stripped unless exposed; a source that cannot carry them is served untouched', async () => {
  const raw = await socketsWithOwners();
  assert.ok(decodeViewReading('sockets', raw).data.some((s) => s.processes !== undefined));
  const served = async (ctx: Omit<ProcedureContext, 'chain'>) => {
    const res = await readProc({ ...ctx, chain: async () => kept(raw) }, 1);
    assert.ok(res.ok && res.kstat.data.type === 'RAW');
    return res.kstat.data.raw;
  };
  const stripped = await served({ exposeProcesses: false });
  assert.ok(decodeViewReading('sockets', stripped).data.every((s) => s.processes === undefined), 'no owners by default');
  assert.deepEqual(decodeViewReading('sockets', stripped).data.map((s) => ({ ...s, processes: undefined })), decodeViewReading('sockets', raw).data.map((s) => ({ ...s, processes: undefined })));
  assert.equal(await served({ exposeProcesses: true }), raw, '--expose-processes: as read');
  assert.equal(await served({ exposeProcesses: false, mayCarryOwners: false }), raw, 'a live/tree source: the bytes as read, not decoded');
  assert.equal(redactProcesses(SOCKETS, { type: 'RAW', raw }).type, 'RAW');
});
