/**
 * The TCP ONC RPC client against an in-test responder: replies split into single bytes,
 * replies in many fragments, pipelined calls answered out of order, per-call timeouts,
 * replies with a wrong xid (ignored), the server closing mid-reply, a reply over the cap,
 * a refusal, a refused connection, close() with calls in flight, reconnecting — each a
 * typed KstatError, never a hang.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { KstatError } from '../../../../src/errors.js';
import { RpcClient, RpcReplyError } from '../../../../src/sources/remote/transport.js';
import { replyBytes, startResponder, successBytes, type Answer } from '../../../helpers/rpc-responder.js';

const PROG = 400_123;
const args = (...words: number[]) => {
  const b = new Uint8Array(words.length * 4);
  words.forEach((w, i) => new DataView(b.buffer).setUint32(i * 4, w));
  return b;
};
const wordsOf = (b: Uint8Array) => Array.from({ length: b.byteLength / 4 }, (_, i) => new DataView(b.buffer, b.byteOffset).getUint32(i * 4));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Echoes the arguments, written whole. */
const echo: Answer = (call, socket) => {
  socket.write(successBytes(call.xid, call.args));
};

async function withClient(answer: Answer, body: (client: RpcClient, connections: () => number) => Promise<void>, options = {}) {
  const r = await startResponder(answer);
  const client = new RpcClient('127.0.0.1', r.port, { timeoutMs: 2000, ...options });
  try {
    await body(client, r.connections);
  } finally {
    await client.close();
    await r.close();
  }
}

const rejectsWith = (p: Promise<unknown>, code: string, message: RegExp) =>
  assert.rejects(p, (err: unknown) => err instanceof KstatError && err.code === code && message.test(err.message));

test('a call gets its results; calls reuse one connection', async () => {
  await withClient(echo, async (client, connections) => {
    assert.deepEqual(wordsOf(await client.call(PROG, 1, 1, args(7, 0xffffffff))), [7, 0xffffffff]);
    assert.deepEqual(wordsOf(await client.call(PROG, 1, 1)), []);
    assert.deepEqual(wordsOf(await client.call(PROG, 1, 1, args(9))), [9]);
    assert.equal(connections(), 1);
    assert.equal(client.label, `127.0.0.1:${client.port}`);
  });
});

test('a reply written one byte at a time', async () => {
  const split: Answer = async (call, socket) => {
    for (const b of successBytes(call.xid, call.args)) {
      socket.write(Uint8Array.of(b));
      await sleep(1);
    }
  };
  await withClient(split, async (client) => {
    assert.deepEqual(wordsOf(await client.call(PROG, 1, 1, args(1, 2, 3))), [1, 2, 3]);
  });
});

test('a reply in many fragments (3 bytes each), and a large one in 64 KiB fragments', async () => {
  const fragments: Answer = (call, socket) => {
    const n = wordsOf(call.args)[0]!;
    socket.write(successBytes(call.xid, new Uint8Array(n).fill(0xab), n > 1000 ? 65536 : 3));
  };
  await withClient(fragments, async (client) => {
    const small = await client.call(PROG, 1, 1, args(40));
    assert.equal(small.byteLength, 40);
    const large = await client.call(PROG, 1, 1, args(4 << 20));
    assert.equal(large.byteLength, 4 << 20);
    assert.ok(large.every((b) => b === 0xab));
  });
});

test('pipelined calls answered in reverse order each get their own reply', async () => {
  const reverse: Answer = async (call, socket) => {
    await sleep(100 - wordsOf(call.args)[0]!);
    socket.write(successBytes(call.xid, call.args));
  };
  await withClient(reverse, async (client, connections) => {
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => client.call(PROG, 1, 1, args(i))));
    assert.deepEqual(results.map((r) => wordsOf(r)[0]), Array.from({ length: 100 }, (_, i) => i));
    assert.equal(connections(), 1);
  });
});

test('a call nobody answers times out (E_SOURCE_IO); its late reply is ignored; the connection stays usable', async () => {
  const late: Answer = async (call, socket) => {
    if (wordsOf(call.args)[0] === 1) await sleep(300);
    socket.write(successBytes(call.xid, call.args));
  };
  await withClient(late, async (client, connections) => {
    const started = Date.now();
    await rejectsWith(client.call(PROG, 1, 1, args(1), 100), 'E_SOURCE_IO', /timed out after 100 ms/);
    assert.ok(Date.now() - started < 1000);
    await sleep(300); // the late reply arrives, matching no call
    assert.deepEqual(wordsOf(await client.call(PROG, 1, 1, args(2))), [2]);
    assert.equal(connections(), 1);
  });
});

test('a reply with another xid is ignored: the call still gets its own, or times out', async () => {
  const wrongFirst: Answer = (call, socket) => {
    socket.write(successBytes((call.xid + 1000) >>> 0, args(666)));
    if (wordsOf(call.args)[0] === 1) socket.write(successBytes(call.xid, call.args));
  };
  await withClient(wrongFirst, async (client) => {
    assert.deepEqual(wordsOf(await client.call(PROG, 1, 1, args(1))), [1]);
    await rejectsWith(client.call(PROG, 1, 1, args(2), 150), 'E_SOURCE_IO', /timed out/);
  });
});

test('the server closing in the middle of a reply fails every call in flight; the next call reconnects', async () => {
  const half: Answer = (call, socket) => {
    const bytes = successBytes(call.xid, call.args);
    const n = wordsOf(call.args)[0];
    if (n === 1) socket.end(bytes.subarray(0, 10));
    else if (n !== 5) socket.write(bytes);
  };
  await withClient(half, async (client, connections) => {
    // never answered: the close must fail it, not its timeout
    const pending = rejectsWith(client.call(PROG, 1, 1, args(5), 60_000), 'E_SOURCE_IO', /closed the connection/);
    await rejectsWith(client.call(PROG, 1, 1, args(1), 60_000), 'E_SOURCE_IO', /closed the connection in the middle of a reply/);
    await pending;
    assert.deepEqual(wordsOf(await client.call(PROG, 1, 1, args(3))), [3]);
    assert.equal(connections(), 2);
  });
});

test('a reply declared over maxReplyBytes is E_LIMIT before its data is buffered', async () => {
  const huge: Answer = (call, socket) => {
    const head = successBytes(call.xid, new Uint8Array(0)).subarray(4);
    const mark = new Uint8Array(4);
    new DataView(mark.buffer).setUint32(0, 0x80000000 + 0x7fff0000); // declares ~2 GiB, sends 24 bytes
    socket.write(mark);
    socket.write(head);
  };
  await withClient(huge, async (client) => {
    await rejectsWith(client.call(PROG, 1, 1, args(1), 60_000), 'E_LIMIT', /exceeds the maximum 1000/);
  }, { maxReplyBytes: 1000 });
});

test('a refusal is an RpcReplyError carrying the reply', async () => {
  const refuse: Answer = (call, socket) => {
    if (call.vers === 9) socket.write(replyBytes({ xid: call.xid, stat: 'PROG_MISMATCH', verf: { flavor: 0, body: new Uint8Array(0) }, low: 1, high: 2 }));
    else if (call.vers === 8) socket.write(replyBytes({ xid: call.xid, stat: 'AUTH_ERROR', auth: 'AUTH_TOOWEAK' }));
    else socket.write(replyBytes({ xid: call.xid, stat: 'GARBAGE_ARGS', verf: { flavor: 0, body: new Uint8Array(0) } }));
  };
  await withClient(refuse, async (client) => {
    await assert.rejects(client.call(PROG, 9, 1), (err: unknown) => err instanceof RpcReplyError && err.code === 'E_UNAVAILABLE' && err.reply.stat === 'PROG_MISMATCH' && /versions 1\.\.2/.test(err.message));
    await assert.rejects(client.call(PROG, 8, 1), (err: unknown) => err instanceof RpcReplyError && err.code === 'E_SOURCE_IO' && /AUTH_TOOWEAK/.test(err.message));
    await assert.rejects(client.call(PROG, 1, 1), (err: unknown) => err instanceof RpcReplyError && err.code === 'E_ARGUMENT');
  });
});

test('an undecodable reply fails the calls and drops the connection (E_PARSE)', async () => {
  const garbage: Answer = (call, socket) => {
    const b = successBytes(call.xid, new Uint8Array(0));
    new DataView(b.buffer, b.byteOffset).setUint32(8, 7); // msg_type 7
    socket.write(b);
  };
  await withClient(garbage, async (client) => {
    await rejectsWith(client.call(PROG, 1, 1), 'E_PARSE', /undecodable reply/);
  });
});

test('nothing listening: E_SOURCE_IO at once', async () => {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  const client = new RpcClient('127.0.0.1', port, { timeoutMs: 5000 });
  await rejectsWith(client.call(PROG, 1, 1), 'E_SOURCE_IO', /ECONNREFUSED/);
  await client.close();
});

test('close() fails calls in flight with E_CLOSED; calls after close are E_CLOSED', async () => {
  await withClient(() => undefined, async (client) => {
    const pending = rejectsWith(client.call(PROG, 1, 1, args(1), 60_000), 'E_CLOSED', /closed/);
    await sleep(50);
    await client.close();
    await pending;
    await rejectsWith(client.call(PROG, 1, 1), 'E_CLOSED', /is closed/);
  });
});
