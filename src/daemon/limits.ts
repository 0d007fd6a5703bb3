/**
 * The bounds that keep one slow or hostile client from stalling the others or growing
 * the daemon's memory, with their defaults (docs/kstatd.md lists them), and the
 * per-client request counter the server uses. Pure: no I/O, no timers.
 *
 * Memory is bounded by: maxConnections × (maxRecordBytes of a call being assembled +
 * the reply being written, which is at most maxReplyBytes and is only produced when
 * the previous reply on that connection has drained), plus one UDP datagram at a time.
 */

export interface Limits {
  /** Largest call record accepted over TCP (bytes); a larger one closes the connection. */
  readonly maxRecordBytes: number;
  /** Most record-marking fragments in one call. */
  readonly maxFragments: number;
  /** Largest reply (bytes); a bigger result is KSTAT_EOVERFLOW. */
  readonly maxReplyBytes: number;
  /** Open TCP connections, all clients together; more are closed on accept. */
  readonly maxConnections: number;
  /** Open TCP connections from one address. */
  readonly maxConnectionsPerClient: number;
  /** Calls from one address being served at once (TCP and UDP); more wait (TCP) or are dropped (UDP). */
  readonly maxConcurrentPerClient: number;
  /** Calls served at once, all clients together. */
  readonly maxConcurrent: number;
  /** A connection with no complete call for this long is closed (ms). */
  readonly idleMs: number;
  /** A reply not drained by the client within this long closes the connection (ms). */
  readonly writeTimeoutMs: number;
  /** The chain (and all data) is re-read at most this often (ms); see docs/kstatd.md. */
  readonly refreshMs: number;
}

export const DEFAULT_LIMITS: Limits = Object.freeze({
  maxRecordBytes: 65_536,
  maxFragments: 64,
  maxReplyBytes: 64 * 1_048_576,
  maxConnections: 256,
  maxConnectionsPerClient: 64,
  maxConcurrentPerClient: 4,
  maxConcurrent: 32,
  idleMs: 60_000,
  writeTimeoutMs: 30_000,
  refreshMs: 1_000,
});

/** Hard ceilings: what a limit may be raised to at most. */
const CEILING: Readonly<Record<keyof Limits, number>> = {
  maxRecordBytes: 16 * 1_048_576,
  maxFragments: 65_536,
  maxReplyBytes: 1_073_741_824,
  maxConnections: 65_536,
  maxConnectionsPerClient: 65_536,
  maxConcurrentPerClient: 1024,
  maxConcurrent: 4096,
  idleMs: 86_400_000,
  writeTimeoutMs: 86_400_000,
  refreshMs: 3_600_000,
};

/** Minimums: a call header must fit; a reply must at least hold an error status. */
const FLOOR: Readonly<Record<keyof Limits, number>> = {
  maxRecordBytes: 64,
  maxFragments: 1,
  maxReplyBytes: 1024,
  maxConnections: 1,
  maxConnectionsPerClient: 1,
  maxConcurrentPerClient: 1,
  maxConcurrent: 1,
  idleMs: 100,
  writeTimeoutMs: 100,
  refreshMs: 0,
};

export const LIMIT_NAMES = Object.keys(DEFAULT_LIMITS) as (keyof Limits)[];

/** Defaults overridden by `given`, each checked against its floor and ceiling (Error otherwise). */
export function makeLimits(given: Partial<Record<keyof Limits, number>> = {}): Limits {
  const out: Record<string, number> = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(given)) {
    const k = key as keyof Limits;
    if (!(k in DEFAULT_LIMITS)) throw new Error(`unknown limit "${key}"`);
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < FLOOR[k] || value > CEILING[k]) {
      throw new Error(`limit ${key} must be an integer from ${FLOOR[k]} to ${CEILING[k]}, got ${value}`);
    }
    out[k] = value;
  }
  return Object.freeze(out as unknown as Limits);
}

/**
 * Counts things held per client address (connections, calls in flight) against a cap
 * per address and a cap overall. `acquire` says whether the client may take one more.
 */
export class ClientCounter {
  private readonly held = new Map<string, number>();
  private total = 0;
  readonly perClient: number;
  readonly overall: number;

  constructor(perClient: number, overall: number) {
    this.perClient = perClient;
    this.overall = overall;
  }

  acquire(client: string): boolean {
    const n = this.held.get(client) ?? 0;
    if (n >= this.perClient || this.total >= this.overall) return false;
    this.held.set(client, n + 1);
    this.total++;
    return true;
  }

  release(client: string): void {
    const n = this.held.get(client) ?? 0;
    if (n === 0) return;
    if (n === 1) this.held.delete(client);
    else this.held.set(client, n - 1);
    this.total--;
  }

  count(client?: string): number {
    return client === undefined ? this.total : (this.held.get(client) ?? 0);
  }

  /** Distinct clients holding something (bounded by `overall`). */
  get clients(): number {
    return this.held.size;
  }
}
