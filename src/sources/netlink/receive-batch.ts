/**
 * Receive buffers for recvmmsg(2): `count` buffers in native memory and the struct mmsghdr
 * vector that points at them, so one call takes up to `count` of a dump's replies.
 *
 * Why native memory: a receive that runs on a pool thread (libc.ts recvmmsgAsync) writes
 * into these buffers while JavaScript runs, and the garbage collector may move or free
 * heap buffers; memory from koffi stays put until `free`. Each buffer is seen from
 * JavaScript as its own Uint8Array and DataView, made once.
 */
import { HOST_LITTLE_ENDIAN } from '../../protocol/netlink/host-order.js';
import type { Libc, NativeAddress, NativeMemory } from './libc.js';

/** recvmsg's flag for a reply cut short by a buffer that was too small. */
const MSG_TRUNC = 0x20;

export class ReceiveBatch {
  /** Buffer i as bytes and as a view; only the first `length(i)` bytes are the reply. */
  readonly bytes: readonly Uint8Array[];
  readonly views: readonly DataView[];
  /** The mmsghdr vector, to pass to recvmmsg. */
  readonly vector: NativeAddress;
  private readonly memory: NativeMemory;
  private readonly headers: DataView;
  private readonly layout: Libc['layout'];

  constructor(
    libc: Libc,
    readonly count: number,
    readonly bufferBytes: number,
  ) {
    const layout = (this.layout = libc.layout);
    const headersAt = count * bufferBytes;
    const iovecsAt = headersAt + count * layout.mmsghdrBytes;
    this.memory = libc.allocNative(iovecsAt + count * layout.iovecBytes);
    const all = new DataView(this.memory.buffer);
    const bytes: Uint8Array[] = [];
    const views: DataView[] = [];
    for (let i = 0; i < count; i++) {
      const iovec = iovecsAt + i * layout.iovecBytes;
      const header = headersAt + i * layout.mmsghdrBytes;
      writePointer(all, iovec, this.memory.address + BigInt(i * bufferBytes), layout.pointerBytes);
      writePointer(all, iovec + layout.iovLen, BigInt(bufferBytes), layout.pointerBytes);
      writePointer(all, header + layout.msgIov, this.memory.address + BigInt(iovec), layout.pointerBytes);
      writePointer(all, header + layout.msgIovlen, 1n, layout.pointerBytes);
      bytes.push(new Uint8Array(this.memory.buffer, i * bufferBytes, bufferBytes));
      views.push(new DataView(this.memory.buffer, i * bufferBytes, bufferBytes));
    }
    this.bytes = bytes;
    this.views = views;
    this.headers = new DataView(this.memory.buffer, headersAt, count * layout.mmsghdrBytes);
    this.vector = this.memory.at(headersAt);
  }

  /** Bytes the kernel put in buffer i by the last call. */
  length(i: number): number {
    return this.headers.getUint32(i * this.layout.mmsghdrBytes + this.layout.msgLen, HOST_LITTLE_ENDIAN);
  }

  /** Whether buffer i's reply did not fit. */
  truncated(i: number): boolean {
    return (this.headers.getInt32(i * this.layout.mmsghdrBytes + this.layout.msgFlags, HOST_LITTLE_ENDIAN) & MSG_TRUNC) !== 0;
  }

  free(): void {
    this.memory.free();
  }
}

function writePointer(view: DataView, at: number, value: bigint, bytes: number): void {
  if (bytes === 8) view.setBigUint64(at, value, HOST_LITTLE_ENDIAN);
  else view.setUint32(at, Number(value), HOST_LITTLE_ENDIAN);
}
