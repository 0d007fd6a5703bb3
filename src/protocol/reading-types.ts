/**
 * The `Reading` value as the codecs see it: the same shape as `Reading`, `SourceInfo`,
 * `SourceKind` and `Unavailable` of sources/source.ts, declared again here because
 * protocol/ sits below sources/ and may not import it (DESIGN.md §2, test/arch). The two
 * declarations are checked to be the same types, both ways, at compile time by
 * test/unit/protocol/reading-types.test.ts, so they cannot drift apart silently.
 */
import type { Issue } from '../errors.js';

export type SourceKind = 'live' | 'tree' | 'pid' | 'netns' | 'snapshot' | 'remote' | 'snmp';

export interface SourceInfo {
  readonly kind: SourceKind;
  readonly label: string;
}

export interface Unavailable {
  readonly what: string;
  readonly file?: string;
  readonly reason: string;
}

export interface Reading<T> {
  readonly source: SourceInfo;
  readonly takenAt: Date;
  readonly monotonicNs: bigint;
  readonly via: string;
  readonly data: T;
  readonly issues: Issue[];
  readonly unavailable: Unavailable[];
}
