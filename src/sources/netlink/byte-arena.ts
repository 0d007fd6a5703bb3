/**
 * Copies of many small byte ranges (one struct tcp_info per socket) kept past the receive
 * buffer they came from, in a few large chunks instead of one allocation each: 100k
 * separate typed arrays cost more garbage-collector time than the copying.
 */
const CHUNK_BYTES = 1 << 20;

export class ByteArena {
  /** The chunk the last copy went to: copies are chunk[offset, offset + length). */
  chunk = new Uint8Array(0);
  private used = 0;

  /** Copy bytes[start, end) into `chunk` (a fresh one when full); returns its offset there. */
  copy(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    if (this.used + length > this.chunk.length) {
      this.chunk = new Uint8Array(Math.max(CHUNK_BYTES, length));
      this.used = 0;
    }
    const offset = this.used;
    // A loop, not set(subarray()): one typed-array object per copy is what this class avoids.
    const chunk = this.chunk;
    for (let i = 0; i < length; i++) chunk[offset + i] = bytes[start + i]!;
    this.used += length;
    return offset;
  }
}
