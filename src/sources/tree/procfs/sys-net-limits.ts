/**
 * Socket-buffer memory limits under /proc/sys/net/ipv4 (net/ipv4/sysctl_net_ipv4.c):
 *
 *   tcp_mem, udp_mem        "low pressure high", in PAGES (proc_doulongvec_minmax over
 *                           sysctl_tcp_mem[3] / sysctl_udp_mem[3]). GLOBAL: they sit in
 *                           ipv4_table, registered for the initial namespace only, so
 *                           they do not exist inside another namespace (the 6.18 netns
 *                           fixture has neither) and bound memory of all namespaces.
 *   tcp_rmem, tcp_wmem      "min default max", in BYTES (proc_dointvec). PER NETWORK
 *                           NAMESPACE since 4.15 (netns_ipv4.sysctl_tcp_rmem/wmem).
 *   udp_rmem_min,
 *   udp_wmem_min            one value, BYTES. Per network namespace in current kernels
 *                           (netns_ipv4.sysctl_udp_rmem_min/wmem_min, about 4.16+; the
 *                           netns fixture has both).
 * Note that /proc/sys/net shows the namespace of the process that READS it, not of the
 * /proc/<pid> it is reached through.
 *
 * Each parser reads exactly the expected number of whitespace-separated decimal values
 * from the file (tab-separated on current kernels): fewer → `short-line`, more →
 * `width-mismatch`, not decimal → `bad-number`; in each case no row. The page size is
 * not applied (it is the source machine's, not ours).
 */
import { issue, type Issue } from '../../../errors.js';
import type { ParseResult } from './parse-result.js';
import { parseCounter } from '../text/counter.js';
import { fields } from '../text/lines.js';

/** Reads `names.length` values into a row keyed by `names`. */
function parseVector<K extends string>(names: readonly K[]) {
  return (text: string, file: string): ParseResult<Record<K, bigint>> => {
    const issues: Issue[] = [];
    const tokens = fields(text.replace(/\n/g, ' '));
    const firstLine = text.split('\n', 1)[0] ?? '';
    if (tokens.length !== names.length) {
      const code = tokens.length < names.length ? 'short-line' : 'width-mismatch';
      issues.push(issue(file, 1, code, `expected ${names.length} values (${names.join(' ')}), found ${tokens.length}`, firstLine));
      return { rows: [], issues };
    }
    const row = {} as Record<K, bigint>;
    for (let i = 0; i < names.length; i++) {
      const value = parseCounter(tokens[i] as string);
      if (value === undefined) {
        issues.push(issue(file, 1, 'bad-number', `${names[i]}: not a decimal integer: ${tokens[i]}`, firstLine));
        return { rows: [], issues };
      }
      row[names[i] as K] = value;
    }
    return { rows: [row], issues };
  };
}

/** tcp_mem / udp_mem: pages. Below `low` no pressure; above `pressure` the stack moderates; `high` is the hard limit. */
export type MemPagesRow = Record<'low' | 'pressure' | 'high', bigint>;
/** tcp_rmem / tcp_wmem: bytes per socket. */
export type BufferBytesRow = Record<'min' | 'default' | 'max', bigint>;
/** udp_rmem_min / udp_wmem_min: bytes. */
export type SingleValueRow = Record<'value', bigint>;

const memPages = parseVector(['low', 'pressure', 'high'] as const);
const bufferBytes = parseVector(['min', 'default', 'max'] as const);
const single = parseVector(['value'] as const);

export const parseSysNetIpv4TcpMem: (text: string, file: string) => ParseResult<MemPagesRow> = memPages;
export const parseSysNetIpv4UdpMem: (text: string, file: string) => ParseResult<MemPagesRow> = memPages;
export const parseSysNetIpv4TcpRmem: (text: string, file: string) => ParseResult<BufferBytesRow> = bufferBytes;
export const parseSysNetIpv4TcpWmem: (text: string, file: string) => ParseResult<BufferBytesRow> = bufferBytes;
export const parseSysNetIpv4UdpRmemMin: (text: string, file: string) => ParseResult<SingleValueRow> = single;
export const parseSysNetIpv4UdpWmemMin: (text: string, file: string) => ParseResult<SingleValueRow> = single;
