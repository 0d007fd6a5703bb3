/**
 * /proc/net/packet — one line per AF_PACKET socket of the network namespace.
 *
 * Printed by net/packet/af_packet.c packet_seq_show:
 *   header  "%*sRefCnt Type Proto  Iface R Rmem   User   Inode\n"  ("sk" padded to the pointer width)
 *   row     "%pK %-6d %-4d %04x   %-5d %1d %-6u %-6u %-6lu\n"
 *            sk  RefCnt Type Proto Iface R   Rmem  User  Inode
 * The nine columns are the same since 2.4's packet_read_proc; what changed is only
 * their content: `sk` is %pK since 2.6.38 (zeros under kptr_restrict) and a hashed value,
 * not the address, since 4.15; `R` comes from packet_sock_flag(PACKET_SOCK_RUNNING) since
 * 6.4 (po->running before). `Proto` is the ethertype in host order, in hex without 0x.
 * `Iface` is signed: -1 once the bound device was unregistered (packet_notifier).
 *
 * Header-driven: columns are found by name; an unknown column is kept as text under its
 * name in `extra`; a missing optional column leaves its field undefined; a header
 * without Type, Proto, Iface or Inode cannot identify sockets and gives `bad-header`.
 */
import { parseHex32, parseSmallInt, parseUnsignedCounter } from '../text/counter.js';
import { parseHeaderTable, type HeaderColumn } from '../text/header-table.js';
import type { ParseResult } from './parse-result.js';

/** One /proc/net/packet line, under the kernel's column names. */
export interface NetPacketRow {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly sk?: string;
  readonly RefCnt?: number;
  readonly Type: number;
  readonly Proto: number;
  readonly Iface: number;
  readonly R?: number;
  readonly Rmem?: bigint;
  readonly User?: number;
  readonly Inode: number;
  /** Columns of a newer kernel, as printed, by header name. */
  readonly extra?: Record<string, string>;
}

const HEX_POINTER = /^[0-9a-fA-F]+$/;
const U32_MAX = 4294967295;

const nonNegative = (text: string): number | undefined => {
  const n = parseSmallInt(text);
  return n !== undefined && n >= 0 ? n : undefined;
};

/** Known columns and how each is printed (see the format string above). */
const PARSERS: Readonly<Record<string, HeaderColumn['parse']>> = {
  sk: (t) => (HEX_POINTER.test(t) ? t : undefined),
  RefCnt: nonNegative,
  Type: nonNegative,
  Proto: (t) => {
    const n = parseHex32(t);
    return n !== undefined && n <= 0xffff ? n : undefined; // a 16-bit ethertype, %04x
  },
  Iface: (t) => {
    const n = parseSmallInt(t);
    return n !== undefined && n >= -2147483648 && n <= 2147483647 ? n : undefined; // int, %d
  },
  R: (t) => (t === '0' || t === '1' ? Number(t) : undefined),
  Rmem: parseUnsignedCounter,
  User: nonNegative,
  // %lu, but socket inodes come from get_next_ino(): unsigned int.
  Inode: (t) => {
    const n = parseUnsignedCounter(t);
    return n !== undefined && n <= BigInt(U32_MAX) ? Number(n) : undefined;
  },
};

const REQUIRED = ['Type', 'Proto', 'Iface', 'Inode'] as const;

const COLUMNS: Readonly<Record<string, HeaderColumn>> = Object.fromEntries(Object.entries(PARSERS).map(([name, parse]) => [name, { parse }]));

export function parseNetPacket(text: string, file: string): ParseResult<NetPacketRow> {
  return parseHeaderTable<NetPacketRow>(text, file, { columns: COLUMNS, required: REQUIRED });
}
