/**
 * The kstat data model (Solaris kstat, seed-systems.md §1), for Linux statistics.
 *
 * A kstat is `module:instance:name`, has a class, a type and data; inside NAMED and
 * TIMER kstats each record has its own name, giving `module:instance:name:statistic`.
 * Times are nanoseconds since the source's boot (its CLOCK_MONOTONIC / CLOCK_BOOTTIME);
 * `bootTimeNs` of the chain (wall clock of boot, ns since the epoch) places them in
 * wall-clock time, so a remote or captured reading can be dated.
 */

/** ks_type values, as on the wire (kstat.h). */
export const KSTAT_TYPE = { RAW: 0, NAMED: 1, INTR: 2, IO: 3, TIMER: 4 } as const;
export type KstatType = keyof typeof KSTAT_TYPE;

/** kstat_named_t data types we produce (FLOAT/DOUBLE are obsolete in kstat.h). */
export const KSTAT_DATA = { CHAR: 0, INT32: 1, UINT32: 2, INT64: 3, UINT64: 4, STRING: 9 } as const;
export type NamedDataType = keyof typeof KSTAT_DATA;

/** KSTAT_FLAG_* bits (kstat.h). We set VAR_SIZE on kstats whose ndata changes. */
export const KSTAT_FLAG = { VIRTUAL: 0x01, VAR_SIZE: 0x02, WRITABLE: 0x04, PERSISTENT: 0x08, DORMANT: 0x10, INVALID: 0x20 } as const;

/**
 * One named statistic. Value type follows `type`: CHAR and STRING → string (CHAR at
 * most 16 bytes), INT32/UINT32 → number, INT64/UINT64 → bigint.
 */
export type NamedStat =
  | { readonly name: string; readonly type: 'CHAR' | 'STRING'; readonly value: string }
  | { readonly name: string; readonly type: 'INT32' | 'UINT32'; readonly value: number }
  | { readonly name: string; readonly type: 'INT64' | 'UINT64'; readonly value: bigint };

/** kstat_intr_t: counts by interrupt kind (uint32 on Solaris; we keep 64-bit exactness). */
export interface IntrStats {
  readonly hard: bigint;
  readonly soft: bigint;
  readonly watchdog: bigint;
  readonly spurious: bigint;
  readonly multipleService: bigint;
}

/** kstat_io_t, in kstat.h field order. Times in ns. */
export interface IoStats {
  readonly nread: bigint;
  readonly nwritten: bigint;
  readonly reads: bigint;
  readonly writes: bigint;
  readonly wtime: bigint;
  readonly wlentime: bigint;
  readonly wlastupdate: bigint;
  readonly rtime: bigint;
  readonly rlentime: bigint;
  readonly rlastupdate: bigint;
  readonly wcnt: number;
  readonly rcnt: number;
}

/** kstat_timer_t. Times in ns. */
export interface TimerStat {
  readonly name: string;
  readonly numEvents: bigint;
  readonly elapsedTime: bigint;
  readonly minTime: bigint;
  readonly maxTime: bigint;
  readonly startTime: bigint;
  readonly stopTime: bigint;
}

export type KstatData =
  | { readonly type: 'NAMED'; readonly named: readonly NamedStat[] }
  | { readonly type: 'INTR'; readonly intr: IntrStats }
  | { readonly type: 'IO'; readonly io: IoStats }
  | { readonly type: 'TIMER'; readonly timers: readonly TimerStat[] }
  | { readonly type: 'RAW'; readonly raw: Uint8Array };

/** The identity and class a provider gives a kstat; the chain adds kid and times. */
export interface KstatIdentity {
  readonly module: string;
  readonly instance: number;
  readonly name: string;
  readonly class: string;
  readonly type: KstatType;
}

/** kstat_t header as users see it (kernel-only fields left out). */
export interface KstatHeader extends KstatIdentity {
  /** Unique id, stable for this kstat for the life of the chain; 0 is the headers kstat. */
  readonly kid: number;
  readonly flags: number;
  /** When the chain first saw this kstat, ns since the source's boot. */
  readonly crtime: bigint;
  /** When its data was last read, ns since the source's boot (0 before any read). */
  readonly snaptime: bigint;
  readonly ndata: number;
  readonly dataSize: number;
}

/** A provider's output: identity plus data of one reading. */
export interface ProvidedKstat extends KstatIdentity {
  readonly data: KstatData;
}
