/**
 * The kstat procedures of program 100149 as the daemon serves them: decoded arguments
 * and the kept chain (chain-keeper.ts) → result values of src/protocol/kstat-x. No
 * sockets, no encoding: rpc-dispatch.ts does that.
 *
 *   CHAINID       → chain id, the source's boot time and its clock at the last update
 *   READ(kid)     → one kstat from the last update; kid 0 = every header (kid order);
 *                   a kid not in the chain → ENXIO; a kstat whose provider had no data
 *                   in that update → ENOENT; a negative kid → EINVAL
 *   WRITE         → always EACCES (read-only), with the current chain id
 *   READ_BATCH    → (v2) the kids or selector matches, in kid order, each once, all from
 *                   one update; asked kids not in the chain in `gone`, ascending
 *
 * Owning processes: unless `exposeProcesses`, the RAW views netstat:0:sockets and
 * netstat:0:packet-sockets leave here without any `processes` (redact.ts), whatever the
 * source holds (a snapshot file may carry them).
 */
import { KstatError } from '../errors.js';
import type { Kstat } from '../kstat/chain.js';
import { KSTAT_INSTANCE_ANY, type BatchArgs, type BatchResult, type BatchSelector, type ChainIdResult, type ReadResult, type WriteArgs, type WriteResult } from '../protocol/kstat-x/procedures.js';
import { encodeKstatHeaders, type KstatWithData } from '../protocol/kstat-x/codec.js';
import { KSTAT_STATUS } from '../protocol/kstat-x/status.js';
import { anySelectorMatches, parsePattern, selectorOf, type Selector, type Pattern } from '../kstat/selector.js';
import type { KeptChain } from './chain-keeper.js';
import { redactProcesses } from './redact.js';

export interface ProcedureContext {
  /** The current chain (ChainKeeper.current): what calls that need the chain itself use. */
  readonly chain: () => Promise<KeptChain>;
  /**
   * The chain as last kept, with no read (ChainKeeper.last), and a chain in which given
   * kstats of it have fresh data (ChainKeeper.freshFor): calls for named kstats re-read
   * only their providers. Without them every call uses `chain`.
   */
  readonly last?: () => Promise<KeptChain>;
  readonly freshFor?: (kstats: readonly Kstat[]) => Promise<KeptChain>;
  readonly exposeProcesses: boolean;
  /**
   * Whether the source's RAW views may hold owning processes to strip (redact.ts). False
   * for sources whose views the daemon's own providers read without owners (live, pid,
   * netns, tree: ownersMayBeIn()), so 100k sockets are not decoded to find no owner.
   * Default true.
   */
  readonly mayCarryOwners?: boolean;
}

export async function chainIdProc(ctx: ProcedureContext): Promise<ChainIdResult> {
  const c = await ctx.chain();
  return { ok: true, chainId: c.chainId, bootTimeNs: c.clock.bootTimeNs, sinceBootNs: c.clock.sinceBootNs };
}

/**
 * The chain to answer from: when the call names its kstats (`pick` finds every one of them
 * in the last kept chain), one where only their data is refreshed; otherwise (kid 0, a
 * pattern, a kstat not in the chain) the current chain.
 */
async function chainFor(ctx: ProcedureContext, pick: (c: KeptChain) => Kstat[] | undefined): Promise<KeptChain> {
  if (ctx.last === undefined || ctx.freshFor === undefined) return ctx.chain();
  const chosen = pick(await ctx.last());
  return chosen === undefined || chosen.length === 0 ? ctx.chain() : ctx.freshFor(chosen);
}

/** The kstats of `kids` in `c`, or undefined when one is kid 0, negative or not in it. */
function kidsIn(c: KeptChain, kids: readonly number[]): Kstat[] | undefined {
  const out: Kstat[] = [];
  for (const kid of kids) {
    const ks = kid > 0 ? c.byKid.get(kid) : undefined;
    if (ks === undefined) return undefined;
    out.push(ks);
  }
  return out;
}

/** `module:instance:name` when a selector can match only that kstat (no pattern, any class), else undefined. */
function exactKey(s: BatchSelector): string | undefined {
  const plain = (p: string) => p !== '' && !/[*?[\\]/.test(p) && !(p.length >= 2 && p.startsWith('/') && p.endsWith('/'));
  if (!plain(s.module) || !plain(s.name) || s.instance < 0 || (s.class !== '' && s.class !== '*')) return undefined;
  return `${s.module}:${s.instance}:${s.name}`;
}

/** The one kstat each selector names, or undefined when one is a pattern or names nothing in `c`. */
function namedIn(c: KeptChain, selectors: readonly BatchSelector[]): Kstat[] | undefined {
  const keys = selectors.map(exactKey);
  if (keys.some((k) => k === undefined)) return undefined;
  const wanted = new Set(keys as string[]);
  const out = c.kstats.filter((ks) => ks.kid !== 0 && wanted.delete(`${ks.module}:${ks.instance}:${ks.name}`));
  return wanted.size === 0 ? out : undefined;
}

export async function readProc(ctx: ProcedureContext, kid: number): Promise<ReadResult> {
  const c = await chainFor(ctx, (last) => kidsIn(last, [kid]));
  if (kid < 0) return { ok: false, status: KSTAT_STATUS.KSTAT_EINVAL, chainId: c.chainId };
  const ks = c.byKid.get(kid);
  if (ks === undefined) return { ok: false, status: KSTAT_STATUS.KSTAT_ENXIO, chainId: c.chainId };
  const kstat = withData(c, ks, !stripsOwners(ctx));
  if (kstat === undefined) return { ok: false, status: KSTAT_STATUS.KSTAT_ENOENT, chainId: c.chainId };
  return { ok: true, chainId: c.chainId, kstat };
}

export async function writeProc(ctx: ProcedureContext, _args: WriteArgs): Promise<WriteResult> {
  const c = await ctx.chain();
  return { status: KSTAT_STATUS.KSTAT_EACCES, chainId: c.chainId };
}

export async function readBatchProc(ctx: ProcedureContext, args: BatchArgs): Promise<BatchResult> {
  const c = await chainFor(ctx, (last) => (args.by === 'kids' ? kidsIn(last, args.kids) : namedIn(last, args.selectors)));
  const failed = (status: number): BatchResult => ({ ok: false, status, chainId: c.chainId });
  let chosen: Kstat[];
  let gone: number[] = [];
  if (args.by === 'kids') {
    const kids = [...new Set(args.kids)].sort((a, b) => a - b);
    if (kids.some((k) => k < 0)) return failed(KSTAT_STATUS.KSTAT_EINVAL);
    chosen = kids.flatMap((k) => c.byKid.get(k) ?? []);
    gone = kids.filter((k) => !c.byKid.has(k));
  } else {
    const selectors = batchSelectors(args.selectors);
    if (selectors === undefined) return failed(KSTAT_STATUS.KSTAT_EINVAL);
    chosen = c.kstats.filter((ks) => selectors.some((s) => anySelectorMatches(ks, [s.selector], s.klass)));
  }
  const kstats: KstatWithData[] = [];
  for (const ks of chosen) {
    const k = withData(c, ks, !stripsOwners(ctx));
    // A kstat without data in this update is left out, as a kid gone is (listed in gone).
    if (k !== undefined) kstats.push(k);
    else if (args.by === 'kids') gone.push(ks.kid);
  }
  gone = gone.sort((a, b) => a - b);
  return { ok: true, chainId: c.chainId, kstats, gone };
}

/**
 * Selectors of a batch as kstat(1M) patterns; undefined when one is invalid (instance
 * below −1, a bad ERE, an ERE that could backtrack without end).
 */
function batchSelectors(list: readonly BatchSelector[]): { selector: Selector; klass: Pattern }[] | undefined {
  try {
    return list.map((s) => {
      if (s.instance < KSTAT_INSTANCE_ANY) throw new KstatError('E_ARGUMENT', `instance ${s.instance}`);
      for (const p of [s.module, s.name, s.class]) if (riskyEre(p)) throw new KstatError('E_ARGUMENT', `pattern ${p}`);
      const instance = s.instance === KSTAT_INSTANCE_ANY ? undefined : String(s.instance);
      return { selector: selectorOf({ module: s.module, instance, name: s.name }), klass: parsePattern(s.class) };
    });
  } catch (err) {
    if (KstatError.is(err) && err.code === 'E_ARGUMENT') return undefined;
    throw err;
  }
}

/**
 * A remote /ERE/ runs on the daemon's only thread: one with a quantified group that
 * itself holds a quantifier, or a back-reference, can take exponential time, stalling
 * every client. Those are refused (EINVAL); plain alternations and classes are fine.
 */
export function riskyEre(pattern: string): boolean {
  if (!(pattern.length >= 2 && pattern.startsWith('/') && pattern.endsWith('/'))) return false;
  const body = pattern.slice(1, -1);
  return /\\[1-9]/.test(body) || /[*+?}][^(]*\)\s*[*+?{]/.test(body);
}

/** Whether RAW socket views must go through redactProcesses before they leave. */
function stripsOwners(ctx: ProcedureContext): boolean {
  return !ctx.exposeProcesses && ctx.mayCarryOwners !== false;
}

/** The kstat with this update's data, header times and sizes from it; undefined without data. */
function withData(c: KeptChain, ks: Kstat, asRead: boolean): KstatWithData | undefined {
  const { kid, module, instance, name, type, flags, crtime } = ks;
  const header = { kid, module, instance, name, class: ks.class, type, flags, crtime };
  if (kid === 0) {
    const raw = encodeKstatHeaders(c.kstats.map((k) => headerOf(c, k)));
    return { ...header, snaptime: c.clock.sinceBootNs, ndata: 1, dataSize: raw.byteLength, data: { type: 'RAW', raw } };
  }
  const r = c.reading(ks);
  if (r === undefined || r.data.type !== type) return undefined;
  const data = asRead ? r.data : redactProcesses(ks, r.data);
  return { ...header, snaptime: r.snaptime, ndata: ks.ndata, dataSize: ks.dataSize, data };
}

function headerOf(c: KeptChain, k: Kstat) {
  const r = k.kid === 0 ? undefined : c.reading(k);
  return { kid: k.kid, module: k.module, instance: k.instance, name: k.name, class: k.class, type: k.type, flags: k.flags, crtime: k.crtime, snaptime: r?.snaptime ?? 0n, ndata: k.ndata, dataSize: k.dataSize };
}
