/**
 * /proc/net/ip_mr_vif — IPv4 multicast routing virtual interfaces (vifs) of the default
 * multicast routing table, printed by ipmr_vif_seq_show in net/ipv4/ipmr.c:
 *   header "Interface      BytesIn  PktsIn  BytesOut PktsOut Flags Local    Remote"
 *   "%2td %-10s %8ld %7ld  %8ld %7ld %05X %08X %08X\n"
 *   vif index, device ("none" once the device is gone), bytes in, packets in,
 *   bytes out, packets out, VIFF_* flags (hex), local and remote address
 * The header has no name for the leading vif index, so its words do not line up with
 * the fields: nine fields are read by position after the header. Only present with
 * CONFIG_IP_MROUTE; without a multicast router daemon it holds just the header.
 *
 * Quirks:
 * - The counters are `unsigned long` printed with `%ld`: a value of 2^63 or more prints
 *   negative. We give back the unsigned 64-bit value (a 32-bit kernel's would wrap at
 *   2^32 instead, which the text cannot show).
 * - Local and Remote are `%08X` of a `__be32`: byte-reversed on little-endian hosts.
 *
 * /proc/net/ip6_mr_vif has the same layout without Local and Remote; both parse here.
 */
import { issue, type Issue } from '../../../errors.js';
import { fields, forEachLine } from '../text/lines.js';
import { parseCounter, parseHex32, parseSmallInt } from '../text/counter.js';
import { ipv4FromHostOrderHex } from '../text/hex-inet-address.js';
import type { ParseResult } from './parse-result.js';

export interface NetMrVifRow {
  readonly vif: number;
  /** As printed; "none" when the vif's device is gone. */
  readonly device: string;
  readonly bytesIn: bigint;
  readonly packetsIn: bigint;
  readonly bytesOut: bigint;
  readonly packetsOut: bigint;
  readonly flags: number;
  /** IPv4 only. */
  readonly local?: string;
  readonly remote?: string;
}

/** `%ld` of an unsigned long: negative text is the same 64 bits. */
export function unsignedLongFromSigned(text: string): bigint | undefined {
  const v = parseCounter(text);
  return v === undefined ? undefined : BigInt.asUintN(64, v);
}

export function parseNetIpMrVif(text: string, file: string): ParseResult<NetMrVifRow> {
  return parseMrVif(text, file, true);
}

/** The vif table format shared by ip_mr_vif (with Local/Remote) and ip6_mr_vif (without). */
export function parseMrVif(text: string, file: string, withEndpoints: boolean): ParseResult<NetMrVifRow> {
  const rows: NetMrVifRow[] = [];
  const issues: Issue[] = [];
  const width = withEndpoints ? 9 : 7;
  forEachLine(text, (line, lineNo) => {
    const cols = fields(line);
    if (cols.length === 0) return;
    if (lineNo === 1 && cols[0] === 'Interface') return;
    if (cols.length !== width) {
      const code = cols.length < width ? 'short-line' : 'width-mismatch';
      issues.push(issue(file, lineNo, code, `${cols.length} fields, expected ${width}`, line));
      return;
    }
    const row = vifRow(cols, withEndpoints);
    if (typeof row === 'string') issues.push(issue(file, lineNo, row.startsWith('address') ? 'bad-address' : 'bad-number', row, line));
    else rows.push(row);
  });
  return { rows, issues };
}

function vifRow(cols: string[], withEndpoints: boolean): NetMrVifRow | string {
  const vif = parseSmallInt(cols[0] as string);
  const counters = cols.slice(2, 6).map(unsignedLongFromSigned);
  const flags = parseHex32(cols[6] as string);
  if (vif === undefined || flags === undefined || counters.some((c) => c === undefined)) {
    return 'vif index, a counter or the flags (hex) does not parse';
  }
  const [bytesIn, packetsIn, bytesOut, packetsOut] = counters as [bigint, bigint, bigint, bigint];
  const row = { vif, device: cols[1] as string, bytesIn, packetsIn, bytesOut, packetsOut, flags };
  if (!withEndpoints) return row;
  const local = ipv4FromHostOrderHex(cols[7] as string);
  const remote = ipv4FromHostOrderHex(cols[8] as string);
  if (local === undefined || remote === undefined) return 'address: Local or Remote is not an 8-digit hex IPv4 address';
  return { ...row, local, remote };
}
