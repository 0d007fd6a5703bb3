import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetDevSnmp6 } from '../../../../../src/sources/tree/procfs/net-dev-snmp6.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const value = (r: ReturnType<typeof parseNetDevSnmp6>, name: string) => r.rows.find((x) => x.name === name)?.value;

test('live 6.18 kfxh0: 69 lines by kernel name, Ip6OutTransmits present', () => {
  const file = 'proc/net/dev_snmp6/kfxh0';
  const r = parseNetDevSnmp6(fixtureText('linux-6.18.44-fc-v595-live', file), file);
  assert.deepEqual(r.issues, []);
  assert.equal(r.rows.length, 69);
  assert.deepEqual(r.rows[0], { name: 'ifIndex', value: 8n });
  assert.equal(value(r, 'Ip6InReceives'), 10n);
  assert.equal(value(r, 'Ip6InOctets'), 784n);
  assert.equal(value(r, 'Ip6OutTransmits'), 0n);
  assert.equal(value(r, 'Icmp6OutMLDv2Reports'), 0n);
});

test('netns 6.18 kfxa0 and procfs-fixtures eth0', () => {
  const netns = parseNetDevSnmp6(fixtureText('linux-6.18.44-fc-v595-netns', 'proc/net/dev_snmp6/kfxa0'), 'x');
  assert.equal(value(netns, 'ifIndex'), 3n);
  assert.equal(value(netns, 'Ip6InReceives'), 34n);
  assert.equal(value(netns, 'Ip6OutRequests'), 35n);
  const old = parseNetDevSnmp6(fixtureText('procfs-fixtures', 'proc/net/dev_snmp6/eth0'), 'x');
  assert.deepEqual(old.issues, []);
  assert.equal(old.rows.length, 83);
  assert.equal(value(old, 'ifIndex'), 1n);
  assert.equal(value(old, 'Ip6InReceives'), 3057229n);
  assert.equal(value(old, 'Ip6FragFails'), 5n);
  assert.equal(value(old, 'Ip6InOctets'), 14064059261n);
  assert.equal(value(old, 'Ip6OutTransmits'), 2359950n);
});

test('variant: short, negative, over-wide lines are issues; values above 2^53 exact', () => {
  const file = 'proc/net/dev_snmp6/eth0';
  const r = parseNetDevSnmp6(variantText('net-dev-snmp6.bad-lines'), file);
  assert.deepEqual(r.rows, [
    { name: 'ifIndex', value: 4n },
    { name: 'Ip6InReceives', value: 18446744073709551615n },
    { name: 'Ip6OutRequests', value: 9007199254740993n },
  ]);
  assert.deepEqual(r.issues.map((i) => [i.file, i.line, i.code]), [
    [file, 3, 'short-line'],
    [file, 4, 'bad-number'],
    [file, 5, 'width-mismatch'],
  ]);
});
