/**
 * etc/passwd — the passwd(5) database: user names by uid.
 *
 *   root:x:0:0:root:/root:/bin/bash
 *   systemd-resolve:x:981:981:systemd Resolver:/:/usr/sbin/nologin
 *
 * Seven fields separated by `:` — name, password, uid, gid, GECOS, home, shell — and
 * nothing else on the line (a field cannot hold a colon). uid and gid are decimal
 * 0–4294967295. Blank lines and lines whose first non-blank character is `#` are skipped,
 * as glibc's files backend skips them (a `#` elsewhere is data: GECOS may hold one).
 * NIS compat entries (`+name`, `-name`, `+@group`, `+::::::`) are skipped without an issue:
 * they refer to a directory service this library does not consult. Any other line that is
 * not of this form is an issue and left out; nothing throws.
 */
import { issue, type Issue } from '../../../errors.js';
import type { UserEntry } from '../../../records/system-names.js';
import type { ParseResult } from '../procfs/parse-result.js';
import { forEachLine } from '../text/lines.js';

const ID = /^\d{1,10}$/;
const MAX_ID = 0xffffffff;

function id(text: string): number | undefined {
  if (!ID.test(text)) return undefined;
  const n = Number(text);
  return n <= MAX_ID ? n : undefined;
}

export function parseEtcPasswd(text: string, file: string): ParseResult<UserEntry> {
  const rows: UserEntry[] = [];
  const issues: Issue[] = [];
  forEachLine(text, (raw, line) => {
    const content = raw.replace(/\r$/, '');
    const lead = content.trimStart();
    if (lead === '' || lead.startsWith('#')) return;
    if (content.startsWith('+') || content.startsWith('-')) return; // NIS compat entry
    const parts = content.split(':');
    if (parts.length !== 7) {
      const code = parts.length < 7 ? 'short-line' : 'unknown-format';
      issues.push(issue(file, line, code, `expected 7 fields separated by ":", got ${parts.length}`, raw));
      return;
    }
    const [name, , uidText, gidText, gecos, home, shell] = parts as [string, string, string, string, string, string, string];
    if (name === '' || /\s/.test(name)) {
      issues.push(issue(file, line, 'unknown-format', name === '' ? 'empty user name' : `user name "${name}" holds a blank`, raw));
      return;
    }
    const uid = id(uidText);
    const gid = id(gidText);
    if (uid === undefined || gid === undefined) {
      const [what, value] = uid === undefined ? ['uid', uidText] : ['gid', gidText];
      issues.push(issue(file, line, 'bad-number', `${name}: ${what} "${value}" is not a number from 0 to ${MAX_ID}`, raw));
      return;
    }
    rows.push({ name, uid, gid, gecos, home, shell, line });
  });
  return { rows, issues };
}
