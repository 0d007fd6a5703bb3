/**
 * Netlink speaks the host's byte order (unlike XDR or IP headers). Protocol code does no
 * I/O, so it learns the order from memory layout, not from `os.endianness()`; captured
 * replies used in tests come from little-endian machines and say so.
 */
export const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
