/**
 * Live: kstatd as a child process on 127.0.0.1 (a free port, read from its log), serving
 * a captured tree. Hostile input — garbage, truncated and oversized records, wrong
 * rpcvers, unknown program/version/procedure, WRITE, half a header then silence, 1,000
 * concurrent connections — gets the RFC answer or closes that one connection, while a
 * well-behaved client's READ still answers; peak RSS stays bounded. Then SIGTERM: exit 0.
 * Everything stays on 127.0.0.1; every loop is bounded in count and time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { Bytes } from '../helpers/bytes.js';

const MAIN = 'build/src/cli/kstatd/main.js';
const TREE = 'test/fixtures/trees/linux-6.18.44-fc-v595-live';

async function startKstatd(extra: string[]): Promise<{ child: ChildProcess; port: number; log: () => string }> {
  const child = spawn(process.execPath, [MAIN, '--root', TREE, '--no-rpcbind', '--listen', '127.0.0.1:0', ...extra], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + 15_000;
  while (!/kstatd: ready/.test(log)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`kstatd did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const port = Number(/listening on tcp 127\.0\.0\.1:(\d+)/.exec(log)![1]);
  return { child, port, log: () => log };
}

function call(xid: number, proc: number, args: Bytes = new Bytes(), o: { vers?: number; prog?: number; rpcvers?: number } = {}): Uint8Array {
  return new Bytes().u32(xid).u32(0).u32(o.rpcvers ?? 2).u32(o.prog ?? 100149).u32(o.vers ?? 1).u32(proc).u32(0).u32(0).u32(0).u32(0).raw(args.build()).build();
}

const frame = (msg: Uint8Array) => Buffer.concat([new Bytes().u32(0x80000000 + msg.length).build(), msg]);

/** Sends `bytes` on a new connection; resolves to the first reply record, or 'closed'. */
function exchange(port: number, bytes: Uint8Array, timeoutMs = 5000): Promise<Buffer | 'closed' | 'timeout'> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(bytes));
    let got = Buffer.alloc(0);
    const done = (v: Buffer | 'closed' | 'timeout') => {
      clearTimeout(timer);
      s.destroy();
      resolve(v);
    };
    const timer = setTimeout(() => done('timeout'), timeoutMs);
    s.on('data', (d) => {
      got = Buffer.concat([got, d]);
      if (got.length >= 4 && got.length >= 4 + (got.readUInt32BE(0) & 0x7fffffff)) done(got.subarray(4, 4 + (got.readUInt32BE(0) & 0x7fffffff)));
    });
    s.on('error', () => done('closed'));
    s.on('close', () => done('closed'));
  });
}

/** The status words after xid and msg_type. */
const words = (b: Buffer | string, n: number) => (typeof b === 'string' ? b : Array.from({ length: n }, (_, i) => b.readInt32BE(8 + 4 * i)));

async function wellBehavedRead(port: number): Promise<void> {
  const r = await exchange(port, frame(call(77, 2, new Bytes().i32(1))));
  assert.ok(Buffer.isBuffer(r), `READ answered (${String(r)})`);
  assert.deepEqual(words(r, 5), [0, 0, 0, 0, 0], 'accepted, SUCCESS, KSTAT_OK');
}

function peakRssKb(pid: number): number {
  return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
}

test('kstatd survives hostile clients and keeps serving', { timeout: 120_000 }, async () => {
  const d = await startKstatd(['--idle-ms', '1500', '--max-connections', '1100', '--max-connections-per-client', '1100']);
  try {
    const { port } = d;
    await wellBehavedRead(port);
    // RFC answers
    assert.deepEqual(words((await exchange(port, frame(call(1, 0, undefined, { rpcvers: 3 })))) as Buffer, 4), [1, 0, 2, 2], 'RPC_MISMATCH 2..2');
    assert.deepEqual(words((await exchange(port, frame(call(2, 0, undefined, { prog: 100003 })))) as Buffer, 4), [0, 0, 0, 1], 'PROG_UNAVAIL');
    assert.deepEqual(words((await exchange(port, frame(call(3, 0, undefined, { vers: 9 })))) as Buffer, 6), [0, 0, 0, 2, 1, 2], 'PROG_MISMATCH 1..2');
    assert.deepEqual(words((await exchange(port, frame(call(4, 9)))) as Buffer, 4), [0, 0, 0, 3], 'PROC_UNAVAIL');
    assert.deepEqual(words((await exchange(port, frame(call(5, 3, new Bytes().i32(1).i32(1).u32(0))))) as Buffer, 6), [0, 0, 0, 0, 13, 1], 'WRITE → KSTAT_EACCES');
    assert.deepEqual(words((await exchange(port, frame(call(6, 2, new Bytes().raw([1, 2]))))) as Buffer, 4), [0, 0, 0, 4], 'truncated args → GARBAGE_ARGS');
    // closes: garbage that is not a call, an oversized record, a truncated record then close
    assert.equal(await exchange(port, frame(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8])), 800), 'timeout', 'a non-call is dropped (no reply), connection kept until idle');
    assert.equal(await exchange(port, new Bytes().u32(0x80000000 + 10_000_000).build()), 'closed', 'a 10 MB record is refused on its header');
    assert.equal(await exchange(port, Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n')), 'closed', 'HTTP text: a 1.2 GB fragment header');
    // half a header then silence: closed after --idle-ms
    const t0 = Date.now();
    assert.equal(await exchange(port, Uint8Array.from([0x80, 0]), 10_000), 'closed');
    assert.ok(Date.now() - t0 < 5000, 'the stalled connection was closed by the idle timer');
    await wellBehavedRead(port);

    // 1,000 concurrent connections each holding half a call; a READ still answers meanwhile.
    const sockets: net.Socket[] = [];
    for (let i = 0; i < 1000; i++) {
      const s = net.connect(port, '127.0.0.1', () => s.write(Uint8Array.from([0x80, 0, 0])));
      s.on('error', () => undefined);
      sockets.push(s);
    }
    await Promise.all(sockets.map((s) => Promise.race([once(s, 'connect'), once(s, 'close'), new Promise((r) => setTimeout(r, 5000))])));
    await wellBehavedRead(port);
    for (const s of sockets) s.destroy();
    await wellBehavedRead(port);
    const rss = peakRssKb(d.child.pid!);
    process.stderr.write(`# kstatd peak RSS after 1,000 connections: ${rss} kB\n`);
    assert.ok(rss < 400_000, `peak RSS ${rss} kB`);

    d.child.kill('SIGTERM');
    const [code] = await once(d.child, 'exit');
    assert.equal(code, 0);
    assert.match(d.log(), /<5>kstatd: SIGTERM: shutting down/);
    assert.match(d.log(), /<6>kstatd: stopped/);
  } finally {
    if (d.child.exitCode === null) d.child.kill('SIGKILL');
  }
});

test('kstatd refuses peers outside --allow and connections over the cap', { timeout: 30_000 }, async () => {
  const d = await startKstatd(['--allow', '10.0.0.0/8', '--max-connections', '2']);
  try {
    assert.equal(await exchange(d.port, frame(call(1, 0))), 'closed', '127.0.0.1 is not in 10.0.0.0/8');
  } finally {
    d.child.kill('SIGTERM');
    await once(d.child, 'exit');
  }
});

test('kstatd --help and a usage error', () => {
  const help = spawnSyncText(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /usage: kstatd/);
  const bad = spawnSyncText(['--listen', 'nowhere:1']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--listen nowhere:1/);
});

import { spawnSync } from 'node:child_process';
function spawnSyncText(args: string[]) {
  return spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8' });
}
