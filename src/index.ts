/**
 * Package entry `kstat`: the kstat namespace API — `kstatOpen()`, `kstatOpenHost()` and the libkstat-shaped
 * `KstatCtl`, the Perl-style `tree()`, kstat(1M) selectors, `saveSnapshot()` — plus the
 * network views (the same as `kstat/netstat`) and the exact JSON writer.
 */
export * from './netstat.js';
export { toJson } from './format/json.js';
export { kstatOpen, kstatOpenHost, KstatCtl, type KstatOpenOptions, type KstatOpenHostOptions, type KstatReading } from './kstat/kstat-ctl.js';
export { tree, type KstatTree, type KstatLeaf } from './kstat/tree.js';
export { saveSnapshot, type SavedSnapshot } from './kstat/save-snapshot.js';
export { kstatKey, type Kstat } from './kstat/chain.js';
export {
  parsePattern,
  parseSelector,
  selectorOf,
  selectKstats,
  anySelectorMatches,
  matchesKstat,
  matchesStatistic,
  type Pattern,
  type Selector,
  type SelectableKstat,
} from './kstat/selector.js';
export {
  KSTAT_TYPE,
  KSTAT_DATA,
  KSTAT_FLAG,
  type KstatType,
  type NamedDataType,
  type NamedStat,
  type IntrStats,
  type IoStats,
  type TimerStat,
  type KstatData,
  type KstatIdentity,
  type KstatHeader,
  type ProvidedKstat,
} from './kstat/types.js';
export type { KstatProvider, Collected } from './kstat/provider.js';
export type { SourceClock } from './sources/source.js';
