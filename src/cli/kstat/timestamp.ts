/**
 * -T u / -T d (illumos statcommon print_timestamp): `u` is time(2), whole seconds since the
 * epoch; `d` is date(1)'s default form in the C locale, "%a %b %e %H:%M:%S %Z %Y"
 * (`Tue Nov 14 09:05:03 UTC 2023`), in local time. The time is the printing host's clock
 * when the report is printed, whatever the source (as in illumos).
 */
import type { TimestampFormat } from './options.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function timestampText(format: TimestampFormat, now: Date = new Date()): string {
  if (format === 'u') return String(Math.floor(now.getTime() / 1000));
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(now.getHours())}:${two(now.getMinutes())}:${two(now.getSeconds())}`;
  return `${DAYS[now.getDay()]} ${MONTHS[now.getMonth()]} ${String(now.getDate()).padStart(2, ' ')} ${time} ${zoneName(now)} ${now.getFullYear()}`;
}

/** The local zone's short name (`UTC`, `CET`, or `GMT+2` where the runtime has no abbreviation). */
function zoneName(now: Date): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(now).find((p) => p.type === 'timeZoneName');
  return part?.value ?? 'UTC';
}
