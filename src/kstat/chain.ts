/**
 * The kstat chain: the set of kstats of one source, as libkstat keeps it
 * (seed-systems.md §1.8–1.9).
 *
 *  - kid 0 is the headers kstat `unix:0:kstat_headers` (class `kstat`, RAW), as on Solaris.
 *  - Every other kstat gets the next kid when the chain first sees it; a kid never changes
 *    while its module:instance:name stays in the chain, so kids in the chain are always in
 *    increasing order of first appearance. A kstat that disappears and comes back later is
 *    a new kstat with a new kid (its old kid stays dead, as on Solaris: a caller holding the
 *    old one cannot silently read the new one). A kstat whose class or type changes under
 *    the same name is likewise a delete plus an add.
 *  - The chain id changes exactly when the set changes: +1 per update that adds or deletes
 *    anything (wrapping to 1 after 2^31-1). The first merge builds the chain under the
 *    initial id (1 by default); the id is never 0 (0 is chainUpdate()'s "unchanged").
 *  - A merge keeps the surviving kstat objects, with their data, so references callers hold
 *    to survivors stay valid; deleted ones are dropped from the chain.
 */
import { KSTAT_FLAG, type KstatData, type KstatHeader, type KstatIdentity, type KstatType } from './types.js';

/** A kstat as the chain holds it: header plus the data of its last read (undefined before). */
export interface Kstat extends KstatHeader {
  readonly data: KstatData | undefined;
}

/** The chain's own, mutable, copy of a kstat. Callers see it as `Kstat`. */
export class ChainKstat implements Kstat {
  readonly kid: number;
  readonly module: string;
  readonly instance: number;
  readonly name: string;
  readonly class: string;
  readonly type: KstatType;
  readonly flags: number;
  readonly crtime: bigint;
  snaptime = 0n;
  ndata = 0;
  dataSize = 0;
  data: KstatData | undefined = undefined;
  /** Which provider makes it (index in the chain's provider list); -1 for kid 0. */
  readonly provider: number;

  constructor(kid: number, id: KstatIdentity, crtime: bigint, provider: number, flags = flagsFor(id.type)) {
    this.kid = kid;
    this.module = id.module;
    this.instance = id.instance;
    this.name = id.name;
    this.class = id.class;
    this.type = id.type;
    this.flags = flags;
    this.crtime = crtime;
    this.provider = provider;
  }

  /** Stores one reading of the data, taken at `snaptime`. */
  fill(data: KstatData, snaptime: bigint): void {
    this.data = data;
    this.snaptime = snaptime;
    this.setSize(data);
  }

  setSize(data: KstatData): void {
    const { ndata, dataSize } = sizeOf(data);
    this.ndata = ndata;
    this.dataSize = dataSize;
  }
}

/** Our kstats are all provider-backed (VIRTUAL); lists may change length (VAR_SIZE). */
function flagsFor(type: KstatType): number {
  return type === 'INTR' || type === 'IO' ? KSTAT_FLAG.VIRTUAL : KSTAT_FLAG.VIRTUAL | KSTAT_FLAG.VAR_SIZE;
}

/** `module:instance:name`, the identity a kid is bound to. */
export function kstatKey(k: { readonly module: string; readonly instance: number; readonly name: string }): string {
  return `${k.module}:${k.instance}:${k.name}`;
}

/**
 * ks_ndata and ks_data_size as the Solaris structures would give them (kstat.h): 48 bytes
 * per kstat_named_t plus each STRING's bytes and NUL, 20 for kstat_intr_t, 80 for
 * kstat_io_t, 80 per kstat_timer_t, the byte length of RAW data.
 */
export function sizeOf(data: KstatData): { ndata: number; dataSize: number } {
  switch (data.type) {
    case 'NAMED': {
      let strings = 0;
      for (const s of data.named) if (s.type === 'STRING') strings += Buffer.byteLength(s.value) + 1;
      return { ndata: data.named.length, dataSize: data.named.length * 48 + strings };
    }
    case 'INTR':
      return { ndata: 1, dataSize: 20 };
    case 'IO':
      return { ndata: 1, dataSize: 80 };
    case 'TIMER':
      return { ndata: data.timers.length, dataSize: data.timers.length * 80 };
    case 'RAW':
      return { ndata: 1, dataSize: data.raw.length };
  }
}

export const HEADERS_IDENTITY: KstatIdentity = { module: 'unix', instance: 0, name: 'kstat_headers', class: 'kstat', type: 'RAW' };

/** One kstat a provider reported during an update, and which provider it was. */
export interface Found {
  readonly id: KstatIdentity;
  readonly provider: number;
}

export interface MergeResult {
  readonly changed: boolean;
  readonly added: readonly ChainKstat[];
  readonly deleted: readonly ChainKstat[];
}

export class Chain {
  private id: number;
  private built = false;
  private nextKid: number;
  private list: ChainKstat[];
  private readonly byKey = new Map<string, ChainKstat>();
  private readonly byKid = new Map<number, ChainKstat>();

  /** An empty chain (kid 0 only) with chain id `chainId`, created at `crtime`. */
  constructor(crtime: bigint, chainId = 1) {
    this.id = chainId;
    this.nextKid = 1;
    this.list = [];
    this.insert(new ChainKstat(0, HEADERS_IDENTITY, crtime, -1));
  }

  get chainId(): number {
    return this.id;
  }

  /** The chain in kid order, kid 0 first. */
  get kstats(): readonly ChainKstat[] {
    return this.list;
  }

  byKidOf(kid: number): ChainKstat | undefined {
    return this.byKid.get(kid);
  }

  get(key: string): ChainKstat | undefined {
    return this.byKey.get(key);
  }

  /**
   * Makes the chain the set `found` (kid 0 always stays). Survivors keep kid, crtime and
   * data; new kstats get the next kids in `found` order, crtime `now`. A later duplicate of
   * a module:instance:name in `found` is ignored (the first provider to name it owns it).
   */
  merge(found: readonly Found[], now: bigint): MergeResult {
    const seen = new Map<string, Found>();
    for (const f of found) if (!seen.has(kstatKey(f.id))) seen.set(kstatKey(f.id), f);
    const deleted = this.list.filter((k) => k.kid !== 0 && !sameKstat(k, seen.get(kstatKey(k))));
    this.removeAll(new Set(deleted));
    const added: ChainKstat[] = [];
    for (const [key, f] of seen) {
      if (this.byKey.has(key)) continue;
      const k = new ChainKstat(this.nextKid++, f.id, now, f.provider);
      this.insert(k);
      added.push(k);
    }
    const changed = added.length > 0 || deleted.length > 0;
    // The first merge builds the chain: its set is the chain id given at construction.
    if (changed && this.built) this.id = this.id + 1 > 0x7fffffff ? 1 : this.id + 1;
    this.built = true;
    return { changed, added, deleted };
  }

  /**
   * Rebuilds a chain exactly as saved (a snapshot): the given kids, times and chain id.
   * Kid 0 in `kstats` replaces the default headers kstat.
   */
  static restore(chainId: number, headersCrtime: bigint, kstats: readonly ChainKstat[]): Chain {
    const chain = new Chain(headersCrtime, chainId);
    chain.built = true;
    for (const k of kstats) {
      if (k.kid === 0) chain.removeAll(new Set(chain.list.slice(0, 1)));
      chain.insert(k);
      chain.nextKid = Math.max(chain.nextKid, k.kid + 1);
    }
    chain.list.sort((a, b) => a.kid - b.kid);
    return chain;
  }

  private insert(k: ChainKstat): void {
    this.list.push(k);
    this.byKey.set(kstatKey(k), k);
    this.byKid.set(k.kid, k);
  }

  private removeAll(gone: ReadonlySet<ChainKstat>): void {
    if (gone.size === 0) return;
    this.list = this.list.filter((x) => !gone.has(x));
    for (const k of gone) {
      this.byKey.delete(kstatKey(k));
      this.byKid.delete(k.kid);
    }
  }
}

function sameKstat(k: ChainKstat, f: Found | undefined): boolean {
  return f !== undefined && f.id.class === k.class && f.id.type === k.type && f.provider === k.provider;
}
