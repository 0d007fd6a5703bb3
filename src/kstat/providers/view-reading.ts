/**
 * How a provider takes one view from a source: a record kind the source lacks entirely
 * (E_UNAVAILABLE) means the namespace simply has no such kstats — not an error — while
 * every other failure propagates. The reading's located issues travel with the kstats.
 */
import { KstatError } from '../../errors.js';
import type { Reading } from '../../sources/source.js';
import type { Collected } from '../provider.js';
import type { ProvidedKstat } from '../types.js';

export async function fromView<T>(read: () => Promise<Reading<T>>, toKstats: (data: T, reading: Reading<T>) => ProvidedKstat[]): Promise<Collected> {
  let reading: Reading<T>;
  try {
    reading = await read();
  } catch (err) {
    if (KstatError.is(err) && err.code === 'E_UNAVAILABLE') return { kstats: [], issues: [] };
    throw err;
  }
  return { kstats: toKstats(reading.data, reading), issues: [...reading.issues] };
}
