/**
 * The daemon's transports: TCP (record marking, node:net) and UDP (one message per
 * datagram, node:dgram), with every bound of limits.ts enforced here:
 *
 *  - accept: a peer outside the allow-list, or over the connection caps (overall, per
 *    address), is closed before anything is read;
 *  - a connection assembles at most one call record (maxRecordBytes, maxFragments,
 *    checked on each fragment header before buffering) and is closed on a violation;
 *  - calls on one connection are served one at a time in order: while one is served or
 *    its reply has not drained, the socket is paused (so a client that pipelines or does
 *    not read its replies holds one reply's memory, and TCP pushes back on it);
 *  - calls served at once are capped per address and overall: over the cap a TCP call
 *    waits its turn (FIFO), a UDP datagram is dropped (the client retries);
 *  - a connection without a complete call for idleMs, or whose reply does not drain
 *    within writeTimeoutMs, is closed.
 *
 * Sockets given by systemd (LISTEN_FDS) are adopted by type: stream sockets as TCP
 * listeners, datagram sockets as UDP.
 */
import net from 'node:net';
import dgram from 'node:dgram';
import { once } from 'node:events';
import { LAST_FRAGMENT_BIT, RecordDeframer, recordFragments } from '../protocol/rpc/record-mark.js';
import type { AllowList } from './allow-list.js';
import { ClientCounter, type Limits } from './limits.js';
import type { Log } from './log.js';
import type { Dispatched } from './rpc-dispatch.js';
import type { InheritedSocket } from './inherited-sockets.js';

export type Transport = 'tcp' | 'udp';
export type Handler = (record: Uint8Array, transport: Transport, peer: string) => Promise<Dispatched>;

export interface ListenAddress {
  readonly host: string;
  readonly port: number;
  /** A default address that may be missing on this machine (::1 without IPv6): a warning, not fatal. */
  readonly optional?: boolean;
}

export interface Bound {
  readonly transport: Transport;
  readonly family: 4 | 6;
  readonly address: string;
  readonly port: number;
}

export interface ServerOptions {
  readonly limits: Limits;
  readonly allow: AllowList;
  readonly log: Log;
  readonly handle: Handler;
  /** Serve UDP next to TCP on each address (default true). */
  readonly udp?: boolean;
}

/** Largest fragment of a reply: a large reply streams out fragment by fragment. */
const REPLY_FRAGMENT_BYTES = 1 << 20;
/** A reply up to this size is copied into one framed buffer (one last fragment) and written at once. */
const SMALL_REPLY_BYTES = 64 * 1024;

/** A small reply's pieces as one record of one last fragment: the record mark, then the bytes. */
function frameSmall(pieces: readonly Uint8Array[], bytes: number): Uint8Array {
  const out = new Uint8Array(4 + bytes);
  new DataView(out.buffer).setUint32(0, (LAST_FRAGMENT_BIT | bytes) >>> 0);
  let at = 4;
  for (const p of pieces) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
const UDP_DATAGRAM_MAX = 65_535;

export class RpcServer {
  private readonly options: ServerOptions;
  private readonly servers: net.Server[] = [];
  private readonly udpSockets: dgram.Socket[] = [];
  private readonly sockets = new Set<net.Socket>();
  private readonly connections: ClientCounter;
  private readonly calls: ClientCounter;
  private readonly waiting: { client: string; go: () => void }[] = [];
  private closing = false;
  /** Counters for the log and tests. */
  readonly stats = { accepted: 0, refused: 0, violations: 0, idleClosed: 0, udpDropped: 0 };

  constructor(options: ServerOptions) {
    this.options = options;
    const l = options.limits;
    this.connections = new ClientCounter(l.maxConnectionsPerClient, l.maxConnections);
    this.calls = new ClientCounter(l.maxConcurrentPerClient, l.maxConcurrent);
  }

  /** Binds TCP (and UDP) on each address. Port 0: the first gets a free port, the others reuse it. */
  async listen(addresses: readonly ListenAddress[]): Promise<Bound[]> {
    const bound: Bound[] = [];
    let shared = 0;
    for (const a of addresses) {
      const port = a.port === 0 ? shared : a.port;
      try {
        const got = await this.listenOne(a.host, port);
        if (a.port === 0 && shared === 0) shared = got[0]!.port;
        bound.push(...got);
      } catch (err) {
        if (!a.optional) throw err;
        this.options.log.warning(`kstatd: not listening on ${a.host}: ${(err as Error).message}`);
      }
    }
    return bound;
  }

  private async listenOne(host: string, port: number): Promise<Bound[]> {
    const family = net.isIPv6(host) ? 6 : 4;
    const server = this.tcpServer();
    server.listen({ host, port, ipv6Only: family === 6, exclusive: true });
    await Promise.race([once(server, 'listening'), once(server, 'error').then(([e]) => Promise.reject(e))]);
    this.servers.push(server);
    const tcpPort = (server.address() as net.AddressInfo).port;
    const out: Bound[] = [{ transport: 'tcp', family, address: host, port: tcpPort }];
    if (this.options.udp !== false) {
      const sock = this.udpSocket(family);
      sock.bind({ address: host, port: tcpPort, exclusive: true });
      await Promise.race([once(sock, 'listening'), once(sock, 'error').then(([e]) => Promise.reject(e))]);
      this.udpSockets.push(sock);
      out.push({ transport: 'udp', family, address: host, port: tcpPort });
    }
    return out;
  }

  /**
   * Adopts the sockets systemd passed (inherited-sockets.ts): stream sockets as TCP
   * listeners, datagram sockets as UDP (unless `udp` is false: they are then left alone,
   * with a notice). A socket of unknown type is taken as a stream socket.
   */
  async adopt(sockets: readonly InheritedSocket[]): Promise<Bound[]> {
    const bound: Bound[] = [];
    for (const s of sockets) {
      if (s.type === 'datagram') {
        if (this.options.udp === false) {
          this.options.log.notice(`kstatd: socket activation: fd ${s.fd} is a datagram socket and --no-udp is given: not served`);
          continue;
        }
        const sock = this.udpSocket(s.family ?? 4);
        // Binding to an fd emits 'listening' at once (synchronously): listen first.
        const listening = Promise.race([once(sock, 'listening'), once(sock, 'error').then(([e]) => Promise.reject(e))]);
        sock.bind({ fd: s.fd });
        await listening;
        this.udpSockets.push(sock);
        const a = sock.address();
        bound.push({ transport: 'udp', family: a.family === 'IPv6' ? 6 : 4, address: a.address, port: a.port });
        continue;
      }
      if (s.type === 'unknown') this.options.log.warning(`kstatd: socket activation: the type of fd ${s.fd} is unknown (${s.why ?? '?'}); taken as a listening stream socket`);
      const server = this.tcpServer();
      server.listen({ fd: s.fd });
      await Promise.race([once(server, 'listening'), once(server, 'error').then(([e]) => Promise.reject(e))]);
      this.servers.push(server);
      const a = server.address() as net.AddressInfo;
      bound.push({ transport: 'tcp', family: a.family === 'IPv6' ? 6 : 4, address: a.address, port: a.port });
    }
    return bound;
  }

  /** Stops listening and closes every connection (a call being served is not answered). */
  async close(): Promise<void> {
    this.closing = true;
    for (const s of this.sockets) s.destroy();
    for (const u of this.udpSockets) u.close();
    await Promise.all(this.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }

  get openConnections(): number {
    return this.sockets.size;
  }

  private tcpServer(): net.Server {
    const server = net.createServer({ pauseOnConnect: true, noDelay: true }, (socket) => this.accept(socket));
    server.on('error', (err) => this.options.log.err(`kstatd: tcp listener: ${err.message}`));
    return server;
  }

  private accept(socket: net.Socket): void {
    const peer = socket.remoteAddress ?? '?';
    socket.on('error', () => undefined); // a reset peer: the close handler cleans up
    if (this.closing || !this.options.allow.allows(socket.remoteAddress)) {
      this.stats.refused++;
      this.options.log.debug(`kstatd: refused tcp from ${peer} (not in the allow-list)`);
      socket.destroy();
      return;
    }
    if (!this.connections.acquire(peer)) {
      this.stats.refused++;
      this.options.log.debug(`kstatd: refused tcp from ${peer}: ${this.connections.count()} connections open (${this.connections.count(peer)} from it)`);
      socket.destroy();
      return;
    }
    this.stats.accepted++;
    this.sockets.add(socket);
    socket.once('close', () => {
      this.sockets.delete(socket);
      this.connections.release(peer);
    });
    new Connection(socket, peer, this).start();
  }

  /** Waits for a call slot for `client` (FIFO); resolves to the release function. */
  async callSlot(client: string): Promise<() => void> {
    if (!this.calls.acquire(client)) await new Promise<void>((go) => this.waiting.push({ client, go }));
    return () => this.releaseSlot(client);
  }

  private releaseSlot(client: string): void {
    this.calls.release(client);
    const i = this.waiting.findIndex((w) => this.calls.acquire(w.client));
    if (i >= 0) this.waiting.splice(i, 1)[0]!.go();
  }

  get config(): ServerOptions {
    return this.options;
  }

  private udpSocket(family: 4 | 6): dgram.Socket {
    const sock = dgram.createSocket({ type: family === 6 ? 'udp6' : 'udp4', ipv6Only: family === 6, recvBufferSize: 1 << 20 });
    sock.on('error', (err) => this.options.log.err(`kstatd: udp: ${err.message}`));
    sock.on('message', (msg, rinfo) => void this.datagram(sock, msg, rinfo));
    return sock;
  }

  private async datagram(sock: dgram.Socket, msg: Buffer, rinfo: dgram.RemoteInfo): Promise<void> {
    const peer = rinfo.address;
    if (this.closing || !this.options.allow.allows(peer) || msg.byteLength > Math.min(UDP_DATAGRAM_MAX, this.options.limits.maxRecordBytes)) {
      this.stats.udpDropped++;
      return;
    }
    if (!this.calls.acquire(peer)) {
      this.stats.udpDropped++;
      return;
    }
    try {
      const result = await this.options.handle(new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength), 'udp', peer);
      this.logOutcome('udp', peer, result);
      if (result.reply !== undefined && !this.closing) sock.send(result.reply, rinfo.port, rinfo.address, () => undefined);
    } catch (err) {
      this.options.log.err(`kstatd: udp call from ${peer}: ${(err as Error).message}`);
    } finally {
      this.releaseSlot(peer);
    }
  }

  logOutcome(transport: Transport, peer: string, result: Dispatched): void {
    const line = `kstatd: ${transport} ${peer}: ${result.outcome}`;
    if (result.failed === true) this.options.log.warning(line);
    else this.options.log.debug(line);
  }
}

/** One TCP connection: deframe, serve calls in order, write replies, idle and write timers. */
class Connection {
  private readonly socket: net.Socket;
  private readonly peer: string;
  private readonly server: RpcServer;
  private readonly deframer: RecordDeframer;
  private readonly queue: Uint8Array[] = [];
  private busy = false;
  private idle: NodeJS.Timeout | undefined;

  constructor(socket: net.Socket, peer: string, server: RpcServer) {
    this.socket = socket;
    this.peer = peer;
    this.server = server;
    const l = server.config.limits;
    this.deframer = new RecordDeframer({ maxRecordBytes: l.maxRecordBytes, maxFragments: l.maxFragments, maxEmptyFragments: 16 });
  }

  start(): void {
    this.socket.on('data', (chunk: Buffer) => this.data(chunk));
    this.socket.once('close', () => clearTimeout(this.idle));
    this.armIdle();
    this.socket.resume();
  }

  private armIdle(): void {
    clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      this.server.stats.idleClosed++;
      this.server.config.log.debug(`kstatd: tcp ${this.peer}: idle for ${this.server.config.limits.idleMs} ms, closed`);
      this.socket.destroy();
    }, this.server.config.limits.idleMs);
  }

  private data(chunk: Buffer): void {
    const { records, violation } = this.deframer.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (records.length > 0) this.armIdle();
    this.queue.push(...records);
    if (violation !== undefined) {
      this.server.stats.violations++;
      this.server.config.log.notice(`kstatd: tcp ${this.peer}: ${violation.kind} (limit ${violation.limit}), connection closed`);
      // Calls already complete are dropped too: the stream is broken.
      this.queue.length = 0;
      this.socket.destroy();
      return;
    }
    if (this.queue.length > 0) void this.drain();
  }

  /** Serves queued calls one by one; the socket is paused meanwhile. */
  private async drain(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.socket.pause();
    try {
      while (this.queue.length > 0 && !this.socket.destroyed) await this.serve(this.queue.shift()!);
    } catch (err) {
      this.server.config.log.err(`kstatd: tcp ${this.peer}: ${(err as Error).message}`);
      this.socket.destroy();
    } finally {
      this.busy = false;
      if (!this.socket.destroyed) this.socket.resume();
    }
  }

  private async serve(record: Uint8Array): Promise<void> {
    const release = await this.server.callSlot(this.peer);
    let result: Dispatched;
    try {
      if (this.socket.destroyed) return;
      result = await this.server.config.handle(record, 'tcp', this.peer);
    } finally {
      release();
    }
    this.server.logOutcome('tcp', this.peer, result);
    if (result.pieces === undefined || this.socket.destroyed) return;
    await this.write(result.pieces);
  }

  /**
   * Writes one reply as fragments — views of the reply's pieces, in one vectored write —
   * and waits for it to drain (writeTimeoutMs at most).
   */
  private async write(reply: readonly Uint8Array[]): Promise<void> {
    let flushed = true;
    const bytes = reply.reduce((n, piece) => n + piece.byteLength, 0);
    if (bytes <= SMALL_REPLY_BYTES) {
      flushed = this.socket.write(frameSmall(reply, bytes)); // one buffer, one write: small calls are most calls
    } else {
      this.socket.cork();
      for (const piece of recordFragments(reply, REPLY_FRAGMENT_BYTES)) flushed = this.socket.write(piece);
      this.socket.uncork();
    }
    if (flushed) return;
    const timeout = this.server.config.limits.writeTimeoutMs;
    clearTimeout(this.idle);
    const stop = new AbortController();
    const timedOut = new Promise<'timeout'>((resolve) => {
      const timer = setTimeout(() => resolve('timeout'), timeout);
      stop.signal.addEventListener('abort', () => clearTimeout(timer));
    });
    const drained = once(this.socket, 'drain', { signal: stop.signal }).then(() => 'drain' as const, () => 'closed' as const);
    const closed = once(this.socket, 'close', { signal: stop.signal }).then(() => 'closed' as const, () => 'closed' as const);
    const how = await Promise.race([drained, timedOut, closed]);
    stop.abort();
    if (how === 'timeout') {
      this.server.config.log.notice(`kstatd: tcp ${this.peer}: reply not read within ${timeout} ms, connection closed`);
      this.socket.destroy();
      return;
    }
    this.armIdle();
  }
}
