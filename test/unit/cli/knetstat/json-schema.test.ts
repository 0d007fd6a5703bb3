/**
 * docs/knetstat.schema.json: up to date with the record schemas, and every --json report of
 * every mode on every fixture set validates against it (checked with the small validator
 * in test/helpers/json-schema.ts). Also: 64-bit counters come out as exact digits.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { knetstatJsonSchema } from '../../../../src/cli/knetstat/json-schema.js';
import { validate } from '../../../helpers/json-schema.js';
import { REPO_ROOT, runKnetstat, treeArg } from '../../../helpers/knetstat.js';

const SCHEMA = JSON.parse(readFileSync(join(REPO_ROOT, 'docs', 'knetstat.schema.json'), 'utf8')) as Record<string, unknown>;

test('docs/knetstat.schema.json is the generated schema (run scripts/gen-knetstat-schema.mjs after npm run build)', () => {
  assert.deepEqual(SCHEMA, JSON.parse(JSON.stringify(knetstatJsonSchema())));
});

const SETS = ['linux-6.18.44-fc-v595-live', 'linux-6.18.44-fc-v595-netns', 'linux-6.18.44-fc-v595-busy', 'procfs-fixtures', 'diamond-fixtures', 'goprocinfo-fixtures'];
const MODES: readonly (readonly string[])[] = [['-a'], ['-a', '-p'], ['-L'], ['-B'], ['-m'], ['-s'], ['-ia'], ['-r', '--table', 'all'], ['-rs'], ['-g']];


for (const set of SETS) {
  test(`every --json report on ${set} validates`, () => {
    let validated = 0;
    for (const mode of MODES) {
      const run = runKnetstat(['-R', treeArg(set), ...mode, '--json']);
      if (run.status === 3) continue; // the kind is not in this set: no document, by design
      const errors = validate(JSON.parse(run.stdout), SCHEMA);
      assert.deepEqual(errors, [], `${mode.join(' ')} on ${set}`);
      validated++;
    }
    assert.ok(validated >= 3, `only ${validated} modes gave a document`);
  });
}

test('interval NDJSON lines validate', () => {
  for (const mode of [['-i'], ['-s', '-z']]) {
    const run = runKnetstat(['-R', treeArg(SETS[0]!), ...mode, '-w', '0.02', '-c', '2', '--json']);
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.length, 2);
    for (const line of lines) assert.deepEqual(validate(JSON.parse(line), SCHEMA), [], line.slice(0, 80));
  }
});

test('the validator rejects what the schema forbids', () => {
  const doc = JSON.parse(runKnetstat(['-R', treeArg(SETS[0]!), '-L', '--json']).stdout) as Record<string, unknown>;
  assert.deepEqual(validate(doc, SCHEMA), []);
  assert.notDeepEqual(validate({ ...doc, extra: 1 }, SCHEMA), []);
  assert.notDeepEqual(validate({ ...doc, mode: 'sockets' }, SCHEMA), []);
  const { data: _data, ...noData } = doc;
  assert.notDeepEqual(validate(noData, SCHEMA), []);
  const data = doc.data as Record<string, unknown>[];
  assert.notDeepEqual(validate({ ...doc, data: [{ ...data[0], acceptQueue: -1 }] }, SCHEMA), []);
  assert.notDeepEqual(validate({ ...doc, data: [{ ...data[0], newField: 1 }] }, SCHEMA), []);
});

test('64-bit counters above 2^53 come out as exact digits (-s --json and -s text)', () => {
  const root = mkdtempSync(join(tmpdir(), 'knetstat-u64-'));
  try {
    mkdirSync(join(root, 'proc', 'net'), { recursive: true });
    writeFileSync(join(root, 'proc', 'net', 'snmp'), 'Udp: InDatagrams NoPorts\nUdp: 18446744073709551615 9007199254740993\n');
    const json = runKnetstat(['-R', root, '-s', '--json']);
    assert.equal(json.status, 0, json.stderr);
    assert.match(json.stdout, /"InDatagrams": 18446744073709551615,/);
    assert.match(json.stdout, /"NoPorts": 9007199254740993\n/);
    assert.deepEqual(validate(JSON.parse(json.stdout), SCHEMA), []);
    const text = runKnetstat(['-R', root, '-s']);
    assert.match(text.stdout, /^ {4}InDatagrams 18446744073709551615$/m);
    assert.match(text.stdout, /^ {4}NoPorts {9}9007199254740993$/m);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
