/**
 * /proc/net/mcfilter6 — IPv6 multicast source filters (MLDv2 / SSM), printed by
 * igmp6_mcf_seq_show (mld_mcf_seq_show since 5.13) in net/ipv6/mcast.c:
 *   header "Idx Device                Multicast Address                   Source Address    INC    EXC"
 *   "%3d %6.6s %pi6 %pi6 %6lu %6lu\n"  (%6u since 5.13)
 *   ifindex, device, group, source, sockets including it, sockets excluding it
 * The header names are several words each ("Multicast Address"), so the six fields are
 * read by position after a width check. As in mcfilter, the device name is cut to six
 * characters; the addresses are 32 hex digits in network order.
 */
import { issue, type Issue } from '../../../errors.js';
import { fields, forEachLine } from '../text/lines.js';
import { parseSmallInt } from '../text/counter.js';
import { ipv6FromHex } from '../text/hex-inet-address.js';
import type { ParseResult } from './parse-result.js';

export interface NetMcfilter6Row {
  readonly ifindex: number;
  /** As printed: at most six characters. */
  readonly device: string;
  readonly group: string;
  readonly source: string;
  readonly include: number;
  readonly exclude: number;
}

const WIDTH = 6;

export function parseNetMcfilter6(text: string, file: string): ParseResult<NetMcfilter6Row> {
  const rows: NetMcfilter6Row[] = [];
  const issues: Issue[] = [];
  forEachLine(text, (line, lineNo) => {
    const cols = fields(line);
    if (cols.length === 0) return;
    if (lineNo === 1 && cols[0] === 'Idx') return;
    if (cols.length !== WIDTH) {
      const code = cols.length < WIDTH ? 'short-line' : 'width-mismatch';
      issues.push(issue(file, lineNo, code, `${cols.length} fields, expected ${WIDTH}`, line));
      return;
    }
    const [idx, device, mca, src, inc, exc] = cols as [string, string, string, string, string, string];
    const group = ipv6FromHex(mca);
    const source = ipv6FromHex(src);
    if (group === undefined || source === undefined) {
      issues.push(issue(file, lineNo, 'bad-address', 'group or source is not a 32-digit hex IPv6 address', line));
      return;
    }
    const ifindex = parseSmallInt(idx);
    const include = parseSmallInt(inc);
    const exclude = parseSmallInt(exc);
    if (ifindex === undefined || include === undefined || exclude === undefined) {
      issues.push(issue(file, lineNo, 'bad-number', 'ifindex, INC or EXC is not a number', line));
      return;
    }
    rows.push({ ifindex, device, group, source, include, exclude });
  });
  return { rows, issues };
}
