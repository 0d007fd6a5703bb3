/**
 * The kstat command end to end on captured trees: --save then -M gives the same report as
 * the tree itself; -j on every fixture set is one valid document (schema); 64-bit values
 * above 2^53 stay exact in every format and strings are escaped (a tree built from the
 * net-dev.u64-max variant, with an interface alias holding control characters); -T
 * prints before each report, on stderr with -j; --help fits 80 columns and names every
 * option.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KSTAT, KSTAT_SCHEMA, REPO_ROOT, runKstatCli, treeArgs } from '../../../helpers/kstat-cli.js';
import { validate } from '../../../helpers/json-schema.js';
import { parseExactJson } from '../../../helpers/exact-json.js';
import { variantText } from '../../../helpers/fixture.js';
import { KSTAT_OPTIONS } from '../../../../src/cli/kstat/option-specs.js';

const SETS = ['linux-6.18.44-fc-v595-live', 'linux-6.18.44-fc-v595-netns', 'linux-6.18.44-fc-v595-busy', 'procfs-fixtures', 'diamond-fixtures', 'goprocinfo-fixtures'];
const scratch = mkdtempSync(join(tmpdir(), 'kstat-cli-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

test('--save writes a snapshot (exit 0); -M on it gives the same -p report as the tree', () => {
  const file = join(scratch, 'live.kss');
  const saved = runKstatCli([...treeArgs(SETS[0]!), '--save', file]);
  assert.equal(saved.status, 0, saved.stderr);
  assert.match(saved.stdout, /^saved 134 kstats of tree test\/fixtures\/trees\/linux-6.18.44-fc-v595-live \(chain id 1, \d+ bytes\) to .*live\.kss\n$/);
  assert.ok(statSync(file).size > 1000);
  const fromTree = runKstatCli([...treeArgs(SETS[0]!), '-p']);
  const fromSnapshot = runKstatCli(['-M', file, '-p']);
  assert.equal(fromSnapshot.status, 0, fromSnapshot.stderr);
  assert.equal(fromSnapshot.stdout, fromTree.stdout);
  assert.equal(fromSnapshot.stderr, '');
  const netstat = runKstatCli(['-M', file, '-p', 'netstat:0:routes:records']);
  // 2 IPv4 routes of proc/net/route + the 9 IPv6 ones `knetstat -rn --table all` lists for this tree.
  assert.equal(netstat.stdout, 'netstat:0:routes:records\t11\n', 'RAW views decode from the snapshot');
});

test('-M on a damaged snapshot is fatal (exit 3) and says where', () => {
  const file = join(scratch, 'bad.kss');
  writeFileSync(file, 'KSS1 but not really a snapshot file at all');
  const r = runKstatCli(['-M', file, '-p']);
  assert.equal(r.status, 3);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^kstat: snapshot .*bad\.kss: .*\[E_PARSE\]\n$/);
});

for (const set of SETS) {
  test(`-j on ${set}: one valid JSON document that matches docs/kstat.schema.json`, () => {
    const r = runKstatCli([...treeArgs(set), '-j']);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { module: string; data: Record<string, unknown> }[];
    assert.ok(doc.length > 20);
    assert.deepEqual(validate(doc, KSTAT_SCHEMA), []);
    assert.ok(doc.every((k) => !k.module.startsWith('kstat_') && 'crtime' in k.data && 'snaptime' in k.data && !('class' in k.data)));
  });
}

function bigTree(): string {
  const root = join(scratch, 'big');
  mkdirSync(join(root, 'proc', 'net'), { recursive: true });
  mkdirSync(join(root, 'sys', 'class', 'net', 'eth9'), { recursive: true });
  writeFileSync(join(root, 'proc', 'net', 'dev'), variantText('net-dev.u64-max'));
  writeFileSync(join(root, 'sys', 'class', 'net', 'eth9', 'ifalias'), 'to "core"\tA\\B\u0001\n');
  return root;
}

test('64-bit values above 2^53 are exact in every format; strings are escaped (text) or quoted (JSON)', () => {
  const args = ['-R', bigTree()];
  const sel = 'link:0:eth9:/^(rbytes64|ipackets64|obytes64|opackets64|alias)$/';
  const p = runKstatCli([...args, '-p', sel]);
  assert.equal(p.status, 0, p.stderr);
  assert.equal(
    p.stdout,
    ['link:0:eth9:alias\tto "core"\\tA\\\\B\\x01', 'link:0:eth9:ipackets64\t9007199254740993', 'link:0:eth9:obytes64\t18446744073709551614', 'link:0:eth9:opackets64\t9007199254740992', 'link:0:eth9:rbytes64\t18446744073709551615', ''].join('\n'),
  );
  const j = runKstatCli([...args, '-j', sel]);
  const exact = parseExactJson(j.stdout) as { data: Record<string, unknown> }[];
  assert.deepEqual(exact[0]!.data, { alias: 'to "core"\tA\\B\u0001', ipackets64: '9007199254740993', obytes64: '18446744073709551614', opackets64: '9007199254740992', rbytes64: '18446744073709551615' });
  assert.deepEqual(validate(JSON.parse(j.stdout), KSTAT_SCHEMA), []);
  const human = runKstatCli([...args, 'link:0:eth9:rbytes64']);
  assert.equal(human.stdout.split('\n')[2], '\trbytes64                        18446744073709551615');
});

test('-T u / -T d print a timestamp line before the report; with -j it goes to stderr', () => {
  const before = Math.floor(Date.now() / 1000);
  const u = runKstatCli([...treeArgs(SETS[0]!), '-T', 'u', '-p', 'link:0:lo:rbytes64']);
  const [stamp, line] = u.stdout.split('\n');
  assert.ok(Number(stamp) >= before && Number(stamp) <= Math.floor(Date.now() / 1000), stamp);
  assert.equal(line, 'link:0:lo:rbytes64\t7673997');
  const d = runKstatCli([...treeArgs(SETS[0]!), '-T', 'd', '-p', 'link:0:lo:rbytes64']);
  assert.match(d.stdout, /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ 123]\d \d\d:\d\d:\d\d \S+ \d{4}\nlink:0:lo:rbytes64\t7673997\n$/);
  const j = runKstatCli([...treeArgs(SETS[0]!), '-T', 'u', '-j', 'link:0:lo:rbytes64']);
  assert.match(j.stderr, /^\d+\n$/);
  assert.deepEqual(JSON.parse(j.stdout), [{ module: 'link', instance: 0, name: 'lo', class: 'net', type: 1, snaptime: 0, data: { rbytes64: 7673997 } }]);
});

test('--help: exit 0, fits 80 columns, names every option', () => {
  const r = runKstatCli(['--help']);
  assert.equal(r.status, 0);
  for (const line of r.stdout.split('\n')) assert.ok(line.length <= 80, line);
  for (const spec of KSTAT_OPTIONS) {
    const shown = [spec.short === undefined ? undefined : `-${spec.short}`, spec.long === undefined ? undefined : `--${spec.long}`].filter((s) => s !== undefined);
    assert.ok(shown.some((s) => r.stdout.includes(s)), `${shown.join('/')} in --help`);
  }
  assert.equal(runKstatCli(['-h']).stdout, r.stdout);
  assert.match(runKstatCli(['--version']).stdout, /^kstat \d+\.\d+\.\d+\n$/);
});

test('kstat -p | head -1: a closed pipe ends the command quietly, exit 0', () => {
  const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${KSTAT}" -R test/fixtures/trees/${SETS[0]} -p | head -1`], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'cpu:0:sys:class\tmisc\n');
  assert.equal(r.stderr, '');
});
