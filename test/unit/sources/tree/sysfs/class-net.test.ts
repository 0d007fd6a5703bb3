import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  canIgnoreSysfsError,
  interfaceFlagNames,
  linkTypeName,
  parseSysfsAttribute,
  type SysfsKind,
} from '../../../../../src/sources/tree/sysfs/class-net.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const LIVE = 'linux-6.18.44-fc-v595-live';
const NETNS = 'linux-6.18.44-fc-v595-netns';
const PROCFS = 'procfs-fixtures';

function value(set: string, logical: string, kind: SysfsKind) {
  const r = parseSysfsAttribute(kind, fixtureText(set, logical), logical);
  assert.deepEqual(r.issues, [], logical);
  return r.rows[0];
}

test('live 6.18 attributes of eth0, lo and kfxh0', () => {
  assert.equal(value(LIVE, 'sys/class/net/eth0/mtu', 'u32'), 1400);
  assert.equal(value(LIVE, 'sys/class/net/eth0/address', 'mac'), '02:fc:00:00:00:01');
  assert.equal(value(LIVE, 'sys/class/net/eth0/flags', 'hex-flags'), 0x1003);
  assert.equal(value(LIVE, 'sys/class/net/eth0/operstate', 'operstate'), 'up');
  assert.equal(value(LIVE, 'sys/class/net/eth0/carrier', 'bool'), true);
  assert.equal(value(LIVE, 'sys/class/net/eth0/duplex', 'duplex'), 'unknown');
  // virtio_net answers SPEED_UNKNOWN: "-1" means no value, not a speed.
  assert.equal(value(LIVE, 'sys/class/net/eth0/speed', 'speed'), undefined);
  assert.equal(value(LIVE, 'sys/class/net/eth0/carrier_changes', 'counter'), 2n);
  assert.equal(value(LIVE, 'sys/class/net/eth0/statistics/rx_bytes', 'counter'), 32569217n);
  // ifalias is an empty file when no alias is set.
  assert.equal(value(LIVE, 'sys/class/net/eth0/ifalias', 'text'), undefined);
  assert.equal(value(LIVE, 'sys/class/net/lo/type', 'u32'), 772);
  assert.equal(value(LIVE, 'sys/class/net/lo/flags', 'hex-flags'), 0x9);
  assert.equal(value(LIVE, 'sys/class/net/lo/operstate', 'operstate'), 'unknown');
  assert.equal(value(LIVE, 'sys/class/net/lo/mtu', 'u32'), 65536);
  assert.equal(value(LIVE, 'sys/class/net/kfxh0/speed', 'speed'), 10000);
  assert.equal(value(LIVE, 'sys/class/net/kfxh0/iflink', 'u32'), 2);
  assert.equal(value(LIVE, 'sys/class/net/ifb0/tx_queue_len', 'u32'), 32);
  assert.equal(value(LIVE, 'sys/class/net/ifb0/operstate', 'operstate'), 'down');
});

test('netns 6.18 and procfs-fixtures attributes', () => {
  assert.equal(value(NETNS, 'sys/class/net/kfxa0/ifindex', 'u32'), 3);
  assert.equal(value(NETNS, 'sys/class/net/kfxa0/address', 'mac'), 'aa:dd:73:11:3a:ab');
  assert.equal(value(NETNS, 'sys/class/net/kfxa1/iflink', 'u32'), 8);
  assert.equal(value(NETNS, 'sys/class/net/kfxa1/duplex', 'duplex'), 'full');
  assert.equal(value(PROCFS, 'sys/class/net/enp162s0f0np0/address', 'mac'), '30:3e:a7:01:1a:5a');
  assert.equal(value(PROCFS, 'sys/class/net/enp162s0f0np0/carrier', 'bool'), false);
  assert.equal(value(PROCFS, 'sys/class/net/enp162s0f0np0/carrier_down_count', 'counter'), 1n);
  assert.equal(value(PROCFS, 'sys/class/net/enp162s0f0np0/phys_port_name', 'text'), 'p0');
  assert.equal(value(PROCFS, 'sys/class/net/eth0/flags', 'hex-flags'), 0x1303);
  assert.equal(value(PROCFS, 'sys/class/net/eth0/speed', 'speed'), 1000);
});

test('procfs-fixtures enp162s0f0np0: speed and duplex are empty files (a failed read stored as empty) → issues', () => {
  const speedFile = 'sys/class/net/enp162s0f0np0/speed';
  const speed = parseSysfsAttribute('speed', fixtureText(PROCFS, speedFile), speedFile);
  assert.deepEqual(speed.rows, []);
  assert.deepEqual(speed.issues.map((i) => [i.file, i.line, i.code]), [[speedFile, 1, 'bad-number']]);
  assert.match(speed.issues[0]!.message, /an empty file/);
  const duplex = parseSysfsAttribute('duplex', fixtureText(PROCFS, 'sys/class/net/enp162s0f0np0/duplex'), 'd');
  assert.deepEqual(duplex.issues.map((i) => i.code), ['unknown-format']);
});

test('variants of attribute values', () => {
  const v = (kind: SysfsKind, name: string) => parseSysfsAttribute(kind, variantText(name), name);
  assert.deepEqual(v('speed', 'class-net-speed.unknown'), { rows: [], issues: [] });
  assert.deepEqual(v('hex-flags', 'class-net-flags.zero'), { rows: [0], issues: [] });
  assert.deepEqual(v('mac', 'class-net-address.no-hardware-address'), { rows: [], issues: [] });
  assert.deepEqual(v('counter', 'class-net-statistics.u64-max'), { rows: [18446744073709551615n], issues: [] });
  assert.deepEqual(v('text', 'class-net-ifalias.set'), { rows: ['uplink to core-1'], issues: [] });
  const empty = v('speed', 'class-net-speed.empty-file');
  assert.deepEqual(empty.rows, []);
  assert.deepEqual(empty.issues.map((i) => i.code), ['bad-number']);
  const word = v('operstate', 'class-net-operstate.unknown-word');
  assert.deepEqual(word.rows, []);
  assert.deepEqual(word.issues.map((i) => [i.code, i.text]), [['unknown-format', 'sleeping']]);
});

test('malformed values are issues, never zero', () => {
  for (const [kind, text] of [['u32', 'abc\n'], ['u32', '4294967296\n'], ['counter', '-1\n'], ['hex-flags', '1003\n'], ['bool', '2\n'], ['mac', '02:fc:0\n']] as const) {
    const r = parseSysfsAttribute(kind, text, 'f');
    assert.deepEqual(r.rows, [], `${kind} ${text}`);
    assert.equal(r.issues.length, 1, `${kind} ${text}`);
  }
});

test('flag and type names', () => {
  assert.deepEqual(interfaceFlagNames(0x1003), ['UP', 'BROADCAST', 'MULTICAST']);
  assert.deepEqual(interfaceFlagNames(0x9), ['UP', 'LOOPBACK']);
  assert.deepEqual(interfaceFlagNames(0x82), ['BROADCAST', 'NOARP']);
  assert.deepEqual(interfaceFlagNames(0x1303), ['UP', 'BROADCAST', 'PROMISC', 'ALLMULTI', 'MULTICAST']);
  assert.deepEqual(interfaceFlagNames(0x80000), ['0x80000']);
  assert.equal(linkTypeName(1), 'ether');
  assert.equal(linkTypeName(772), 'loopback');
  assert.equal(linkTypeName(65534), 'none');
  assert.equal(linkTypeName(768), 'ipip');
  assert.equal(linkTypeName(12345), undefined);
});

test('canIgnoreSysfsError: "not exposed here" errnos only', () => {
  for (const e of ['ENOENT', 'ENOTDIR', 'EINVAL', 'EOPNOTSUPP', 'ENOTSUP', 'ENODEV']) assert.equal(canIgnoreSysfsError(e), true, e);
  for (const e of ['EACCES', 'EPERM', 'EIO', 'EBUSY', 'UNKNOWN', undefined]) assert.equal(canIgnoreSysfsError(e), false, String(e));
});
