import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetUnix } from '../../../../../src/sources/tree/procfs/net-unix.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const FILE = 'proc/net/unix';
const parse = (set: string, name = 'unix') => parseNetUnix(fixtureText(set, `proc/net/${name}`), `proc/net/${name}`);
const variant = (name: string) => parseNetUnix(variantText(name), FILE);
const issuesOf = (r: ReturnType<typeof parseNetUnix>) => r.issues.map((i) => [i.file, i.line, i.code]);

test('live 6.18: abstract names with "@", unnamed sockets, the listener flag, seqpacket pairs', () => {
  const r = parse('linux-6.18.44-fc-v595-live');
  assert.deepEqual(r.issues, []);
  assert.equal(r.rows.length, 8);
  assert.deepEqual(r.rows[0], {
    line: 2, Num: '00000000fbacd884', RefCount: 3, Protocol: 0, Flags: 0, Type: 1, St: 3, Inode: 114366,
    Path: '@kstat-fixture-stream', extra: undefined,
  });
  assert.deepEqual(r.rows.map((x) => [x.Type, x.St, x.Flags, x.Inode, x.Path]), [
    [1, 3, 0, 114366, '@kstat-fixture-stream'],
    [1, 3, 0, 636, undefined],
    [1, 3, 0, 114365, undefined],
    [5, 3, 0, 114369, undefined],
    [1, 3, 0, 637, undefined],
    [5, 3, 0, 114368, undefined],
    [2, 1, 0, 114367, '@kstat-fixture-dgram'],
    [1, 1, 0x10000, 114364, '@kstat-fixture-stream'],
  ]);
});

test('busy and netns 6.18', () => {
  assert.deepEqual(parse('linux-6.18.44-fc-v595-busy').rows.map((x) => [x.Num, x.Inode, x.Path]), [
    ['00000000f341b26d', 636, undefined],
    ['0000000070349e36', 637, undefined],
  ]);
  assert.deepEqual(parse('linux-6.18.44-fc-v595-netns'), { rows: [], issues: [] });
});

test('procfs-fixtures: filesystem paths, hex RefCount, zeroed pointers', () => {
  const r = parse('procfs-fixtures');
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows.map((x) => [x.Num, x.RefCount, x.Flags, x.Type, x.St, x.Inode, x.Path]), [
    ['0000000000000000', 2, 0x10000, 1, 1, 3442596, '/var/run/postgresql/.s.PGSQL.5432'],
    ['0000000000000000', 10, 0x10000, 5, 1, 10061, '/run/udev/control'],
    ['0000000000000000', 7, 0, 2, 1, 12392, '/dev/log'],
    ['0000000000000000', 3, 0, 1, 3, 4787297, '/var/run/postgresql/.s.PGSQL.5432'],
    ['0000000000000000', 3, 0, 1, 3, 5091797, undefined],
  ]);
});

test('procfs-fixtures unix_without_inode: the old format without an Inode column', () => {
  const r = parse('procfs-fixtures', 'unix_without_inode');
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows.map((x) => [x.RefCount, x.Type, x.Inode, x.Path]), [
    [2, 1, undefined, '/var/run/postgresql/.s.PGSQL.5432'],
    [10, 5, undefined, '/run/udev/control'],
    [7, 2, undefined, '/dev/log'],
    [3, 1, undefined, '/var/run/postgresql/.s.PGSQL.5432'],
    [3, 1, undefined, undefined],
  ]);
});

test('goprocinfo (2019): 64-bit socket addresses, large inode numbers', () => {
  const r = parse('goprocinfo-fixtures');
  assert.deepEqual(r.issues, []);
  assert.equal(r.rows.length, 9);
  assert.deepEqual([r.rows[0]!.Num, r.rows[0]!.Inode, r.rows[0]!.Path], ['ffff8803329d1840', 10748, '/var/run/vmware/guestServicePipe']);
  assert.deepEqual([r.rows[4]!.Num, r.rows[4]!.Inode, r.rows[4]!.Path], ['ffff880334857480', 445862525, '/tmp/nvimJiXQoJ/0']);
});

test('paths are the rest of the line: inner spaces, a leading space, "@" for NULs in abstract names', () => {
  const r = variant('net-unix.path-with-spaces');
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows.map((x) => [x.Inode, x.Path]), [
    [12345, '/tmp/my socket  dir/s'],
    [12346, '@abs@name@'],
    [12347, ' /leading-space'],
    [12348, undefined],
  ]);
});

test('short line and bad numbers: reported per line, other rows kept', () => {
  const short = variant('net-unix.short-line');
  assert.deepEqual(short.rows.map((x) => x.Path), ['/run/a', '/run/b']);
  assert.deepEqual(issuesOf(short), [[FILE, 3, 'short-line']]);
  const bad = variant('net-unix.bad-hex');
  assert.deepEqual(bad.rows.map((x) => [x.line, x.Path]), [[5, '/run/d']]);
  assert.deepEqual(issuesOf(bad), [[FILE, 2, 'bad-number'], [FILE, 3, 'bad-number'], [FILE, 4, 'bad-number']]);
  assert.match(bad.issues[0]!.message, /RefCount does not decode: "0000000G"/);
  assert.match(bad.issues[1]!.message, /Inode/);
  assert.match(bad.issues[2]!.message, /Num/);
});

test('an unknown column is kept in extra by name (hex, exact to 64 bits)', () => {
  const r = variant('net-unix.unknown-column');
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows.map((x) => [x.Num, x.Inode, x.extra, x.Path]), [
    ['ffff888003d3a000', 12345, { Cookie: 0xabcdn }, '/run/a'],
    ['ffff888003d3a400', 12346, { Cookie: 18446744073709551615n }, undefined],
  ]);
});

test('not this format, or empty', () => {
  assert.deepEqual(issuesOf(parseNetUnix('', FILE)), [[FILE, undefined, 'bad-header']]);
  assert.deepEqual(issuesOf(parseNetUnix('sl local_address\n', FILE)), [[FILE, 1, 'bad-header']]);
});
