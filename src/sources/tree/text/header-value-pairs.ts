/**
 * Tokenizer for the "pairs" format of /proc/net/snmp and /proc/net/netstat:
 *
 *     Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens ...
 *     Tcp: 1 200 120000 -1 20056 ...
 *
 * Each header line is followed by a value line with the same `Prefix:`; the n-th name
 * belongs to the n-th value. Both lines are printed by one loop over one MIB table in
 * the kernel (net/ipv4/proc.c snmp_seq_show / netstat_seq_show, net/mptcp/mib.c
 * mptcp_seq_show), so names and values line up by position; a new kernel adds a name and
 * a value together. Every counter is kept under the kernel's name, known or not.
 *
 * Rules (each problem is an Issue at the 1-based line, never a silent zero):
 * - a value line with another prefix than its header: `bad-header` on the header line;
 *   the header is dropped and the other line is tried as the next header (resync).
 * - a header with no value line after it (end of file): `short-line`.
 * - header and value line of different widths: `width-mismatch`. The counters that
 *   align (the first min(names, values) positions) are KEPT: both lines come from the
 *   same in-order loop, so a difference can only be a cut-off tail (a truncated read or
 *   a damaged capture), never a gap in the middle. Names without values are left out;
 *   values without names cannot be named and are left out too.
 * - a value that is not a (signed) decimal integer: `bad-number`; that one counter is left
 *   out, the others are kept. Values are signed: Tcp MaxConn is printed as -1.
 * - the same prefix printed again (IcmpMsg: icmpmsg_put() starts a new header/value
 *   pair every 16 non-zero types) is merged into the group of its first appearance. A
 *   name printed twice in one group keeps its first value and gives `unknown-format`.
 */
import { issue, type Issue } from '../../../errors.js';
import type { ParseResult } from '../procfs/parse-result.js';
import { parseCounter } from './counter.js';
import { fields, forEachLine } from './lines.js';

/** One `Prefix:` of the file with all its counters, in the order the kernel printed them. */
export interface HeaderValueGroup {
  /** The text before the colon, exactly as printed ("Tcp", "TcpExt", "MPTcpExt"). */
  readonly prefix: string;
  /** 1-based line of the (first) header line of this prefix. */
  readonly line: number;
  /** Kernel counter name → value. */
  readonly counters: Record<string, bigint>;
}

interface PrefixedLine {
  readonly prefix: string;
  readonly tokens: string[];
  readonly line: number;
  readonly text: string;
}

/** Splits every line into `prefix` and tokens; a line without `Prefix:` is an issue. */
function prefixedLines(text: string, file: string, issues: Issue[]): PrefixedLine[] {
  const out: PrefixedLine[] = [];
  forEachLine(text, (line, lineNumber) => {
    const colon = line.indexOf(':');
    const prefix = colon > 0 ? line.slice(0, colon) : '';
    if (prefix === '' || /\s/.test(prefix)) {
      if (line.trim() !== '') issues.push(issue(file, lineNumber, 'unknown-format', 'line does not start with "Prefix:"', line));
      return;
    }
    out.push({ prefix, tokens: fields(line.slice(colon + 1)), line: lineNumber, text: line });
  });
  return out;
}

/** An own property even for a name like `__proto__`: names come from the file, not from us. */
export function setCounter(counters: Record<string, bigint>, name: string, value: bigint): void {
  Object.defineProperty(counters, name, { value, enumerable: true, writable: true, configurable: true });
}

/** Adds one aligned header/value pair to `counters`; returns nothing, reports into issues. */
function pairUp(header: PrefixedLine, values: PrefixedLine, counters: Record<string, bigint>, file: string, issues: Issue[]): void {
  const names = header.tokens;
  const width = Math.min(names.length, values.tokens.length);
  if (names.length !== values.tokens.length) {
    issues.push(
      issue(
        file,
        values.line,
        'width-mismatch',
        `${header.prefix}: header has ${names.length} names, value line has ${values.tokens.length} values; kept the first ${width}`,
        values.text,
      ),
    );
  }
  for (let i = 0; i < width; i++) {
    const name = names[i] as string;
    const raw = values.tokens[i] as string;
    const value = parseCounter(raw);
    if (value === undefined) {
      issues.push(issue(file, values.line, 'bad-number', `${header.prefix}${name}: not a decimal integer: ${raw}`, values.text));
    } else if (Object.hasOwn(counters, name)) {
      issues.push(issue(file, values.line, 'unknown-format', `${header.prefix}: counter ${name} printed twice; kept the first value`));
    } else {
      setCounter(counters, name, value);
    }
  }
}

/** Parses the whole file into one group per prefix, in first-appearance order. */
export function parseHeaderValuePairs(text: string, file: string): ParseResult<HeaderValueGroup> {
  const issues: Issue[] = [];
  const lines = prefixedLines(text, file, issues);
  const groups = new Map<string, HeaderValueGroup>();
  let i = 0;
  while (i < lines.length) {
    const header = lines[i] as PrefixedLine;
    const values = lines[i + 1];
    if (values === undefined) {
      issues.push(issue(file, header.line, 'short-line', `${header.prefix}: header line without a value line`, header.text));
      break;
    }
    if (values.prefix !== header.prefix) {
      issues.push(issue(file, header.line, 'bad-header', `${header.prefix}: next line is "${values.prefix}:", not its values`, header.text));
      i += 1;
      continue;
    }
    let group = groups.get(header.prefix);
    if (group === undefined) {
      group = { prefix: header.prefix, line: header.line, counters: {} };
      groups.set(header.prefix, group);
    }
    pairUp(header, values, group.counters, file, issues);
    i += 2;
  }
  return { rows: [...groups.values()], issues };
}
