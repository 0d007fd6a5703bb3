/**
 * The daemon's one KstatCtl and the rule that keeps a flood of calls from re-reading
 * /proc for each one.
 *
 * CONSISTENCY RULE (docs/kstatd.md):
 *
 *  - A call that needs the chain itself — CHAINID, READ of kid 0 (every header), a
 *    READ_BATCH whose selectors are patterns — is answered from the latest chain update,
 *    which reads every provider once; when that update is older than `refreshMs` a new one
 *    runs first (calls arriving meanwhile wait for the same update).
 *  - A call for named kstats — READ of a kid, READ_BATCH by kids or by exact
 *    `module:instance:name` selectors — re-reads only the providers of those kstats, when
 *    their data is older than `refreshMs` (`freshFor`): one reading shared by every kstat of
 *    the call, so they are one consistent reading. A remote socket listing then costs one
 *    socket read, not a read of every interface, route and CPU as well. When that reading
 *    shows that the set of kstats changed (one of them gone, or its provider now making
 *    kstats the chain lacks), a full chain update runs instead and the call is answered
 *    from it, so chain ids still change exactly when the set does.
 *
 * So a reply is at most `refreshMs` (plus one read) old and its header snaptime says
 * exactly when; refreshMs 0 re-reads for every call. Every read of the ctl runs one at a
 * time (a queue), so a chain update never interleaves with a partial read.
 */
import { KstatError } from '../errors.js';
import type { KstatCtl, KstatReading } from '../kstat/kstat-ctl.js';
import type { Kstat } from '../kstat/chain.js';
import type { SourceClock } from '../sources/source.js';

export interface KeptChain {
  readonly chainId: number;
  readonly kstats: readonly Kstat[];
  /** kid → kstat of this chain. */
  readonly byKid: ReadonlyMap<number, Kstat>;
  /** The data of this update (undefined: the provider failed or lacked it this time). */
  reading(ks: Kstat): KstatReading | undefined;
  /** The source's clock when the update (or the partial read) started. */
  readonly clock: SourceClock;
}

export interface ChainKeeperOptions {
  readonly refreshMs: number;
  /** The source's clock (the ctl's source). */
  readonly clock: () => Promise<SourceClock>;
  /** Milliseconds, monotonic (tests pass their own). */
  readonly now?: () => number;
  readonly onUpdateError?: (err: unknown) => void;
}

export class ChainKeeper {
  private readonly ctl: KstatCtl;
  private readonly options: ChainKeeperOptions;
  private readonly now: () => number;
  private kept: KeptChain | undefined;
  private keptAt = -Infinity;
  /** When each kid's data was last read (a full update sets every kid). */
  private readonly dataAt = new Map<number, number>();
  private pending: Promise<KeptChain> | undefined;
  /** The tail of the queue every ctl read runs in. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Chain updates run so far (for tests and logs). */
  updates = 0;
  /** Partial reads (freshFor re-reading some providers) run so far. */
  partialReads = 0;

  constructor(ctl: KstatCtl, options: ChainKeeperOptions) {
    this.ctl = ctl;
    this.options = options;
    this.now = options.now ?? (() => performance.now());
  }

  /** The current chain: the kept one when fresh enough, else a new update (shared). */
  async current(): Promise<KeptChain> {
    if (this.kept !== undefined && this.now() - this.keptAt < this.options.refreshMs) return this.kept;
    return this.fullUpdate();
  }

  /** The chain as last kept, without reading anything (an update when there is none yet). */
  async last(): Promise<KeptChain> {
    return this.kept ?? this.fullUpdate();
  }

  /**
   * A chain in which `kstats` (taken from `last()`) have data no older than refreshMs:
   * their providers are re-read if needed; a full update runs instead when that reading
   * shows the set of kstats changed, or when a kstat is no longer in the chain.
   */
  async freshFor(kstats: readonly Kstat[]): Promise<KeptChain> {
    if (this.kept === undefined || this.staleOf(kstats).length === 0) return this.last();
    if (this.pending !== undefined) return this.pending;
    return this.serially(async () => {
      const stale = this.staleOf(kstats);
      if (stale.length === 0 && this.kept !== undefined) return this.kept;
      const started = this.now();
      const clock = await this.options.clock();
      let changed: boolean;
      try {
        changed = (await this.ctl.readAll(stale)).length > 0 || this.ctl.unlisted > 0;
      } catch (err) {
        // Not in the chain any more (E_UNAVAILABLE), or a provider failed: a full update
        // settles both (a failed provider's kstats are then answered ENOENT).
        if (!KstatError.is(err)) this.options.onUpdateError?.(err);
        changed = true;
      }
      if (changed) return this.update();
      this.partialReads++;
      for (const k of stale) this.dataAt.set(k.kid, started);
      return this.keep(clock);
    });
  }

  private staleOf(kstats: readonly Kstat[]): Kstat[] {
    const now = this.now();
    return kstats.filter((k) => !(now - (this.dataAt.get(k.kid) ?? -Infinity) < this.options.refreshMs));
  }

  private fullUpdate(): Promise<KeptChain> {
    this.pending ??= this.serially(() => this.update()).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Runs `step` after every ctl read queued before it. */
  private serially<T>(step: () => Promise<T>): Promise<T> {
    const run = this.queue.then(step, step);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async update(): Promise<KeptChain> {
    const started = this.now();
    const clock = await this.options.clock();
    // The first update ran in KstatCtl.over(); later ones re-read every provider.
    if (this.updates > 0 || this.kept !== undefined) await this.ctl.chainUpdate();
    this.updates++;
    this.keptAt = started;
    this.dataAt.clear();
    for (const k of this.ctl.chain) this.dataAt.set(k.kid, started);
    return this.keep(clock);
  }

  /** Keeps the ctl's chain and latest data as they are now. */
  private keep(clock: SourceClock): KeptChain {
    const ctl = this.ctl;
    const kstats = [...ctl.chain];
    const readings = new Map<number, KstatReading>();
    for (const k of kstats) {
      const r = ctl.peek(k);
      if (r !== undefined) readings.set(k.kid, r);
    }
    const kept: KeptChain = {
      chainId: ctl.chainId,
      kstats,
      byKid: new Map(kstats.map((k) => [k.kid, k])),
      reading: (ks) => readings.get(ks.kid),
      clock,
    };
    this.kept = kept;
    return kept;
  }
}
