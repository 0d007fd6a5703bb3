/**
 * Live: every counter `nstat -az` prints is a kstat statistic — nstat's name is the kstat
 * name (the kernel's group) followed by the statistic (tcp:0:TcpExt:SyncookiesSent is
 * TcpExtSyncookiesSent) — and its value lies between our readings just before and after.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kstatOpen, type KstatCtl } from '../../src/kstat/kstat-ctl.js';
import { moduleOfGroup } from '../../src/kstat/providers/protocol-counters.js';
import { hasCommand, skipOrFail } from '../helpers/skip.js';
import { toBigInt } from '../helpers/exact-json.js';
import { nstatAbsolute } from '../helpers/nstat.js';

/** nstat name → value over the protocol counter kstats (module = moduleOfGroup(name)). */
async function nstatView(ctl: KstatCtl): Promise<Map<string, bigint>> {
  const groups = ctl.chain.filter((k) => k.class === 'net' && k.instance === 0 && /^[A-Z]/.test(k.name) && k.module === moduleOfGroup(k.name));
  await ctl.readAll(groups);
  const out = new Map<string, bigint>();
  for (const k of groups) {
    if (k.data?.type !== 'NAMED') continue;
    for (const s of k.data.named) if (typeof s.value === 'bigint') out.set(`${k.name}${s.name}`, s.value);
  }
  return out;
}

test('every nstat -az counter is a kstat statistic, with a bracketed value', async (t) => {
  if (!hasCommand('nstat', ['-V'])) return skipOrFail(t, 'nstat (iproute2) is not installed');
  const ctl = await kstatOpen();
  const before = await nstatView(ctl);
  // -s: leave nstat's history file alone; -a: absolute values; -z: zeros too.
  const theirs = nstatAbsolute();
  const after = await nstatView(ctl);
  const names = Object.keys(theirs);
  assert.ok(names.length > 100, `nstat printed ${names.length} counters`);
  assert.deepEqual(names.filter((n) => !before.has(n)), [], 'nstat names without a kstat statistic');
  const outside: string[] = [];
  for (const name of names) {
    const v = toBigInt(theirs[name]);
    const [b, a] = [before.get(name)!, after.get(name)!];
    const [lo, hi] = b < a ? [b, a] : [a, b];
    if (v < lo || v > hi) outside.push(`${name}: nstat ${v}, kstat ${b}..${a}`);
  }
  assert.deepEqual(outside, []);
  await ctl.close();
});
