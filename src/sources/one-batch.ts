/**
 * A whole sockets() reading handed on as one batch: how a source streams what it can only read
 * whole (a snapshot, a remote host, any reading with owning processes, which one /proc scan
 * attributes all at once).
 */
import type { Socket } from '../records/socket.js';
import type { Reading, SocketBatchHandler } from './source.js';

export async function asOneBatch(read: Promise<Reading<Socket[]>>, onBatch: SocketBatchHandler): Promise<Reading<number>> {
  const reading = await read;
  if (reading.data.length > 0) await onBatch(reading.data);
  return { ...reading, data: reading.data.length };
}
