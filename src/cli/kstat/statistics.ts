/**
 * The statistics kstat(1M) shows for each kind of kstat data (seed-systems.md §2.3), as
 * format/kstat values: NAMED records under their names; INTR as `hard soft watchdog
 * spurious multiple_service`; IO as the twelve kstat_io_t fields; RAW view kstats as a
 * summary (raw-views.ts).
 *
 * Times (IO `*time`/`*lastupdate`, TIMER times) are hrtime values, printed as seconds
 * with nine decimals like crtime and snaptime (the Perl kstat did so; the illumos C
 * rewrite prints them as integer nanoseconds).
 *
 * TIMER: illumos shows only the first kstat_timer_t, as `name num_events elapsed_time
 * min_time max_time start_time stop_time`. Ours have several (`sched:N:run_queue` has `run`
 * and `wait`), so every timer is shown, its fields prefixed by its name:
 * `run.num_events`, `run.elapsed_time`, ..., `wait.stop_time`.
 */
import type { IoStats, KstatData, TimerStat } from '../../kstat/types.js';
import { hrtime, integer, text, type KstatStatistic, type KstatValue } from '../../format/kstat/model.js';
import { rawSummary, type RawSummary } from './raw-views.js';

export interface DataStatistics {
  readonly statistics: KstatStatistic[];
  /** Why the data could not be decoded (RAW only), for a warning. */
  readonly error?: string;
}

/** undefined: a RAW kstat the command has no decoder for (not shown). */
export function dataStatistics(module: string, name: string, data: KstatData): DataStatistics | undefined {
  switch (data.type) {
    case 'NAMED':
      return { statistics: data.named.map((s) => ({ name: s.name, value: typeof s.value === 'string' ? text(s.value) : integer(s.value) })) };
    case 'INTR': {
      const i = data.intr;
      return { statistics: stats([['hard', integer(i.hard)], ['soft', integer(i.soft)], ['watchdog', integer(i.watchdog)], ['spurious', integer(i.spurious)], ['multiple_service', integer(i.multipleService)]]) };
    }
    case 'IO':
      return { statistics: ioStatistics(data.io) };
    case 'TIMER':
      return { statistics: data.timers.flatMap(timerStatistics) };
    case 'RAW':
      return rawSummary(module, name, data.raw) satisfies RawSummary | undefined;
  }
}

function stats(pairs: readonly (readonly [string, KstatValue])[]): KstatStatistic[] {
  return pairs.map(([name, value]) => ({ name, value }));
}

/** kstat_io_t in kstat.h order; the *time and *lastupdate fields are hrtimes. */
function ioStatistics(io: IoStats): KstatStatistic[] {
  return stats([
    ['nread', integer(io.nread)],
    ['nwritten', integer(io.nwritten)],
    ['reads', integer(io.reads)],
    ['writes', integer(io.writes)],
    ['wtime', hrtime(io.wtime)],
    ['wlentime', hrtime(io.wlentime)],
    ['wlastupdate', hrtime(io.wlastupdate)],
    ['rtime', hrtime(io.rtime)],
    ['rlentime', hrtime(io.rlentime)],
    ['rlastupdate', hrtime(io.rlastupdate)],
    ['wcnt', integer(io.wcnt)],
    ['rcnt', integer(io.rcnt)],
  ]);
}

function timerStatistics(t: TimerStat): KstatStatistic[] {
  return stats([
    [`${t.name}.num_events`, integer(t.numEvents)],
    [`${t.name}.elapsed_time`, hrtime(t.elapsedTime)],
    [`${t.name}.min_time`, hrtime(t.minTime)],
    [`${t.name}.max_time`, hrtime(t.maxTime)],
    [`${t.name}.start_time`, hrtime(t.startTime)],
    [`${t.name}.stop_time`, hrtime(t.stopTime)],
  ]);
}
