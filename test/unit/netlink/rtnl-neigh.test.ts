/**
 * rtnetlink neighbours: the RTM_GETNEIGH request, the RTM_NEWNEIGH parser and the Neighbour
 * mapping on a captured dump (rtnl-neigh.bin, made by test/helpers/neighbour-netns.ts) of a
 * test namespace: v0 (ifindex 2, veth to a peer namespace holding 10.9.0.2 and fd00:9::2)
 * and w0 (ifindex 4, its peer w1 = 3 down); entries added with `ip neigh` (permanent,
 * stale, noarp, none, failed, extern_learn, protocol static, managed, IPv6 router, a proxy
 * entry) and made by one UDP datagram each (the peer: reachable; 10.9.0.99 and fd00:9::99:
 * incomplete). rtnl-neigh.ip.json is `ip -s -j neigh show` of the same moment: every record
 * it lists must equal ours, and the ones it does not list are exactly the NOARP and NONE
 * entries its default filter hides.
 *
 * Then the parser's tolerance: short and bad-length attributes, a wrong-length NDA_DST,
 * and the fuzz cases of rtnl-fuzz.test.ts over this capture (bounded: 2000 corruptions).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KstatError, type Issue } from '../../../src/errors.js';
import { neighbourSchema, type Neighbour } from '../../../src/records/neighbour.js';
import {
  NDA_CACHEINFO,
  NDA_DST,
  NDA_PROBES,
  NDMSG_BYTES,
  NUD_VALID,
  buildNeighbourDumpRequest,
  parseNeighbourMessage,
  type RtnlNeighbour,
} from '../../../src/protocol/netlink/rtnl-neigh.js';
import { neighbourFlagNames, neighbourFromRtnl, neighbourStateName, readNeighbours } from '../../../src/sources/netlink/neighbours.js';
import { NETLINK_FIXTURES, readCapture, replay } from '../../helpers/netlink-capture.js';
import { ReplayChannel } from '../../helpers/rtnl-replay-channel.js';
import { flipped, layout, parseAll, patched } from '../../helpers/sock-diag-fuzz.js';

const NAMES: ReadonlyMap<number, string> = new Map([[1, 'lo'], [2, 'v0'], [3, 'w1'], [4, 'w0']]);
const CAPTURES = { '30/0': 'rtnl-neigh' };

const capture = readCapture('rtnl-neigh');
const parsed: RtnlNeighbour[] = [];
const parseIssues: Issue[] = [];
const walk = replay(capture, (bytes, view, type, start, end) => {
  assert.equal(type, 28); // RTM_NEWNEIGH
  const n = parseNeighbourMessage(bytes, view, start, end, parseIssues);
  if (n !== undefined) parsed.push(n);
});

/** family, address, ifindex, linkAddress, state, stateBits, flagNames, probes, sinceConfirmed, sinceUsed, sinceUpdated (clock ticks), refcount — in dump order. */
type Row = [Neighbour['family'], string, number, string | undefined, Neighbour['state'], number, string[], number, number, number, number, number];
const ROWS: readonly Row[] = [
  ['inet', '10.9.0.10', 2, '02:00:00:00:00:0a', 'permanent', 128, [], 0, 42, 42, 42, 0],
  ['inet', '10.9.0.14', 2, undefined, 'failed', 32, [], 0, 6040, 40, 40, 0],
  ['inet', '10.9.0.12', 2, '02:00:00:00:00:0c', 'noarp', 64, [], 0, 41, 41, 41, 0],
  ['inet', '10.9.0.16', 2, '02:00:00:00:00:10', 'permanent', 128, [], 0, 32, 32, 32, 0],
  ['inet', '10.8.0.11', 4, '02:00:00:00:01:0b', 'stale', 4, [], 0, 6039, 39, 39, 0],
  ['inet', '10.9.0.11', 2, '02:00:00:00:00:0b', 'stale', 4, [], 0, 6041, 41, 41, 0],
  ['inet', '10.9.0.15', 2, '02:00:00:00:00:0f', 'permanent', 128, ['extern_learn'], 0, 34, 34, 34, 0],
  ['inet', '10.9.0.13', 2, undefined, 'none', 0, [], 0, 6040, 40, 40, 0],
  ['inet', '10.9.0.99', 2, undefined, 'incomplete', 1, [], 4, 6005, 5, 5, 1],
  ['inet', '10.9.0.17', 2, undefined, 'incomplete', 1, ['managed'], 4, 6032, 32, 32, 1],
  ['inet', '10.8.0.10', 4, '02:00:00:00:01:0a', 'permanent', 128, [], 0, 39, 39, 39, 0],
  ['inet', '10.9.0.2', 2, '02:aa:0e:81:cd:3f', 'reachable', 2, [], 4, 19, 19, 19, 1],
  ['inet6', 'fd00:9::11', 2, '02:00:00:00:00:1b', 'stale', 4, ['router'], 0, 6037, 37, 37, 0],
  ['inet6', 'ff02::16', 4, '33:33:00:00:00:16', 'noarp', 64, [], 0, 6045, 45, 45, 0],
  ['inet6', 'fd00:8::10', 4, '02:00:00:00:01:1a', 'permanent', 128, [], 0, 35, 35, 35, 0],
  ['inet6', 'fd00:9::12', 2, '02:00:00:00:00:1c', 'noarp', 64, [], 0, 37, 37, 37, 0],
  ['inet6', 'ff02::1:ff00:2', 2, '33:33:ff:00:00:02', 'noarp', 64, [], 0, 6019, 19, 19, 0],
  ['inet6', 'fd00:9::13', 2, '02:00:00:00:00:1d', 'permanent', 128, ['router'], 0, 36, 36, 36, 0],
  ['inet6', 'fd00:9::99', 2, undefined, 'incomplete', 1, [], 4, 6005, 5, 5, 1],
  ['inet6', 'ff02::1:ff00:99', 2, '33:33:ff:00:00:99', 'noarp', 64, [], 0, 6005, 5, 5, 0],
  ['inet6', 'fd00:9::10', 2, '02:00:00:00:00:1a', 'permanent', 128, [], 0, 38, 38, 38, 0],
  ['inet6', 'ff02::16', 2, '33:33:00:00:00:16', 'noarp', 64, [], 0, 6046, 46, 46, 0],
  ['inet6', 'fd00:9::2', 2, '02:aa:0e:81:cd:3f', 'reachable', 2, [], 4, 19, 19, 19, 1],
];

function recordOf([family, address, ifindex, linkAddress, state, stateBits, flagNames, probes, sinceConfirmed, sinceUsed, sinceUpdated, refcount]: Row): Neighbour {
  return {
    family, address, ifindex, interface: NAMES.get(ifindex), linkAddress, hardwareType: undefined,
    complete: (stateBits & NUD_VALID) !== 0, state, stateBits, router: flagNames.includes('router'), flagNames,
    probes, sinceConfirmed, sinceUsed, sinceUpdated, refcount, extra: undefined,
  };
}

test('the request is an ndmsg naming the family, no NTF_PROXY', () => {
  assert.equal(NDMSG_BYTES, 12);
  assert.deepEqual([...buildNeighbourDumpRequest(0)], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual([...buildNeighbourDumpRequest(10)], [10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
});

test('the capture parses without issues: 23 entries, IPv4 table first, then IPv6', () => {
  assert.equal(walk.outcome.kind, 'done');
  assert.deepEqual(parseIssues, []);
  assert.equal(parsed.length, 23);
  assert.deepEqual(parsed.map((n) => n.family), [...new Array<number>(12).fill(2), ...new Array<number>(11).fill(10)]);
});

test('the kernel numbers of single messages', () => {
  const byDst = (...dst: number[]) => parsed.find((n) => n.destination!.length === dst.length && dst.every((b, i) => n.destination![i] === b))!;
  const permanent = byDst(10, 9, 0, 10);
  assert.deepEqual({ ...permanent, destination: [...permanent.destination!], linkAddress: [...permanent.linkAddress!] }, {
    family: 2, ifindex: 2, state: 0x80, flags: 0, type: 1, destination: [10, 9, 0, 10], linkAddress: [2, 0, 0, 0, 0, 0x0a], probes: 0,
    cacheInfo: { confirmed: 42, used: 42, updated: 42, refcnt: 0 },
  });
  assert.equal(byDst(10, 9, 0, 16).protocol, 4); // RTPROT_STATIC: `protocol static`
  assert.equal(byDst(10, 9, 0, 17).flagsExtended, 1); // NTF_EXT_MANAGED
  assert.equal(byDst(10, 9, 0, 15).flags, 0x10); // NTF_EXT_LEARNED
  const incomplete = byDst(10, 9, 0, 99);
  assert.equal(incomplete.linkAddress, undefined); // not NUD_VALID: no NDA_LLADDR
  assert.deepEqual(incomplete.cacheInfo, { confirmed: 6005, used: 5, updated: 5, refcnt: 1 });
  const router = parsed.find((n) => n.family === 10 && n.destination![15] === 0x11)!;
  assert.equal(router.flags, 0x80); // NTF_ROUTER
  const multicast = parsed.filter((n) => n.type === 5); // RTN_MULTICAST: the ff02:: mappings
  assert.equal(multicast.length, 4);
  assert.ok(multicast.every((n) => n.state === 0x40 && n.destination![0] === 0xff));
  for (const n of parsed) {
    assert.equal(n.unknown, undefined);
    assert.equal(n.vlan, undefined);
    assert.equal(n.master, undefined);
  }
});

test('readNeighbours over the capture: every record, literally, in one object shape', async () => {
  const channel = new ReplayChannel({ captures: CAPTURES });
  const part = await readNeighbours(channel, { interfaceNames: NAMES });
  assert.deepEqual(channel.requests, ['30/0']);
  assert.deepEqual(part.issues, []);
  assert.deepEqual(part.unavailable, []);
  assert.deepEqual(part.data, ROWS.map(recordOf));
  const keys = Object.keys(neighbourSchema.fields);
  for (const r of part.data) assert.deepEqual(Object.keys(r), keys, r.address);
  // The proxy entry (ip neigh add proxy 10.9.0.50) lives in another table: not dumped.
  assert.ok(!part.data.some((r) => r.address === '10.9.0.50'));
  const unnamed = await readNeighbours(new ReplayChannel({ captures: CAPTURES }));
  assert.ok(unnamed.data.every((r) => r.interface === undefined && r.ifindex !== undefined));
});

// ---- against ip -s -j neigh show of the same moment -----------------------------------

interface IpNeighbour {
  dst: string;
  dev: string;
  lladdr?: string;
  router?: null;
  extern_learn?: null;
  managed?: null;
  refcnt?: number;
  used: number;
  confirmed: number;
  updated: number;
  probes: number;
  state?: string[];
  protocol?: string;
}

const IP_FLAG_KEYS = ['proxy', 'extern_learn', 'offload', 'router', 'managed'] as const; // our flagNames order (bit order)

test('every entry ip neigh show lists equals ours: dst, dev, lladdr, state, flags, probes, refcnt, times', async () => {
  const ip = JSON.parse(readFileSync(join(NETLINK_FIXTURES, 'rtnl-neigh.ip.json'), 'utf8')) as IpNeighbour[];
  const { data } = await readNeighbours(new ReplayChannel({ captures: CAPTURES }), { interfaceNames: NAMES });
  // ip's default filter: every state but NOARP, and not NONE (`nud all` shows those too).
  const shown = data.filter((r) => (r.stateBits! & ~0x40) !== 0);
  assert.equal(shown.length, ip.length);
  for (const [i, theirs] of ip.entries()) {
    const ours = shown[i]!; // the same dump order: one hash table, read twice within a moment
    const what = `${theirs.dst} dev ${theirs.dev}`;
    assert.equal(ours.address, theirs.dst, what);
    assert.equal(ours.interface, theirs.dev, what);
    assert.equal(ours.linkAddress, theirs.lladdr, what);
    assert.deepEqual(theirs.state, [ours.state!.toUpperCase()], what);
    assert.equal(ours.router, 'router' in theirs, what);
    assert.deepEqual(ours.flagNames, IP_FLAG_KEYS.filter((k) => k in theirs), what);
    assert.equal(ours.probes, theirs.probes, what);
    assert.equal(ours.refcount, theirs.refcnt ?? 0, what); // ip prints ref only when nonzero
    // ip prints whole seconds (ticks / USER_HZ, rounded down), a moment after our capture.
    for (const [mine, their] of [[ours.sinceConfirmed!, theirs.confirmed], [ours.sinceUsed!, theirs.used], [ours.sinceUpdated!, theirs.updated]] as const) {
      const seconds = Math.floor(mine / 100);
      assert.ok(their === seconds || their === seconds + 1, `${what}: ours ${mine} ticks, ip ${their} s`);
    }
  }
  assert.deepEqual(ip.filter((n) => n.protocol !== undefined).map((n) => `${n.dst} ${n.protocol}`), ['10.9.0.16 static']);
  // What ip hides, we list: the NOARP entries (IPv6 multicast mappings too) and the NONE one.
  assert.deepEqual(data.filter((r) => !shown.includes(r)).map((r) => `${r.address} ${r.interface} ${r.state}`), [
    '10.9.0.12 v0 noarp', '10.9.0.13 v0 none', 'ff02::16 w0 noarp', 'fd00:9::12 v0 noarp', 'ff02::1:ff00:2 v0 noarp', 'ff02::1:ff00:99 v0 noarp', 'ff02::16 v0 noarp',
  ]);
});

// ---- the dump around the parser --------------------------------------------------------

test('an interrupted dump is taken again; one interrupted every time keeps the last with an issue', async () => {
  const once = await readNeighbours(new ReplayChannel({ captures: CAPTURES, interruptions: 1 }), { interfaceNames: NAMES });
  assert.deepEqual(once.issues, []);
  assert.equal(once.data.length, 23);
  const always = await readNeighbours(new ReplayChannel({ captures: CAPTURES, interruptions: 3 }));
  assert.equal(always.data.length, 23);
  assert.deepEqual(always.issues.map((i) => i.code), ['read-error']);
  assert.match(always.issues[0]!.message, /NLM_F_DUMP_INTR/);
});

test('a kernel error of the dump propagates as the KstatError the socket threw', async () => {
  await assert.rejects(readNeighbours(new ReplayChannel({ captures: CAPTURES, refuse: ['30/0'] })), (e: unknown) => KstatError.is(e) && e.code === 'E_UNAVAILABLE');
});

test('a wrong-length NDA_DST in the capture: that entry left out with bad-address, the others intact', async () => {
  const { attributes } = layout(capture, NDMSG_BYTES);
  const view = new DataView(capture.buffer, capture.byteOffset, capture.byteLength);
  const firstDst = attributes.find((at) => view.getUint16(at + 2, true) === NDA_DST)!;
  assert.equal(view.getUint16(firstDst, true), 8); // 10.9.0.10: header + 4 bytes
  const part = await readNeighbours(new ReplayChannel({ captures: CAPTURES, patch: (_name, bytes) => patched(bytes, firstDst, 7, 2) }), { interfaceNames: NAMES });
  assert.deepEqual(part.issues.map((i) => i.code), ['bad-address']);
  assert.match(part.issues[0]!.message, /neighbour on link 2 \(family 2\): an NDA_DST of 3 bytes, not an address of the family; left out/);
  assert.deepEqual(part.data, ROWS.slice(1).map(recordOf));
});

/** One RTM_NEWNEIGH payload: an ndmsg, then the given attributes (type, payload). */
function message(family: number, ifindex: number, state: number, flags: number, attributes: readonly (readonly [number, number[]])[], declared?: Readonly<Record<number, number>>): Uint8Array {
  const parts: number[] = [family, 0, 0, 0, ifindex & 0xff, 0, 0, 0, state & 0xff, state >> 8, flags, 1];
  for (const [type, payload] of attributes) {
    const len = declared?.[type] ?? 4 + payload.length;
    parts.push(len & 0xff, len >> 8, type & 0xff, type >> 8, ...payload);
    while (parts.length % 4 !== 0) parts.push(0);
  }
  return new Uint8Array(parts);
}

function parseOne(bytes: Uint8Array, end = bytes.length): { n: RtnlNeighbour | undefined; issues: Issue[] } {
  const issues: Issue[] = [];
  const n = parseNeighbourMessage(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0, end, issues);
  return { n, issues };
}

test('a short ndmsg is a truncated issue and no message', () => {
  const { n, issues } = parseOne(new Uint8Array(11));
  assert.equal(n, undefined);
  assert.deepEqual(issues.map((i) => [i.file, i.code, i.message]), [['rtnetlink neighbour', 'truncated', 'message at byte 0: 11 bytes, ndmsg needs 12']]);
});

test('short NDA_PROBES and NDA_CACHEINFO are truncated issues naming their byte; the fields stay undefined', () => {
  const bytes = message(2, 7, 0x80, 0, [[NDA_DST, [10, 0, 0, 1]], [NDA_PROBES, [1, 0]], [NDA_CACHEINFO, [1, 0, 0, 0, 2, 0, 0, 0]]]);
  const { n, issues } = parseOne(bytes);
  assert.deepEqual(issues.map((i) => i.code), ['truncated', 'truncated']);
  assert.match(issues[0]!.message, /neighbour on link 7: NDA_PROBES at byte 24 has 2 bytes, needs 4/);
  assert.match(issues[1]!.message, /neighbour on link 7: NDA_CACHEINFO at byte 32 has 8 bytes, needs 16/);
  assert.equal(n!.probes, undefined);
  assert.equal(n!.cacheInfo, undefined);
  const record = neighbourFromRtnl(n!)!;
  assert.equal(record.address, '10.0.0.1');
  assert.deepEqual([record.probes, record.sinceConfirmed, record.sinceUsed, record.sinceUpdated, record.refcount], [undefined, undefined, undefined, undefined, undefined]);
});

test('attribute lengths shorter than a header or past the message: bad-length, the attributes before it kept', () => {
  for (const len of [0, 3, 200]) {
    const bytes = message(10, 3, 0x04, 0, [[NDA_DST, [0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]], [NDA_PROBES, [0, 0, 0, 0]]], { [NDA_PROBES]: len });
    const { n, issues } = parseOne(bytes);
    assert.deepEqual(issues.map((i) => i.code), ['bad-length'], `length ${len}`);
    assert.match(issues[0]!.message, /neighbour on link 3: attribute at byte 32: length/);
    assert.equal(neighbourFromRtnl(n!)!.address, 'fd00::1');
  }
});

test('unknown attributes are kept by number, without an issue', () => {
  const { n, issues } = parseOne(message(2, 1, 0x80, 0, [[NDA_DST, [127, 0, 0, 9]], [99, [1, 2, 3]], [0x8000 | 98, []]]));
  assert.deepEqual(issues, []);
  assert.deepEqual(Object.keys(n!.unknown!), ['98', '99']);
  assert.deepEqual([...n!.unknown![99]!], [1, 2, 3]);
});

test('a wrong-length or missing NDA_DST gives no record', () => {
  const v6With4 = message(10, 2, 0x80, 0, [[NDA_DST, [10, 0, 0, 1]]]);
  assert.equal(neighbourFromRtnl(parseOne(v6With4).n!), undefined);
  assert.equal(neighbourFromRtnl(parseOne(message(2, 2, 0x80, 0, [])).n!), undefined);
  assert.equal(neighbourFromRtnl(parseOne(message(2, 2, 0x80, 0, [[NDA_DST, new Array<number>(16).fill(0)]])).n!), undefined);
});

test('state names: exactly one known bit, 0 = none, anything else undefined; complete = NUD_VALID', () => {
  assert.deepEqual([0, 1, 2, 4, 8, 0x10, 0x20, 0x40, 0x80].map(neighbourStateName), ['none', 'incomplete', 'reachable', 'stale', 'delay', 'probe', 'failed', 'noarp', 'permanent']);
  assert.deepEqual([0x03, 0x100, 0x82].map(neighbourStateName), [undefined, undefined, undefined]);
  const n = (state: number): RtnlNeighbour => ({ family: 2, ifindex: 1, state, flags: 0, type: 1, destination: new Uint8Array([1, 2, 3, 4]) });
  assert.deepEqual([1, 2, 4, 8, 0x10, 0x20, 0x40, 0x80, 0].map((s) => neighbourFromRtnl(n(s))!.complete), [false, true, true, true, true, false, true, true, false]);
  const odd = neighbourFromRtnl(n(0x102))!;
  assert.deepEqual([odd.state, odd.stateBits, odd.complete], [undefined, 0x102, true]);
});

test('flag names: NTF_* in bit order, then NTF_EXT_*; unnamed ext bits as the kernel numbers them', () => {
  assert.deepEqual(neighbourFlagNames(0xff), ['use', 'self', 'master', 'proxy', 'extern_learn', 'offload', 'sticky', 'router']);
  assert.deepEqual(neighbourFlagNames(0x80, 0x07), ['router', 'managed', 'locked', 'extern_valid']);
  assert.deepEqual(neighbourFlagNames(0, 0x08), ['0x800']);
  assert.deepEqual(neighbourFlagNames(0, 0x80000000), ['0x8000000000']);
  assert.deepEqual(neighbourFlagNames(0), []);
});

test('times: the kernel\'s clock ticks, exact up to the u32 the kernel sends', () => {
  const [first] = parsed;
  const record = neighbourFromRtnl({ ...first!, cacheInfo: { confirmed: 0xffffffff, used: 0, updated: 6005, refcnt: 0 } })!;
  assert.deepEqual([record.sinceConfirmed, record.sinceUsed, record.sinceUpdated], [0xffffffff, 0, 6005]);
});

// ---- fuzz: as rtnl-fuzz.test.ts, over this capture ------------------------------------

const MESSAGES = 23;
const ATTRIBUTES = 89; // DST, PROBES, CACHEINFO each; LLADDR on the 18 valid ones; one PROTOCOL, one FLAGS_EXT
const PARSER_CODES = ['truncated', 'bad-length'];
const fuzzView = new DataView(capture.buffer, capture.byteOffset, capture.byteLength);
const shape = layout(capture, NDMSG_BYTES);
const mapAll = (run: { parsed: object[] }) => run.parsed.map((m) => neighbourFromRtnl(m as RtnlNeighbour, NAMES));

test('fuzz: the capture has the shape the cases below rely on', () => {
  assert.equal(shape.messages.length, MESSAGES);
  assert.equal(shape.attributes.length, ATTRIBUTES);
  assert.deepEqual(parseAll(capture, parseNeighbourMessage).issues, []);
});

test('fuzz: every truncation parses the whole messages before the cut, without issues', () => {
  for (let n = 0; n <= capture.length; n++) {
    const run = parseAll(capture, parseNeighbourMessage, n);
    const whole = shape.messages.filter((at) => at + fuzzView.getUint32(at, true) <= n).length;
    assert.equal(run.parsed.length, Math.min(whole, MESSAGES), `cut at ${n}`);
    assert.deepEqual(run.issues, [], `cut at ${n}`);
    if (n === capture.length) assert.equal(run.outcome, 'done');
    else assert.ok(run.outcome === 'malformed' || run.outcome === 'more', `cut at ${n}: ${run.outcome}`);
  }
});

test('fuzz: every message cut short inside its payload gives typed issues or a shorter message, and maps', () => {
  for (const at of shape.messages) {
    const start = at + 16;
    const end = at + fuzzView.getUint32(at, true);
    for (let e = start; e < end; e++) {
      const issues: Issue[] = [];
      const m = parseNeighbourMessage(capture, fuzzView, start, e, issues);
      if (e - start < NDMSG_BYTES) assert.equal(m, undefined);
      else {
        assert.ok(m !== undefined);
        neighbourFromRtnl(m, NAMES);
      }
      for (const i of issues) assert.ok(PARSER_CODES.includes(i.code), i.message);
    }
  }
});

test('fuzz: message lengths of 0, 1, 3 and huge make the walk malformed at that message', () => {
  for (const [k, at] of shape.messages.entries()) {
    for (const len of [0, 1, 3, 0xffffffff]) {
      const run = parseAll(patched(capture, at, len, 4), parseNeighbourMessage);
      assert.equal(run.outcome, 'malformed', `message ${k} length ${len}`);
      assert.equal(run.parsed.length, k);
    }
  }
});

test('fuzz: attribute lengths of 0, 1, 3 and huge give bad-length, never an exception', () => {
  for (const at of shape.attributes) {
    for (const len of [0, 1, 3, 0xffff]) {
      const run = parseAll(patched(capture, at, len, 2), parseNeighbourMessage);
      assert.equal(run.outcome, 'done');
      assert.equal(run.parsed.length, MESSAGES);
      assert.ok(run.issues.some((i) => i.code === 'bad-length'), `attribute at ${at} length ${len}`);
      mapAll(run);
    }
  }
});

test('fuzz: every attribute retyped as unknown is kept by number, with no issue', () => {
  for (const at of shape.attributes) {
    const run = parseAll(patched(capture, at + 2, 999, 2), parseNeighbourMessage);
    assert.deepEqual(run.issues, []);
    assert.equal(run.parsed.filter((m) => (m as RtnlNeighbour).unknown?.[999] !== undefined).length, 1, `attribute at ${at}`);
    mapAll(run);
  }
});

test('fuzz: 2000 seeded random corruptions, parsed and mapped: a result every time', () => {
  let records = 0;
  for (const bytes of flipped(capture, 2000, 0x6e656967)) {
    const run = parseAll(bytes, parseNeighbourMessage);
    for (const i of run.issues) assert.ok(PARSER_CODES.includes(i.code), `${i.code}: ${i.message}`);
    records += mapAll(run).filter((r) => r !== undefined).length;
  }
  assert.ok(records > 0);
});
