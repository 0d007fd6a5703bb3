/**
 * The libkstat-shaped API (seed-systems.md §1.9): `kstatOpen()` (or `kstatOpenHost()` for a
 * remote kstatd) → a `KstatCtl` holding the chain of one source; `chainUpdate()`,
 * `lookup()`, `read()`, `dataLookup()`, `write()` (always refused: read-only), `close()`.
 *
 * Providers (providers/catalog.ts) do no I/O of their own: they ask the source. Our
 * providers cannot list their kstats without reading them (procfs has no "list" that is
 * cheaper than the file), so `chainUpdate()` asks every provider for a full reading and
 * keeps it as each kstat's latest data (`peek()`, what the tree form shows on first
 * access); `read(ks)` asks only the provider of `ks` again, so its data is fresh.
 *
 * On a snapshot source the chain is the saved one — kids, chain id, times and data as
 * saved — and never changes: `chainUpdate()` returns 0 and `read()` gives the saved data.
 */
import { KstatError, type Issue } from '../errors.js';
import type { Source, SourceInfo } from '../sources/source.js';
import { encodeKstatHeaders } from '../protocol/kstat-x/codec.js';
import { openSource, type OpenOptions } from '../netstat/open.js';
import type { Collected, KstatProvider } from './provider.js';
import type { KstatData, NamedStat, TimerStat } from './types.js';
import { Chain, kstatKey, type ChainKstat, type Kstat, type Found } from './chain.js';
import { PROVIDERS } from './providers/catalog.js';
import { savedChainOf, type SavedChain } from './saved-chain.js';
import { sharingReadings } from './shared-readings.js';
import type { KstatRpc } from '../sources/remote/kstat-rpc.js';
import { fetchRemoteChain, readRemoteInto, remoteRpcOf } from './remote-chain.js';

export type KstatOpenOptions = OpenOptions;

/** A provider that failed during a chain update, and why. */
export interface ProviderFailure {
  readonly provider: string;
  readonly error: unknown;
}

/** Data of one reading and when it was taken (ns since the source's boot). */
export interface KstatReading {
  readonly data: KstatData;
  readonly snaptime: bigint;
}

/** Opens the source `options` names (the same options as `open()`) and builds its chain. */
export async function kstatOpen(options: KstatOpenOptions = {}): Promise<KstatCtl> {
  const source = await openSource(options);
  try {
    return await KstatCtl.over(source);
  } catch (err) {
    await source.close();
    throw err;
  }
}

/** Options of kstatOpenHost(): those of a remote open() other than the host itself. */
export type KstatOpenHostOptions = Pick<OpenOptions, 'timeoutMs'>;

/**
 * libkstat's `kstat_open_host()` (the client of rpc.kstatd): the chain of the kstatd at
 * `host` — a name, an IPv4 address or a bracketed IPv6 one (`[::1]`), optionally followed
 * by `:port`; without a port the host's rpcbind is asked (GETPORT, program 100149). The
 * same as `kstatOpen({ host })`: chain id, kids and crtimes are the daemon's, `read(ks)`
 * is READ of its kid.
 */
export async function kstatOpenHost(host: string, options: KstatOpenHostOptions = {}): Promise<KstatCtl> {
  if (typeof host !== 'string') throw new KstatError('E_ARGUMENT', `kstatOpenHost: host must be a string like "db1", "10.0.0.1:7149" or "[::1]:7149", got ${typeof host}`);
  if (typeof options !== 'object' || options === null || Object.hasOwn(options, 'host')) throw new KstatError('E_ARGUMENT', 'kstatOpenHost: the host is the first argument, not an option');
  return kstatOpen({ ...options, host });
}

export class KstatCtl {
  private chainState: Chain;
  private readonly source: Source;
  private readonly providers: readonly KstatProvider[];
  private readonly saved: SavedChain | undefined;
  private readonly remote: KstatRpc | undefined;
  private readonly latest = new Map<number, KstatReading>();
  private closed = false;
  /** Wall-clock time of the source's boot, ns since the epoch (0n when unknown). */
  readonly bootTimeNs: bigint;
  /** kstats the last chainUpdate() added / deleted (Perl's update() lists). */
  added: readonly Kstat[] = [];
  deleted: readonly Kstat[] = [];
  /** Located issues met by the last chainUpdate() or read(). */
  issues: readonly Issue[] = [];
  /** Providers that failed in the last chainUpdate() (their kstats are left out of it). */
  failures: readonly ProviderFailure[] = [];
  /**
   * kstats that the providers re-read by the last readAll() now make but the chain does not
   * hold (a chainUpdate() would add them): how a caller that reads only some providers
   * learns that the chain changed.
   */
  unlisted = 0;

  private constructor(source: Source, providers: readonly KstatProvider[], chain: Chain, bootTimeNs: bigint, saved: SavedChain | undefined, remote?: KstatRpc) {
    this.source = source;
    this.remote = remote;
    this.providers = providers;
    this.chainState = chain;
    this.bootTimeNs = bootTimeNs;
    this.saved = saved;
    for (const [kid, r] of saved?.data ?? []) this.latest.set(kid, r);
  }

  /** A ctl over an open source (it then owns the source: close() closes it). */
  static async over(source: Source, providers: readonly KstatProvider[] = PROVIDERS): Promise<KstatCtl> {
    const saved = savedChainOf(source);
    if (saved !== undefined) return new KstatCtl(source, providers, saved.chain, saved.bootTimeNs, saved);
    const rpc = remoteRpcOf(source);
    if (rpc !== undefined) {
      const { bootTimeNs } = await rpc.chainId();
      return new KstatCtl(source, providers, (await fetchRemoteChain(rpc)).chain, bootTimeNs, undefined, rpc);
    }
    const clock = await source.clock();
    const ctl = new KstatCtl(source, providers, new Chain(clock.sinceBootNs), clock.bootTimeNs, undefined);
    await ctl.chainUpdate();
    ctl.added = [];
    ctl.deleted = [];
    return ctl;
  }

  get info(): SourceInfo {
    return this.source.info;
  }

  /** kc_chain_id: changes exactly when the set of kstats changes; never 0. */
  get chainId(): number {
    return this.chainState.chainId;
  }

  /** kc_chain: every kstat header (with its data once read), in kid order, kid 0 first. */
  get chain(): readonly Kstat[] {
    return this.chainState.kstats;
  }

  /**
   * kstat_chain_update(): asks every provider for the current set and merges it in.
   * Returns 0 when the set is unchanged, else the new chain id; `added`/`deleted` say how.
   */
  async chainUpdate(): Promise<number> {
    this.guard();
    if (this.saved !== undefined) {
      this.added = [];
      this.deleted = [];
      return 0;
    }
    if (this.remote !== undefined) return this.remoteUpdate(this.remote);
    const now = (await this.source.clock()).sinceBootNs;
    const found: Found[] = [];
    const issues: Issue[] = [];
    const collected = await this.collectEach();
    collected.forEach((c, provider) => {
      issues.push(...c.issues);
      for (const k of c.kstats) found.push({ id: k, provider });
    });
    const result = this.chainState.merge(found, now);
    for (const k of result.deleted) this.latest.delete(k.kid);
    collected.forEach((c, provider) => this.remember(provider, c.kstats, now));
    this.added = result.added;
    this.deleted = result.deleted;
    this.issues = issues;
    return result.changed ? this.chainState.chainId : 0;
  }

  private async remoteUpdate(rpc: KstatRpc): Promise<number> {
    const before = this.chainState.chainId;
    const r = await fetchRemoteChain(rpc, this.chainState);
    for (const k of r.deleted) this.latest.delete(k.kid);
    this.chainState = r.chain;
    this.added = r.added;
    this.deleted = r.deleted;
    this.issues = [];
    this.failures = [];
    const changed = r.added.length > 0 || r.deleted.length > 0 || r.chain.chainId !== before;
    return changed ? r.chain.chainId : 0;
  }

  /**
   * Every provider's reading. A provider that fails (other than by lacking its kind, which
   * is no kstats) contributes nothing to this update and is listed in `failures`: one
   * broken view must not take every other kstat with it.
   */
  private async collectEach(): Promise<Collected[]> {
    this.guard();
    const shared = sharingReadings(this.source);
    const settled = await Promise.allSettled(this.providers.map((p) => p.collect(shared)));
    const failures: ProviderFailure[] = [];
    const out = settled.map((r, i) => {
      if (r.status === 'fulfilled') return r.value;
      if (KstatError.is(r.reason) && r.reason.code === 'E_CLOSED') throw r.reason;
      failures.push({ provider: this.providers[i]!.name, error: r.reason });
      return { kstats: [], issues: [] };
    });
    this.failures = failures;
    return out;
  }

  /** kstat_lookup(): the first kstat matching; undefined/null module or name and instance undefined/-1 match any. */
  lookup(module?: string | null, instance?: number | null, name?: string | null): Kstat | undefined {
    return this.chainState.kstats.find(
      (k) => (module == null || k.module === module) && (instance == null || instance === -1 || k.instance === instance) && (name == null || k.name === name),
    );
  }

  /**
   * kstat_read(): fills `ks.data`, `snaptime`, `ndata` and `dataSize` from a fresh reading
   * of the one provider that makes `ks`. Returns the current chain id. A kstat that is no
   * longer in the chain, or no longer in the source, is E_UNAVAILABLE (Solaris ENXIO).
   */
  async read(ks: Kstat): Promise<number> {
    await this.readAll([ks], true);
    return this.chainState.chainId;
  }

  /**
   * Reads many kstats with one reading per provider (what the tree form and snapshot
   * saving use). kstats gone from the source are skipped unless `strict`, and returned.
   */
  async readAll(kstats: readonly Kstat[] = this.chain, strict = false): Promise<Kstat[]> {
    this.guard();
    const own = kstats.map((ks) => this.own(ks));
    const byProvider = new Map<number, ChainKstat[]>();
    for (const k of own) byProvider.set(k.provider, [...(byProvider.get(k.provider) ?? []), k]);
    const issues: Issue[] = [];
    this.unlisted = 0;
    if (this.remote !== undefined) return this.readRemote(this.remote, own, strict);
    const shared = sharingReadings(this.source);
    const gone = (await Promise.all([...byProvider].map(([provider, list]) => this.readProvider(shared, provider, list, issues)))).flat();
    this.issues = issues;
    if (strict && gone.length > 0) throw new KstatError('E_UNAVAILABLE', `kstat ${kstatKey(gone[0]!)} is no longer in ${this.info.label}; chainUpdate() will drop it`);
    return gone;
  }

  /** The latest data the ctl has for `ks` (from the last chainUpdate() or read()), without reading. */
  peek(ks: Kstat): KstatReading | undefined {
    return this.latest.get(this.own(ks).kid);
  }

  /** kstat_data_lookup(): a statistic of a read NAMED kstat, or a timer of a TIMER kstat. */
  dataLookup(ks: Kstat, name: string): NamedStat | TimerStat | undefined {
    const data = ks.data;
    if (data === undefined) throw new KstatError('E_ARGUMENT', `kstat ${kstatKey(ks)} has not been read`);
    if (data.type === 'NAMED') return data.named.find((s) => s.name === name);
    if (data.type === 'TIMER') return data.timers.find((t) => t.name === name);
    throw new KstatError('E_ARGUMENT', `kstat ${kstatKey(ks)} is ${data.type}: only NAMED and TIMER kstats have named records`);
  }

  /** kstat_write(): always refused; every source of this library is read-only. */
  async write(ks?: Kstat, _data?: KstatData): Promise<never> {
    throw new KstatError('E_READ_ONLY', `kstat ${ks === undefined ? '' : `${kstatKey(ks)} `}cannot be written: ${this.info.label} is read-only (kstat_write is not supported)`);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.source.close();
  }

  private async readProvider(source: Source, provider: number, list: ChainKstat[], issues: Issue[]): Promise<ChainKstat[]> {
    if (this.saved !== undefined) return this.fillSaved(list);
    const now = (await this.source.clock()).sinceBootNs;
    if (provider === -1) {
      for (const k of list) k.fill({ type: 'RAW', raw: encodeKstatHeaders(this.chainState.kstats) }, now);
      return [];
    }
    const c = await this.providers[provider]!.collect(source);
    issues.push(...c.issues);
    this.remember(provider, c.kstats, now);
    for (const k of c.kstats) if (this.chainState.get(kstatKey(k)) === undefined) this.unlisted++;
    const fresh = new Map(c.kstats.map((k) => [kstatKey(k), k.data]));
    const gone: ChainKstat[] = [];
    for (const k of list) {
      const data = fresh.get(kstatKey(k));
      if (data === undefined || data.type !== k.type) gone.push(k);
      else k.fill(data, now);
    }
    return gone;
  }

  private async readRemote(rpc: KstatRpc, own: readonly ChainKstat[], strict: boolean): Promise<Kstat[]> {
    const gone = await readRemoteInto(rpc, own, (kid, reading) => this.latest.set(kid, reading));
    this.issues = [];
    if (strict && gone.length > 0) throw new KstatError('E_UNAVAILABLE', `kstat ${kstatKey(gone[0]!)} is no longer in ${this.info.label}; chainUpdate() will drop it`);
    return gone;
  }

  private fillSaved(list: ChainKstat[]): ChainKstat[] {
    for (const k of list) {
      const r = this.latest.get(k.kid);
      if (r !== undefined) k.fill(r.data, r.snaptime);
    }
    return [];
  }

  /** Keeps a provider's reading as the latest data of the chain's kstats it names. */
  private remember(provider: number, kstats: readonly { module: string; instance: number; name: string; data: KstatData }[], now: bigint): void {
    for (const k of kstats) {
      const own = this.chainState.get(kstatKey(k));
      if (own === undefined || own.provider !== provider) continue;
      this.latest.set(own.kid, { data: k.data, snaptime: now });
      if (own.data === undefined) own.setSize(k.data);
    }
  }

  /** The chain's own object for `ks`; E_UNAVAILABLE when it is not (or no longer) in the chain. */
  private own(ks: Kstat): ChainKstat {
    const own = this.chainState.byKidOf(ks.kid);
    if (own === undefined || kstatKey(own) !== kstatKey(ks)) {
      throw new KstatError('E_UNAVAILABLE', `kstat ${kstatKey(ks)} (kid ${ks.kid}) is not in the chain (deleted by a chain update?)`);
    }
    return own;
  }

  private guard(): void {
    if (this.closed) throw new KstatError('E_CLOSED', `kstat handle on ${this.info.label} is closed`);
  }
}
