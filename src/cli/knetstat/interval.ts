/** Placeholder: interval reports come in a following commit. */
import { KstatError } from '../../errors.js';
import type { Session } from '../../netstat/session.js';
import type { KnetstatOptions } from './options.js';
import type { Streams } from './run.js';

export async function runInterval(_session: Session, _options: KnetstatOptions, _io: Streams): Promise<number> {
  throw new KstatError('E_UNAVAILABLE', 'interval reports are not implemented yet');
}
