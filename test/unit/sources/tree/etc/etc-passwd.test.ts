import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEtcPasswd } from '../../../../../src/sources/tree/etc/etc-passwd.js';
import { REPO_ROOT } from '../../../../helpers/fixture.js';

const F = 'etc/passwd';
const text = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'etc', 'passwd'), 'utf8');

test('passwd: every well-formed line, in file order, with all seven fields but the password', () => {
  const r = parseEtcPasswd(text, F);
  assert.deepEqual(
    r.rows.map((u) => `${u.name}:${u.uid}`),
    ['root:0', 'daemon:1', 'bin:2', 'nobody:65534', 'systemd-resolve:981', 'postgres:104', 'alice:1000', 'toor:0', 'carol:1004'],
  );
  assert.deepEqual(r.rows[0], { name: 'root', uid: 0, gid: 0, gecos: 'root', home: '/root', shell: '/bin/bash', line: 1 });
  // A '#' inside a field is data, not a comment.
  assert.deepEqual(r.rows[6], { name: 'alice', uid: 1000, gid: 1000, gecos: 'Alice #1,,,', home: '/home/alice', shell: '/bin/bash', line: 9 });
  // CRLF line: the shell has no carriage return.
  assert.deepEqual(r.rows.at(-1), { name: 'carol', uid: 1004, gid: 1004, gecos: 'Carol', home: '/home/carol', shell: '/bin/zsh', line: 19 });
});

test('passwd: comments, blank lines and NIS compat entries are skipped silently; malformed lines are issues', () => {
  const r = parseEtcPasswd(text, F);
  assert.deepEqual(
    r.issues.map((i) => [i.line, i.code, i.message]),
    [
      [11, 'short-line', 'expected 7 fields separated by ":", got 4'],
      [12, 'unknown-format', 'expected 7 fields separated by ":", got 8'],
      [13, 'bad-number', 'baduid: uid "12a" is not a number from 0 to 4294967295'],
      [14, 'bad-number', 'bigid: uid "4294967296" is not a number from 0 to 4294967295'],
      [15, 'unknown-format', 'empty user name'],
    ],
  );
  assert.ok(r.issues.every((i) => i.file === F));
  assert.equal(r.issues[0]?.text, 'short:x:1001:1001');
});

test('passwd: edge forms', () => {
  const r = parseEtcPasswd('  # indented comment\nmax:x:4294967295:0::/:\nbad gid:x:5:5::/:\ng:x:6:-1::/:\n', F);
  assert.deepEqual(r.rows.map((u) => [u.name, u.uid, u.shell, u.line]), [['max', 4294967295, '', 2]]);
  assert.deepEqual(r.issues.map((i) => [i.line, i.code, i.message]), [
    [3, 'unknown-format', 'user name "bad gid" holds a blank'],
    [4, 'bad-number', 'g: gid "-1" is not a number from 0 to 4294967295'],
  ]);
  assert.deepEqual(parseEtcPasswd('', F), { rows: [], issues: [] });
});
