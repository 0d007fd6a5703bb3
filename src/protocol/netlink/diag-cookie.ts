/**
 * sock_diag socket cookies (the *_cookie[2] fields of every diag request and message):
 * one 64-bit id stored as two u32 in host order, low half first (sock_diag_save_cookie),
 * so the layout is the same on either byte order.
 */
import { HOST_LITTLE_ENDIAN } from './host-order.js';

export function readDiagCookie(view: DataView, at: number): bigint {
  return (BigInt(view.getUint32(at + 4, HOST_LITTLE_ENDIAN)) << 32n) | BigInt(view.getUint32(at, HOST_LITTLE_ENDIAN));
}

export function writeDiagCookie(view: DataView, at: number, cookie: bigint): void {
  view.setUint32(at, Number(cookie & 0xffffffffn), HOST_LITTLE_ENDIAN);
  view.setUint32(at + 4, Number((cookie >> 32n) & 0xffffffffn), HOST_LITTLE_ENDIAN);
}
