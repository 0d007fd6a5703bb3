/**
 * Interfaces read from the captured trees against `ip -s -s -d link`, run right after
 * each capture (peer-tools/ip-s-s-d-link.txt).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readInterfaces } from '../../../../../src/sources/tree/assemble/interfaces.js';
import { TreeReader } from '../../../../../src/sources/tree/reader.js';
import { fixtureText, tree } from '../../../../helpers/fixture.js';

const LIVE = 'linux-6.18.44-fc-v595-live';
const NETNS = 'linux-6.18.44-fc-v595-netns';
const read = (set: string) => readInterfaces(new TreeReader({ root: tree(set) }));

/** An independent reading of `ip -s -s -d link` output: the peer the values are checked against. */
function ipLinks(text: string) {
  const out = new Map<string, Record<string, string | string[]>>();
  for (const block of text.split(/^(?=\d+: )/m)) {
    const head = /^(\d+): ([^:@]+)(?:@if(\d+))?: <([^>]*)> mtu (\d+) .*? state (\S+) .*qlen (\d+)/.exec(block);
    if (head === null) continue;
    const link = /link\/(\S+) (\S+) brd (\S+)/.exec(block)!;
    const nums = (label: string) => new RegExp(`${label}.*\\n\\s+([\\d ]+)`).exec(block)![1]!.trim().split(/\s+/);
    out.set(head[2]!, {
      index: head[1]!, iflink: head[3] ?? head[1]!, flags: head[4]!.split(','), mtu: head[5]!, state: head[6]!, qlen: head[7]!,
      type: link[1]!, address: link[2]!, broadcast: link[3]!,
      rx: nums('RX:  bytes'), rxErrors: nums('RX errors:'), tx: nums('TX:  bytes'), txErrors: nums('TX errors:'),
    });
  }
  return out;
}

/**
 * The peer ran well under a second after the capture. Attributes are stable; counters of
 * busy interfaces (lo, eth0, kfxa0) may have moved on, so they are checked as "not less",
 * and exactly only for interfaces idle at the time (SOURCE.md).
 */
async function crossCheck(set: string, idle: string[]): Promise<void> {
  const peer = ipLinks(fixtureText(set, 'peer-tools/ip-s-s-d-link.txt'));
  const { data } = await read(set);
  assert.deepEqual([...peer.keys()].sort(), data.map((i) => i.name).sort());
  for (const i of data) {
    const p = peer.get(i.name)!;
    assert.equal(String(i.index), p.index, `${i.name} index`);
    assert.equal(String(i.iflink), p.iflink, `${i.name} iflink`);
    assert.equal(String(i.mtu), p.mtu, `${i.name} mtu`);
    assert.equal(String(i.txQueueLength), p.qlen, `${i.name} qlen`);
    assert.equal(i.operState?.toUpperCase(), p.state, `${i.name} state`);
    assert.equal(i.typeName, p.type, `${i.name} link type`);
    assert.equal(i.address, p.address, `${i.name} address`);
    assert.equal(i.broadcast, p.broadcast, `${i.name} broadcast`);
    // ip prints dev_get_flags(): sysfs's dev->flags plus the computed LOWER_UP/RUNNING/DORMANT.
    const computed = (p.flags as string[]).filter((f) => !i.flagNames!.includes(f));
    assert.deepEqual(i.flagNames!.filter((f) => !(p.flags as string[]).includes(f)), [], `${i.name} flags`);
    assert.ok(computed.every((f) => ['LOWER_UP', 'RUNNING', 'DORMANT'].includes(f)), `${i.name} flags ${computed}`);
    assert.equal(String(i.carrierChanges), (p.txErrors as string[])[4], `${i.name} transns = carrier_changes`);
    const [rxBytes, rxPackets, , , , rxMcast] = (p.rx as string[]).map(BigInt);
    const [txBytes, txPackets] = (p.tx as string[]).map(BigInt);
    const pairs: [bigint | undefined, bigint][] = [[i.rxBytes, rxBytes!], [i.rxPackets, rxPackets!], [i.rxMulticast, rxMcast!], [i.txBytes, txBytes!], [i.txPackets, txPackets!]];
    for (const [mine, theirs] of pairs) {
      if (idle.includes(i.name)) assert.equal(mine, theirs, `${i.name} idle counters`);
      else assert.ok(mine !== undefined && mine <= theirs, `${i.name} counter ${mine} <= ${theirs}`);
    }
  }
}

test('live 6.18 against ip -s -s -d link from the same moment', () => crossCheck(LIVE, ['ifb0', 'ifb1', 'kfxh0']));
test('netns 6.18 against ip -s -s -d link inside the namespace', () => crossCheck(NETNS, ['kfxa1']));
