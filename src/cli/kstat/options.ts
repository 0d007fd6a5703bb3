/**
 * From parsed arguments to what one kstat run does (kstat(1M), seed-systems.md §2.1–2.2):
 * the output format, the selectors, the interval and count, the source. Every
 * combination that makes no sense is a UsageError (exit 2) here, before anything is read.
 *
 *  - operands that are all digits are the interval, then the count (a third: usage);
 *    any other operand is a `module:instance:name:statistic` selector (more than four
 *    fields: usage); operands and -m/-i/-n/-s are exclusive;
 *  - -q is exclusive with -l/-p/-C/-j; -j is exclusive with -l/-p/-C (illumos accepts
 *    both and prints JSON with a `class` statistic; we refuse the ambiguity);
 *  - --save FILE takes a source option only.
 */
import { UsageError, has, last, type ParsedArgs } from '../args.js';
import type { OpenOptions } from '../../netstat/open.js';
import { KstatError } from '../../errors.js';
import { parsePattern, parseSelector, selectorOf, type Pattern, type Selector } from '../../kstat/selector.js';
import { sourcesFromArgs } from '../source-option.js';

export type OutputFormat = 'human' | 'parseable' | 'json' | 'quiet';
export type TimestampFormat = 'u' | 'd';

export interface KstatOptions {
  readonly action: 'help' | 'version' | 'report' | 'save';
  readonly format: OutputFormat;
  /** -C: colon before the value (parseable). */
  readonly colon: boolean;
  /** -l: names only (parseable). */
  readonly namesOnly: boolean;
  readonly timestamp: TimestampFormat | undefined;
  readonly classPattern: Pattern;
  /** Empty: every kstat. */
  readonly selectors: readonly Selector[];
  /** Seconds between reports; undefined: one report. */
  readonly interval: number | undefined;
  /** Reports to print with an interval; undefined: until interrupted. */
  readonly count: number | undefined;
  /** The source (the first host with several -H). */
  readonly source: OpenOptions;
  /** One source, or one per -H HOST (a report over several hosts labels each kstat with its host). */
  readonly sources: readonly OpenOptions[];
  readonly savePath: string | undefined;
}

/** kstat(1M) keeps interval and count in an int. */
const INT_MAX = 2147483647;
const NUMBER = /^\d+$/;
const SELECTOR_OPTIONS = ['module', 'instance', 'name', 'statistic'] as const;

export function resolveOptions(args: ParsedArgs): KstatOptions {
  const sources = sourcesFromArgs(args);
  const { selectors, numbers } = splitOperands(args);
  const { interval, count } = intervalOf(numbers);
  const format = formatOf(args);
  const savePath = last(args, 'save');
  if (savePath !== undefined) checkSave(args, savePath, selectors.length + numbers.length);
  if (savePath !== undefined && sources.length > 1) throw new UsageError('--save FILE saves one source: give one -H HOST');
  return {
    action: has(args, 'help') ? 'help' : has(args, 'version') ? 'version' : savePath !== undefined ? 'save' : 'report',
    format,
    colon: has(args, 'colon'),
    namesOnly: has(args, 'list'),
    timestamp: timestampOf(last(args, 'timestamp')),
    classPattern: pattern(last(args, 'class')),
    selectors,
    interval,
    count,
    source: sources[0]!,
    sources,
    savePath,
  };
}

function formatOf(args: ParsedArgs): OutputFormat {
  const parseable = has(args, 'parseable') || has(args, 'colon') || has(args, 'list');
  if (has(args, 'quiet') && (parseable || has(args, 'json'))) throw new UsageError('-q and -lpj are mutually exclusive');
  if (has(args, 'json') && parseable) throw new UsageError('-j and -lpC are mutually exclusive');
  if (has(args, 'quiet')) return 'quiet';
  if (has(args, 'json')) return 'json';
  return parseable ? 'parseable' : 'human';
}

function splitOperands(args: ParsedArgs): { selectors: Selector[]; numbers: string[] } {
  const selectors: Selector[] = [];
  const numbers: string[] = [];
  for (const operand of args.positional) {
    if (NUMBER.test(operand)) numbers.push(operand);
    else selectors.push(guard(() => parseSelector(operand)));
  }
  const named = SELECTOR_OPTIONS.filter((k) => has(args, k));
  if (named.length > 0 && selectors.length > 0) throw new UsageError('[module[:instance[:name[:statistic]]]] and -m -i -n -s are mutually exclusive');
  if (named.length > 0) {
    const parts = Object.fromEntries(SELECTOR_OPTIONS.map((k) => [k, last(args, k)]));
    selectors.push(guard(() => selectorOf(parts)));
  }
  return { selectors, numbers };
}

function intervalOf(numbers: readonly string[]): { interval: number | undefined; count: number | undefined } {
  if (numbers.length > 2) throw new UsageError(`unexpected operand "${numbers[2]}": only interval and count are numbers`);
  const [interval, count] = numbers.map((n, i) => positive(n, i === 0 ? 'interval' : 'count'));
  return { interval, count };
}

function positive(text: string, what: string): number {
  const n = Number(text);
  if (n < 1) throw new UsageError(`${what} must be an integer >= 1`);
  if (n > INT_MAX) throw new UsageError(`${what} is too large`);
  return n;
}

function timestampOf(value: string | undefined): TimestampFormat | undefined {
  if (value === undefined || value === 'u' || value === 'd') return value;
  throw new UsageError(`-T ${value}: expected u (seconds since the epoch) or d (date)`);
}

function pattern(text: string | undefined): Pattern {
  return guard(() => parsePattern(text));
}

/** Selector syntax errors (a fifth field, a bad /ERE/) are usage errors. */
function guard<T>(make: () => T): T {
  try {
    return make();
  } catch (err) {
    if (KstatError.is(err) && err.code === 'E_ARGUMENT') throw new UsageError(err.message);
    throw err;
  }
}

const NOT_WITH_SAVE = ['colon', 'json', 'list', 'parseable', 'quiet', 'timestamp', 'class', ...SELECTOR_OPTIONS] as const;

function checkSave(args: ParsedArgs, path: string, operands: number): void {
  if (path === '') throw new UsageError('--save needs a file');
  if ((args.options.get('save')?.length ?? 0) > 1) throw new UsageError('--save given twice');
  if (operands > 0 || NOT_WITH_SAVE.some((k) => has(args, k))) {
    throw new UsageError('--save FILE saves every kstat of the source: it takes no selectors, output options or interval');
  }
}
