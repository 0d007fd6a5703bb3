/**
 * kstat_status of protocol/kstat.x: the outcome of a kstat procedure, carried inside a
 * SUCCESS reply (RPC-level errors are kept for RPC problems). Values are Linux errno
 * numbers. New values may appear within a protocol version (kstat.x rule 2), so decoders
 * keep any number and callers treat every value other than KSTAT_OK as a failure.
 * Pure: no I/O.
 */
import type { ErrorCode } from '../../errors.js';

export const KSTAT_STATUS = {
  KSTAT_OK: 0,
  KSTAT_EPERM: 1,
  KSTAT_ENOENT: 2,
  KSTAT_EIO: 5,
  KSTAT_ENXIO: 6,
  KSTAT_EAGAIN: 11,
  KSTAT_ENOMEM: 12,
  KSTAT_EACCES: 13,
  KSTAT_EINVAL: 22,
  KSTAT_EOVERFLOW: 75,
} as const;
export type KstatStatusName = keyof typeof KSTAT_STATUS;

const NAMES = new Map(Object.entries(KSTAT_STATUS).map(([k, v]) => [v as number, k as KstatStatusName]));

/** "KSTAT_ENXIO", or "kstat_status 99" for a value this version does not know. */
export function kstatStatusName(status: number): string {
  return NAMES.get(status) ?? `kstat_status ${status}`;
}

/**
 * The status a server answers when serving a request failed with a KstatError: the
 * source lacks the data → ENOENT; reading or understanding the source failed → EIO; a
 * bound was hit → EOVERFLOW; a bad argument → EINVAL; the session is closing → EAGAIN
 * (retry); a write → EACCES (every source is read-only).
 */
export const STATUS_FOR_ERROR: Readonly<Record<ErrorCode, number>> = {
  E_UNAVAILABLE: KSTAT_STATUS.KSTAT_ENOENT,
  E_SOURCE_IO: KSTAT_STATUS.KSTAT_EIO,
  E_PARSE: KSTAT_STATUS.KSTAT_EIO,
  E_LIMIT: KSTAT_STATUS.KSTAT_EOVERFLOW,
  E_ARGUMENT: KSTAT_STATUS.KSTAT_EINVAL,
  E_CLOSED: KSTAT_STATUS.KSTAT_EAGAIN,
  E_READ_ONLY: KSTAT_STATUS.KSTAT_EACCES,
};
