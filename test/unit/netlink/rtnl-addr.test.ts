/**
 * rtnetlink addresses: the RTM_GETADDR request, the RTM_NEWADDR parser and the
 * InterfaceAddress mapping on a captured dump of the test namespace (see
 * rtnl-link.test.ts): v0 10.1.0.1/24 + 10.1.0.2/24 (secondary) + 10.1.0.3/24 label
 * v0:1 + fd00:1::1/64 nodad; w0 10.2.0.1/24 brd + and 10.4.0.1 peer 10.4.0.2/32,
 * fd00:2::1/64 nodad, fd00:3::1/64 nodad noprefixroute; br0 10.3.0.1/24 with lifetimes
 * 3000/2000 s; DAD off in the namespace, so no address is tentative.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Issue } from '../../../src/errors.js';
import { IFADDRMSG_BYTES, buildAddressDumpRequest, parseAddressMessage, type RtnlAddress } from '../../../src/protocol/netlink/rtnl-addr.js';
import { addressFlagNames, addressFromRtnl, addressScopeName } from '../../../src/sources/netlink/interface-addresses.js';
import { readInterfaces } from '../../../src/sources/netlink/interfaces.js';
import { readCapture, replay } from '../../helpers/netlink-capture.js';
import { ReplayChannel } from '../../helpers/rtnl-replay-channel.js';

const addresses: RtnlAddress[] = [];
const issues: Issue[] = [];
replay(readCapture('rtnl-addr'), (bytes, view, type, start, end) => {
  assert.equal(type, 20); // RTM_NEWADDR
  const a = parseAddressMessage(bytes, view, start, end, issues);
  if (a !== undefined) addresses.push(a);
});
const records = addresses.map((a) => [a.index, addressFromRtnl(a)] as const);

test('the request is an ifaddrmsg naming the family', () => {
  assert.deepEqual([...buildAddressDumpRequest(10)], [10, 0, 0, 0, 0, 0, 0, 0]);
  assert.equal(IFADDRMSG_BYTES, 8);
});

test('the capture parses without issues: IPv4 first, then IPv6, as the kernel dumps families in order', () => {
  assert.deepEqual(issues, []);
  assert.deepEqual(
    records.map(([index, r]) => `${index} ${r!.address}/${r!.prefixLength}`),
    [
      '1 127.0.0.1/8', '3 10.1.0.1/24', '3 10.1.0.2/24', '3 10.1.0.3/24', '5 10.2.0.1/24', '5 10.4.0.1/32', '8 10.3.0.1/24',
      '1 ::1/128', '2 fe80::6472:a6ff:fe27:6bb3/64', '3 fd00:1::1/64', '3 fe80::5417:daff:fea8:eee6/64', '4 fe80::8411:1eff:fecc:95e3/64',
      '5 fd00:3::1/64', '5 fd00:2::1/64', '5 fe80::c044:1bff:fe21:b96b/64', '8 fe80::8411:1eff:fecc:95e3/64',
    ],
  );
});

test('ifaddrmsg and attributes of an IPv4 address with a broadcast', () => {
  const a = addresses.find((x) => x.label === 'w0' && x.prefixLength === 24)!;
  assert.equal(a.family, 2);
  assert.equal(a.flags, 0x80);
  assert.equal(a.scope, 0);
  assert.equal(a.index, 5);
  assert.deepEqual([...a.local!], [10, 2, 0, 1]);
  assert.deepEqual([...a.address!], [10, 2, 0, 1]);
  assert.deepEqual([...a.broadcast!], [10, 2, 0, 255]);
  assert.deepEqual(a.cacheInfo, { preferred: 0xffffffff, valid: 0xffffffff, created: 1157916, updated: 1157916 });
});

test('a point-to-point address: IFA_LOCAL is ours, IFA_ADDRESS the peer', () => {
  const a = addresses.find((x) => x.prefixLength === 32 && x.family === 2)!;
  assert.deepEqual([...a.local!], [10, 4, 0, 1]);
  assert.deepEqual([...a.address!], [10, 4, 0, 2]);
  assert.equal(addressFromRtnl(a)!.address, '10.4.0.1');
});

test('labels, secondary addresses and finite lifetimes', () => {
  const labelled = addresses.find((x) => x.label === 'v0:1')!;
  assert.equal(labelled.flags, 0x81);
  const br0 = addresses.find((x) => x.index === 8 && x.family === 2)!;
  assert.equal(br0.flags, 0); // not permanent: it has lifetimes
  assert.equal(br0.cacheInfo!.preferred, 2000);
  assert.equal(br0.cacheInfo!.valid, 3000);
});

test('IFA_FLAGS (u32) wins over the u8 ifa_flags: noprefixroute is above bit 7', () => {
  const a = addresses.find((x) => x.index === 5 && x.family === 10 && x.address![3] === 3)!;
  assert.equal(a.flags, 0x282);
  assert.equal(a.local, undefined); // IPv6 sends IFA_LOCAL only with a peer
  assert.equal(a.protocol, undefined);
  const ll = addresses.find((x) => x.index === 2)!;
  assert.equal(ll.protocol, 3); // IFAPROT_KERNEL_LL
});

test('records: family, address, prefix, scope names, flags and their names', () => {
  const find = (address: string) => records.find(([, r]) => r!.address === address)![1];
  assert.deepEqual(find('127.0.0.1'), { family: 'inet', address: '127.0.0.1', prefixLength: 8, scope: 'host', flags: 128, flagNames: ['permanent'] });
  assert.deepEqual(find('10.1.0.2'), { family: 'inet', address: '10.1.0.2', prefixLength: 24, scope: 'global', flags: 129, flagNames: ['secondary', 'permanent'] });
  assert.deepEqual(find('10.3.0.1'), { family: 'inet', address: '10.3.0.1', prefixLength: 24, scope: 'global', flags: 0, flagNames: [] });
  assert.deepEqual(find('fd00:3::1'), { family: 'inet6', address: 'fd00:3::1', prefixLength: 64, scope: 'global', flags: 642, flagNames: ['nodad', 'permanent', 'noprefixroute'] });
  assert.deepEqual(find('fe80::5417:daff:fea8:eee6'), { family: 'inet6', address: 'fe80::5417:daff:fea8:eee6', prefixLength: 64, scope: 'link', flags: 128, flagNames: ['permanent'] });
  assert.deepEqual(find('::1'), { family: 'inet6', address: '::1', prefixLength: 128, scope: 'host', flags: 128, flagNames: ['permanent'] });
});

test('scope and flag names', () => {
  assert.deepEqual([0, 200, 253, 254, 255, 100].map(addressScopeName), ['global', 'site', 'link', 'host', 'nowhere', '0x64']);
  assert.deepEqual(addressFlagNames(0x01, 'inet'), ['secondary']);
  assert.deepEqual(addressFlagNames(0x41, 'inet6'), ['temporary', 'tentative']);
  assert.deepEqual(addressFlagNames(0xf00, 'inet6'), ['mngtmpaddr', 'noprefixroute', 'autojoin', 'stable-privacy']);
  assert.deepEqual(addressFlagNames(0x3000 | 0x20, 'inet6'), ['deprecated', '0x3000']);
});

test('an address without a usable IFA_LOCAL/IFA_ADDRESS gives no record', () => {
  assert.equal(addressFromRtnl({ family: 2, prefixLength: 8, flags: 0, scope: 0, index: 1 }), undefined);
  assert.equal(addressFromRtnl({ family: 2, prefixLength: 8, flags: 0, scope: 0, index: 1, address: new Uint8Array(16) }), undefined);
});

test('short fixed header and short attributes are typed issues', () => {
  const bytes = new Uint8Array(24);
  const view = new DataView(bytes.buffer);
  const issues: Issue[] = [];
  assert.equal(parseAddressMessage(bytes, view, 0, 7, issues), undefined);
  assert.equal(issues[0]!.code, 'truncated');
  view.setUint32(4, 3, true);
  view.setUint16(8, 6, true); // IFA_FLAGS with 2 bytes
  view.setUint16(10, 8, true);
  view.setUint16(16, 200, true); // runs past the end
  view.setUint16(18, 1, true);
  const more: Issue[] = [];
  const a = parseAddressMessage(bytes, view, 0, 24, more)!;
  assert.equal(a.flags, 0);
  assert.deepEqual(more.map((i) => i.code), ['truncated', 'bad-length']);
  assert.match(more[0]!.message, /address on link 3: IFA_FLAGS at byte 12 has 2 bytes, needs 4/);
});

test('readInterfaces over the captures: every link, with its IPv4 and IPv6 addresses by ifindex', async () => {
  const part = await readInterfaces(new ReplayChannel());
  assert.deepEqual(part.issues, []);
  assert.deepEqual(part.unavailable, []);
  assert.deepEqual(part.data.map((i) => i.name), ['lo', 'v1', 'v0', 'w1', 'w0', 'x1', 'x0', 'br0']);
  const v0 = part.data.find((i) => i.name === 'v0')!;
  assert.deepEqual(v0.addresses!.map((a) => `${a.family} ${a.address}/${a.prefixLength} ${a.scope}`), [
    'inet 10.1.0.1/24 global', 'inet 10.1.0.2/24 global', 'inet 10.1.0.3/24 global', 'inet6 fd00:1::1/64 global', 'inet6 fe80::5417:daff:fea8:eee6/64 link',
  ]);
  assert.deepEqual(part.data.find((i) => i.name === 'x0')!.addresses, []);
  for (const i of part.data) {
    assert.equal(i.speed, undefined);
    assert.equal(i.duplex, undefined);
    assert.equal(i.txTimeouts, undefined);
    assert.equal(i.ipv6Counters, undefined);
  }
});
