/**
 * protocol/kstat.x against the C world: rpcgen must accept it, its generated header, XDR
 * routines and client/server stubs must compile against libtirpc, and the generated
 * xdr_* routines must write exactly our bytes for the same values (and read ours back
 * unchanged). libtirpc's own routines check the RPC message, AUTH_SYS and rpcbind codecs.
 * The C side is rpcgen-interop.c next to this file.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../helpers/fixture.js';
import { hasCommand, skipOrFail } from '../../../helpers/skip.js';
import { Bytes } from '../../../helpers/bytes.js';
import { encodeKstatHeaders, writeKstat, type KstatWithData } from '../../../../src/protocol/kstat-x/codec.js';
import * as p from '../../../../src/protocol/kstat-x/procedures.js';
import { encodeAuthSys } from '../../../../src/protocol/rpc/auth.js';
import { AUTH_NONE_TOKEN, encodeCall, encodeReply, type RpcReply } from '../../../../src/protocol/rpc/message.js';
import { encodeMapping, encodePmapList, encodeRpcb, encodeRpcbList } from '../../../../src/protocol/rpcbind/messages.js';
import { XdrWriter } from '../../../../src/protocol/xdr/writer.js';
import type { KstatData, KstatHeader, KstatType } from '../../../../src/kstat/types.js';

const U64_MAX = 18446744073709551615n;
const I64_MIN = -9223372036854775808n;
const SRC = join(REPO_ROOT, 'test', 'unit', 'protocol', 'kstat-x');
const CC = ['-I/usr/include/tirpc', '-Wall', '-Wno-unused-variable', '-Werror=implicit-function-declaration', '-Werror=incompatible-pointer-types'];

let workDir: string | undefined;
let failure: string | undefined;

function run(cmd: string, args: string[], input?: string): string {
  const r = spawnSync(cmd, args, { cwd: workDir, encoding: 'utf8', input, maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** Generates and compiles once; false (after skipOrFail) when the tools are missing. */
function built(t: TestContext): boolean {
  const missing = [['rpcgen', hasCommand('rpcgen', ['-h'])], ['cc', hasCommand('cc')], ['libtirpc-dev', existsSync('/usr/include/tirpc/rpc/rpc.h')]]
    .filter(([, ok]) => !ok).map(([name]) => name);
  if (missing.length > 0) {
    skipOrFail(t, `needs ${missing.join(', ')} (apt-get install rpcsvc-proto libtirpc-dev)`);
    return false;
  }
  if (workDir === undefined && failure === undefined) {
    workDir = mkdtempSync(join(tmpdir(), 'kstat-rpcgen-'));
    try {
      copyFileSync(join(REPO_ROOT, 'protocol', 'kstat.x'), join(workDir, 'kstat.x'));
      copyFileSync(join(SRC, 'rpcgen-interop.c'), join(workDir, 'interop.c'));
      for (const [flag, out] of [['-h', 'kstat.h'], ['-c', 'kstat_xdr.c'], ['-l', 'kstat_clnt.c'], ['-m', 'kstat_svc.c']] as const) run('rpcgen', [flag, '-o', out, 'kstat.x']);
      for (const c of ['kstat_xdr.c', 'kstat_clnt.c', 'kstat_svc.c']) run('cc', [...CC, '-c', c]);
      run('cc', [...CC, '-o', 'interop', 'interop.c', 'kstat_xdr.o', '-ltirpc']);
    } catch (err) {
      failure = String(err);
    }
  }
  assert.equal(failure, undefined, failure);
  return true;
}

test.after(() => {
  if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------- the values of rpcgen-interop.c

function header(kid: number, name: string, type: KstatType): KstatHeader {
  return { kid, module: 'test', instance: 0, name, class: 'misc', type, flags: 0, crtime: 1_000_000n, snaptime: 2_000_000n, ndata: 1, dataSize: 8 };
}
const DATA: Record<KstatType, KstatData> = {
  RAW: { type: 'RAW', raw: Uint8Array.of(1, 2, 3, 4, 5) },
  NAMED: {
    type: 'NAMED',
    named: [
      { name: 'c', type: 'CHAR', value: 'sixteen bytes..!' },
      { name: 'i32', type: 'INT32', value: -2147483648 },
      { name: 'u32', type: 'UINT32', value: 4294967295 },
      { name: 'i64', type: 'INT64', value: I64_MIN },
      { name: 'u64', type: 'UINT64', value: U64_MAX },
      { name: 'str', type: 'STRING', value: 'a long string ✓ ' },
      { name: 'empty', type: 'CHAR', value: '' },
    ],
  },
  INTR: { type: 'INTR', intr: { hard: 1n, soft: 2n, watchdog: 3n, spurious: 4n, multipleService: U64_MAX } },
  IO: { type: 'IO', io: { nread: U64_MAX, nwritten: 2n, reads: 3n, writes: 4n, wtime: 5n, wlentime: 6n, wlastupdate: 7n, rtime: 8n, rlentime: 9n, rlastupdate: 10n, wcnt: 11, rcnt: 4294967295 } },
  TIMER: {
    type: 'TIMER',
    timers: [
      { name: 'cpu0', numEvents: U64_MAX, elapsedTime: 1n, minTime: 2n, maxTime: 3n, startTime: 4n, stopTime: I64_MIN },
      { name: 'cpu1', numEvents: 0n, elapsedTime: 0n, minTime: 0n, maxTime: 0n, startTime: 0n, stopTime: 0n },
    ],
  },
};
const TYPES: KstatType[] = ['RAW', 'NAMED', 'INTR', 'IO', 'TIMER'];
const KSTAT = Object.fromEntries(TYPES.map((t, i) => [t, { ...header(i + 1, t.toLowerCase(), t), data: DATA[t] }])) as Record<KstatType, KstatWithData>;

function kstatBytes(k: KstatWithData): Uint8Array {
  const w = new XdrWriter();
  writeKstat(w, k);
  return w.toBytes();
}

const PARMS = { stamp: 100_000_000, machinename: 'host-a', uid: 1000, gid: 100, gids: [4, 24, 27] };
const NONE = AUTH_NONE_TOKEN;
type WithoutXid<T> = T extends unknown ? Omit<T, 'xid'> : never;
const reply = (r: WithoutXid<RpcReply>) => encodeReply({ xid: 0xdeadbeef, ...r } as RpcReply);

/** What our codecs write for each label of `interop encode`. */
function ours(): Record<string, Uint8Array> {
  return {
    kstat_raw: kstatBytes(KSTAT.RAW), kstat_named: kstatBytes(KSTAT.NAMED), kstat_intr: kstatBytes(KSTAT.INTR), kstat_io: kstatBytes(KSTAT.IO), kstat_timer: kstatBytes(KSTAT.TIMER),
    headers: encodeKstatHeaders([header(0, 'kstat_headers', 'RAW'), header(7, 'lo', 'NAMED')]),
    chainid_ok: p.encodeChainIdResult({ ok: true, chainId: 41, bootTimeNs: 1_763_800_000_123_456_789n, sinceBootNs: 987_654_321n }),
    chainid_fail: p.encodeChainIdResult({ ok: false, status: 5 }),
    read_ok: p.encodeReadResult({ ok: true, chainId: 41, kstat: KSTAT.NAMED }),
    read_fail: p.encodeReadResult({ ok: false, status: 6, chainId: 42 }),
    write_args: p.encodeWriteArgs({ kid: 3, data: DATA.INTR }),
    write_res: p.encodeWriteResult({ status: 13, chainId: 41 }),
    batch_kids: p.encodeBatchArgs({ by: 'kids', kids: [0, 12, 99] }),
    batch_selectors: p.encodeBatchArgs({ by: 'selectors', selectors: [{ module: 'netstat', instance: 0, name: 'sockets', class: '' }, { module: 'link', instance: -1, name: 'e*', class: 'net' }] }),
    batch_ok: p.encodeBatchResult({ ok: true, chainId: 41, kstats: [KSTAT.INTR, KSTAT.RAW], gone: [99, 100] }),
    batch_fail: p.encodeBatchResult({ ok: false, status: 75, chainId: 41 }),
    authsys: encodeAuthSys(PARMS),
    call: encodeCall({ xid: 0xdeadbeef, prog: p.KSTATPROG, vers: p.KSTATVERS_BATCH, proc: p.KSTAT_RPC.READ_BATCH, cred: { flavor: 1, body: encodeAuthSys(PARMS) }, verf: NONE }),
    reply_success: reply({ stat: 'SUCCESS', verf: NONE, results: new Uint8Array(0) }),
    reply_prog_unavail: reply({ stat: 'PROG_UNAVAIL', verf: NONE }),
    reply_prog_mismatch: reply({ stat: 'PROG_MISMATCH', verf: NONE, low: 1, high: 2 }),
    reply_proc_unavail: reply({ stat: 'PROC_UNAVAIL', verf: NONE }),
    reply_garbage_args: reply({ stat: 'GARBAGE_ARGS', verf: NONE }),
    reply_system_err: reply({ stat: 'SYSTEM_ERR', verf: NONE }),
    reply_rpc_mismatch: reply({ stat: 'RPC_MISMATCH', low: 2, high: 2 }),
    reply_auth_error: reply({ stat: 'AUTH_ERROR', auth: 'AUTH_TOOWEAK' }),
    pmap: encodeMapping({ prog: 100149, vers: 2, prot: 6, port: 32771 }),
    pmaplist: encodePmapList([{ prog: 100149, vers: 2, prot: 6, port: 32771 }, { prog: 100149, vers: 1, prot: 17, port: 40000 }]),
    rpcb: encodeRpcb({ prog: 100149, vers: 2, netid: 'tcp6', addr: '::.128.3', owner: 'superuser' }),
    rpcblist: encodeRpcbList([
      { prog: 100149, vers: 2, netid: 'tcp6', addr: '::.128.3', owner: 'superuser' },
      { prog: 1, vers: 2, netid: 'udp', addr: '0.0.0.0.0.111', owner: '' },
    ]),
  };
}

const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex');
const lines = (out: string) => out.trim().split('\n').map((l) => l.split(' ') as [string, string]);

// ---------------------------------------------------------------- tests

test('rpcgen accepts protocol/kstat.x; its header, XDR routines and client and server stubs compile against libtirpc', (t) => {
  if (!built(t)) return;
  const h = run('cat', ['kstat.h']);
  assert.match(h, /#define KSTATPROG 100149/);
  assert.match(h, /#define KSTATVERS 1\b/);
  assert.match(h, /#define KSTATVERS_BATCH 2\b/);
  for (const [name, n] of [['KSTAT_RPC_CHAINID', 1], ['KSTAT_RPC_READ', 2], ['KSTAT_RPC_WRITE', 3], ['KSTAT_RPC_READ_BATCH', 4]] as const) {
    assert.match(h, new RegExp(`#define ${name} ${n}\\b`));
  }
});

test('the rpcgen xdr_* routines and libtirpc write exactly our bytes for the same values', (t) => {
  if (!built(t)) return;
  const expected = ours();
  const got = lines(run('./interop', ['encode']));
  assert.deepEqual(got.map(([label]) => label), Object.keys(expected));
  for (const [label, hex] of got) assert.equal(hexOf(expected[label]!), hex, label);
});

test('the rpcgen xdr_* routines read our bytes and write them back unchanged; both refuse the same bad inputs', (t) => {
  if (!built(t)) return;
  const e = ours();
  const inputs: [string, Uint8Array][] = [
    ...TYPES.map((ty) => ['kstat_x', kstatBytes(KSTAT[ty])] as [string, Uint8Array]),
    ['kstat_headers_x', e.headers!], ['kstat_chainid_res', e.chainid_ok!], ['kstat_chainid_res', e.chainid_fail!],
    ['kstat_read_res', e.read_ok!], ['kstat_read_res', e.read_fail!], ['kstat_write_args', e.write_args!], ['kstat_write_res', e.write_res!],
    ['kstat_batch_args', e.batch_kids!], ['kstat_batch_args', e.batch_selectors!], ['kstat_batch_res', e.batch_ok!], ['kstat_batch_res', e.batch_fail!],
    // a future status value: C and we both keep it
    ['kstat_read_res', new Bytes().i32(95).i32(7).build()],
  ];
  const head = (name: string) => new Bytes().i32(1).str('m').i32(0).str(name).str('c');
  const refused: Uint8Array[] = [
    head('x'.repeat(256)).i32(0).u32(0).i64(0n).i64(0n).u32(0).u32(0).i32(0).u32(0).build(), // name<255>
    head('n').i32(5).u32(0).i64(0n).i64(0n).u32(0).u32(0).i32(5).build(), // kstat type 5
    head('n').i32(1).u32(0).i64(0n).i64(0n).u32(0).u32(0).i32(1).u32(1).str('v').i32(0).opaque(new Uint8Array(17)).build(), // CHAR > 16
    head('n').i32(1).u32(0).i64(0n).i64(0n).u32(0).u32(0).i32(1).u32(1).str('v').i32(5).u32(0).build(), // KSTAT_DATA_FLOAT
  ];
  const input = [...inputs, ...refused.map((b) => ['kstat_x', b] as [string, Uint8Array])].map(([ty, b]) => `${ty} ${hexOf(b)}`).join('\n');
  const out = lines(run('./interop', ['roundtrip'], `${input}\n`));
  assert.deepEqual(out.slice(0, inputs.length), inputs.map(([ty, b]) => [ty, hexOf(b)]));
  assert.deepEqual(out.slice(inputs.length), refused.map(() => ['kstat_x', 'FAIL']));
  for (const b of refused) assert.throws(() => p.decodeReadResult(new Bytes().i32(0).i32(1).raw(b).build()));
});
