/** What one row gave at one size: runs, or why it has none. */
import type { Row } from '../peers/row.js';

export type RowStatus = 'ok' | 'missing' | 'error' | 'skipped';

export interface RowResult<R extends Row = Row> {
  row: R;
  status: RowStatus;
  /** Why the row is missing, failed or was skipped. */
  reason?: string;
  seconds: number[];
  /** CPU time (user + system) of each run, where known: cold rows only. */
  cpuSeconds: number[];
  peakRssKiB: number | undefined;
  count: number | undefined;
}

export function emptyResult<R extends Row>(row: R): RowResult<R> {
  return { row, status: 'ok', seconds: [], cpuSeconds: [], peakRssKiB: undefined, count: undefined };
}
