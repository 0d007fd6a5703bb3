/**
 * The interval of the -i/-I and -s modes: `-w SECS` (FreeBSD netstat) or `--interval SECS`,
 * with `-c COUNT` reports. In the socket list, -w keeps its Linux netstat meaning (raw
 * sockets) and takes no number; the parser only gives -w a value when a number follows it.
 */
import { UsageError, last, has, type ParsedArgs } from '../args.js';
import type { Mode } from './mode-option.js';

export interface Interval {
  readonly seconds: number;
  /** Reports to print; undefined: until interrupted. */
  readonly count: number | undefined;
}

const WITH_INTERVAL: ReadonlySet<Mode> = new Set(['interfaces', 'protocol-stats']);

export function resolveInterval(args: ParsedArgs, mode: Mode): Interval | undefined {
  const w = last(args, 'w');
  const given = last(args, 'interval') ?? (w !== undefined && w !== '' ? w : undefined);
  if (mode === 'sockets') {
    if (w !== undefined && w !== '') {
      throw new UsageError(`-w ${w}: an interval (-w SECS) applies to -i, -I and -s; in the socket list -w selects raw sockets and takes no number`);
    }
    return undefined;
  }
  if (!WITH_INTERVAL.has(mode)) return undefined;
  if (w === '') throw new UsageError('-w needs SECS with -i, -I or -s (for example -w 1)');
  const countText = last(args, 'count');
  if (given === undefined) {
    if (has(args, 'count')) throw new UsageError('-c COUNT needs an interval: -w SECS');
    return undefined;
  }
  const seconds = Number(given);
  if (!(Number.isFinite(seconds) && seconds > 0 && seconds <= 86400)) throw new UsageError(`interval "${given}": expected seconds, a number above 0`);
  return { seconds, count: countText === undefined ? undefined : positiveCount(countText) };
}

function positiveCount(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 1e9) throw new UsageError(`-c ${text}: expected a count of reports, 1 or more`);
  return Number(text);
}
