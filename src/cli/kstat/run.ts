/**
 * One kstat run: arguments → options → one ctl per source (one, or one per -H HOST: a
 * report over several hosts labels every kstat with its host, in host order) → for each
 * report: update the
 * chain (after the first), collect the selected kstats' data, then print it whole with the
 * formatter the options chose → the exit status (kstat(1M): 0 something matched, 1
 * nothing matched, 2 usage, 3 fatal; src/cli/exit-codes.ts).
 */
import { KstatError, formatIssue } from '../../errors.js';
import { kstatOpen, type KstatCtl } from '../../kstat/kstat-ctl.js';
import { saveSnapshot } from '../../kstat/save-snapshot.js';
import { UsageError, parseArgs } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { done, fatal, type Streams } from '../outcome.js';
import { KSTAT_VERSION } from '../version.js';
import { KSTAT_OPTIONS } from './option-specs.js';
import { resolveOptions, type KstatOptions } from './options.js';
import { sourceLabel } from '../source-option.js';
import { KSTAT_HELP, KSTAT_USAGE } from './help.js';
import { collectReport } from './collect.js';
import { renderReport } from './render.js';
import { timestampText } from './timestamp.js';
import type { KstatEntry } from '../../format/kstat/model.js';
import { sleepUntilNext, startClock, type IntervalClock } from './interval.js';

export type { Streams };

export async function runKstat(argv: readonly string[], io: Streams): Promise<number> {
  let options: KstatOptions;
  try {
    options = resolveOptions(parseArgs(argv, KSTAT_OPTIONS));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err.write(`kstat: ${err.message}\n${KSTAT_USAGE}`);
    return EXIT.usage;
  }
  if (options.action === 'help') return done(io, KSTAT_HELP);
  if (options.action === 'version') return done(io, `kstat ${KSTAT_VERSION}\n`);
  const ctls: Opened[] = [];
  try {
    for (const source of options.sources) {
      try {
        ctls.push({ ctl: await kstatOpen(source), host: options.sources.length > 1 ? source.host : undefined });
      } catch (err) {
        return fatal(io, 'kstat', sourceLabel(source), err);
      }
    }
    return await runOn(ctls, options, io);
  } finally {
    await Promise.all(ctls.map((o) => o.ctl.close()));
  }
}

/** An open ctl, and the host label its kstats carry when a report covers several hosts. */
interface Opened {
  readonly ctl: KstatCtl;
  readonly host: string | undefined;
}

async function runOn(ctls: readonly Opened[], options: KstatOptions, io: Streams): Promise<number> {
  let current = ctls[0]!.ctl;
  try {
    if (options.action === 'save') return await save(current, options.savePath!, io);
    return await reports(ctls, options, io, (ctl) => (current = ctl));
  } catch (err) {
    return fatal(io, 'kstat', current.info.label, err);
  }
}

async function save(ctl: KstatCtl, path: string, io: Streams): Promise<number> {
  const saved = await saveSnapshot(ctl, path);
  io.out.write(`saved ${saved.kstats} kstats of ${ctl.info.label} (chain id ${saved.chainId}, ${saved.bytes} bytes) to ${saved.path}\n`);
  warn(io, ctl, new Set());
  return EXIT.ok;
}

async function reports(ctls: readonly Opened[], options: KstatOptions, io: Streams, using: (ctl: KstatCtl) => void): Promise<number> {
  const selection = { selectors: options.selectors, classPattern: options.classPattern, withClass: options.format === 'parseable' };
  const warned = new Set<string>();
  let clock: IntervalClock | undefined = options.interval === undefined ? undefined : startClock(options.interval);
  let matched = false;
  for (let n = 1; ; n++) {
    if (n > 1) {
      clock = await sleepUntilNext(clock!);
      for (const { ctl } of ctls) {
        using(ctl);
        await ctl.chainUpdate();
      }
      if (options.format !== 'json' && options.format !== 'quiet') io.out.write('\n');
    }
    const entries: KstatEntry[] = [];
    const warnings: { ctl: KstatCtl; lines: string[] }[] = [];
    for (const { ctl, host } of ctls) {
      using(ctl);
      const report = await collectReport(ctl, selection);
      entries.push(...(host === undefined ? report.entries : report.entries.map((e) => ({ ...e, host }))));
      warnings.push({ ctl, lines: report.warnings });
    }
    if (options.timestamp !== undefined) (options.format === 'json' ? io.err : io.out).write(`${timestampText(options.timestamp)}\n`);
    io.out.write(renderReport(entries, options));
    for (const w of warnings) warn(io, w.ctl, warned, w.lines);
    matched ||= entries.length > 0;
    if (options.interval === undefined || (options.count !== undefined && n >= options.count)) break;
  }
  return matched ? EXIT.ok : EXIT.empty;
}

/**
 * What the source could not give, on stderr, each line once per run: providers that failed
 * (their kstats are missing), located issues in the source's files, undecodable data.
 */
function warn(io: Streams, ctl: KstatCtl, warned: Set<string>, extra: readonly string[] = []): void {
  const label = ctl.info.label;
  const lines = [
    ...ctl.failures.map((f) => `kstat: ${label}: warning: ${f.provider} kstats are missing: ${errorText(f.error)}`),
    ...ctl.issues.map((i) => `kstat: ${label}: warning: ${formatIssue(i)}`),
    ...extra.map((w) => `kstat: ${label}: warning: ${w}`),
  ].filter((l) => !warned.has(l));
  for (const l of lines) warned.add(l);
  if (lines.length > 0) io.err.write(`${lines.join('\n')}\n`);
}

function errorText(err: unknown): string {
  if (KstatError.is(err)) return `${err.message} [${err.code}]`;
  return err instanceof Error ? err.message : String(err);
}
