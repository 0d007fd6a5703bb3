/**
 * /proc/net/fib_triestat — shape of each IPv4 FIB trie, printed by fib_triestat_seq_show,
 * fib_table_print and trie_show_stats in net/ipv4/fib_trie.c (since 2.6.13):
 *
 *   Basic info: size of leaf: 48 bytes, size of tnode: 40 bytes.
 *   Main:                          ("Local:", or "Id <n>:" for other tables)
 *   \tAver depth:     2.42         (totdepth*100/leaves, printed %u.%02d)
 *   \tMax depth:      3
 *   \tLeaves:         7
 *   \tPrefixes:       7
 *   \tInternal nodes: 5
 *   \t  1: 1  2: 3  3: 1           (internal nodes by child bits; just "\t" when none)
 *   \tPointers: 22
 *   Null ptrs: 11                  (no tab: the kernel's own inconsistency)
 *   Total size: 2  kB
 *
 * With CONFIG_IP_FIB_TRIE_STATS each table is followed by "Counters:", a dashed line and
 * "gets = N" style lines; those (and any other "name: N" / "name = N" line we do not know)
 * are kept under the printed name.
 *
 * Quirk: since 4.1 the kernel keeps the local table inside the main trie until the first
 * policy rule is added (fib_unmerge), so Main and Local can print the very same numbers.
 */
import { issue, type Issue } from '../../../errors.js';
import { forEachLine } from '../text/lines.js';
import { parseSmallInt, parseUnsignedCounter } from '../text/counter.js';
import type { ParseResult } from './parse-result.js';

export interface FibTrieNodeSize {
  readonly bits: number;
  readonly count: number;
}

export interface NetFibTriestatRow {
  /** As printed: "Main", "Local" or the number after "Id". */
  readonly label: string;
  readonly averageDepthHundredths?: number;
  readonly maxDepth?: number;
  readonly leaves?: number;
  readonly prefixes?: number;
  readonly internalNodes?: number;
  readonly nodeSizes: FibTrieNodeSize[];
  readonly pointers?: number;
  readonly nullPointers?: number;
  readonly totalSizeKib?: number;
  /** Lines this parser does not name (trie usage counters and any new line), by printed name. */
  readonly counters: Record<string, bigint>;
}

export interface NetFibTriestatResult extends ParseResult<NetFibTriestatRow> {
  readonly leafSize?: number;
  readonly tnodeSize?: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type NumberKey = 'maxDepth' | 'leaves' | 'prefixes' | 'internalNodes' | 'pointers' | 'nullPointers' | 'totalSizeKib';

const KNOWN: Readonly<Record<string, NumberKey>> = {
  'Max depth': 'maxDepth',
  Leaves: 'leaves',
  Prefixes: 'prefixes',
  'Internal nodes': 'internalNodes',
  Pointers: 'pointers',
  'Null ptrs': 'nullPointers',
  'Total size': 'totalSizeKib',
};

const BASIC = /^Basic info: size of leaf: (\d+) bytes, size of tnode: (\d+) bytes\.?$/;
const TABLE = /^(Main|Local|Id (\d+)):$/;
const NAMED_VALUE = /^([A-Za-z][A-Za-z ]*?)\s*(?::|=)\s*(\S+)(?:\s+kB)?$/;
const NODE_SIZES = /^(\d+: \d+\s*)+$/;
const AVERAGE = /^(\d+)\.(\d\d)$/;

export function parseNetFibTriestat(text: string, file: string): NetFibTriestatResult {
  const rows: NetFibTriestatRow[] = [];
  const issues: Issue[] = [];
  const result: { leafSize?: number; tnodeSize?: number } = {};
  let current: Mutable<NetFibTriestatRow> | undefined;
  forEachLine(text, (raw, lineNo) => {
    const line = raw.trim();
    if (line === '' || line === 'Counters:' || /^-+$/.test(line)) return;
    const basic = BASIC.exec(line);
    if (basic) {
      result.leafSize = Number(basic[1]);
      result.tnodeSize = Number(basic[2]);
      return;
    }
    const table = TABLE.exec(line);
    if (table) {
      current = { label: table[2] ?? (table[1] as string), nodeSizes: [], counters: {} };
      rows.push(current);
      return;
    }
    if (current === undefined) {
      issues.push(issue(file, lineNo, 'unknown-format', 'statistics line before any table line', raw));
      return;
    }
    if (NODE_SIZES.test(line)) {
      current.nodeSizes = nodeSizes(line);
      return;
    }
    const problem = namedValue(current, line);
    if (problem !== undefined) issues.push(issue(file, lineNo, problem.code, problem.message, raw));
  });
  return { rows, issues, ...result };
}

function nodeSizes(line: string): FibTrieNodeSize[] {
  return [...line.matchAll(/(\d+): (\d+)/g)].map((m) => ({ bits: Number(m[1]), count: Number(m[2]) }));
}

function namedValue(row: Mutable<NetFibTriestatRow>, line: string): { code: 'bad-number' | 'unknown-format'; message: string } | undefined {
  const m = NAMED_VALUE.exec(line);
  if (!m) return { code: 'unknown-format', message: 'not a "name: value" line' };
  const name = m[1] as string;
  const value = m[2] as string;
  if (name === 'Aver depth') {
    const avg = AVERAGE.exec(value);
    if (!avg) return { code: 'bad-number', message: `Aver depth is not N.NN: ${value}` };
    row.averageDepthHundredths = Number(avg[1]) * 100 + Number(avg[2]);
    return undefined;
  }
  const key = KNOWN[name];
  if (key !== undefined) {
    const n = parseSmallInt(value);
    if (n === undefined || n < 0) return { code: 'bad-number', message: `${name}: not an unsigned 32-bit number: ${value}` };
    row[key] = n;
    return undefined;
  }
  const v = parseUnsignedCounter(value);
  if (v === undefined) return { code: 'bad-number', message: `${name}: not a number: ${value}` };
  row.counters[name] = v;
  return undefined;
}
