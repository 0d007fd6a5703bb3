import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readInterfaces } from '../../../../../src/sources/tree/assemble/interfaces.js';
import { TreeReader, type ReadOutcome, type TreeLayout } from '../../../../../src/sources/tree/reader.js';
import type { Interface } from '../../../../../src/records/interface.js';
import { fixtureText, tree, variantText, withTree } from '../../../../helpers/fixture.js';

const LIVE = 'linux-6.18.44-fc-v595-live';
const NETNS = 'linux-6.18.44-fc-v595-netns';
const SYSFS_WHAT = 'interface attributes from sysfs (mtu, address, state, speed, flags, statistics/, tx timeouts)';

const scratch = mkdtempSync(join(tmpdir(), 'kstat-interfaces-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let scratchCount = 0;

/** A writable copy of parts of fixture sets plus extra files, as a new tree root. */
function makeTree(copies: Record<string, string>, files: Record<string, string> = {}): string {
  const root = join(scratch, `t${scratchCount++}`);
  mkdirSync(root, { recursive: true });
  for (const [logical, from] of Object.entries(copies)) {
    cpSync(from, join(root, logical), { recursive: true });
  }
  makeWritable(root);
  for (const [logical, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, logical)), { recursive: true });
    writeFileSync(join(root, logical), text);
  }
  return root;
}

function makeWritable(path: string): void {
  const isDir = statSync(path).isDirectory();
  chmodSync(path, isDir ? 0o755 : 0o644);
  if (isDir) for (const name of readdirSync(path)) makeWritable(join(path, name));
}

const read = (layout: TreeLayout) => readInterfaces(new TreeReader(layout));
const byName = (list: Interface[], name: string): Interface => {
  const found = list.find((i) => i.name === name);
  assert.ok(found, `interface ${name}`);
  return found;
};

test('live 6.18: kfxh0 complete, from proc/net/dev, sysfs, dev_snmp6 and if_inet6', async () => {
  const part = await read({ root: tree(LIVE) });
  assert.deepEqual(part.issues, []);
  assert.deepEqual(part.data.map((i) => [i.name, i.index]), [['lo', 1], ['ifb0', 2], ['ifb1', 3], ['eth0', 4], ['kfxh0', 8]]);
  const k = byName(part.data, 'kfxh0');
  const { ipv6Counters, statistics, ...rest } = k;
  assert.deepEqual(rest, {
    name: 'kfxh0', index: 8,
    rxBytes: 1050n, rxPackets: 13n, rxErrors: 0n, rxDropped: 0n, rxFifoErrors: 0n, rxFrameErrors: 0n, rxCompressed: 0n, rxMulticast: 0n,
    txBytes: 0n, txPackets: 0n, txErrors: 0n, txDropped: 0n, txFifoErrors: 0n, txCollisions: 0n, txCarrierErrors: 0n, txCompressed: 0n,
    addresses: [],
    mtu: 1500, address: '2e:53:bc:89:92:e8', broadcast: 'ff:ff:ff:ff:ff:ff', operState: 'up', carrier: true,
    speed: 10000, duplex: 'full', type: 1, typeName: 'ether', flags: 0x1003, flagNames: ['UP', 'BROADCAST', 'MULTICAST'],
    txQueueLength: 1000, iflink: 2, carrierChanges: 2n, carrierUpCount: 1n, carrierDownCount: 1n,
    rxCrcErrors: 0n, rxLengthErrors: 0n, rxMissedErrors: 0n, rxOverErrors: 0n, rxNoHandler: 0n,
    txAbortedErrors: 0n, txHeartbeatErrors: 0n, txWindowErrors: 0n,
  });
  assert.equal(Object.keys(statistics!).length, 24);
  assert.equal(statistics!.rx_bytes, 1050n);
  assert.equal(statistics!.rx_packets, 13n);
  assert.equal(statistics!.tx_window_errors, 0n);
  assert.equal(Object.keys(ipv6Counters!).length, 68); // 69 lines less ifIndex
  assert.equal(ipv6Counters!.Ip6InReceives, 10n);
  assert.equal(ipv6Counters!.Ip6InOctets, 784n);
  assert.equal('ifIndex' in ipv6Counters!, false);
});

test('live 6.18: eth0, lo and the down ifb0 (no carrier/speed/duplex files: undefined, no issue)', async () => {
  const { data, unavailable } = await read({ root: tree(LIVE) });
  const eth0 = byName(data, 'eth0');
  assert.equal(eth0.rxBytes, 32569217n);
  assert.equal(eth0.txPackets, 715n);
  assert.equal(eth0.mtu, 1400);
  assert.equal(eth0.speed, undefined); // "-1": SPEED_UNKNOWN
  assert.equal(eth0.duplex, 'unknown');
  assert.equal(eth0.alias, undefined);
  assert.deepEqual(eth0.addresses, [
    { family: 'inet6', address: 'fd00::2', prefixLength: 64, scope: 'global', flags: 0x82, flagNames: ['nodad', 'permanent'] },
    { family: 'inet6', address: 'fe80::fc:ff:fe00:1', prefixLength: 64, scope: 'link', flags: 0x80, flagNames: ['permanent'] },
  ]);
  const lo = byName(data, 'lo');
  assert.equal(lo.type, 772);
  assert.equal(lo.typeName, 'loopback');
  assert.deepEqual(lo.flagNames, ['UP', 'LOOPBACK']);
  assert.equal(lo.operState, 'unknown');
  assert.equal(lo.speed, undefined);
  assert.deepEqual(lo.addresses?.map((a) => `${a.address}/${a.prefixLength} ${a.scope}`), ['::1/128 host']);
  const ifb0 = byName(data, 'ifb0');
  assert.equal(ifb0.operState, 'down');
  assert.equal(ifb0.carrier, undefined);
  assert.equal(ifb0.speed, undefined);
  assert.equal(ifb0.txQueueLength, 32);
  assert.deepEqual(ifb0.flagNames, ['BROADCAST', 'NOARP']);
  // The capture has no queues/ directories: one entry for all, plus procfs's missing IPv4 list.
  assert.deepEqual(unavailable.map((u) => u.what), ['transmit timeouts (txTimeouts)', 'IPv4 interface addresses']);
});

test('netns 6.18: the namespace\'s own interfaces and addresses', async () => {
  const part = await read({ root: tree(NETNS) });
  assert.deepEqual(part.issues, []);
  assert.deepEqual(part.data.map((i) => [i.name, i.index, i.iflink]), [['lo', 1, 1], ['kfxa1', 2, 8], ['kfxa0', 3, 2]]);
  const kfxa0 = byName(part.data, 'kfxa0');
  assert.equal(kfxa0.rxBytes, 528839n);
  assert.equal(kfxa0.txBytes, 529115n);
  assert.equal(kfxa0.address, 'aa:dd:73:11:3a:ab');
  assert.equal(kfxa0.ipv6Counters!.Ip6InReceives, 34n);
  assert.deepEqual(kfxa0.addresses!.map((a) => `${a.address}/${a.prefixLength} ${a.scope}`), ['fe80::a8dd:73ff:fe11:3aab/64 link', 'fd77::1/64 global']);
});

test('procfs-fixtures: its /sys lists other interfaces than proc/net/dev → sysfs left out, said once', async () => {
  const part = await read({ root: tree('procfs-fixtures') });
  assert.deepEqual(part.issues, []);
  assert.deepEqual(part.data.map((i) => i.name), ['vethf345468', 'lo', 'docker0', 'eth0']);
  const eth0 = byName(part.data, 'eth0');
  assert.equal(eth0.rxBytes, 874354587n);
  assert.equal(eth0.txPackets, 732147n);
  assert.equal(eth0.index, 1); // dev_snmp6/eth0 ifIndex
  assert.equal(eth0.ipv6Counters!.Ip6InReceives, 3057229n);
  assert.equal(eth0.mtu, undefined);
  assert.equal(eth0.addresses, undefined); // no if_inet6 in this set
  assert.equal(byName(part.data, 'lo').ipv6Counters, undefined); // no dev_snmp6/lo
  const sysfs = part.unavailable.filter((u) => u.what === SYSFS_WHAT);
  assert.equal(sysfs.length, 1);
  assert.equal(
    sysfs[0]!.reason,
    'sys/class/net lists [enp162s0f0np0, eth0] but proc/net/dev lists [docker0, eth0, lo, vethf345468]: this /sys belongs ' +
      'to another network namespace, so its attributes are left out rather than mixed in',
  );
  assert.ok(part.unavailable.some((u) => u.file === 'proc/net/if_inet6'));
});

test('procfs-fixtures sysfs with a proc/net/dev naming the same interfaces: empty captured files are issues', async () => {
  const dev = fixtureText('procfs-fixtures', 'proc/net/dev').split('\n').slice(0, 2).join('\n');
  const zeros = ' 0'.repeat(16);
  const files = { 'proc/net/dev': `${dev}\n  eth0:${zeros}\nenp162s0f0np0:${zeros}\n` };
  const part = await withTree(files, (root) => read({ root, overrides: { sys: join(tree('procfs-fixtures'), 'sys') } }));
  const enp = byName(part.data, 'enp162s0f0np0');
  assert.equal(enp.index, 4);
  assert.equal(enp.address, '30:3e:a7:01:1a:5a');
  assert.equal(enp.operState, 'down');
  assert.equal(enp.carrier, false);
  assert.equal(enp.speed, undefined);
  assert.equal(enp.duplex, undefined);
  assert.equal(enp.carrierDownCount, 1n);
  const eth0 = byName(part.data, 'eth0');
  assert.equal(eth0.speed, 1000);
  assert.equal(eth0.statistics, undefined); // upstream's eth0 has no statistics/
  assert.deepEqual(part.issues.map((i) => [i.file, i.code]), [
    ['sys/class/net/enp162s0f0np0/speed', 'bad-number'],
    ['sys/class/net/enp162s0f0np0/duplex', 'unknown-format'],
  ]);
});

test('a proc-only tree: sysfs fields undefined and ONE unavailable entry for them', async () => {
  const part = await read({ root: tree(LIVE), overrides: { sys: join(scratch, 'no-such-sys') } });
  assert.deepEqual(part.issues, []);
  assert.equal(part.data.length, 5);
  const eth0 = byName(part.data, 'eth0');
  assert.equal(eth0.index, 4); // still known, from dev_snmp6
  assert.equal(eth0.mtu, undefined);
  assert.equal(eth0.statistics, undefined);
  assert.deepEqual(part.unavailable, [
    { what: SYSFS_WHAT, file: 'sys/class/net', reason: 'not present in this source' },
    { what: 'IPv4 interface addresses', reason: 'procfs has no per-interface IPv4 address list (netlink gives them)' },
  ]);
});

test('a /sys of another namespace is not mixed in: by name set, and by ifindex when the names agree', async () => {
  const other = await read({ root: tree(NETNS), overrides: { sys: join(tree(LIVE), 'sys') } });
  assert.equal(byName(other.data, 'lo').mtu, undefined);
  assert.match(other.unavailable.find((u) => u.what === SYSFS_WHAT)!.reason, /lists \[eth0, ifb0, ifb1, kfxh0, lo\] but proc\/net\/dev lists \[kfxa0, kfxa1, lo\]/);
  const root = makeTree({ sys: join(tree(NETNS), 'sys') }, { 'sys/class/net/kfxa0/ifindex': '7\n' });
  const clash = await read({ root: tree(NETNS), overrides: { sys: join(root, 'sys') } });
  assert.equal(byName(clash.data, 'kfxa0').mtu, undefined);
  assert.equal(byName(clash.data, 'kfxa0').index, 3);
  assert.match(clash.unavailable.find((u) => u.what === SYSFS_WHAT)!.reason, /kfxa0\/ifindex is 7 but procfs gives 3/);
});

test('queues/tx-*/tx_timeout are summed into txTimeouts', async () => {
  const root = makeTree({ sys: join(tree(NETNS), 'sys') }, {
    'sys/class/net/kfxa0/queues/tx-0/tx_timeout': '3\n',
    'sys/class/net/kfxa0/queues/tx-1/tx_timeout': '18446744073709551610\n',
    'sys/class/net/kfxa0/queues/rx-0/rps_cpus': '0\n',
    'sys/class/net/lo/queues/tx-0/tx_timeout': '0\n',
  });
  const part = await read({ root: tree(NETNS), overrides: { sys: join(root, 'sys') } });
  assert.deepEqual(part.issues, []);
  assert.equal(byName(part.data, 'kfxa0').txTimeouts, 18446744073709551613n);
  assert.equal(byName(part.data, 'lo').txTimeouts, 0n);
  assert.equal(byName(part.data, 'kfxa1').txTimeouts, undefined);
  assert.equal(part.unavailable.some((u) => u.what.startsWith('transmit timeouts')), false);
});

class FailingReader extends TreeReader {
  constructor(layout: TreeLayout, private readonly failures: Record<string, string>) {
    super(layout);
  }
  override async read(logical: string): Promise<ReadOutcome> {
    const errno = this.failures[logical];
    if (errno === undefined) return super.read(logical);
    const reason = errno === 'EACCES' ? 'denied' : errno === 'ENOENT' ? 'absent' : 'error';
    return { ok: false, reason, errno, message: `${errno}: simulated` };
  }
}

test('read errors: EINVAL/EOPNOTSUPP/ENODEV silent, EACCES unavailable, EIO an issue', async () => {
  const reader = new FailingReader({ root: tree(LIVE) }, {
    'sys/class/net/eth0/carrier': 'EINVAL',
    'sys/class/net/eth0/duplex': 'EOPNOTSUPP',
    'sys/class/net/eth0/operstate': 'ENODEV',
    'sys/class/net/eth0/mtu': 'EACCES',
    'sys/class/net/eth0/speed': 'EIO',
  });
  const part = await readInterfaces(reader);
  const eth0 = byName(part.data, 'eth0');
  assert.deepEqual([eth0.carrier, eth0.duplex, eth0.operState, eth0.mtu], [undefined, undefined, undefined, undefined]);
  assert.equal(eth0.address, '02:fc:00:00:00:01');
  assert.deepEqual(part.issues.map((i) => [i.file, i.code, i.message]), [['sys/class/net/eth0/speed', 'read-error', 'EIO: EIO: simulated']]);
  assert.deepEqual(part.unavailable[0], { what: 'sysfs attribute eth0/mtu', file: 'sys/class/net/eth0/mtu', reason: 'permission denied (EACCES)' });
});

test('net/dev variants through the assembler: u64 above 2^53 exact, unknown column in extra', async () => {
  const big = await withTree({ 'proc/net/dev': variantText('net-dev.u64-max') }, (root) => read({ root }));
  const eth9 = byName(big.data, 'eth9');
  assert.equal(eth9.rxBytes, 18446744073709551615n);
  assert.equal(eth9.rxPackets, 9007199254740993n);
  assert.equal(eth9.extra, undefined);
  const unknown = await withTree({ 'proc/net/dev': variantText('net-dev.unknown-column') }, (root) => read({ root }));
  assert.deepEqual(byName(unknown.data, 'eth0').extra, { rx_nohandler: 7n });
  assert.equal(byName(unknown.data, 'eth0').txCompressed, 13n);
  const missing = await withTree({ 'proc/net/dev': variantText('net-dev.missing-column') }, (root) => read({ root }));
  assert.equal(byName(missing.data, 'lo').txCompressed, undefined);
  assert.equal(byName(missing.data, 'lo').txCarrierErrors, 0n);
});

test('no proc/net/dev: E_UNAVAILABLE; a header not understood: E_PARSE', async () => {
  await assert.rejects(withTree({ 'proc/net/if_inet6': '' }, (root) => read({ root })), (err: { code?: string }) => err.code === 'E_UNAVAILABLE');
  await assert.rejects(
    withTree({ 'proc/net/dev': variantText('net-dev.bad-header') }, (root) => read({ root })),
    (err: { code?: string; file?: string }) => err.code === 'E_PARSE' && err.file === 'proc/net/dev',
  );
});
