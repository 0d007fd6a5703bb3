/** Placeholder: this report comes in a following commit. */
import { KstatError } from '../../../errors.js';
import type { ModeReport } from '../report.js';

export const multicastReport: ModeReport = async () => {
  throw new KstatError('E_UNAVAILABLE', 'this report is not implemented yet');
};
