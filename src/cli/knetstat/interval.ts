/**
 * Interval reports (-i/-I or -s with -w SECS): a baseline reading, then every SECS seconds a
 * new reading of the same session and a report of what changed since the previous one, COUNT
 * times (or until interrupted). Text: one block per report; --json: one line (NDJSON) per report.
 * Warnings are printed once each, after the report in which they first appear.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Session } from '../../netstat/session.js';
import type { Reading, Unavailable } from '../../sources/source.js';
import { toJson } from '../../format/json.js';
import { formatCounterRates, formatInterfaceRates } from '../../format/knetstat/rates.js';
import { EXIT } from '../exit-codes.js';
import type { KnetstatOptions, Interval } from './options.js';
import type { Streams } from '../outcome.js';
import { JSON_FORMAT } from './report.js';
import { warningLines } from './warnings.js';
import { counterGroupDeltas, interfaceDeltas } from './deltas.js';
import { selectGroups } from './stat-groups.js';
import { notInInterfaceTable, shownInterfaces } from './modes/interfaces.js';
import type { Interface } from '../../records/interface.js';

interface Sampler {
  readonly mode: string;
  read(session: Session): Promise<Reading<unknown>>;
  /** Unavailable parts not worth a warning in this report. */
  readonly irrelevant?: (u: Unavailable) => boolean;
  /** What changed from `before` to `after`: the JSON data and the text lines. */
  compare(before: Reading<unknown>, after: Reading<unknown>, elapsedNs: bigint): { data: unknown; text: () => string[] };
}

function interfaceSampler(options: KnetstatOptions, interval: Interval): Sampler {
  return {
    mode: 'interface-rates',
    read: (session) => session.interfaces(),
    irrelevant: notInInterfaceTable,
    compare(before, after, elapsedNs) {
      const pick = (r: Reading<unknown>) => shownInterfaces(r.data as Interface[], options);
      const data = interfaceDeltas(pick(before), pick(after), elapsedNs);
      return { data, text: () => formatInterfaceRates(data, interval.seconds) };
    },
  };
}

function statsSampler(options: KnetstatOptions, interval: Interval): Sampler {
  return {
    mode: 'protocol-rates',
    read: (session) => session.protocolStats(),
    compare(before, after, elapsedNs) {
      type Stats = Awaited<ReturnType<Session['protocolStats']>>['data'];
      const groups = (r: Reading<unknown>) => selectGroups((r.data as Stats).groups, options.protocols, options.families);
      const all = counterGroupDeltas(groups(before), groups(after));
      const data = {
        groups: options.hideZeros ? all.map((g) => ({ ...g, deltas: Object.fromEntries(Object.entries(g.deltas).filter(([, d]) => d !== 0n)) })) : all,
      };
      return { data, text: () => formatCounterRates(data.groups, elapsedNs, interval.seconds, options.hideZeros) };
    },
  };
}

export async function runInterval(session: Session, options: KnetstatOptions, io: Streams): Promise<number> {
  const interval = options.interval!;
  const sampler = options.mode === 'interfaces' ? interfaceSampler(options, interval) : statsSampler(options, interval);
  const warned = new Set<string>();
  const start = Date.now();
  let before = await sampler.read(session);
  for (let n = 1; interval.count === undefined || n <= interval.count; n++) {
    await sleep(Math.max(0, start + n * interval.seconds * 1000 - Date.now()));
    const after = await sampler.read(session);
    const elapsedNs = after.monotonicNs - before.monotonicNs;
    const { data, text } = sampler.compare(before, after, elapsedNs);
    if (options.json) {
      io.out.write(`${toJson(intervalDocument(sampler.mode, after, interval, elapsedNs, data))}\n`);
    } else {
      const header = n === 1 && session.info.kind !== 'live' ? [`Source: ${session.info.label}`] : [];
      io.out.write(`${[...header, ...text()].join('\n')}\n`);
    }
    const fresh = [...new Set([...warningLines(before, sampler.irrelevant), ...warningLines(after, sampler.irrelevant)])].filter((w) => !warned.has(w));
    fresh.forEach((w) => warned.add(w));
    if (fresh.length > 0) io.err.write(`${fresh.join('\n')}\n`);
    before = after;
  }
  return EXIT.ok;
}

function intervalDocument(mode: string, after: Reading<unknown>, interval: Interval, elapsedNs: bigint, data: unknown): Record<string, unknown> {
  return {
    format: JSON_FORMAT,
    mode,
    source: { kind: after.source.kind, label: after.source.label },
    takenAt: after.takenAt,
    via: after.via,
    intervalSeconds: interval.seconds,
    elapsedNs,
    data,
    issues: after.issues,
    unavailable: after.unavailable,
  };
}
