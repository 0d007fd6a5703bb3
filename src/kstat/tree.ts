/**
 * The Perl Sun::Solaris::Kstat form (seed-systems.md §3): `tree[module][instance][name]`
 * is a leaf whose keys are the kstat's statistics, e.g. `t.link[0].lo.rbytes64` (a bigint).
 *
 * Leaves are lazy: until something other than `class` or `crtime` is asked of a leaf
 * (a key, `in`, `Object.keys`, iteration), it holds only those two. The first such access
 * fills it from the ctl's latest reading of that kstat — the one the last chain update
 * (or `update()`) took, since our providers read in order to list — and marks it accessed.
 * `update()` updates the chain, then refreshes only the leaves that were accessed (from the
 * same fresh reading); the others are emptied again and fill on their next access. It
 * returns Perl's lists: `{ added, deleted }` of "module:instance:name".
 *
 * Differences from Perl, on purpose: `crtime`, `snaptime` and IO/timer times are bigint
 * nanoseconds (exact), not float seconds; a RAW `netstat:0:<view>` leaf has `records`
 * (the record count) and `reading` (the decoded view Reading); `kstat_*` kstats are left
 * out as in Perl. `update` and `ctl` are methods/properties of the root (not enumerable):
 * a module named "update" or "ctl" would be shadowed.
 */
import { decodeViewReading, isNetstatView } from '../protocol/netstat-readings.js';
import type { KstatData } from './types.js';
import type { Kstat } from './chain.js';
import { kstatKey } from './chain.js';
import { KstatCtl, kstatOpen, type KstatOpenOptions } from './kstat-ctl.js';

export type KstatLeaf = Record<string, unknown> & { readonly class: string; readonly crtime: bigint };
export type KstatTree = Record<string, Record<number, Record<string, KstatLeaf>>> & {
  /** Updates the chain; refreshes accessed leaves. Perl's update() in list context. */
  update(): Promise<{ added: string[]; deleted: string[] }>;
  /** The ctl under the tree. */
  readonly ctl: KstatCtl;
};

interface LeafState {
  ks: Kstat;
  accessed: boolean;
  filled: boolean;
  values: Record<string, unknown>;
}

/** A tree over `ctl`, or over a new ctl opened with `options` (the same as kstatOpen's). */
export async function tree(ctlOrOptions: KstatCtl | KstatOpenOptions = {}): Promise<KstatTree> {
  const ctl = ctlOrOptions instanceof KstatCtl ? ctlOrOptions : await kstatOpen(ctlOrOptions);
  await readRemote(ctl);
  const root: Record<string, Record<number, Record<string, KstatLeaf>>> = {};
  const states = new Map<string, LeafState>();
  for (const ks of ctl.chain) addLeaf(root, states, ctl, ks);
  Object.defineProperty(root, 'ctl', { value: ctl, enumerable: false });
  Object.defineProperty(root, 'update', { value: () => update(root, states, ctl), enumerable: false });
  return root as KstatTree;
}

async function update(root: Record<string, Record<number, Record<string, KstatLeaf>>>, states: Map<string, LeafState>, ctl: KstatCtl) {
  const changed = await ctl.chainUpdate();
  await readRemote(ctl);
  const added = changed === 0 ? [] : ctl.added.filter(shown).map(kstatKey);
  const deleted = changed === 0 ? [] : ctl.deleted.filter(shown).map(kstatKey);
  for (const ks of changed === 0 ? [] : ctl.deleted) removeLeaf(root, states, ks);
  for (const ks of changed === 0 ? [] : ctl.added) addLeaf(root, states, ctl, ks);
  for (const state of states.values()) {
    state.filled = false;
    if (state.accessed) fill(state, ctl);
  }
  return { added, deleted };
}

/**
 * A local chain update reads every provider (so leaves fill from it); a remote one reads
 * only the headers (READ 0), so the tree reads the data too: one READ_BATCH on kstatd.
 */
async function readRemote(ctl: KstatCtl): Promise<void> {
  if (ctl.info.kind === 'remote') await ctl.readAll(ctl.chain.filter(shown));
}

/** kstat_* kstats (the headers kstat) are not in the tree, as in Perl. */
function shown(ks: Kstat): boolean {
  return !ks.name.startsWith('kstat_');
}

function addLeaf(root: Record<string, Record<number, Record<string, KstatLeaf>>>, states: Map<string, LeafState>, ctl: KstatCtl, ks: Kstat): void {
  if (!shown(ks)) return;
  const state: LeafState = { ks, accessed: false, filled: false, values: { class: ks.class, crtime: ks.crtime } };
  states.set(kstatKey(ks), state);
  const instances = (root[ks.module] ??= {});
  const names = (instances[ks.instance] ??= {});
  names[ks.name] = leafProxy(state, ctl);
}

function removeLeaf(root: Record<string, Record<number, Record<string, KstatLeaf>>>, states: Map<string, LeafState>, ks: Kstat): void {
  if (!states.delete(kstatKey(ks))) return;
  const instances = root[ks.module];
  const names = instances?.[ks.instance];
  if (names === undefined || instances === undefined) return;
  delete names[ks.name];
  if (Object.keys(names).length === 0) delete instances[ks.instance];
  if (Object.keys(instances).length === 0) delete root[ks.module];
}

const ALWAYS = new Set<string | symbol>(['class', 'crtime']);

function leafProxy(state: LeafState, ctl: KstatCtl): KstatLeaf {
  const touch = (): Record<string, unknown> => {
    state.accessed = true;
    if (!state.filled) fill(state, ctl);
    return state.values;
  };
  return new Proxy({} as KstatLeaf, {
    get: (_t, key) => (ALWAYS.has(key) || typeof key === 'symbol' ? (state.values as Record<string | symbol, unknown>)[key] : touch()[key]),
    has: (_t, key) => typeof key === 'string' && key in touch(),
    ownKeys: () => Reflect.ownKeys(touch()),
    getOwnPropertyDescriptor: (_t, key) => {
      const values = touch();
      return typeof key === 'string' && Object.hasOwn(values, key) ? { value: values[key], enumerable: true, configurable: true, writable: false } : undefined;
    },
    set: () => false,
    deleteProperty: () => false,
  });
}

function fill(state: LeafState, ctl: KstatCtl): void {
  const latest = ctl.peek(state.ks);
  state.values = { class: state.ks.class, crtime: state.ks.crtime };
  if (latest !== undefined) Object.assign(state.values, { snaptime: latest.snaptime }, valuesOf(state.ks, latest.data));
  state.filled = true;
}

/** Statistic name → value, as kstat(1M) names them. */
export function valuesOf(ks: Kstat, data: KstatData): Record<string, unknown> {
  switch (data.type) {
    case 'NAMED':
      return Object.fromEntries(data.named.map((s) => [s.name, s.value]));
    case 'INTR': {
      const i = data.intr;
      return { hard: i.hard, soft: i.soft, watchdog: i.watchdog, spurious: i.spurious, multiple_service: i.multipleService };
    }
    case 'IO':
      return { ...data.io };
    case 'TIMER':
      return Object.fromEntries(data.timers.map((t) => [t.name, { ...t }]));
    case 'RAW':
      return rawValues(ks, data.raw);
  }
}

function rawValues(ks: Kstat, raw: Uint8Array): Record<string, unknown> {
  if (ks.module !== 'netstat' || !isNetstatView(ks.name)) return { bytes: raw.length };
  const reading = decodeViewReading(ks.name, raw);
  return { records: Array.isArray(reading.data) ? reading.data.length : 1, reading };
}
