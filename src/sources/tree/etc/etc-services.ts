/**
 * etc/services — the services(5) database: network service names by port and protocol.
 *
 *   # comment
 *   ssh             22/tcp                          # SSH Remote Login Protocol
 *   http-alt        8080/tcp        webcache        # WWW caching service
 *
 * A line is `name port/protocol [alias ...]`, fields separated by blanks; `#` starts a
 * comment anywhere on a line; blank lines are ignored (as glibc's files backend reads it).
 * A port is decimal 0–65535. The protocol is kept as written (tcp, udp, sctp, ddp, ...).
 * A line that is not of this form is an issue and left out; nothing throws.
 */
import { issue, type Issue } from '../../../errors.js';
import type { ServiceEntry } from '../../../records/system-names.js';
import type { ParseResult } from '../procfs/parse-result.js';
import { forEachLine } from '../text/lines.js';

/**
 * One line: the name, the port/protocol field, and the rest before any comment (aliases).
 * A blank or comment-only line does not match. `\r` counts as a blank (CRLF files).
 */
const LINE = /^[ \t\r]*([^ \t\r#]+)(?:[ \t\r]+([^ \t\r#]+))?([^#]*)/;
const BLANKS = /[ \t\r]+/;

/** A decimal port 0–65535 (leading zeros allowed, as strtoul reads them), else NaN. */
function portNumber(text: string): number {
  if (text.length === 0 || text.length > 5) return NaN;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n <= 0xffff ? n : NaN;
}

/*
 * One regular expression per line rather than the field splitter of text/lines.ts: Fedora's
 * services file has ~11,000 lines (about 700 kB), and a cold knetstat run parses all of them.
 */
export function parseEtcServices(text: string, file: string): ParseResult<ServiceEntry> {
  const rows: ServiceEntry[] = [];
  const issues: Issue[] = [];
  forEachLine(text, (raw, line) => {
    const m = LINE.exec(raw);
    if (m === null) return;
    const name = m[1] as string;
    const portProto = m[2];
    if (portProto === undefined) {
      issues.push(issue(file, line, 'short-line', `${name}: no port/protocol field`, raw));
      return;
    }
    const slash = portProto.indexOf('/');
    const protocol = slash === -1 ? '' : portProto.slice(slash + 1);
    if (slash === -1 || protocol === '' || protocol.includes('/')) {
      issues.push(issue(file, line, 'unknown-format', `${name}: expected port/protocol, got "${portProto}"`, raw));
      return;
    }
    const portText = portProto.slice(0, slash);
    const port = portNumber(portText);
    if (Number.isNaN(port)) {
      issues.push(issue(file, line, 'bad-number', `${name}: port "${portText}" is not a number from 0 to 65535`, raw));
      return;
    }
    const rest = (m[3] as string).trim();
    rows.push({ name, port, protocol, aliases: rest === '' ? [] : rest.split(BLANKS), line });
  });
  return { rows, issues };
}
