import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEtcServices } from '../../../../../src/sources/tree/etc/etc-services.js';
import { REPO_ROOT } from '../../../../helpers/fixture.js';

const F = 'etc/services';
const text = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'etc', 'services'), 'utf8');

test('services: names, ports, protocols and aliases in file order; comments and blank lines skipped', () => {
  const r = parseEtcServices(text, F);
  assert.deepEqual(
    r.rows.map((s) => `${s.name} ${s.port}/${s.protocol}${s.aliases.length > 0 ? ` ${s.aliases.join(',')}` : ''}`),
    [
      'tcpmux 1/tcp', 'echo 7/tcp', 'echo 7/udp', 'discard 9/tcp sink,null', 'discard 9/udp sink,null', 'ftp 21/tcp', 'fsp 21/udp fspd',
      'ssh 22/tcp', 'telnet 23/tcp', 'smtp 25/tcp mail', 'domain 53/tcp', 'domain 53/udp', 'http 80/tcp www', 'ntp 123/udp',
      'https 443/tcp', 'https 443/udp', 'postgresql 5432/tcp postgres', 'http-alt 8080/tcp webcache', 'webcache-dup 8080/tcp',
      'sieve 4190/tcp', 'llmnr 5355/tcp', 'llmnr 5355/udp', 'sctp-only 9899/sctp', 'kerberos 88/tcp kerberos5,krb5,kerberos-sec',
    ],
  );
  assert.deepEqual(r.rows[7], { name: 'ssh', port: 22, protocol: 'tcp', aliases: [], line: 15 });
  // The last line ends in CRLF: the carriage return is not part of the last alias.
  assert.deepEqual(r.rows.at(-1), { name: 'kerberos', port: 88, protocol: 'tcp', aliases: ['kerberos5', 'krb5', 'kerberos-sec'], line: 39 });
});

test('services: malformed lines are located issues and left out', () => {
  const r = parseEtcServices(text, F);
  assert.deepEqual(
    r.issues.map((i) => [i.line, i.code, i.message]),
    [
      [26, 'short-line', 'broken: no port/protocol field'],
      [27, 'unknown-format', 'noslash: expected port/protocol, got "8080"'],
      [28, 'bad-number', 'badport: port "70000" is not a number from 0 to 65535'],
      [29, 'bad-number', 'negative: port "-1" is not a number from 0 to 65535'],
      [30, 'unknown-format', 'noproto: expected port/protocol, got "8081/"'],
    ],
  );
  assert.ok(r.issues.every((i) => i.file === F));
  assert.equal(r.issues[1]?.text, 'noslash\t\t8080');
});

test('services: edge forms', () => {
  const r = parseEtcServices('a 0/tcp\nb 65535/udp\nc 00022/tcp\nd 1/tcp/x\ne 123456/tcp\n#only a comment\n\t  \nf\t7/ddp\t# c', F);
  assert.deepEqual(r.rows.map((s) => [s.name, s.port, s.protocol, s.line]), [['a', 0, 'tcp', 1], ['b', 65535, 'udp', 2], ['c', 22, 'tcp', 3], ['f', 7, 'ddp', 8]]);
  assert.deepEqual(r.issues.map((i) => [i.line, i.code]), [[4, 'unknown-format'], [5, 'bad-number']]);
  assert.deepEqual(parseEtcServices('', F), { rows: [], issues: [] });
});
