/**
 * /proc/net/igmp6 — IPv6 multicast group memberships (MLD), printed by
 * igmp6_mc_seq_show (mld_mc_seq_show since 5.13) in net/ipv6/mcast.c:
 *   "%-4d %-15s %pi6 %5d %08X %ld\n"
 *   ifindex, device, group (32 hex digits), users, mca_flags (hex), timer
 * No header; six fields read by position after a width check. The timer is clock ticks
 * (USER_HZ) until the next report when MAF_TIMER_RUNNING is set, else 0; it is a signed
 * `%ld`, so it is kept as a signed bigint.
 */
import { issue, type Issue } from '../../../errors.js';
import { fields, forEachLine } from '../text/lines.js';
import { parseCounter, parseHex32, parseSmallInt } from '../text/counter.js';
import { ipv6FromHex } from '../text/hex-inet-address.js';
import type { ParseResult } from './parse-result.js';

export interface NetIgmp6Row {
  readonly ifindex: number;
  readonly device: string;
  readonly group: string;
  readonly users: number;
  /** mca_flags: MAF_TIMER_RUNNING 0x1, MAF_LAST_REPORTER 0x2, MAF_LOADED 0x4, MAF_NOREPORT 0x8, MAF_GSQUERY 0x10. */
  readonly flags: number;
  readonly timer: bigint;
}

const WIDTH = 6;

export function parseNetIgmp6(text: string, file: string): ParseResult<NetIgmp6Row> {
  const rows: NetIgmp6Row[] = [];
  const issues: Issue[] = [];
  forEachLine(text, (line, lineNo) => {
    const cols = fields(line);
    if (cols.length === 0) return;
    if (cols.length !== WIDTH) {
      const code = cols.length < WIDTH ? 'short-line' : 'width-mismatch';
      issues.push(issue(file, lineNo, code, `${cols.length} fields, expected ${WIDTH}`, line));
      return;
    }
    const [idx, device, addr, users, flags, timer] = cols as [string, string, string, string, string, string];
    const group = ipv6FromHex(addr);
    if (group === undefined) {
      issues.push(issue(file, lineNo, 'bad-address', `group is not a 32-digit hex IPv6 address: ${addr}`, line));
      return;
    }
    const row = { ifindex: parseSmallInt(idx), device, group, users: parseSmallInt(users), flags: parseHex32(flags), timer: parseCounter(timer) };
    if (row.ifindex === undefined || row.users === undefined || row.flags === undefined || row.timer === undefined) {
      issues.push(issue(file, lineNo, 'bad-number', 'ifindex, users, flags (hex) or timer does not parse', line));
      return;
    }
    rows.push(row as NetIgmp6Row);
  });
  return { rows, issues };
}
