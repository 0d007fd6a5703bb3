/**
 * kstat's command line (kstat(1M) rules, seed-systems.md §2.1–2.2): formats and their
 * exclusions, operands as selectors or interval/count, -m/-i/-n/-s as one selector, -c,
 * -T, the sources and --save.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError, parseArgs } from '../../../../src/cli/args.js';
import { KSTAT_OPTIONS } from '../../../../src/cli/kstat/option-specs.js';
import { resolveOptions } from '../../../../src/cli/kstat/options.js';

const resolve = (...argv: string[]) => resolveOptions(parseArgs(argv, KSTAT_OPTIONS));
const usage = (argv: string[], message: RegExp) => assert.throws(() => resolve(...argv), (err: unknown) => err instanceof UsageError && message.test(err.message), argv.join(' '));

test('formats: human by default, -p/-C/-l parseable, -j JSON, -q quiet', () => {
  assert.equal(resolve().format, 'human');
  assert.deepEqual([resolve('-p').format, resolve('-p').colon, resolve('-p').namesOnly], ['parseable', false, false]);
  assert.deepEqual([resolve('-C').format, resolve('-C').colon], ['parseable', true]);
  assert.deepEqual([resolve('-l').format, resolve('-l').namesOnly], ['parseable', true]);
  assert.equal(resolve('-j').format, 'json');
  assert.equal(resolve('-q').format, 'quiet');
  assert.equal(resolve('-pC').colon, true);
});

test('-q excludes -l/-p/-C/-j; -j excludes -l/-p/-C', () => {
  for (const f of ['-p', '-l', '-C', '-j']) usage(['-q', f], /-q and -lpj are mutually exclusive/);
  for (const f of ['-p', '-l', '-C']) usage(['-j', f], /-j and -lpC are mutually exclusive/);
});

test('numeric operands are interval then count, wherever they stand; a third is a usage error', () => {
  assert.deepEqual([resolve().interval, resolve().count], [undefined, undefined]);
  assert.deepEqual([resolve('5').interval, resolve('5').count], [5, undefined]);
  const o = resolve('link', '2', 'tcp', '3');
  assert.deepEqual([o.interval, o.count, o.selectors.length], [2, 3, 2]);
  usage(['1', '2', '3'], /only interval and count/);
  usage(['0'], /interval must be an integer >= 1/);
  usage(['1', '0'], /count must be an integer >= 1/);
  usage(['2147483648'], /interval is too large/);
  // Not all digits: a selector whose module is the glob "1.5", as in illumos (strtoul must consume it all).
  assert.equal(resolve('1.5').selectors[0]!.module.text, '1.5');
});

test('operands are selectors (empty fields match anything); more than four fields is a usage error', () => {
  const [s] = resolve('link::lo').selectors;
  assert.deepEqual([s!.module.text, s!.instance.text, s!.name.text, s!.statistic.text], ['link', '*', 'lo', '*']);
  assert.ok(s!.module.test('link') && !s!.module.test('links'));
  usage(['a:b:c:d:e'], /more than four fields/);
  usage(['/(/'], /invalid regular expression/);
});

test('-m -i -n -s make one selector, the last of each repeated one wins; they exclude operands', () => {
  const o = resolve('-m', 'tcp', '-m', 'link', '-s', '/bytes/', '-i', '0');
  assert.equal(o.selectors.length, 1);
  const s = o.selectors[0]!;
  assert.deepEqual([s.module.text, s.instance.text, s.name.text, s.statistic.text], ['link', '0', '*', '/bytes/']);
  usage(['-n', 'lo', 'link'], /mutually exclusive/);
  assert.deepEqual(resolve('-n', 'lo', '5').interval, 5, 'a number is not a selector operand');
});

test('-c class, -T u|d', () => {
  const o = resolve('-c', 'n*', '-T', 'd');
  assert.ok(o.classPattern.test('net') && !o.classPattern.test('disk'));
  assert.equal(o.timestamp, 'd');
  assert.equal(resolve('-Tu').timestamp, 'u');
  usage(['-T', 'x'], /-T x: expected u/);
  usage(['-T', 'date'], /-T date/);
});

test('help and version; unknown options are usage errors', () => {
  assert.equal(resolve('-h').action, 'help');
  assert.equal(resolve('-?').action, 'help');
  assert.equal(resolve('--help').action, 'help');
  assert.equal(resolve('--version').action, 'version');
  assert.throws(() => resolve('-Z'), UsageError);
  assert.throws(() => resolve('-c'), UsageError);
});

test('sources: -R, -N (pid, /proc/PID/ns/net, name or path), -M; one per run; -H repeatable', () => {
  assert.deepEqual(resolve().source, {});
  assert.deepEqual(resolve('-R', 'dir').source, { root: 'dir' });
  assert.deepEqual(resolve('-N', '42').source, { pid: 42 });
  assert.deepEqual(resolve('-N', '/proc/42/ns/net').source, { pid: 42 });
  assert.deepEqual(resolve('-M', 'x.kss').source, { snapshot: 'x.kss' });
  assert.deepEqual(resolve('-N', 'blue').source, { netns: 'blue' });
  usage(['-N', '0'], /not a valid pid/);
  usage(['-R', 'a', '-M', 'b'], /one source per run/);
  usage(['-R', 'a', '-R', 'b'], /given twice/);
  assert.deepEqual(resolve('-H', 'db1').sources, [{ host: 'db1' }]);
  assert.deepEqual(resolve('-H', 'db1', '-H', '[::1]:4000').sources, [{ host: 'db1' }, { host: '[::1]:4000' }]);
  assert.deepEqual(resolve('-H', 'db1', '-H', '[::1]:4000').source, { host: 'db1' });
  usage(['-H', 'db1', '-R', 'x'], /one source per run/);
  usage(['-H', 'db1', '-H', 'db1'], /same host given twice/);
  usage(['-H', 'db1:0'], /port "0" is not 1\.\.65535/);
  usage(['-H', 'db1:22:33'], /must be in brackets/);
  usage(['-H', 'db1', '-H', 'db2', '--save', 'x.kss'], /saves one source/);
});

test('--save FILE takes a source option only', () => {
  const o = resolve('--save', 'out.kss', '-R', 'dir');
  assert.deepEqual([o.action, o.savePath, o.source], ['save', 'out.kss', { root: 'dir' }]);
  usage(['--save', 'x', 'link'], /takes no selectors/);
  usage(['--save', 'x', '5'], /takes no selectors/);
  usage(['--save', 'x', '-p'], /takes no selectors/);
  usage(['--save', 'x', '-c', 'net'], /takes no selectors/);
  usage(['--save', ''], /needs a file/);
});
