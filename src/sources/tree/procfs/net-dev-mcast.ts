/**
 * /proc/net/dev_mcast — link-layer multicast addresses per device, printed by
 * dev_mc_seq_show in net/core/net-procfs.c (net/core/dev_mcast.c before 2.6.35):
 *   "%-4d %-15s %-5d %-5d %*phN\n"
 *   ifindex, device, refcount (users), global_use, address (hex bytes, no separators)
 * No header; five fields read by position after a width check. A 2021 change that
 * added a header ("Ifindex Interface Refcount Global_use Address") and wider columns was
 * reverted because it broke readers; a first line starting with "Ifindex" is skipped.
 */
import { issue, type Issue } from '../../../errors.js';
import { fields, forEachLine } from '../text/lines.js';
import { parseSmallInt } from '../text/counter.js';
import { linkAddressFromHex } from '../text/hex-inet-address.js';
import type { ParseResult } from './parse-result.js';

export interface NetDevMcastRow {
  readonly ifindex: number;
  readonly device: string;
  readonly refcount: number;
  readonly globalUse: number;
  /** Colon-separated lower-case bytes, e.g. 01:00:5e:00:00:01. */
  readonly address: string;
}

const WIDTH = 5;

export function parseNetDevMcast(text: string, file: string): ParseResult<NetDevMcastRow> {
  const rows: NetDevMcastRow[] = [];
  const issues: Issue[] = [];
  forEachLine(text, (line, lineNo) => {
    const cols = fields(line);
    if (cols.length === 0) return;
    if (lineNo === 1 && cols[0] === 'Ifindex') return;
    if (cols.length !== WIDTH) {
      const code = cols.length < WIDTH ? 'short-line' : 'width-mismatch';
      issues.push(issue(file, lineNo, code, `${cols.length} fields, expected ${WIDTH}`, line));
      return;
    }
    const [idx, device, refs, global, hex] = cols as [string, string, string, string, string];
    const address = linkAddressFromHex(hex);
    if (address === undefined) {
      issues.push(issue(file, lineNo, 'bad-address', `address is not hex bytes: ${hex}`, line));
      return;
    }
    const ifindex = parseSmallInt(idx);
    const refcount = parseSmallInt(refs);
    const globalUse = parseSmallInt(global);
    if (ifindex === undefined || refcount === undefined || globalUse === undefined) {
      issues.push(issue(file, lineNo, 'bad-number', 'ifindex, refcount or global_use is not a number', line));
      return;
    }
    rows.push({ ifindex, device, refcount, globalUse, address });
  });
  return { rows, issues };
}
