/**
 * protocol/kstat.x is the one definition of the wire types; the TypeScript constants
 * must be its constants. (Layouts are checked against rpcgen's C code in rpcgen.test.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../helpers/fixture.js';
import * as codec from '../../../../src/protocol/kstat-x/codec.js';
import * as procedures from '../../../../src/protocol/kstat-x/procedures.js';
import { KSTAT_STATUS } from '../../../../src/protocol/kstat-x/status.js';
import { KSTAT_DATA, KSTAT_TYPE } from '../../../../src/kstat/types.js';

const TEXT = readFileSync(join(REPO_ROOT, 'protocol', 'kstat.x'), 'utf8');
const CODE = TEXT.replace(/\/\*[\s\S]*?\*\//g, '');

function consts(): Record<string, number> {
  return Object.fromEntries([...CODE.matchAll(/^\s*const\s+(\w+)\s*=\s*(-?\d+)\s*;/gm)].map((m) => [m[1]!, Number(m[2])]));
}

function enumValues(name: string): Record<string, number> {
  const body = new RegExp(`enum\\s+${name}\\s*\\{([^}]*)\\}`).exec(CODE)?.[1];
  assert.ok(body !== undefined, `enum ${name} in kstat.x`);
  return Object.fromEntries(body.split(',').map((s) => s.trim()).filter(Boolean).map((s) => s.split(/\s*=\s*/)).map(([k, v]) => [k!, Number(v)]));
}

const prefixed = (prefix: string, table: Readonly<Record<string, number>>) => Object.fromEntries(Object.entries(table).map(([k, v]) => [`${prefix}${k}`, v]));

test('every const of kstat.x has the same value in TypeScript', () => {
  assert.deepEqual(consts(), {
    KSTAT_NAME_MAX: codec.KSTAT_NAME_MAX,
    KSTAT_CHAR_MAX: codec.KSTAT_CHAR_MAX,
    KSTAT_STRING_MAX: codec.KSTAT_STRING_MAX,
    KSTAT_ARRAY_MAX: codec.KSTAT_ARRAY_MAX,
    KSTAT_RAW_MAX: codec.KSTAT_RAW_MAX,
    KSTAT_LIST_MAX: codec.KSTAT_LIST_MAX,
    KSTAT_BATCH_KIDS_MAX: procedures.KSTAT_BATCH_KIDS_MAX,
    KSTAT_SELECTORS_MAX: procedures.KSTAT_SELECTORS_MAX,
    KSTAT_PATTERN_MAX: procedures.KSTAT_PATTERN_MAX,
    KSTAT_INSTANCE_ANY: procedures.KSTAT_INSTANCE_ANY,
  });
});

test('every enum of kstat.x has the same names and values in TypeScript', () => {
  assert.deepEqual(enumValues('kstat_type'), prefixed('KSTAT_TYPE_', KSTAT_TYPE));
  assert.deepEqual(enumValues('kstat_data_type'), prefixed('KSTAT_DATA_', KSTAT_DATA));
  assert.deepEqual(enumValues('kstat_status'), KSTAT_STATUS);
  assert.deepEqual(enumValues('kstat_batch_by'), { KSTAT_BATCH_KIDS: 0, KSTAT_BATCH_SELECTORS: 1 });
});

test('program, versions and procedure numbers match, and every version is a superset of the one before', () => {
  assert.equal(Number(/\}\s*=\s*(\d+)\s*;\s*$/.exec(CODE)?.[1]), procedures.KSTATPROG);
  const versions = [...CODE.matchAll(/version\s+(\w+)\s*\{([\s\S]*?)\}\s*=\s*(\d+)\s*;/g)].map((m) => ({
    name: m[1]!,
    number: Number(m[3]),
    procs: Object.fromEntries([...m[2]!.matchAll(/(\w+)\s*\([^)]*\)\s*=\s*(\d+)\s*;/g)].map((p) => [p[1]!.replace(/^KSTAT_RPC_/, ''), Number(p[2])])),
  }));
  assert.deepEqual(versions.map((v) => [v.name, v.number]), [['KSTATVERS', procedures.KSTATVERS], ['KSTATVERS_BATCH', procedures.KSTATVERS_BATCH]]);
  const { READ_BATCH, ...v1 } = procedures.KSTAT_RPC;
  assert.deepEqual(versions[0]!.procs, v1);
  assert.deepEqual(versions[1]!.procs, { ...v1, READ_BATCH });
  for (const v of versions) assert.deepEqual([...procedures.KSTAT_PROGRAM.versions.get(v.number)!], Object.values(v.procs));
});

test('the file states its compatibility rule and that the program is a reconstruction', () => {
  assert.match(TEXT, /COMPATIBILITY RULE/);
  assert.match(TEXT, /reconstruction/);
  assert.match(TEXT, /program KSTATPROG/);
});
