/**
 * Golden output of every knetstat mode on the captured fixture trees (text and JSON), and
 * of its errors. Regenerate with UPDATE_GOLDEN=1 (see test/helpers/knetstat.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { golden, goldenText, runKnetstat, treeArg } from '../../../helpers/knetstat.js';

const LIVE = 'linux-6.18.44-fc-v595-live';
const NETNS = 'linux-6.18.44-fc-v595-netns';
const BUSY = 'linux-6.18.44-fc-v595-busy';
const PROCFS = 'procfs-fixtures';
const DIAMOND = 'diamond-fixtures';
const GOPROCINFO = 'goprocinfo-fixtures';
/** The live set's socket files with a hand-written etc/services and etc/passwd (its SOURCE.md). */
const ETC = 'linux-6.18.44-fc-v595-etc';

/** [golden name, fixture set or undefined for no -R, arguments] */
const CASES: ReadonlyArray<readonly [string, string | undefined, readonly string[]]> = [
  // socket list
  ['live.tan', LIVE, ['-tan']],
  ['live.uan', LIVE, ['-uan']],
  ['live.default', LIVE, []],
  ['live.a', LIVE, ['-a']],
  ['live.l', LIVE, ['-l']],
  ['live.xa', LIVE, ['-xa']],
  ['live.xap', LIVE, ['-xap']],
  ['live.tanpeo', LIVE, ['-tanpeo']],
  ['live.uaneo', LIVE, ['-uaneo']],
  ['live.wa', LIVE, ['-wa']],
  ['live.udplite', LIVE, ['--udplite', '-a']],
  ['live.icmp', LIVE, ['--icmp', '-a']],
  ['live.4a', LIVE, ['-4a']],
  ['live.6tl', LIVE, ['-6tl']],
  ['netns.a', NETNS, ['-an']],
  ['busy.tln', BUSY, ['-tln']],
  ['procfs.a', PROCFS, ['-a']],
  ['procfs.tane', PROCFS, ['-tane']],
  ['diamond.tan', DIAMOND, ['-tan']],
  ['goprocinfo.a', GOPROCINFO, ['-a']],
  // service and user names from the tree's own etc/ (without -n), numeric with -n and in JSON
  ['etc.a', ETC, ['-a']],
  ['etc.an', ETC, ['-an']],
  ['etc.tle', ETC, ['-tle']],
  ['etc.tlen', ETC, ['-tlen']],
  ['etc.uae', ETC, ['-uae']],
  ['etc.ta.json', ETC, ['-ta', '--json']],
  ['etc.L', ETC, ['-L']],
  ['etc.Ln', ETC, ['-Ln']],
  ['etc.B', ETC, ['-B']],
  ['live.tan.json', LIVE, ['-tan', '--json']],
  ['live.xa.json', LIVE, ['-xa', '--json']],
  // listen queues
  ['live.L', LIVE, ['-L']],
  ['live.L.json', LIVE, ['-L', '--json']],
  ['netns.L', NETNS, ['-L']],
  ['busy.L', BUSY, ['-L']],
  ['procfs.L', PROCFS, ['-L']],
  // packet sockets
  ['live.B', LIVE, ['-B']],
  ['live.B.json', LIVE, ['-B', '--json']],
  ['netns.B', NETNS, ['-B']],
  ['busy.B', BUSY, ['-B']],
  // memory
  ['live.m', LIVE, ['-m']],
  ['live.m.json', LIVE, ['-m', '--json']],
  ['netns.m', NETNS, ['-m']],
  ['procfs.m', PROCFS, ['-m']],
  ['diamond.m', DIAMOND, ['-m']],
  // protocol counters
  ['live.s', LIVE, ['-s']],
  ['live.sz', LIVE, ['-sz']],
  ['live.szt', LIVE, ['-szt']],
  ['live.sz6', LIVE, ['-sz6']],
  ['live.sz.json', LIVE, ['-sz', '--json']],
  ['netns.sz', NETNS, ['-sz']],
  ['diamond.sz', DIAMOND, ['-sz']],
  ['goprocinfo.sz', GOPROCINFO, ['-sz']],
  // interfaces
  ['live.i', LIVE, ['-i']],
  ['live.ia', LIVE, ['-ia']],
  ['live.I-eth0', LIVE, ['-I', 'eth0']],
  ['live.I-absent', LIVE, ['-I', 'nosuch0']],
  ['live.i.json', LIVE, ['-i', '--json']],
  ['netns.i', NETNS, ['-i']],
  ['procfs.i', PROCFS, ['-ia']],
  ['diamond.i', DIAMOND, ['-ia']],
  // routes
  ['live.r', LIVE, ['-rn']],
  ['live.r-all', LIVE, ['-rn', '--table', 'all']],
  ['live.r-all-6', LIVE, ['-rn6', '--table', 'all']],
  ['live.r-local', LIVE, ['-r', '--table', 'local']],
  ['live.r.json', LIVE, ['-r', '--table', 'all', '--json']],
  ['netns.r-all', NETNS, ['-r', '--table=all']],
  ['procfs.r', PROCFS, ['-r']],
  ['live.rs', LIVE, ['-rs']],
  ['live.rs.json', LIVE, ['-rs', '--json']],
  ['netns.rs', NETNS, ['-rs']],
  // neighbours (procfs: IPv4 only)
  ['live.neighbours', LIVE, ['--neighbours']],
  ['live.neighbours4', LIVE, ['--neighbours', '-4']],
  ['live.neighbours.json', LIVE, ['--neighbours', '--json']],
  ['netns.neighbours', NETNS, ['--neighbours', '-4']],
  ['procfs.neighbours', PROCFS, ['--neighbours', '-4']],
  // multicast
  ['live.g', LIVE, ['-g']],
  ['live.g4', LIVE, ['-g4']],
  ['live.g.json', LIVE, ['-g', '--json']],
  ['netns.g', NETNS, ['-g']],
  // intervals (a tree does not change: every delta is 0)
  ['live.i-interval', LIVE, ['-i', '-w', '0.05', '-c', '2']],
  ['live.I-interval.json', LIVE, ['-I', 'lo', '-w', '0.05', '-c', '2', '--json']],
  ['live.s-interval', LIVE, ['-s', '-t', '-w', '0.05', '-c', '1']],
  ['live.sz-interval.json', LIVE, ['-s', '-z', '-u', '--interval', '0.05', '--count', '2', '--json']],
  // errors
  ['error.no-tree', undefined, ['-R', 'test/fixtures/trees/no-such-set', '-tan']],
  ['error.kind-unavailable', BUSY, ['-g']],
  ['error.usage-unknown', undefined, ['-q']],
  ['error.netns-missing', undefined, ['-N', 'kstat-no-such-netns']],
  ['error.snapshot-missing', undefined, ['-M', 'no-such-file.kss']],
  ['error.usage-host', undefined, ['-H', 'db1:99999']],
  ['error.usage-w-number', undefined, ['-tw', '5']],
  ['error.usage-mode-conflict', undefined, ['-i', '-g']],
  ['help', undefined, ['--help']],
];

for (const [name, set, args] of CASES) {
  test(`knetstat golden ${name}`, () => {
    const argv = set === undefined ? [...args] : ['-R', treeArg(set), ...args];
    const actual = goldenText(argv, runKnetstat(argv));
    const expected = golden(name, actual);
    assert.ok(expected !== undefined, `no golden file ${name}.txt: run with UPDATE_GOLDEN=1 and review it`);
    assert.equal(actual, expected);
  });
}
