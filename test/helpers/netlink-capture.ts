/**
 * Captured netlink replies for parser tests: test/fixtures/netlink/<name>.bin holds the
 * received buffers of one dump back to back (whole messages, as the kernel sent them,
 * little-endian: captured on x86-64). `captureDump` makes one from the live kernel;
 * `replay` walks a capture the way the socket walks a receive buffer.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './fixture.js';
import { walkMessages } from '../../src/protocol/netlink/message.js';
import { NetlinkSocket } from '../../src/sources/netlink/netlink-socket.js';

export const NETLINK_FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'netlink');

export function readCapture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(NETLINK_FIXTURES, `${name}.bin`)));
}

/** The sequence number of the first message: every message of one capture carries it. */
export function captureSeq(bytes: Uint8Array): number {
  return bytes.length >= 16 ? new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true) : 0;
}

/** Walk every message of a capture; returns the walk's result. */
export function replay(bytes: Uint8Array, visit: (bytes: Uint8Array, view: DataView, type: number, start: number, end: number) => void) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return walkMessages(bytes, bytes.length, captureSeq(bytes), (type, _flags, start, end) => visit(bytes, view, type, start, end));
}

/** Dump from the live kernel (or a namespace) and save the raw reply as <name>.bin. */
export async function captureDump(name: string, protocol: number, type: number, payload: Uint8Array, netnsPath?: string): Promise<void> {
  const socket = await NetlinkSocket.open(protocol, name, netnsPath);
  const chunks: Uint8Array[] = [];
  try {
    await socket.dump(type, payload, () => {}, { onReceive: (chunk) => chunks.push(chunk) });
  } finally {
    await socket.close();
  }
  writeFileSync(join(NETLINK_FIXTURES, `${name}.bin`), Buffer.concat(chunks));
}
