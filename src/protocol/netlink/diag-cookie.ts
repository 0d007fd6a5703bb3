/**
 * sock_diag socket cookies (the *_cookie[2] fields of every diag request and message):
 * one 64-bit id stored as two u32 in host order, low half first (sock_diag_save_cookie),
 * so the layout is the same on either byte order.
 */
import { HOST_LITTLE_ENDIAN } from './host-order.js';

export function readDiagCookie(view: DataView, at: number): bigint {
  // On a little-endian host the two halves are one little-endian u64: one allocation, not three.
  if (HOST_LITTLE_ENDIAN) return view.getBigUint64(at, true);
  return (BigInt(view.getUint32(at + 4, false)) << 32n) | BigInt(view.getUint32(at, false));
}

export function writeDiagCookie(view: DataView, at: number, cookie: bigint): void {
  view.setUint32(at, Number(cookie & 0xffffffffn), HOST_LITTLE_ENDIAN);
  view.setUint32(at + 4, Number((cookie >> 32n) & 0xffffffffn), HOST_LITTLE_ENDIAN);
}
