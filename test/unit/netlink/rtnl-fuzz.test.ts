/**
 * rtnetlink parsing (links, addresses, routes) and the record mapping after it never throw
 * and always end, whatever the bytes: every truncation of each real capture, every
 * message cut short, message and attribute lengths of 0, 1, 3 and huge, every attribute
 * retyped as unknown, and 2000 seeded random corruptions per capture.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Issue } from '../../../src/errors.js';
import { IFADDRMSG_BYTES, parseAddressMessage, type RtnlAddress } from '../../../src/protocol/netlink/rtnl-addr.js';
import { IFINFOMSG_BYTES, parseLinkMessage, type RtnlLink } from '../../../src/protocol/netlink/rtnl-link.js';
import { RTMSG_BYTES, parseRouteMessage, type RtnlRoute } from '../../../src/protocol/netlink/rtnl-route.js';
import { addressFromRtnl } from '../../../src/sources/netlink/interface-addresses.js';
import { interfaceFromLink } from '../../../src/sources/netlink/interfaces.js';
import { routeFromRtnl } from '../../../src/sources/netlink/routes.js';
import { readCapture } from '../../helpers/netlink-capture.js';
import { flipped, layout, parseAll, patched, type DiagParser } from '../../helpers/sock-diag-fuzz.js';

interface Case {
  readonly capture: string;
  readonly fixed: number;
  readonly parse: DiagParser;
  /** The mapping the source applies to each parsed message: must not throw either. */
  readonly map: (item: object, issues: Issue[]) => unknown;
  readonly messages: number;
  readonly seed: number;
}

const NAMES = new Map([[1, 'lo'], [3, 'v0'], [5, 'w0']]);

const CASES: readonly Case[] = [
  { capture: 'rtnl-link', fixed: IFINFOMSG_BYTES, parse: parseLinkMessage, map: (l) => interfaceFromLink(l as RtnlLink), messages: 8, seed: 0x6c696e6b },
  { capture: 'rtnl-addr', fixed: IFADDRMSG_BYTES, parse: parseAddressMessage, map: (a) => addressFromRtnl(a as RtnlAddress), messages: 16, seed: 0x61646472 },
  { capture: 'rtnl-route-inet', fixed: RTMSG_BYTES, parse: parseRouteMessage, map: (r, issues) => routeFromRtnl(r as RtnlRoute, NAMES, issues), messages: 26, seed: 0x72743476 },
  { capture: 'rtnl-route-inet6', fixed: RTMSG_BYTES, parse: parseRouteMessage, map: (r, issues) => routeFromRtnl(r as RtnlRoute, NAMES, issues), messages: 31, seed: 0x72743676 },
];

const PARSER_CODES = ['truncated', 'bad-length'];
const MAPPING_CODES = ['bad-address', 'unknown-format'];

for (const c of CASES) {
  const capture = readCapture(c.capture);
  const view = new DataView(capture.buffer, capture.byteOffset, capture.byteLength);
  const { messages, attributes } = layout(capture, c.fixed);

  test(`${c.capture}: the capture has the shape the cases below rely on`, () => {
    assert.equal(messages.length, c.messages);
    assert.ok(attributes.length >= c.messages);
    assert.deepEqual(parseAll(capture, c.parse).issues, []);
  });

  test(`${c.capture}: every truncation parses the whole messages before the cut, without issues`, () => {
    for (let n = 0; n <= capture.length; n++) {
      const run = parseAll(capture, c.parse, n);
      const whole = messages.filter((at) => at + view.getUint32(at, true) <= n).length;
      assert.equal(run.parsed.length, Math.min(whole, c.messages), `cut at ${n}`);
      assert.deepEqual(run.issues, [], `cut at ${n}`);
      if (n === capture.length) assert.equal(run.outcome, 'done');
      else assert.ok(run.outcome === 'malformed' || run.outcome === 'more', `cut at ${n}: ${run.outcome}`);
    }
  });

  test(`${c.capture}: every message cut short inside its payload gives typed issues or a shorter message`, () => {
    for (const at of messages) {
      const start = at + 16;
      const end = at + view.getUint32(at, true);
      for (let e = start; e < end; e++) {
        const issues: Issue[] = [];
        const m = c.parse(capture, view, start, e, issues);
        if (e - start < c.fixed) assert.equal(m, undefined);
        else {
          assert.ok(m !== undefined);
          c.map(m, issues);
        }
        for (const i of issues) assert.ok([...PARSER_CODES, ...MAPPING_CODES].includes(i.code), i.message);
      }
    }
  });

  test(`${c.capture}: message lengths of 0, 1, 3 and huge make the walk malformed at that message`, () => {
    for (const [k, at] of messages.entries()) {
      for (const len of [0, 1, 3, 0xffffffff]) {
        const run = parseAll(patched(capture, at, len, 4), c.parse);
        assert.equal(run.outcome, 'malformed', `message ${k} length ${len}`);
        assert.equal(run.parsed.length, k);
      }
    }
  });

  test(`${c.capture}: attribute lengths of 0, 1, 3 and huge give bad-length, never an exception`, () => {
    for (const at of attributes) {
      for (const len of [0, 1, 3, 0xffff]) {
        const run = parseAll(patched(capture, at, len, 2), c.parse);
        assert.equal(run.outcome, 'done');
        assert.equal(run.parsed.length, c.messages);
        assert.ok(run.issues.some((i) => i.code === 'bad-length'), `attribute at ${at} length ${len}`);
      }
    }
  });

  test(`${c.capture}: every attribute retyped as unknown is kept by number, with no issue`, () => {
    for (const at of attributes) {
      const run = parseAll(patched(capture, at + 2, 999, 2), c.parse);
      assert.deepEqual(run.issues, []);
      const kept = run.parsed.filter((m) => (m as { unknown?: Record<number, Uint8Array> }).unknown?.[999] !== undefined);
      assert.equal(kept.length, 1, `attribute at ${at}`);
    }
  });

  test(`${c.capture}: 2000 seeded random corruptions, parsed and mapped: a result every time`, () => {
    let parsed = 0;
    for (const bytes of flipped(capture, 2000, c.seed)) {
      const run = parseAll(bytes, c.parse);
      parsed += run.parsed.length;
      const issues: Issue[] = [];
      for (const m of run.parsed) c.map(m, issues);
      for (const i of [...run.issues, ...issues]) assert.ok([...PARSER_CODES, ...MAPPING_CODES].includes(i.code), `${i.code}: ${i.message}`);
    }
    assert.ok(parsed > 0);
  });
}
