/**
 * Tokenizers for two "name value" layouts of /proc/net:
 *
 * 1. One counter per line, `Name<spaces or tab>value` — /proc/net/snmp6 and
 *    /proc/net/dev_snmp6/<if> (net/ipv6/proc.c, printed with "%-32s\t%lu"; kernels before
 *    2.6.3x used spaces only, e.g. the diamond fixture), also /proc/net/tls_stat.
 *    → `parseKeyValueLines`.
 * 2. A label, then alternating key/value tokens — /proc/net/sockstat and sockstat6
 *    (net/ipv4/proc.c sockstat_seq_show, net/ipv6/proc.c sockstat6_seq_show):
 *        TCP: inuse 11 orphan 0 tw 12 alloc 22 mem 0
 *    → `parseLabelledKeyValues`.
 *
 * Both keep every key under the kernel's name and report a bad line as an Issue at its
 * 1-based line; a bad value is never stored as zero. Values are signed decimal (bigint).
 */
import { issue, type Issue } from '../../../errors.js';
import type { ParseResult } from '../procfs/parse-result.js';
import { parseCounter } from './counter.js';
import { fields, forEachLine } from './lines.js';
import { setCounter } from './header-value-pairs.js';

/** One `Name value` line. */
export interface KeyValueLine {
  readonly name: string;
  readonly value: bigint;
  /** 1-based line number. */
  readonly line: number;
}

// Kernel counter names are identifiers. Anything else (e.g. the stray "Mode: 644" line
// that ends procfs-fixtures' proc/26231/net/snmp6, left over from its ttar archive) is
// not a counter and must not become one.
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * `Name value` per line. A line with one token is `short-line`, with more than two
 * `width-mismatch`, a name that is not an identifier `unknown-format`, a value that is
 * not decimal `bad-number`; each such line is skipped.
 */
export function parseKeyValueLines(text: string, file: string): ParseResult<KeyValueLine> {
  const rows: KeyValueLine[] = [];
  const issues: Issue[] = [];
  forEachLine(text, (line, lineNumber) => {
    const tokens = fields(line);
    if (tokens.length === 0) return;
    if (tokens.length !== 2) {
      const code = tokens.length < 2 ? 'short-line' : 'width-mismatch';
      issues.push(issue(file, lineNumber, code, `expected "name value", found ${tokens.length} fields`, line));
      return;
    }
    const [name, raw] = tokens as [string, string];
    if (!NAME.test(name)) {
      issues.push(issue(file, lineNumber, 'unknown-format', `not a counter name: ${name}`, line));
      return;
    }
    const value = parseCounter(raw);
    if (value === undefined) {
      issues.push(issue(file, lineNumber, 'bad-number', `${name}: not a decimal integer: ${raw}`, line));
      return;
    }
    rows.push({ name, value, line: lineNumber });
  });
  return { rows, issues };
}

/** One `Label: key value key value ...` line. */
export interface LabelledKeyValues {
  /** Text before the colon ("sockets", "TCP", "FRAG6"). */
  readonly label: string;
  /** Key → value, in printed order, under the kernel's key names. */
  readonly values: Record<string, bigint>;
  readonly line: number;
}

/**
 * `Label: k v k v`. A line without `Label:` is `unknown-format` and skipped. A key left
 * without a value (odd token count) is `short-line`; a bad value is `bad-number`; in both
 * cases the other pairs of the line are kept, since each pair stands on its own.
 */
export function parseLabelledKeyValues(text: string, file: string): ParseResult<LabelledKeyValues> {
  const rows: LabelledKeyValues[] = [];
  const issues: Issue[] = [];
  forEachLine(text, (line, lineNumber) => {
    const colon = line.indexOf(':');
    const label = colon > 0 ? line.slice(0, colon).trim() : '';
    if (label === '' || /\s/.test(label)) {
      if (line.trim() !== '') issues.push(issue(file, lineNumber, 'unknown-format', 'line does not start with "Label:"', line));
      return;
    }
    const tokens = fields(line.slice(colon + 1));
    if (tokens.length % 2 !== 0) {
      issues.push(issue(file, lineNumber, 'short-line', `${label}: key ${tokens[tokens.length - 1]} has no value`, line));
    }
    const values: Record<string, bigint> = {};
    for (let i = 0; i + 1 < tokens.length; i += 2) {
      const key = tokens[i] as string;
      const raw = tokens[i + 1] as string;
      const value = parseCounter(raw);
      if (value === undefined) issues.push(issue(file, lineNumber, 'bad-number', `${label} ${key}: not a decimal integer: ${raw}`, line));
      else setCounter(values, key, value);
    }
    rows.push({ label, values, line: lineNumber });
  });
  return { rows, issues };
}
