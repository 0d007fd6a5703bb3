/**
 * A small command-line option parser, shared by the kstat commands.
 *
 * It knows the habits of netstat and ss users: bundled short flags (`-tanp`), a short
 * option's value glued (`-c5`, `-N1234`) or in the next word (`-c 5`), long options with
 * `--name=value` or `--name value`, and `--` to end the options. Options whose value is
 * optional and numeric (`-w [SECS]`, netstat's raw-sockets flag that the interval modes
 * reuse) take the next word only when it is a number.
 *
 * It does no interpretation: it returns every occurrence of every option by name, in order,
 * and the commands decide what combinations mean. Anything it does not understand is a
 * `UsageError` (exit 2).
 */

export type ValueKind = 'none' | 'required' | 'optional-number';

export interface OptionSpec {
  /** Key of the option in the result. */
  readonly name: string;
  /** One character, without the dash. */
  readonly short?: string;
  /** Without the dashes. */
  readonly long?: string;
  readonly value?: ValueKind;
}

export interface ParsedArgs {
  /** Option name → its values in order of appearance ('' for a flag or an absent optional value). */
  readonly options: ReadonlyMap<string, readonly string[]>;
  readonly positional: readonly string[];
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const NUMBER = /^\d+(\.\d+)?$/;

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const byShort = new Map(specs.filter((s) => s.short !== undefined).map((s) => [s.short!, s] as const));
  const byLong = new Map(specs.filter((s) => s.long !== undefined).map((s) => [s.long!, s] as const));
  const options = new Map<string, string[]>();
  const positional: string[] = [];
  const add = (spec: OptionSpec, value: string) => {
    const list = options.get(spec.name) ?? [];
    list.push(value);
    options.set(spec.name, list);
  };
  let i = 0;
  while (i < argv.length) {
    const word = argv[i++]!;
    if (word === '--') {
      positional.push(...argv.slice(i));
      break;
    }
    if (word.startsWith('--')) i = parseLong(word, argv, i, byLong, add);
    else if (word.startsWith('-') && word.length > 1) i = parseBundle(word, argv, i, byShort, add);
    else positional.push(word);
  }
  return { options, positional };
}

type Add = (spec: OptionSpec, value: string) => void;

function parseLong(word: string, argv: readonly string[], next: number, byLong: Map<string, OptionSpec>, add: Add): number {
  const eq = word.indexOf('=');
  const key = eq === -1 ? word.slice(2) : word.slice(2, eq);
  const spec = byLong.get(key);
  if (spec === undefined) throw new UsageError(`unknown option --${key}`);
  const kind = spec.value ?? 'none';
  if (eq !== -1) {
    if (kind === 'none') throw new UsageError(`option --${key} takes no value`);
    add(spec, checkValue(spec, `--${key}`, word.slice(eq + 1)));
    return next;
  }
  if (kind === 'none') {
    add(spec, '');
    return next;
  }
  const value = argv[next];
  if (kind === 'optional-number') {
    const takes = value !== undefined && NUMBER.test(value);
    add(spec, takes ? value : '');
    return takes ? next + 1 : next;
  }
  if (value === undefined) throw new UsageError(`option --${key} needs a value`);
  add(spec, value);
  return next + 1;
}

/** `-tanp`, `-c5`, `-c 5`, `-w`, `-w 2`, `-w2`. */
function parseBundle(word: string, argv: readonly string[], next: number, byShort: Map<string, OptionSpec>, add: Add): number {
  for (let k = 1; k < word.length; k++) {
    const ch = word[k]!;
    const spec = byShort.get(ch);
    if (spec === undefined) throw new UsageError(`unknown option -${ch}${word.length > 2 ? ` (in ${word})` : ''}`);
    const kind = spec.value ?? 'none';
    if (kind === 'none') {
      add(spec, '');
      continue;
    }
    const rest = word.slice(k + 1);
    if (kind === 'required') {
      if (rest !== '') {
        add(spec, rest);
        return next;
      }
      const value = argv[next];
      if (value === undefined) throw new UsageError(`option -${ch} needs a value`);
      add(spec, value);
      return next + 1;
    }
    // optional-number: glued digits, else the next word if it is a number, else no value.
    if (rest !== '' && NUMBER.test(rest)) {
      add(spec, rest);
      return next;
    }
    if (rest === '' && argv[next] !== undefined && NUMBER.test(argv[next]!)) {
      add(spec, argv[next]!);
      return next + 1;
    }
    add(spec, '');
  }
  return next;
}

function checkValue(spec: OptionSpec, shown: string, value: string): string {
  if (spec.value === 'optional-number' && value !== '' && !NUMBER.test(value)) throw new UsageError(`option ${shown} takes a number, not "${value}"`);
  return value;
}

/** Helpers for commands reading a ParsedArgs. */
export function has(args: ParsedArgs, name: string): boolean {
  return args.options.has(name);
}

/** The last value given for `name` (later options override earlier ones, as in getopt users). */
export function last(args: ParsedArgs, name: string): string | undefined {
  const list = args.options.get(name);
  return list === undefined ? undefined : list[list.length - 1];
}

export function count(args: ParsedArgs, name: string): number {
  return args.options.get(name)?.length ?? 0;
}
