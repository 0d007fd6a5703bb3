/**
 * kstat(1M) selectors (seed-systems.md §2.2), pure: `module:instance:name:statistic`
 * operands whose fields are shell globs (gmatch: `*`, `?`, `[...]`, `[!...]`, `\x`) or,
 * written `/ERE/`, POSIX extended regular expressions. Globs match the whole field; an ERE
 * matches anywhere in it unless anchored (regexec semantics). An empty or missing field
 * is `*`; more than four fields is a usage error. The instance is matched as its decimal
 * text. Selectors are ORed; the class pattern (-c) is ANDed with every selector.
 */
import { KstatError } from '../errors.js';

export interface Pattern {
  /** The pattern as written. */
  readonly text: string;
  test(value: string): boolean;
}

export interface Selector {
  readonly module: Pattern;
  readonly instance: Pattern;
  readonly name: Pattern;
  readonly statistic: Pattern;
}

/** What a selector is tested against: a kstat's identity and class. */
export interface SelectableKstat {
  readonly module: string;
  readonly instance: number;
  readonly name: string;
  readonly class: string;
}

const ANY: Pattern = { text: '*', test: () => true };

/** A glob, or an ERE when written /.../. Invalid EREs are E_ARGUMENT. */
export function parsePattern(text: string | undefined): Pattern {
  if (text === undefined || text === '' || text === '*') return ANY;
  if (text.length >= 2 && text.startsWith('/') && text.endsWith('/')) return ere(text);
  const re = new RegExp(`^${globSource(text)}$`, 's');
  return { text, test: (v) => re.test(v) };
}

function ere(text: string): Pattern {
  let re: RegExp;
  try {
    re = new RegExp(posixClasses(text.slice(1, -1)));
  } catch (err) {
    throw new KstatError('E_ARGUMENT', `invalid regular expression ${text}: ${(err as Error).message}`, { cause: err });
  }
  return { text, test: (v) => re.test(v) };
}

/** POSIX bracket classes ([:digit:] inside [...]) → their JavaScript equivalents. */
const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', word: 'A-Za-z0-9_', cntrl: '\\x00-\\x1f\\x7f', print: '\\x20-\\x7e', graph: '\\x21-\\x7e',
};

function posixClasses(source: string): string {
  return source.replace(/\[:([a-z]+):\]/g, (whole, name: string) => POSIX_CLASSES[name] ?? whole);
}

const SPECIAL = /[.*?+^${}()|[\]\\/-]/;

/** gmatch(3GEN) glob → regular expression source (unanchored; the caller anchors). */
function globSource(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '\\' && i + 1 < glob.length) out += escape(glob[++i]!);
    else if (c === '[') {
      const end = bracketEnd(glob, i);
      if (end === -1) out += '\\[';
      else {
        out += bracket(glob.slice(i + 1, end));
        i = end;
      }
    } else out += escape(c);
  }
  return out;
}

function escape(c: string): string {
  return SPECIAL.test(c) ? `\\${c}` : c;
}

/** Index of the `]` closing the bracket at `start` (a `]` first in the set is literal), or -1. */
function bracketEnd(glob: string, start: number): number {
  let i = start + 1;
  if (glob[i] === '!' || glob[i] === '^') i++;
  if (glob[i] === ']') i++;
  const end = glob.indexOf(']', i);
  return end;
}

function bracket(body: string): string {
  const negate = body.startsWith('!') || body.startsWith('^');
  const set = negate ? body.slice(1) : body;
  const inner = set.replace(/[\\\]^[]/g, (c) => `\\${c}`);
  return `[${negate ? '^' : ''}${inner}]`;
}

/** `module:instance:name:statistic` (fewer fields allowed; empty = any). */
export function parseSelector(operand: string): Selector {
  const parts = operand.split(':');
  if (parts.length > 4) throw new KstatError('E_ARGUMENT', `selector "${operand}" has more than four fields (module:instance:name:statistic)`);
  const [module, instance, name, statistic] = parts;
  return selectorOf({ module, instance, name, statistic });
}

/** The selector -m/-i/-n/-s make together (each absent one = any). */
export function selectorOf(parts: { module?: string | undefined; instance?: string | undefined; name?: string | undefined; statistic?: string | undefined }): Selector {
  return {
    module: parsePattern(parts.module),
    instance: parsePattern(parts.instance),
    name: parsePattern(parts.name),
    statistic: parsePattern(parts.statistic),
  };
}

/** The selector matching everything (what no operand means). */
export const ALL: Selector = selectorOf({});

export function matchesKstat(selector: Selector, ks: SelectableKstat): boolean {
  return selector.module.test(ks.module) && selector.instance.test(String(ks.instance)) && selector.name.test(ks.name);
}

export function matchesStatistic(selector: Selector, statistic: string): boolean {
  return selector.statistic.test(statistic);
}

/**
 * kstat(1M)'s walk: for each selector in order, every kstat (in the given order) whose
 * class matches `classPattern` and which the selector matches. A kstat matched by two
 * selectors appears twice, as kstat(1M) prints it twice. No selectors = match everything.
 */
export function selectKstats<K extends SelectableKstat>(kstats: readonly K[], selectors: readonly Selector[], classPattern: Pattern = ANY): { selector: Selector; kstat: K }[] {
  const out: { selector: Selector; kstat: K }[] = [];
  for (const selector of selectors.length === 0 ? [ALL] : selectors) {
    for (const kstat of kstats) if (classPattern.test(kstat.class) && matchesKstat(selector, kstat)) out.push({ selector, kstat });
  }
  return out;
}

/** True when any selector (and the class pattern) admits the kstat. */
export function anySelectorMatches(ks: SelectableKstat, selectors: readonly Selector[], classPattern: Pattern = ANY): boolean {
  return classPattern.test(ks.class) && (selectors.length === 0 || selectors.some((s) => matchesKstat(s, ks)));
}
