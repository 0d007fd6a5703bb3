/**
 * Live: interface counters agree with `ip -s link` within the traffic of the interval:
 * we read, `ip` reads, we read again, and ip's value lies between our two.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { open } from '../../src/netstat.js';
import type { Interface } from '../../src/records/interface.js';
import { hasCommand, skipOrFail } from '../helpers/skip.js';
import { parseExactJson, toBigInt } from '../helpers/exact-json.js';

interface IpLink {
  ifindex: number;
  ifname: string;
  mtu: number;
  address?: string;
  stats64: { rx: Record<string, unknown>; tx: Record<string, unknown> };
}

// ip's stats64 name → our field.
const PAIRS: [dir: 'rx' | 'tx', ip: string, ours: keyof Interface][] = [
  ['rx', 'bytes', 'rxBytes'],
  ['rx', 'packets', 'rxPackets'],
  ['rx', 'errors', 'rxErrors'],
  ['rx', 'dropped', 'rxDropped'],
  ['rx', 'multicast', 'rxMulticast'],
  ['tx', 'bytes', 'txBytes'],
  ['tx', 'packets', 'txPackets'],
  ['tx', 'errors', 'txErrors'],
  ['tx', 'dropped', 'txDropped'],
  ['tx', 'collisions', 'txCollisions'],
];

test('interface counters bracket ip -s link', async (t) => {
  if (!hasCommand('ip', ['-V'])) return skipOrFail(t, 'ip (iproute2) is not installed');
  const session = await open();
  const before = (await session.interfaces()).data;
  const r = spawnSync('ip', ['-j', '-s', 'link', 'show'], { encoding: 'utf8' });
  const after = (await session.interfaces()).data;
  assert.equal(r.status, 0, r.stderr);
  const links = parseExactJson(r.stdout) as IpLink[];
  assert.deepEqual(before.map((i) => i.name).sort(), links.map((l) => l.ifname).sort());
  for (const link of links) {
    const b = before.find((i) => i.name === link.ifname)!;
    const a = after.find((i) => i.name === link.ifname)!;
    assert.equal(b.index, link.ifindex, `${link.ifname} ifindex`);
    assert.equal(b.mtu, link.mtu, `${link.ifname} mtu`);
    if (link.address !== undefined && b.address !== undefined) assert.equal(b.address, link.address, `${link.ifname} address`);
    for (const [dir, ipName, ours] of PAIRS) {
      const theirs = toBigInt(link.stats64[dir][ipName]);
      const lo = b[ours] as bigint;
      const hi = a[ours] as bigint;
      assert.ok(lo <= theirs && theirs <= hi, `${link.ifname} ${dir} ${ipName}: ours ${lo}..${hi}, ip ${theirs}`);
    }
  }
});
