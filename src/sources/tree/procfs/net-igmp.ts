/**
 * /proc/net/igmp — IPv4 multicast group memberships per interface, printed by
 * igmp_mc_seq_show in net/ipv4/igmp.c (format unchanged since 2.4).
 *
 * Two kinds of line under one header (`Idx\tDevice    : Count Querier\tGroup    Users
 * Timer\tReporter`), so the header cannot drive the columns:
 * - an interface line, printed before the first group of each interface:
 *     "%d\t%-10s: %5d %7s\n"  ifindex, name, mc_count, querier (V1/V2/V3, NONE without
 *     CONFIG_IP_MULTICAST). A name of ten or more characters runs into the colon.
 * - a group line, starting with four tabs:
 *     "\t\t\t\t%08X %5d %d:%08lX\t\t%d\n"  group, users, timer running:expiry, reporter
 *   The group is `%08X` of a `__be32` (byte-reversed on little-endian hosts: 030201EF is
 *   239.1.2.3). The expiry is in clock ticks (USER_HZ) from now, 0 when not running.
 * A group line belongs to the interface line above it; one before any interface line
 * is reported and skipped.
 */
import { issue, type Issue } from '../../../errors.js';
import { fields, forEachLine } from '../text/lines.js';
import { parseHexCounter, parseSmallInt } from '../text/counter.js';
import { ipv4FromHostOrderHex } from '../text/hex-inet-address.js';
import type { ParseResult } from './parse-result.js';

export interface NetIgmpRow {
  readonly ifindex: number;
  readonly device: string;
  /** Groups joined on the interface (mc_count, from the interface line). */
  readonly count: number;
  readonly querier: string;
  readonly group: string;
  readonly users: number;
  readonly timerRunning: boolean;
  /** Clock ticks until the report timer fires; 0 when not running. */
  readonly timer: bigint;
  readonly reporter: boolean;
}

type InterfaceLine = Pick<NetIgmpRow, 'ifindex' | 'device' | 'count' | 'querier'>;

// Device names cannot contain ':' or whitespace (dev_valid_name), so the colon ends the name.
const INTERFACE_LINE = /^(\d+)\s+([^\s:]+)\s*:\s*(\d+)\s+(\S+)\s*$/;
const TIMER = /^([01]):([0-9A-Fa-f]+)$/;

export function parseNetIgmp(text: string, file: string): ParseResult<NetIgmpRow> {
  const rows: NetIgmpRow[] = [];
  const issues: Issue[] = [];
  let current: InterfaceLine | undefined;
  forEachLine(text, (line, lineNo) => {
    if (lineNo === 1 && line.startsWith('Idx')) return;
    if (line.trim() === '') return;
    if (!/^\s/.test(line)) {
      current = interfaceLine(line);
      if (current === undefined) issues.push(issue(file, lineNo, 'unknown-format', 'not an interface line ("idx name : count querier")', line));
      return;
    }
    if (current === undefined) {
      issues.push(issue(file, lineNo, 'unknown-format', 'group line without an interface line above it', line));
      return;
    }
    const row = groupLine(current, fields(line), file, lineNo, line, issues);
    if (row !== undefined) rows.push(row);
  });
  return { rows, issues };
}

function interfaceLine(line: string): InterfaceLine | undefined {
  const m = INTERFACE_LINE.exec(line);
  if (!m) return undefined;
  return { ifindex: Number(m[1]), device: m[2] as string, count: Number(m[3]), querier: m[4] as string };
}

function groupLine(iface: InterfaceLine, cols: string[], file: string, lineNo: number, line: string, issues: Issue[]): NetIgmpRow | undefined {
  if (cols.length < 4) {
    issues.push(issue(file, lineNo, 'short-line', `${cols.length} fields, a group line has 4`, line));
    return undefined;
  }
  const group = ipv4FromHostOrderHex(cols[0] as string);
  if (group === undefined) {
    issues.push(issue(file, lineNo, 'bad-address', `group is not an 8-digit hex IPv4 address: ${cols[0]}`, line));
    return undefined;
  }
  const users = parseSmallInt(cols[1] as string);
  const timer = TIMER.exec(cols[2] as string);
  const reporter = parseSmallInt(cols[3] as string);
  const expiry = timer ? parseHexCounter(timer[2] as string) : undefined;
  if (users === undefined || expiry === undefined || reporter === undefined) {
    issues.push(issue(file, lineNo, 'bad-number', 'users, timer (running:hex) or reporter does not parse', line));
    return undefined;
  }
  return { ...iface, group, users, timerRunning: timer?.[1] === '1', timer: expiry, reporter: reporter !== 0 };
}
