/**
 * Stderr lines for what a reading could not give: located issues (a malformed line, an
 * unreadable file) and unavailable parts, each naming the source and the file.
 */
import { formatIssue } from '../../errors.js';
import type { Reading, Unavailable } from '../../sources/source.js';

export function warningLines(reading: Pick<Reading<unknown>, 'source' | 'issues' | 'unavailable'>, irrelevant: (u: Unavailable) => boolean = () => false): string[] {
  const label = reading.source.label;
  const lines = reading.issues.map((i) => `knetstat: ${label}: warning: ${formatIssue(i)}`);
  for (const u of reading.unavailable) {
    if (irrelevant(u)) continue;
    lines.push(`knetstat: ${label}: not available: ${u.what}${u.file !== undefined ? ` (${u.file})` : ''}: ${u.reason}`);
  }
  return lines;
}
