/**
 * A tiny ONC RPC responder for transport tests, built from the pure codec: a TCP server on
 * 127.0.0.1 that deframes calls and hands each to `answer`, which writes whatever bytes it
 * likes (whole replies, split replies, wrong xids, nothing, half a reply then a close).
 */
import { createServer, type Server, type Socket } from 'node:net';
import { decodeCall, encodeReply, type RpcCall, type RpcReply } from '../../src/protocol/rpc/message.js';
import { RecordDeframer, frameRecord } from '../../src/protocol/rpc/record-mark.js';
import { AUTH_NONE_TOKEN } from '../../src/protocol/rpc/message.js';

export type Answer = (call: RpcCall, socket: Socket) => void | Promise<void>;

export interface Responder {
  readonly port: number;
  /** Connections accepted so far. */
  readonly connections: () => number;
  close(): Promise<void>;
}

export function successBytes(xid: number, results: Uint8Array, fragment?: number): Uint8Array {
  return frameRecord(encodeReply({ xid, stat: 'SUCCESS', verf: AUTH_NONE_TOKEN, results }), fragment);
}

export function replyBytes(reply: RpcReply): Uint8Array {
  return frameRecord(encodeReply(reply));
}

/** Listens on `host` (127.0.0.1 by default; ::1 for IPv6 tests), a free port. */
export async function startResponder(answer: Answer, host = '127.0.0.1'): Promise<Responder> {
  let accepted = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const deframer = new RecordDeframer();
    socket.on('data', (chunk: Buffer) => {
      for (const record of deframer.push(chunk).records) {
        const d = decodeCall(record);
        if (d.ok) void answer(d.call, socket);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
