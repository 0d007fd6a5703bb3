/**
 * An ONC RPC client over TCP (RFC 5531 §11): the I/O around the pure codec of
 * src/protocol/rpc/. One connection, opened on the first call and reused; calls are
 * pipelined on it (each gets the next xid, replies are matched by xid in any order).
 *
 *  - Replies are deframed with RecordDeframer and its caps checked before buffering: a
 *    server declaring a record over `maxReplyBytes` breaks the connection (E_LIMIT), as a
 *    stream cannot be resynchronised.
 *  - Every call has its own timeout (E_SOURCE_IO, "timed out"); a reply that arrives later,
 *    or any reply whose xid no call is waiting for, is ignored (libtirpc's clnt_vc does the
 *    same: xids are how a stream client tells stale replies apart).
 *  - The peer closing (or an error, or an undecodable reply) fails every call in flight
 *    with a KstatError — never a hang — and the next call opens a new connection.
 *  - A reply other than SUCCESS is an RpcReplyError carrying the reply.
 *  - The socket is unref'd while nothing is in flight: an idle client keeps no process alive.
 */
import { Socket, connect } from 'node:net';
import { KstatError } from '../../errors.js';
import { AUTH_NONE_TOKEN, decodeReply, encodeCall, type OpaqueAuth, type RpcReply } from '../../protocol/rpc/message.js';
import { RecordDeframer, recordFragments, type DeframerLimits, type RecordViolation } from '../../protocol/rpc/record-mark.js';

export interface RpcClientOptions {
  /** Per-call timeout in ms (default 10 s). */
  readonly timeoutMs?: number;
  /** Connect timeout in ms (default: the call timeout). */
  readonly connectTimeoutMs?: number;
  /** Largest reply record accepted (default 256 MiB: a full socket view of a busy host). */
  readonly maxReplyBytes?: number;
  /** Credential of every call (default AUTH_NONE). */
  readonly cred?: OpaqueAuth;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
/** The one read buffer of a connection (reused for every read; records are copied out of it). */
const READ_BUFFER_BYTES = 256 * 1024;
export const DEFAULT_MAX_REPLY_BYTES = 256 * 1024 * 1024;

/** A reply that is not SUCCESS (PROG_UNAVAIL, PROG_MISMATCH, GARBAGE_ARGS, AUTH_ERROR, ...). */
export class RpcReplyError extends KstatError {
  readonly reply: RpcReply;
  constructor(reply: RpcReply, where: string) {
    const detail = reply.stat === 'PROG_MISMATCH' || reply.stat === 'RPC_MISMATCH' ? ` (versions ${reply.low}..${reply.high})` : reply.stat === 'AUTH_ERROR' ? ` (${reply.auth})` : '';
    const code = reply.stat === 'PROG_UNAVAIL' || reply.stat === 'PROG_MISMATCH' || reply.stat === 'PROC_UNAVAIL' ? 'E_UNAVAILABLE' : reply.stat === 'GARBAGE_ARGS' ? 'E_ARGUMENT' : 'E_SOURCE_IO';
    super(code, `${where}: the server answered ${reply.stat}${detail}`);
    this.reply = reply;
  }
}

interface Pending {
  readonly resolve: (results: Uint8Array) => void;
  readonly reject: (err: unknown) => void;
  readonly timer: NodeJS.Timeout;
  readonly what: string;
}

interface Connection {
  readonly socket: Socket;
  readonly ready: Promise<void>;
  readonly deframer: RecordDeframer;
}

export class RpcClient {
  readonly host: string;
  readonly port: number;
  private readonly timeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly limits: DeframerLimits;
  private readonly cred: OpaqueAuth;
  private readonly pending = new Map<number, Pending>();
  private conn: Connection | undefined;
  private xid = (Math.random() * 0x7fffffff) >>> 0;
  private closed = false;

  constructor(host: string, port: number, options: RpcClientOptions = {}) {
    this.host = host;
    this.port = port;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.connectTimeoutMs = options.connectTimeoutMs ?? this.timeoutMs;
    this.limits = { maxRecordBytes: options.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES, maxFragments: 1 << 20, maxEmptyFragments: 16 };
    this.cred = options.cred ?? AUTH_NONE_TOKEN;
  }

  /** `host:port` as users write it (IPv6 in brackets). */
  get label(): string {
    return `${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.port}`;
  }

  /** Calls prog/vers/proc with XDR `args`; resolves with the results of a SUCCESS reply. */
  async call(prog: number, vers: number, proc: number, args: Uint8Array = new Uint8Array(0), timeoutMs = this.timeoutMs): Promise<Uint8Array> {
    if (this.closed) throw new KstatError('E_CLOSED', `rpc client for ${this.label} is closed`);
    const conn = this.connection();
    const xid = (this.xid = (this.xid + 1) >>> 0);
    const what = `rpc ${this.label} program ${prog} version ${vers} procedure ${proc}`;
    const record = encodeCall({ xid, prog, vers, proc, cred: this.cred, verf: AUTH_NONE_TOKEN }, args);
    const results = new Promise<Uint8Array>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(xid);
        this.idle();
        reject(new KstatError('E_SOURCE_IO', `${what}: timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(xid, { resolve, reject, timer, what });
    });
    conn.socket.ref();
    // Written once connected; a failed connect rejects the call through fail().
    conn.ready.then(() => {
      if (this.conn === conn && this.pending.has(xid)) for (const piece of recordFragments(record)) conn.socket.write(piece);
    }, () => undefined);
    return results;
  }

  /** Closes the connection; calls in flight fail with E_CLOSED. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const conn = this.conn;
    this.failAll(new KstatError('E_CLOSED', `rpc client for ${this.label} closed`));
    this.conn = undefined;
    if (conn === undefined || conn.socket.destroyed) return;
    await new Promise<void>((resolve) => {
      conn.socket.once('close', () => resolve());
      conn.socket.ref(); // an unref'd socket would let the process exit before 'close'
      conn.socket.end();
      setTimeout(() => conn.socket.destroy(), 1000).unref();
    });
  }

  private connection(): Connection {
    if (this.conn !== undefined) return this.conn;
    // Reads land in one reused buffer (fewer, larger reads than 64 KiB 'data' chunks); the
    // deframer copies each record out of it as it arrives (copy mode), so a reply of many
    // fragments is whole when its last byte comes, not joined afterwards.
    let deliver: (chunk: Uint8Array) => void = () => undefined;
    const socket = connect({
      host: this.host,
      port: this.port,
      onread: {
        buffer: new Uint8Array(READ_BUFFER_BYTES),
        callback: (n: number, buf: Uint8Array) => {
          deliver(buf.subarray(0, n));
          return true;
        },
      },
    });
    socket.setNoDelay(true);
    const deframer = new RecordDeframer(this.limits, { copy: true });
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => socket.destroy(new KstatError('E_SOURCE_IO', `rpc ${this.label}: connect timed out after ${this.connectTimeoutMs} ms`)), this.connectTimeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('close', () => {
        clearTimeout(timer);
        reject(new KstatError('E_SOURCE_IO', `rpc ${this.label}: connection closed`));
      });
    });
    const conn: Connection = { socket, ready, deframer };
    deliver = (chunk) => this.receive(conn, chunk);
    socket.on('error', (err) => this.drop(conn, ioError(this.label, err)));
    socket.on('close', () => this.drop(conn, new KstatError('E_SOURCE_IO', `rpc ${this.label}: the server closed the connection${deframer.midRecord ? ' in the middle of a reply' : ''}`)));
    this.conn = conn;
    return conn;
  }

  private receive(conn: Connection, chunk: Uint8Array): void {
    const { records, violation } = conn.deframer.push(chunk);
    for (const record of records) {
      let reply: RpcReply;
      try {
        reply = decodeReply(record);
      } catch (err) {
        this.drop(conn, new KstatError('E_PARSE', `rpc ${this.label}: undecodable reply: ${err instanceof Error ? err.message : String(err)}`, { cause: err }));
        return;
      }
      this.settle(reply);
    }
    if (violation !== undefined) this.drop(conn, violationError(this.label, violation));
  }

  private settle(reply: RpcReply): void {
    const p = this.pending.get(reply.xid);
    if (p === undefined) return; // stale (timed out) or never ours: ignored, as clnt_vc does
    this.pending.delete(reply.xid);
    clearTimeout(p.timer);
    this.idle();
    if (reply.stat === 'SUCCESS') p.resolve(reply.results);
    else p.reject(new RpcReplyError(reply, p.what));
  }

  /** The connection is unusable: every call in flight fails with `err`; the next call reconnects. */
  private drop(conn: Connection, err: KstatError): void {
    if (this.conn !== conn) return;
    this.conn = undefined;
    conn.socket.destroy();
    this.failAll(err);
  }

  private failAll(err: KstatError): void {
    const calls = [...this.pending.values()];
    this.pending.clear();
    for (const p of calls) {
      clearTimeout(p.timer);
      p.reject(new KstatError(err.code, `${p.what}: ${err.message}`, { cause: err }));
    }
  }

  private idle(): void {
    if (this.pending.size === 0) this.conn?.socket.unref();
  }
}

function ioError(label: string, err: Error): KstatError {
  if (KstatError.is(err)) return err;
  return new KstatError('E_SOURCE_IO', `rpc ${label}: ${err.message}`, { cause: err });
}

function violationError(label: string, v: RecordViolation): KstatError {
  const what = v.kind === 'record-too-large' ? `a reply of ${v.declared} bytes exceeds the maximum ${v.limit}` : `${v.kind} (limit ${v.limit})`;
  return new KstatError('E_LIMIT', `rpc ${label}: ${what} at stream byte ${v.offset}; connection closed`);
}
