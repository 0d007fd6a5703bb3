/**
 * Live: our socket list equals ss's set of (state, local, remote) at the same moment.
 * Other processes' sockets can change between the two reads (a TIME_WAIT expiring), so
 * the comparison is retried a few times and must come out equal once.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open } from '../../src/netstat.js';
import type { Socket } from '../../src/records/socket.js';
import { hasCommand, skipOrFail } from '../helpers/skip.js';
import { ssInetTuples, ssUnixTuples, normalizeAny } from '../helpers/ss.js';
import { openOwnSockets, type OwnSockets } from '../helpers/own-sockets.js';

let own: OwnSockets;
before(async () => {
  own = await openOwnSockets();
});
after(async () => {
  await own.close();
});

function inetTuples(sockets: Socket[]): Set<string> {
  const out = new Set<string>();
  for (const s of sockets) {
    if (s.protocol === 'unix') continue;
    out.add(`${s.state} ${normalizeAny(s.localAddress)}:${s.localPort} ${normalizeAny(s.remoteAddress)}:${s.remotePort}`);
  }
  return out;
}

const UNIX_AS_SS: Record<string, string> = { CONNECTED: 'ESTABLISHED', UNCONNECTED: 'CLOSE', LISTEN: 'LISTEN', CONNECTING: 'SYN_SENT', DISCONNECTING: 'CLOSING' };

function unixTuples(sockets: Socket[]): Set<string> {
  const out = new Set<string>();
  for (const s of sockets) if (s.protocol === 'unix') out.add(`${s.type} ${UNIX_AS_SS[s.state] ?? s.state} ${s.inode}`);
  return out;
}

function difference(a: Set<string>, b: Set<string>): string[] {
  return [...a].filter((x) => !b.has(x)).sort();
}

async function compareUntilEqual(ours: () => Promise<Set<string>>, theirs: () => Set<string>): Promise<{ a: Set<string>; b: Set<string> }> {
  let last = { a: new Set<string>(), b: new Set<string>() };
  for (let attempt = 0; attempt < 5; attempt++) {
    const a = await ours();
    const b = theirs();
    last = { a, b };
    if (difference(a, b).length === 0 && difference(b, a).length === 0) return last;
  }
  return last;
}

for (const [protocol, flags] of [['tcp', 'ta'], ['udp', 'ua']] as const) {
  test(`${protocol} sockets equal ss -${flags}n`, async (t) => {
    if (!hasCommand('ss', ['-V'])) return skipOrFail(t, 'ss (iproute2) is not installed');
    const session = await open();
    const { a, b } = await compareUntilEqual(async () => inetTuples((await session.sockets({ protocol })).data), () => ssInetTuples(flags));
    assert.deepEqual({ onlyOurs: difference(a, b), onlySs: difference(b, a) }, { onlyOurs: [], onlySs: [] });
    const ports = protocol === 'tcp' ? own.tcpPorts : own.udpPorts;
    for (const port of ports) assert.ok([...a].some((x) => x.includes(`:${port} `)), `our own ${protocol} port ${port} is listed`);
    assert.ok(a.size >= (protocol === 'tcp' ? 14 : 2));
  });
}

test('unix sockets equal ss -xa by (type, state, inode)', async (t) => {
  if (!hasCommand('ss', ['-V'])) return skipOrFail(t, 'ss (iproute2) is not installed');
  const session = await open();
  const { a, b } = await compareUntilEqual(async () => unixTuples((await session.sockets({ protocol: 'unix' })).data), ssUnixTuples);
  assert.deepEqual({ onlyOurs: difference(a, b), onlySs: difference(b, a) }, { onlyOurs: [], onlySs: [] });
  const mine = (await session.sockets({ protocol: 'unix' })).data.filter((s) => s.protocol === 'unix' && s.path === own.unixPath);
  assert.equal(mine.length, 2, 'the listener and the accepted connection carry the path');
});
