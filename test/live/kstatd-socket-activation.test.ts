/**
 * Live: kstatd under socket activation, started the way systemd starts a service: the
 * sockets already bound (here by the test, on 127.0.0.1 free ports) and passed as fds 3
 * and 4, LISTEN_FDS=2 and LISTEN_PID set to the pid that execs kstatd (a shell sets
 * LISTEN_PID=$$ and execs, as systemd sets it between fork and exec). fd 3 is a listening
 * TCP socket (ListenStream=), fd 4 a UDP socket (ListenDatagram=). kstatd must tell them
 * apart and serve NULL and CHAINID over the inherited UDP socket (including a datagram that
 * was waiting in it before kstatd started), and the same chain over TCP; with --no-udp it
 * leaves the datagram socket alone. (rpcinfo -u needs an rpcbind even with -n PORT:
 * kstatd-rpcbind.test.ts makes those calls.) Everything stays on 127.0.0.1; every wait is
 * bounded; kstatd is stopped by its pid.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import dgram from 'node:dgram';
import net from 'node:net';
import { decodeReply, encodeCall, AUTH_NONE_TOKEN, type RpcReply } from '../../src/protocol/rpc/message.js';
import { KSTATPROG, KSTATVERS, KSTATVERS_BATCH, KSTAT_RPC, decodeChainIdResult, decodeReadResult, encodeReadArgs } from '../../src/protocol/kstat-x/procedures.js';
import { KSTAT_STATUS } from '../../src/protocol/kstat-x/status.js';
import { KstatRpc } from '../../src/sources/remote/kstat-rpc.js';
import { RpcClient } from '../../src/sources/remote/transport.js';

const MAIN = 'build/src/cli/kstatd/main.js';
const TREE = 'test/fixtures/trees/linux-6.18.44-fc-v595-live';

/** The fd of a bound socket (node keeps it in `_handle`; dgram's getter warns, so quietly). */
function fdOf(socket: net.Server | dgram.Socket): number {
  const quiet = process.noDeprecation;
  process.noDeprecation = true;
  try {
    return (socket as unknown as { _handle: { fd: number } })._handle.fd;
  } finally {
    process.noDeprecation = quiet;
  }
}

interface Activated {
  readonly child: ChildProcess;
  readonly tcpPort: number;
  readonly udpPort: number;
  readonly log: () => string;
}

/**
 * Binds TCP and UDP on 127.0.0.1, runs `before` (with the UDP port: a datagram sent then
 * waits in the socket, as the one that makes systemd start the service does), starts
 * kstatd with them as fds 3 and 4, closes our copies.
 */
async function activate(extra: string[], before: (udpPort: number) => void = () => undefined): Promise<Activated> {
  const server = net.createServer();
  server.listen({ host: '127.0.0.1', port: 0, backlog: 16 });
  await once(server, 'listening');
  const udp = dgram.createSocket('udp4');
  udp.bind({ address: '127.0.0.1', port: 0 });
  await once(udp, 'listening');
  const tcpPort = (server.address() as net.AddressInfo).port;
  const udpPort = udp.address().port;
  before(udpPort);
  const script = 'LISTEN_PID=$$ LISTEN_FDS=2 exec "$0" "$@"';
  const child = spawn('/bin/sh', ['-c', script, process.execPath, MAIN, '--root', TREE, '--no-rpcbind', ...extra], {
    stdio: ['ignore', 'ignore', 'pipe', fdOf(server), fdOf(udp)],
  });
  server.close();
  udp.close();
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + 15_000;
  while (!/kstatd: ready/.test(log)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`kstatd did not start: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, tcpPort, udpPort, log: () => log };
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = once(child, 'exit');
  process.kill(child.pid!, 'SIGTERM');
  const [code] = (await exited) as [number | null];
  return code;
}

/** One call over UDP (3 tries, 2 s each); the reply, or 'timeout'. */
async function udpCall(port: number, vers: number, proc: number, args: Uint8Array = new Uint8Array(0)): Promise<RpcReply | 'timeout'> {
  const sock = dgram.createSocket('udp4');
  const xid = (Math.random() * 0x7fffffff) >>> 0;
  const message = encodeCall({ xid, prog: KSTATPROG, vers, proc, cred: AUTH_NONE_TOKEN, verf: AUTH_NONE_TOKEN }, args);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      sock.send(message, port, '127.0.0.1');
      const reply = await new Promise<RpcReply | undefined>((resolve) => {
        const timer = setTimeout(() => resolve(undefined), 2000);
        const onMessage = (m: Buffer) => {
          const r = decodeReply(new Uint8Array(m));
          if (r.xid !== xid) return;
          clearTimeout(timer);
          sock.off('message', onMessage);
          resolve(r);
        };
        sock.on('message', onMessage);
      });
      if (reply !== undefined) return reply;
    }
    return 'timeout';
  } finally {
    sock.close();
  }
}

function results(reply: RpcReply | 'timeout'): Uint8Array {
  assert.notEqual(reply, 'timeout', 'no UDP reply');
  assert.equal((reply as RpcReply).stat, 'SUCCESS');
  return (reply as Extract<RpcReply, { stat: 'SUCCESS' }>).results;
}

/** Sends a NULL call now; resolves with its reply (or undefined after `ms`). */
function earlyNull(port: number, ms: number): { sent: Promise<RpcReply | undefined>; close: () => void } {
  const sock = dgram.createSocket('udp4');
  const xid = 0x5eed;
  const sent = new Promise<RpcReply | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    sock.on('message', (m: Buffer) => {
      const r = decodeReply(new Uint8Array(m));
      if (r.xid !== xid) return;
      clearTimeout(timer);
      resolve(r);
    });
  });
  sock.send(encodeCall({ xid, prog: KSTATPROG, vers: KSTATVERS, proc: 0, cred: AUTH_NONE_TOKEN, verf: AUTH_NONE_TOKEN }), port, '127.0.0.1');
  return { sent, close: () => sock.close() };
}

test('inherited TCP (fd 3) and UDP (fd 4) sockets: NULL and CHAINID over UDP, the same chain over TCP', { timeout: 60_000 }, async () => {
  let early: ReturnType<typeof earlyNull> | undefined;
  const d = await activate([], (port) => (early = earlyNull(port, 20_000)));
  try {
    // The datagram sent before kstatd ran (the one that would make systemd start it) is answered.
    const first = await early!.sent;
    early!.close();
    assert.equal(first?.stat, 'SUCCESS', 'the datagram waiting in the inherited socket is answered');
    assert.match(d.log(), /socket activation: adopted 2 of 2 socket\(s\) \(tcp, udp\)/);
    assert.match(d.log(), new RegExp(`listening on tcp 127\\.0\\.0\\.1:${d.tcpPort}\\b`));
    assert.match(d.log(), new RegExp(`listening on udp 127\\.0\\.0\\.1:${d.udpPort}\\b`));

    for (const vers of [KSTATVERS, KSTATVERS_BATCH]) assert.equal(results(await udpCall(d.udpPort, vers, 0)).byteLength, 0, `NULL v${vers}`);
    const overUdp = decodeChainIdResult(results(await udpCall(d.udpPort, KSTATVERS, KSTAT_RPC.CHAINID)));
    assert.ok(overUdp.ok);

    const rpc = new KstatRpc(new RpcClient('127.0.0.1', d.tcpPort));
    try {
      const overTcp = await rpc.chainId();
      assert.equal(overUdp.chainId, overTcp.chainId);
      assert.equal(overUdp.bootTimeNs, overTcp.bootTimeNs);
      // A small kstat reads over UDP; the headers (kid 0) do not fit a datagram: EOVERFLOW.
      const { headers } = await rpc.headers();
      const small = headers.find((h) => h.type === 'NAMED' && h.ndata > 0 && h.ndata < 20)!;
      const read = decodeReadResult(results(await udpCall(d.udpPort, KSTATVERS, KSTAT_RPC.READ, encodeReadArgs(small.kid))));
      assert.ok(read.ok && read.kstat.name === small.name, 'READ of a small kstat over UDP');
      const big = decodeReadResult(results(await udpCall(d.udpPort, KSTATVERS, KSTAT_RPC.READ, encodeReadArgs(0))));
      assert.ok(!big.ok && big.status === KSTAT_STATUS.KSTAT_EOVERFLOW, 'kid 0 over UDP is EOVERFLOW');
    } finally {
      await rpc.client.close();
    }

  } finally {
    assert.equal(await stop(d.child), 0);
  }
});

test('with --no-udp an inherited datagram socket is left alone (TCP still served)', { timeout: 30_000 }, async () => {
  const d = await activate(['--no-udp']);
  try {
    assert.match(d.log(), /fd 4 is a datagram socket and --no-udp is given: not served/);
    assert.match(d.log(), /adopted 1 of 2 socket\(s\) \(tcp\)/);
    const rpc = new KstatRpc(new RpcClient('127.0.0.1', d.tcpPort));
    try {
      assert.ok((await rpc.chainId()).chainId > 0);
    } finally {
      await rpc.client.close();
    }
  } finally {
    assert.equal(await stop(d.child), 0);
  }
});
