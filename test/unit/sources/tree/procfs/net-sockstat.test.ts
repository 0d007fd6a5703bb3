import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetSockstat, parseNetSockstat6 } from '../../../../../src/sources/tree/procfs/net-sockstat.js';
import { fixtureText, variantText } from '../../../../helpers/fixture.js';

const F = 'proc/net/sockstat';
const F6 = 'proc/net/sockstat6';

function byLabel(text: string, file: string): Record<string, Record<string, bigint>> {
  return Object.fromEntries(parseNetSockstat(text, file).rows.map((r) => [r.label, r.values]));
}

test('live 6.18 sockstat and sockstat6', () => {
  const r = parseNetSockstat(fixtureText('linux-6.18.44-fc-v595-live', F), F);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows, [
    { label: 'sockets', values: { used: 47n }, line: 1 },
    { label: 'TCP', values: { inuse: 11n, orphan: 0n, tw: 12n, alloc: 22n, mem: 0n }, line: 2 },
    { label: 'UDP', values: { inuse: 2n, mem: 0n }, line: 3 },
    { label: 'UDPLITE', values: { inuse: 1n }, line: 4 },
    { label: 'RAW', values: { inuse: 1n }, line: 5 },
    { label: 'FRAG', values: { inuse: 0n, memory: 0n }, line: 6 },
  ]);
  assert.deepEqual(byLabel(fixtureText('linux-6.18.44-fc-v595-live', F6), F6), {
    TCP6: { inuse: 5n },
    UDP6: { inuse: 2n },
    UDPLITE6: { inuse: 1n },
    RAW6: { inuse: 1n },
    FRAG6: { inuse: 0n, memory: 0n },
  });
  assert.equal(parseNetSockstat6, parseNetSockstat);
});

test('netns: per-namespace inuse, machine-wide alloc (same 22 as the root namespace)', () => {
  const s = byLabel(fixtureText('linux-6.18.44-fc-v595-netns', F), F);
  assert.deepEqual(s.sockets, { used: 2n });
  assert.deepEqual(s.TCP, { inuse: 1n, orphan: 0n, tw: 0n, alloc: 22n, mem: 0n });
  assert.deepEqual(byLabel(fixtureText('linux-6.18.44-fc-v595-netns', F6), F6).TCP6, { inuse: 1n });
});

test('busy, procfs-fixtures and diamond', () => {
  assert.deepEqual(byLabel(fixtureText('linux-6.18.44-fc-v595-busy', F), F).TCP, { inuse: 20002n, orphan: 0n, tw: 9980n, alloc: 20002n, mem: 168n });
  const procfs = byLabel(fixtureText('procfs-fixtures', F), F);
  assert.deepEqual(procfs.sockets, { used: 1602n });
  assert.deepEqual(procfs.TCP, { inuse: 35n, orphan: 0n, tw: 4n, alloc: 59n, mem: 22n });
  assert.deepEqual(procfs.UDP, { inuse: 12n, mem: 62n });
  assert.deepEqual(byLabel(fixtureText('procfs-fixtures', F6), F6).RAW6, { inuse: 1n });
  const diamond = byLabel(fixtureText('diamond-fixtures', F), F);
  assert.deepEqual(diamond.TCP, { inuse: 10n, orphan: 0n, tw: 1n, alloc: 13n, mem: 1n });
  assert.deepEqual(byLabel(fixtureText('diamond-fixtures', F6), F6).TCP6, { inuse: 51n });
});

test('variant: unknown labels and keys kept, bad pairs reported, 64-bit exact', () => {
  const r = parseNetSockstat(variantText('net-sockstat.bad-lines'), F);
  assert.deepEqual(
    r.issues.map((i) => [i.line, i.code]),
    [
      [2, 'short-line'],
      [3, 'bad-number'],
      [4, 'unknown-format'],
    ],
  );
  assert.deepEqual(r.rows, [
    { label: 'sockets', values: { used: 47n, extra: 3n }, line: 1 },
    { label: 'TCP', values: { inuse: 11n, orphan: 0n, tw: 12n, alloc: 22n, mem: 0n, newkey: 9n }, line: 2 },
    { label: 'UDP', values: { mem: 18446744073709551615n }, line: 3 },
    { label: 'MPTCP', values: { inuse: 4n }, line: 5 },
  ]);
});
