/**
 * CRC-32 as zlib, gzip, PNG and Ethernet compute it (reflected polynomial 0xEDB88320,
 * initial value and final xor 0xFFFFFFFF; crc32("123456789") = 0xCBF43926). Written here
 * because node:zlib only has crc32 from Node 22.2 and protocol code stays I/O-free.
 * It detects every single-bit error, every burst of up to 32 bits, and all but 2^-32 of
 * other corruption: the guard against a damaged or truncated snapshot, not against an
 * adversary (a file is trusted as much as the user who gives it to us).
 */

const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 of `bytes`, as an unsigned 32-bit number. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = (TABLE[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
