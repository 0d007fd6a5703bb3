import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, UsageError, type OptionSpec } from '../../../src/cli/args.js';

const SPECS: OptionSpec[] = [
  { name: 'tcp', short: 't', long: 'tcp' },
  { name: 'all', short: 'a' },
  { name: 'numeric', short: 'n' },
  { name: 'w', short: 'w', value: 'optional-number' },
  { name: 'count', short: 'c', long: 'count', value: 'required' },
  { name: 'table', long: 'table', value: 'required' },
  { name: 'json', long: 'json' },
];

function parsed(argv: string[]): Record<string, string[]> {
  const r = parseArgs(argv, SPECS);
  return { ...Object.fromEntries([...r.options].map(([k, v]) => [k, [...v]])), _: [...r.positional] };
}

test('bundled short flags', () => {
  assert.deepEqual(parsed(['-tan']), { tcp: [''], all: [''], numeric: [''], _: [] });
});

test('short option values: glued, next word, inside a bundle', () => {
  assert.deepEqual(parsed(['-c5']), { count: ['5'], _: [] });
  assert.deepEqual(parsed(['-c', '5']), { count: ['5'], _: [] });
  assert.deepEqual(parsed(['-tc', '7']), { tcp: [''], count: ['7'], _: [] });
  assert.deepEqual(parsed(['-tc7']), { tcp: [''], count: ['7'], _: [] });
});

test('optional numeric value: only a number is taken', () => {
  assert.deepEqual(parsed(['-w']), { w: [''], _: [] });
  assert.deepEqual(parsed(['-w', '2']), { w: ['2'], _: [] });
  assert.deepEqual(parsed(['-w', '0.5']), { w: ['0.5'], _: [] });
  assert.deepEqual(parsed(['-w2']), { w: ['2'], _: [] });
  assert.deepEqual(parsed(['-wt']), { w: [''], tcp: [''], _: [] });
  assert.deepEqual(parsed(['-tw', 'x']), { tcp: [''], w: [''], _: ['x'] });
});

test('long options with = or a separate value; -- ends options', () => {
  assert.deepEqual(parsed(['--table=all', '--json']), { table: ['all'], json: [''], _: [] });
  assert.deepEqual(parsed(['--table', '100', '--', '-t']), { table: ['100'], _: ['-t'] });
  assert.deepEqual(parsed(['--count', '3', 'extra']), { count: ['3'], _: ['extra'] });
});

test('repeated options keep every value in order', () => {
  assert.deepEqual(parsed(['-c', '1', '-c2']), { count: ['1', '2'], _: [] });
});

test('errors are UsageErrors with the offending option', () => {
  assert.throws(() => parseArgs(['-q'], SPECS), (e: unknown) => e instanceof UsageError && e.message === 'unknown option -q');
  assert.throws(() => parseArgs(['-tqa'], SPECS), (e: unknown) => e instanceof UsageError && e.message === 'unknown option -q (in -tqa)');
  assert.throws(() => parseArgs(['--bogus'], SPECS), (e: unknown) => e instanceof UsageError && e.message === 'unknown option --bogus');
  assert.throws(() => parseArgs(['-c'], SPECS), (e: unknown) => e instanceof UsageError && e.message === 'option -c needs a value');
  assert.throws(() => parseArgs(['--count'], SPECS), (e: unknown) => e instanceof UsageError && e.message === 'option --count needs a value');
  assert.throws(() => parseArgs(['--json=1'], SPECS), (e: unknown) => e instanceof UsageError && e.message === 'option --json takes no value');
});

test('a lone "-" is a positional argument', () => {
  assert.deepEqual(parsed(['-']), { _: ['-'] });
});
