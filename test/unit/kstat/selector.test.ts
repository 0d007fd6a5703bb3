/**
 * kstat(1M) selectors: shell globs over whole fields, /ERE/ searched anywhere, empty
 * fields as *, the instance as decimal text, at most four fields, ORed selectors in
 * selector order (a kstat matched twice appears twice), and the class pattern ANDed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anySelectorMatches, matchesKstat, matchesStatistic, parsePattern, parseSelector, selectKstats, selectorOf } from '../../../src/kstat/selector.js';
import { KstatError } from '../../../src/errors.js';

const ks = (module: string, instance: number, name: string, cls = 'net') => ({ module, instance, name, class: cls });
const KSTATS = [ks('link', 0, 'lo'), ks('link', 0, 'eth0'), ks('link', 0, 'eth10'), ks('tcp', 0, 'TcpExt'), ks('softnet', 12, 'softnet_stat'), ks('cpu', 3, 'sys', 'misc')];
const names = (list: { kstat: { module: string; instance: number; name: string } }[]) => list.map(({ kstat: k }) => `${k.module}:${k.instance}:${k.name}`);

test('globs: * ? [...] [!...] and \\ escapes match the whole field', () => {
  const cases: [string, string, boolean][] = [
    ['eth*', 'eth0', true],
    ['eth*', 'veth0', false],
    ['eth?', 'eth0', true],
    ['eth?', 'eth10', false],
    ['eth[0-4]', 'eth3', true],
    ['eth[!0-4]', 'eth3', false],
    ['eth[!0-4]', 'eth7', true],
    ['eth[^0-4]', 'eth7', true],
    ['[]x]', ']', true],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'axb', false],
    ['a.b', 'a.b', true],
    ['a.b', 'axb', false],
    ['(x)+', '(x)+', true],
    ['rx_*', 'rx_bytes', true],
    ['[unclosed', '[unclosed', true],
    ['', 'anything', true],
    ['*', '', true],
  ];
  for (const [glob, value, want] of cases) assert.equal(parsePattern(glob).test(value), want, `${glob} vs ${value}`);
});

test('/ERE/ is searched anywhere unless anchored; POSIX classes work; a bad ERE is E_ARGUMENT', () => {
  assert.equal(parsePattern('/eth/').test('veth0'), true);
  assert.equal(parsePattern('/^eth/').test('veth0'), false);
  assert.equal(parsePattern('/^eth[0-9]+$/').test('eth10'), true);
  assert.equal(parsePattern('/^eth[[:digit:]]$/').test('eth1'), true);
  assert.equal(parsePattern('/^eth[[:digit:]]$/').test('ethx'), false);
  assert.equal(parsePattern('/lo|eth0/').test('lo'), true);
  assert.equal(parsePattern('/').test('/'), true, 'a lone slash is a glob');
  assert.throws(() => parsePattern('/(unclosed/'), (e: unknown) => KstatError.is(e) && e.code === 'E_ARGUMENT');
});

test('parseSelector: up to four fields, empty or missing fields are *, more is E_ARGUMENT', () => {
  const s = parseSelector('link::eth*');
  assert.deepEqual([s.module.text, s.instance.text, s.name.text, s.statistic.text], ['link', '*', 'eth*', '*']);
  assert.equal(matchesKstat(s, ks('link', 0, 'eth0')), true);
  assert.equal(matchesKstat(s, ks('link', 0, 'lo')), false);
  assert.equal(matchesKstat(parseSelector(':::'), ks('any', 9, 'thing')), true);
  assert.throws(() => parseSelector('a:b:c:d:e'), (e: unknown) => KstatError.is(e) && e.code === 'E_ARGUMENT');
});

test('the instance is matched as its decimal text', () => {
  assert.equal(matchesKstat(parseSelector('softnet:12'), ks('softnet', 12, 'softnet_stat')), true);
  assert.equal(matchesKstat(parseSelector('softnet:1?'), ks('softnet', 12, 'softnet_stat')), true);
  assert.equal(matchesKstat(parseSelector('softnet:1'), ks('softnet', 12, 'softnet_stat')), false);
  assert.equal(matchesKstat(parseSelector('softnet:/^1/'), ks('softnet', 12, 'softnet_stat')), true);
});

test('statistic patterns', () => {
  const s = parseSelector('link:0:lo:/bytes64$/');
  assert.equal(matchesStatistic(s, 'rbytes64'), true);
  assert.equal(matchesStatistic(s, 'rxBytes'), false);
  assert.equal(matchesStatistic(selectorOf({ statistic: 'rx*' }), 'rxBytes'), true);
});

test('selectKstats: selectors ORed in selector order, duplicates kept, class ANDed, none = all', () => {
  assert.deepEqual(names(selectKstats(KSTATS, [parseSelector('tcp'), parseSelector('link::eth*')])), ['tcp:0:TcpExt', 'link:0:eth0', 'link:0:eth10']);
  assert.deepEqual(names(selectKstats(KSTATS, [parseSelector('link::lo'), parseSelector(':::')], parsePattern('net'))).slice(0, 2), ['link:0:lo', 'link:0:lo']);
  assert.deepEqual(names(selectKstats(KSTATS, [], parsePattern('misc'))), ['cpu:3:sys']);
  assert.equal(selectKstats(KSTATS, []).length, KSTATS.length);
  assert.deepEqual(names(selectKstats(KSTATS, [selectorOf({ module: 'link', name: '/1/' })])), ['link:0:eth10']);
});

test('anySelectorMatches', () => {
  assert.equal(anySelectorMatches(ks('link', 0, 'lo'), [parseSelector('tcp'), parseSelector('link')]), true);
  assert.equal(anySelectorMatches(ks('link', 0, 'lo'), [parseSelector('link')], parsePattern('misc')), false);
  assert.equal(anySelectorMatches(ks('link', 0, 'lo'), []), true);
});
