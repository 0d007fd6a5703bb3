/**
 * Golden output of the kstat command on the captured fixture trees — every format (human,
 * -p, -C, -l, -j) with globs, /ERE/, -c class, -m/-i/-n/-s and statistic selection, the RAW
 * view summaries, several selectors, exit statuses — and of its usage errors. Every -j
 * output parses as JSON and validates against docs/kstat.schema.json.
 * Regenerate with UPDATE_GOLDEN=1 (see test/helpers/kstat-cli.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KSTAT_SCHEMA, kstatGolden, kstatGoldenText, runKstatCli, treeArgs } from '../../../helpers/kstat-cli.js';
import { validate } from '../../../helpers/json-schema.js';

const LIVE = 'linux-6.18.44-fc-v595-live';
const NETNS = 'linux-6.18.44-fc-v595-netns';
const BUSY = 'linux-6.18.44-fc-v595-busy';
const PROCFS = 'procfs-fixtures';
const DIAMOND = 'diamond-fixtures';
const GOPROCINFO = 'goprocinfo-fixtures';

/** [golden name, fixture set or undefined for no -R, arguments, expected exit status] */
const CASES: ReadonlyArray<readonly [string, string | undefined, readonly string[], number]> = [
  // human blocks: NAMED, INTR, IO, RAW views
  ['live.link-lo', LIVE, ['link:0:lo'], 0],
  ['live.cpu', LIVE, ['cpu'], 0],
  ['live.intr', LIVE, ['intr:0:/^(0|NMI|LOC)$/'], 0],
  ['live.disk-vda', LIVE, ['disk::vda'], 0],
  ['live.system', LIVE, ['system'], 0],
  ['procfs.link', PROCFS, ['-c', 'net', 'link'], 0],
  // parseable, -C, -l
  ['live.p', LIVE, ['-p'], 0],
  ['live.p-syncookies', LIVE, ['-p', 'tcp:0:TcpExt:/^Syncookies/'], 0],
  ['live.p-netstat', LIVE, ['-p', 'netstat'], 0],
  ['live.p-class-net-sockstat', LIVE, ['-p', '-c', 'net', 'sockstat'], 0],
  ['live.p-class-glob', LIVE, ['-p', '-c', 'vm', '-s', 'Mem*'], 0],
  ['live.p-minis', LIVE, ['-p', '-m', 'link', '-i', '0', '-n', 'eth0', '-s', '/^[ro]bytes64$/'], 0],
  ['live.p-selector-order', LIVE, ['-p', 'link::eth0:rbytes64', 'link:0:lo:rbytes64', 'link:*:lo:/bytes64/'], 0],
  ['live.p-pseudo', LIVE, ['-p', 'udp:0:Udp:/^(class|crtime|snaptime)$/'], 0],
  ['live.C-link-bytes', LIVE, ['-C', 'link::/^(lo|eth0)$/:/bytes64$/'], 0],
  ['live.l-ip', LIVE, ['-l', 'ip:0:Ip'], 0],
  ['live.l-class', LIVE, ['-l', '-c', 'controller', '::/^2[0-9]$/:hard'], 0],
  ['netns.p-link', NETNS, ['-p', 'link'], 0],
  ['netns.p-tcp', NETNS, ['-p', 'tcp:0:Tcp'], 0],
  ['busy.p-sockstat', BUSY, ['-p', 'sockstat'], 0],
  ['procfs.p-disk', PROCFS, ['-p', 'disk:0:/^sd[a-z]$/'], 0],
  ['procfs.C-meminfo', PROCFS, ['-C', 'unix:0:meminfo:/^(MemTotal|MemFree|HugePages_Total)$/'], 0],
  ['diamond.p', DIAMOND, ['-p'], 0],
  ['goprocinfo.p-ip', GOPROCINFO, ['-p', 'ip'], 0],
  ['goprocinfo.l-controller', GOPROCINFO, ['-l', '-c', 'controller', '::/^1?[0-9]$/:hard'], 0],
  // JSON
  ['live.j-link-lo', LIVE, ['-j', 'link:0:lo'], 0],
  ['live.j-disk', LIVE, ['-j', '-c', 'disk'], 0],
  ['live.j-intr', LIVE, ['-j', 'intr::/^(NMI|LOC)$/'], 0],
  ['live.j-netstat', LIVE, ['-j', 'netstat'], 0],
  ['live.j-two-selectors', LIVE, ['-j', 'link:0:lo:rbytes64', 'tcp:0:Tcp:/^(Active|Passive)Opens$/'], 0],
  ['live.j-nothing', LIVE, ['-j', 'nosuch'], 1],
  ['procfs.j-softirq', PROCFS, ['-j', 'softirq:0:/^NET_/'], 0],
  ['netns.j-udp', NETNS, ['-j', '-m', 'udp', '-s', 'In*'], 0],
  // exit statuses
  ['live.nothing', LIVE, ['nosuch'], 1],
  ['live.nothing-statistic', LIVE, ['-p', 'link:0:lo:nosuch'], 1],
  ['live.nothing-class', LIVE, ['-c', 'nosuch', 'link'], 1],
  ['live.headers-skipped', LIVE, ['-p', 'unix::kstat_headers'], 1],
  ['live.q', LIVE, ['-q', 'link'], 0],
  ['live.q-nothing', LIVE, ['-q', 'nosuch'], 1],
  ['missing-tree', undefined, ['-R', 'test/fixtures/trees/no-such-set', '-p'], 3],
  ['missing-snapshot', undefined, ['-M', 'test/fixtures/no-such-file.kss', '-p'], 3],
  // usage errors (exit 2)
  ['usage.q-p', undefined, ['-q', '-p'], 2],
  ['usage.q-j', undefined, ['-qj'], 2],
  ['usage.q-l', undefined, ['-q', '-l'], 2],
  ['usage.j-p', undefined, ['-j', '-p'], 2],
  ['usage.five-fields', undefined, ['a:b:c:d:e'], 2],
  ['usage.three-numbers', undefined, ['1', '2', '3'], 2],
  ['usage.zero-interval', undefined, ['0'], 2],
  ['usage.zero-count', undefined, ['1', '0'], 2],
  ['usage.huge-interval', undefined, ['99999999999'], 2],
  ['usage.T', undefined, ['-T', 'x'], 2],
  ['usage.operand-and-m', undefined, ['-m', 'link', 'tcp'], 2],
  ['usage.bad-ere', undefined, ['/(/'], 2],
  ['usage.unknown-option', undefined, ['-Z'], 2],
  ['usage.H', undefined, ['-H', 'db1:99999', '-p'], 2],
  ['usage.two-sources', undefined, ['-R', 'x', '-N', '1'], 2],
  ['usage.save-with-selector', undefined, ['--save', 'x.kss', 'link'], 2],
  ['usage.save-with-p', undefined, ['--save', 'x.kss', '-p'], 2],
  ['error.netns-missing', undefined, ['-N', 'kstat-no-such-netns'], 3],
];

for (const [name, set, args, exit] of CASES) {
  test(`kstat ${name}: ${args.join(' ')}`, () => {
    const full = set === undefined ? [...args] : [...treeArgs(set), ...args];
    const run = runKstatCli(full);
    assert.equal(run.status, exit, run.stderr);
    const actual = kstatGoldenText(full, run);
    const expected = kstatGolden(name, actual);
    assert.ok(expected !== undefined, `no golden ${name}.txt: run with UPDATE_GOLDEN=1 and review it`);
    assert.equal(actual, expected);
    if (args.includes('-j') && exit !== 2) {
      const doc: unknown = JSON.parse(run.stdout);
      assert.deepEqual(validate(doc, KSTAT_SCHEMA), []);
    }
    if (exit === 2) assert.match(run.stderr, /^kstat: .*\nUsage:\n/);
    if (exit === 2 || exit === 3) assert.equal(run.stdout, '');
  });
}
