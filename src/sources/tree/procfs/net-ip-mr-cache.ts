/**
 * /proc/net/ip_mr_cache — the IPv4 multicast forwarding cache (MFC) of the default
 * multicast routing table, printed by ipmr_mfc_seq_show in net/ipv4/ipmr.c:
 *   header "Group    Origin   Iif     Pkts    Bytes    Wrong Oifs"
 *   "%08X %08X %-3hd" then " %8lu %8lu %8lu" then " %2d:%-3d" per output vif
 *   group, origin (`%08X` of a `__be32`: byte-reversed on little-endian hosts), input
 *   vif, packets, bytes, packets that arrived on the wrong interface, and vif:ttl pairs
 *   for every output vif with a TTL threshold below 255.
 * Read by position (the Oifs column holds a variable number of pairs). CONFIG_IP_MROUTE
 * only; holds just the header unless a multicast router daemon installed routes.
 *
 * Quirk: resolved entries come first; the unresolved queue follows and prints input vif -1
 * (its mfc_parent), 0 0 0 and no output vifs.
 *
 * /proc/net/ip6_mr_cache has the same layout with `%pI6` addresses; both parse here.
 */
import { issue, type Issue } from '../../../errors.js';
import { fields, forEachLine } from '../text/lines.js';
import { parseSmallInt, parseUnsignedCounter } from '../text/counter.js';
import { ipv4FromHostOrderHex } from '../text/hex-inet-address.js';
import type { ParseResult } from './parse-result.js';

export interface MrCacheOutput {
  readonly vif: number;
  readonly ttl: number;
}

export interface NetMrCacheRow {
  readonly group: string;
  readonly origin: string;
  /** Input vif (mfc_parent), printed as a signed short. */
  readonly iif: number;
  readonly packets: bigint;
  readonly bytes: bigint;
  readonly wrongIf: bigint;
  readonly outputs: MrCacheOutput[];
}

const OUTPUT = /^(\d+):(\d+)$/;

export function parseNetIpMrCache(text: string, file: string): ParseResult<NetMrCacheRow> {
  return parseMrCache(text, file, ipv4FromHostOrderHex);
}

/** The forwarding-cache format shared by ip_mr_cache and ip6_mr_cache. */
export function parseMrCache(text: string, file: string, address: (text: string) => string | undefined): ParseResult<NetMrCacheRow> {
  const rows: NetMrCacheRow[] = [];
  const issues: Issue[] = [];
  forEachLine(text, (line, lineNo) => {
    const cols = fields(line);
    if (cols.length === 0) return;
    if (lineNo === 1 && cols[0] === 'Group') return;
    if (cols.length < 6) {
      issues.push(issue(file, lineNo, 'short-line', `${cols.length} fields, expected at least 6`, line));
      return;
    }
    const group = address(cols[0] as string);
    const origin = address(cols[1] as string);
    if (group === undefined || origin === undefined) {
      issues.push(issue(file, lineNo, 'bad-address', 'Group or Origin does not decode', line));
      return;
    }
    const row = countersAndOutputs(cols);
    if (typeof row === 'string') issues.push(issue(file, lineNo, 'bad-number', row, line));
    else rows.push({ group, origin, ...row });
  });
  return { rows, issues };
}

function countersAndOutputs(cols: string[]): Omit<NetMrCacheRow, 'group' | 'origin'> | string {
  const iif = parseSmallInt(cols[2] as string);
  const [packets, bytes, wrongIf] = cols.slice(3, 6).map(parseUnsignedCounter);
  if (iif === undefined || packets === undefined || bytes === undefined || wrongIf === undefined) {
    return 'Iif, Pkts, Bytes or Wrong is not a number';
  }
  const outputs: MrCacheOutput[] = [];
  for (const token of cols.slice(6)) {
    const m = OUTPUT.exec(token);
    if (!m) return `output vif is not vif:ttl: ${token}`;
    outputs.push({ vif: Number(m[1]), ttl: Number(m[2]) });
  }
  return { iif, packets, bytes, wrongIf, outputs };
}
