/**
 * The socket-memory attribute every sock_diag family can send (INET_DIAG_SKMEMINFO,
 * UNIX_DIAG_MEMINFO, PACKET_DIAG_MEMINFO): an array of u32 indexed by SK_MEMINFO_*
 * (include/uapi/linux/sock_diag.h). The array has grown over the years (backlog and
 * drops came later than the rest), so its length is whatever the kernel sent: known
 * slots by name, a newer kernel's extra slots as "meminfoN" (N = slot index), never a
 * guessed zero.
 */
import { HOST_LITTLE_ENDIAN } from './host-order.js';

/** SK_MEMINFO_* slots in index order, named the way the records' `memory` counters name them. */
export const SK_MEMINFO_NAMES = ['rmem_alloc', 'rcvbuf', 'wmem_alloc', 'sndbuf', 'fwd_alloc', 'wmem_queued', 'optmem', 'backlog', 'drops'] as const;

/** Decode view[start, end) as SK_MEMINFO u32 slots (host order). A trailing partial slot is ignored. */
export function readSkMeminfo(view: DataView, start: number, end: number): Record<string, bigint> {
  const out: Record<string, bigint> = {};
  const slots = Math.floor(Math.max(0, end - start) / 4);
  for (let i = 0; i < slots; i++) {
    out[SK_MEMINFO_NAMES[i] ?? `meminfo${i}`] = BigInt(view.getUint32(start + 4 * i, HOST_LITTLE_ENDIAN));
  }
  return out;
}
