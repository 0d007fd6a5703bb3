/**
 * Multicast flag bits → names.
 * - mca_flags of an IPv6 membership: include/net/if_inet6.h (MAF_*).
 * - vif flags: include/uapi/linux/mroute.h (VIFF_*), include/uapi/linux/mroute6.h (MIFF_*).
 * Bits no table knows appear as 0x-hex, so nothing is dropped.
 */

const MAF: readonly [number, string][] = [
  [0x01, 'TIMER_RUNNING'],
  [0x02, 'LAST_REPORTER'],
  [0x04, 'LOADED'],
  [0x08, 'NOREPORT'],
  [0x10, 'GSQUERY'],
];

const VIFF: readonly [number, string][] = [
  [0x1, 'TUNNEL'],
  [0x2, 'SRCRT'],
  [0x4, 'REGISTER'],
  [0x8, 'USE_IFINDEX'],
];

const MIFF: readonly [number, string][] = [[0x1, 'REGISTER']];

/** A vif made by device index: the kernel then keeps that index where the local address goes (the vifctl union), so there is no local address to show. */
export const VIFF_USE_IFINDEX = 0x8;

export const MAF_TIMER_RUNNING = 0x01;
export const MAF_LAST_REPORTER = 0x02;

function names(flags: number, table: readonly [number, string][]): string[] {
  const out: string[] = [];
  let known = 0;
  for (const [bit, name] of table) {
    known |= bit;
    if ((flags & bit) !== 0) out.push(name);
  }
  const unknown = (flags & ~known) >>> 0;
  for (let bit = 1; bit !== 0 && bit <= unknown; bit = (bit << 1) >>> 0) {
    if ((unknown & bit) !== 0) out.push(`0x${bit.toString(16)}`);
  }
  return out;
}

export function membershipFlagNames(flags: number): string[] {
  return names(flags, MAF);
}

export function vifFlagNames(flags: number, family: 'inet' | 'inet6'): string[] {
  return names(flags, family === 'inet' ? VIFF : MIFF);
}
