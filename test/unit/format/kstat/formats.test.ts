/**
 * The kstat(1M) formatters on literal reports: illumos widths (module/name cut at 30, the
 * first line's padding, statistic names padded but not cut), -p/-C/-l lines, the JSON
 * layouts (valid, escaped, exact 64-bit integers, hrtime seconds from nanoseconds),
 * control characters escaped in the text formats, and the host label in every format.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeText, hrtime, integer, secondsText, text, type KstatEntry } from '../../../../src/format/kstat/model.js';
import { humanLines } from '../../../../src/format/kstat/human.js';
import { parseableLines } from '../../../../src/format/kstat/parseable.js';
import { jsonDocument } from '../../../../src/format/kstat/json.js';
import { validate } from '../../../helpers/json-schema.js';
import { parseExactJson } from '../../../helpers/exact-json.js';
import { KSTAT_SCHEMA } from '../../../helpers/kstat-cli.js';

const LINK: KstatEntry = {
  module: 'link',
  instance: 0,
  name: 'eth0',
  class: 'net',
  type: 1,
  snaptime: 1234_000000001n,
  statistics: [
    { name: 'crtime', value: hrtime(31_415926535n) },
    { name: 'ifAlias', value: text('up\tlink "core"\n\\1') },
    { name: 'rbytes64', value: integer(18446744073709551615n) },
    { name: 'snaptime', value: hrtime(1234_000000001n) },
    { name: 'statistics.rx_missed_errors', value: integer(7) },
  ],
};

const LONG: KstatEntry = {
  module: 'a_module_name_longer_than_thirty_chars',
  instance: 1234567,
  name: 'a_kstat_name_that_is_longer_than_thirty',
  class: 'a_class_name_that_is_longer_than_thirty',
  type: 4,
  snaptime: 0n,
  statistics: [{ name: 'run.elapsed_time', value: hrtime(0n) }],
};

test('hrtime text: 0 for zero, else seconds with exactly nine decimals, exact past 2^53 ns', () => {
  assert.equal(secondsText(0n), '0');
  assert.equal(secondsText(1n), '0.000000001');
  assert.equal(secondsText(31_415926535n), '31.415926535');
  assert.equal(secondsText(1234_000000000n), '1234.000000000');
  // 2^63-1 ns: a double would round this; the text stays exact.
  assert.equal(secondsText(9223372036854775807n), '9223372036.854775807');
  assert.equal(secondsText(-1_500000000n), '-1.500000000');
});

test('text escaping: control characters as C escapes, backslash doubled, the rest as is', () => {
  assert.equal(escapeText('plain name_0.x(anon)'), 'plain name_0.x(anon)');
  assert.equal(escapeText('a\tb\nc\rd\\e\x01\x7f'), 'a\\tb\\nc\\rd\\\\e\\x01\\x7f');
});

test('human block: illumos DFLT_FMT / KS_DFMT widths', () => {
  assert.deepEqual(humanLines([LINK]), [
    'module: link                            instance: 0     ',
    'name:   eth0                            class:    net',
    '\tcrtime                          31.415926535',
    '\tifAlias                         up\\tlink "core"\\n\\\\1',
    '\trbytes64                        18446744073709551615',
    '\tsnaptime                        1234.000000001',
    '\tstatistics.rx_missed_errors     7',
    '',
  ]);
});

test('human block: module and name cut at 30, instance wider than 6 not cut, class cut at 30, long statistic names not cut', () => {
  assert.deepEqual(humanLines([LONG]), [
    'module: a_module_name_longer_than_thir  instance: 1234567',
    'name:   a_kstat_name_that_is_longer_th  class:    a_class_name_that_is_longer_th',
    '\trun.elapsed_time                0',
    '',
  ]);
  assert.deepEqual(humanLines([]), []);
});

test('parseable -p, -C and -l lines', () => {
  assert.deepEqual(parseableLines([LINK]), [
    'link:0:eth0:crtime\t31.415926535',
    'link:0:eth0:ifAlias\tup\\tlink "core"\\n\\\\1',
    'link:0:eth0:rbytes64\t18446744073709551615',
    'link:0:eth0:snaptime\t1234.000000001',
    'link:0:eth0:statistics.rx_missed_errors\t7',
  ]);
  assert.deepEqual(parseableLines([LONG], { colon: true }), ['a_module_name_longer_than_thirty_chars:1234567:a_kstat_name_that_is_longer_than_thirty:run.elapsed_time:0']);
  assert.deepEqual(parseableLines([LINK], { namesOnly: true, colon: true }), [
    'link:0:eth0:crtime',
    'link:0:eth0:ifAlias',
    'link:0:eth0:rbytes64',
    'link:0:eth0:snaptime',
    'link:0:eth0:statistics.rx_missed_errors',
  ]);
});

test('JSON pretty layout: illumos key order and TAB layout, `},{` between kstats, valid and exact', () => {
  const doc = jsonDocument([LINK, LONG]);
  assert.equal(
    doc,
    [
      '[{',
      '\t"module": "link",',
      '\t"instance": 0,',
      '\t"name": "eth0",',
      '\t"class": "net",',
      '\t"type": 1,',
      '\t"snaptime": 1234.000000001,',
      '\t"data": {',
      '\t\t"crtime": 31.415926535,',
      '\t\t"ifAlias": "up\\tlink \\"core\\"\\n\\\\1",',
      '\t\t"rbytes64": 18446744073709551615,',
      '\t\t"snaptime": 1234.000000001,',
      '\t\t"statistics.rx_missed_errors": 7',
      '\t}',
      '},{',
      '\t"module": "a_module_name_longer_than_thirty_chars",',
      '\t"instance": 1234567,',
      '\t"name": "a_kstat_name_that_is_longer_than_thirty",',
      '\t"class": "a_class_name_that_is_longer_than_thirty",',
      '\t"type": 4,',
      '\t"snaptime": 0,',
      '\t"data": {',
      '\t\t"run.elapsed_time": 0',
      '\t}',
      '}]',
    ].join('\n'),
  );
  const parsed = JSON.parse(doc) as { data: Record<string, unknown> }[];
  assert.equal(parsed[0]!.data.ifAlias, 'up\tlink "core"\n\\1');
  assert.deepEqual(validate(parsed, KSTAT_SCHEMA), []);
  const exact = parseExactJson(doc) as { data: Record<string, unknown> }[];
  assert.equal(exact[0]!.data.rbytes64, '18446744073709551615', 'the digits are exact in the text');
  assert.equal(jsonDocument([]), '[]');
});

test('JSON line layout (NDJSON): the same document on one line', () => {
  const line = jsonDocument([LINK], 'line');
  assert.equal(
    line,
    '[{"module":"link","instance":0,"name":"eth0","class":"net","type":1,"snaptime":1234.000000001,"data":{"crtime":31.415926535,"ifAlias":"up\\tlink \\"core\\"\\n\\\\1","rbytes64":18446744073709551615,"snaptime":1234.000000001,"statistics.rx_missed_errors":7}}]',
  );
  assert.ok(!line.includes('\n'));
  assert.deepEqual(JSON.parse(line), JSON.parse(jsonDocument([LINK])));
  assert.equal(jsonDocument([], 'line'), '[]');
});

test('a host label slots into every format (several hosts: each kstat names its host)', () => {
  const onDb1: KstatEntry = { ...LINK, host: 'db1', statistics: [{ name: 'rbytes64', value: integer(5n) }] };
  const onV6: KstatEntry = { ...onDb1, host: 'fe80::1' };
  assert.deepEqual(humanLines([onDb1]), ['host:   db1', 'module: link                            instance: 0     ', 'name:   eth0                            class:    net', '\trbytes64                        5', '']);
  assert.deepEqual(parseableLines([onDb1, onV6]), ['db1:link:0:eth0:rbytes64\t5', '[fe80::1]:link:0:eth0:rbytes64\t5']);
  assert.deepEqual(parseableLines([onV6], { namesOnly: true }), ['[fe80::1]:link:0:eth0:rbytes64']);
  const json = JSON.parse(jsonDocument([onDb1])) as Record<string, unknown>[];
  assert.deepEqual(Object.keys(json[0]!), ['host', 'module', 'instance', 'name', 'class', 'type', 'snaptime', 'data']);
  assert.equal(json[0]!.host, 'db1');
  assert.deepEqual(validate(json, KSTAT_SCHEMA), []);
  assert.match(jsonDocument([onDb1], 'line'), /^\[\{"host":"db1","module":"link",/);
});
