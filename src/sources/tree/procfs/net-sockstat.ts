/**
 * /proc/net/sockstat and /proc/net/sockstat6 — socket counts and socket memory.
 *
 * Printed by net/ipv4/proc.c sockstat_seq_show() and net/ipv6/proc.c
 * sockstat6_seq_show() as `LABEL: key value key value ...` lines (current kernels):
 *   sockets: used N                                  (sockstat only)
 *   TCP: inuse N orphan N tw N alloc N mem N
 *   UDP: inuse N mem N
 *   UDPLITE: inuse N        RAW: inuse N
 *   FRAG: inuse N memory N
 *   TCP6/UDP6/UDPLITE6/RAW6: inuse N;  FRAG6: inuse N memory N   (sockstat6)
 * Units and scope (they differ per key, and matter when reading another namespace):
 * - `mem` (TCP, UDP) is proto_memory_allocated(): PAGES, and global to the machine.
 *   `orphan` and `alloc` are global too (the netns fixture shows the same alloc as the
 *   root namespace). `inuse`, `tw`, `sockets: used` (4.16+) are per network namespace.
 * - FRAG `memory` is BYTES held by IP reassembly queues of this namespace.
 * The parser keeps every label and key as printed (unknown ones included); the page
 * size is not applied here (it is the source machine's, not ours).
 */
import type { ParseResult } from './parse-result.js';
import { parseLabelledKeyValues, type LabelledKeyValues } from '../text/key-value-lines.js';

export type SockstatRow = LabelledKeyValues;

export function parseNetSockstat(text: string, file: string): ParseResult<SockstatRow> {
  return parseLabelledKeyValues(text, file);
}

/** sockstat6 has the same format (labels TCP6, UDP6, UDPLITE6, RAW6, FRAG6). */
export const parseNetSockstat6 = parseNetSockstat;
