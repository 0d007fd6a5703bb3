/**
 * The shape of one reading, whatever produced it: a source, a snapshot file or (later)
 * the wire. It sits with the records, below sources/ and protocol/, so the codecs that
 * carry a reading and the sources that make one share a single declaration.
 */
import type { Issue } from '../errors.js';

export type SourceKind = 'live' | 'tree' | 'pid' | 'netns' | 'snapshot' | 'remote' | 'snmp';

export interface SourceInfo {
  readonly kind: SourceKind;
  /** Human-readable: "live kernel", "tree ./bundle", "pid 1234 (/proc/1234/net)". */
  readonly label: string;
}

/** A part of the asked-for data that this source does not have, and why. */
export interface Unavailable {
  /** What is missing, e.g. "udplite6 sockets", "owning processes". */
  readonly what: string;
  /** The logical file that would have given it, when there is one. */
  readonly file?: string;
  readonly reason: string;
}

export interface Reading<T> {
  readonly source: SourceInfo;
  /** Wall-clock time the reading was taken (start of the read). */
  readonly takenAt: Date;
  /** process.hrtime.bigint() at the start of the read: for rates between two readings. */
  readonly monotonicNs: bigint;
  /** Which path served it: "procfs", "netlink", or "netlink+procfs" when each served a part. */
  readonly via: string;
  /** Why a live source read procfs where it prefers netlink (koffi missing, seccomp, an old kernel). */
  readonly fallback?: string;
  readonly data: T;
  readonly issues: Issue[];
  readonly unavailable: Unavailable[];
}
