/**
 * Live: protocol counters agree with `nstat -az` by name. Every name nstat prints is one
 * of ours, and its value lies between our readings taken just before and just after
 * (counters only grow; gauges such as TcpCurrEstab may move either way in between).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open } from '../../src/netstat.js';
import { nstatNames } from '../../src/records/protocol-counters.js';
import { hasCommand, skipOrFail } from '../helpers/skip.js';
import { toBigInt } from '../helpers/exact-json.js';
import { nstatAbsolute } from '../helpers/nstat.js';

test('every nstat -az counter is ours, with a bracketed value', async (t) => {
  if (!hasCommand('nstat', ['-V'])) return skipOrFail(t, 'nstat (iproute2) is not installed');
  const session = await open();
  const before = nstatNames((await session.protocolStats()).data);
  // -s: do not touch nstat's history file; -a: absolute values; -z: zeros too.
  const theirs = nstatAbsolute();
  const after = nstatNames((await session.protocolStats()).data);
  const names = Object.keys(theirs);
  assert.ok(names.length > 100, `nstat printed ${names.length} counters`);
  const missing = names.filter((n) => !before.has(n));
  assert.deepEqual(missing, []);
  const outside: string[] = [];
  for (const name of names) {
    const v = toBigInt(theirs[name]);
    const b = before.get(name)!;
    const a = after.get(name)!;
    const lo = b < a ? b : a;
    const hi = b < a ? a : b;
    if (v < lo || v > hi) outside.push(`${name}: nstat ${v}, ours ${b}..${a}`);
  }
  assert.deepEqual(outside, []);
});
