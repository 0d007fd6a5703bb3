/**
 * Live: knetstat's other reports agree with the peer tools that read the same kernel:
 * `-xa` with `ss -xa`, `-r` with `ip route`, `-g` with `ip maddr`, `-ia` with `ip -s link`,
 * `-s` with `nstat`. Only what procfs can give is compared (docs/architecture.md, "What
 * procfs cannot give"): IPv4 routes of the main table, IPv6 routes without their table.
 * Counters move while we read, so a peer's value must lie between two knetstat readings
 * taken just before and just after it; socket lists are compared again until they agree.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KNETSTAT, REPO_ROOT } from '../helpers/knetstat.js';
import { ssUnixTuples } from '../helpers/ss.js';
import { hasCommand, skipOrFail } from '../helpers/skip.js';
import { parseExactJson, toBigInt } from '../helpers/exact-json.js';
import { nstatAbsolute } from '../helpers/nstat.js';

/**
 * knetstat with stdout and stderr going to files, not pipes: Node's pipes to a child are unix
 * socket pairs, which `knetstat -xa` would list and a later `ss -xa` would not.
 */
function knetstatJson(args: string[]): any {
  const dir = mkdtempSync(join(tmpdir(), 'kstat-kn-'));
  const out = openSync(join(dir, 'out'), 'w');
  const err = openSync(join(dir, 'err'), 'w');
  try {
    const r = spawnSync(process.execPath, [KNETSTAT, ...args, '--json'], { cwd: REPO_ROOT, stdio: ['ignore', out, err], timeout: 60_000 });
    if (r.error !== undefined) throw r.error;
    const stderr = readFileSync(join(dir, 'err'), 'utf8');
    assert.equal(r.status, 0, `knetstat ${args.join(' ')}: ${stderr}`);
    return parseExactJson(readFileSync(join(dir, 'out'), 'utf8'));
  } finally {
    closeSync(out);
    closeSync(err);
    rmSync(dir, { recursive: true, force: true });
  }
}

function peerJson(command: string, args: string[]): any {
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error !== undefined) throw r.error;
  assert.equal(r.status, 0, `${command} ${args.join(' ')}: ${r.stderr}`);
  return parseExactJson(r.stdout);
}

function difference(a: Set<string>, b: Set<string>): string[] {
  return [...a].filter((x) => !b.has(x)).sort();
}

/** Compares again (up to 10 times, waiting a little longer each time) until both sets agree. */
function untilEqual(ours: () => Set<string>, theirs: () => Set<string>): { onlyKnetstat: string[]; onlyPeer: string[]; size: number } {
  let last = { onlyKnetstat: [] as string[], onlyPeer: [] as string[], size: 0 };
  for (let attempt = 0; attempt < 10; attempt++) {
    if (attempt > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100 * attempt);
    const a = ours();
    const b = theirs();
    last = { onlyKnetstat: difference(a, b), onlyPeer: difference(b, a), size: a.size };
    if (last.onlyKnetstat.length === 0 && last.onlyPeer.length === 0) break;
  }
  return last;
}

function inRange(v: bigint, b: bigint, a: bigint): boolean {
  return (b <= a ? b <= v && v <= a : a <= v && v <= b);
}



const UNIX_AS_SS: Record<string, string> = { CONNECTED: 'ESTABLISHED', UNCONNECTED: 'CLOSE', LISTEN: 'LISTEN', CONNECTING: 'SYN_SENT', DISCONNECTING: 'CLOSING' };

test('knetstat -xa lists the unix sockets of ss -xa by (type, state, inode)', (t) => {
  if (!hasCommand('ss', ['-V'])) return skipOrFail(t, 'ss (iproute2) is not installed');
  const ours = (): Set<string> => {
    const out = new Set<string>();
    for (const s of knetstatJson(['-xa']).data) out.add(`${s.type} ${UNIX_AS_SS[s.state] ?? s.state} ${s.inode}`);
    return out;
  };
  const { onlyKnetstat, onlyPeer, size } = untilEqual(ours, ssUnixTuples);
  assert.deepEqual({ onlyKnetstat, onlyPeer }, { onlyKnetstat: [], onlyPeer: [] });
  assert.ok(size > 0, 'some unix sockets listed');
});

/** "dst/len gateway dev" from knetstat's route records of one family. */
function knetstatRoutes(args: string[], family: string): Set<string> {
  const out = new Set<string>();
  for (const r of knetstatJson(args).data) {
    if (r.family === family) out.add(`${r.destination}/${r.prefixLength} ${r.gateway ?? '-'} ${r.interface ?? '-'}`);
  }
  return out;
}

/** The same triple from `ip -j route`: "default" is /0, a host route has no length. */
function ipRoutes(args: string[], hostLength: number, any: string): Set<string> {
  const out = new Set<string>();
  for (const r of peerJson('ip', ['-j', ...args]) as any[]) {
    const dst = r.dst === 'default' ? `${any}/0` : String(r.dst).includes('/') ? r.dst : `${r.dst}/${hostLength}`;
    out.add(`${dst} ${r.gateway ?? '-'} ${r.dev ?? '-'}`);
  }
  return out;
}

test('knetstat -r --table all lists the routes of ip route show table all, every table', (t) => {
  if (!hasCommand('ip', ['-V'])) return skipOrFail(t, 'ip (iproute2) is not installed');
  const { onlyKnetstat, onlyPeer, size } = untilEqual(() => knetstatRoutes(['-r', '--table', 'all'], 'inet'), () => ipRoutes(['-4', 'route', 'show', 'table', 'all'], 32, '0.0.0.0'));
  assert.deepEqual({ onlyKnetstat, onlyPeer }, { onlyKnetstat: [], onlyPeer: [] });
  assert.ok(size > 0, 'some IPv4 routes listed');
  const r = spawnSync(process.execPath, [KNETSTAT, '-r', '-4', '--table', 'all'], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '', 'netlink gives every table: nothing to warn about');
});

test('knetstat -r -6 --table all lists the routes of ip -6 route show table all', (t) => {
  if (!hasCommand('ip', ['-V'])) return skipOrFail(t, 'ip (iproute2) is not installed');
  const { onlyKnetstat, onlyPeer, size } = untilEqual(() => knetstatRoutes(['-r', '-6', '--table', 'all'], 'inet6'), () => ipRoutes(['-6', 'route', 'show', 'table', 'all'], 128, '::'));
  assert.deepEqual({ onlyKnetstat, onlyPeer }, { onlyKnetstat: [], onlyPeer: [] });
  assert.ok(size > 0, 'some IPv6 routes listed');
});

test('knetstat -g lists every inet/inet6 group of ip maddr show, per interface', (t) => {
  if (!hasCommand('ip', ['-V'])) return skipOrFail(t, 'ip (iproute2) is not installed');
  const theirs = new Set<string>();
  for (const i of peerJson('ip', ['-j', 'maddr', 'show']) as any[]) {
    for (const m of i.maddr ?? []) if (m.family === 'inet' || m.family === 'inet6') theirs.add(`${i.ifname} ${m.family} ${m.address}`);
  }
  assert.ok(theirs.size > 0, 'ip maddr lists groups');
  const { onlyPeer } = untilEqual(() => {
    const ours = new Set<string>();
    for (const m of knetstatJson(['-g']).data.memberships) ours.add(`${m.interface} ${m.family} ${m.group}`);
    // Only ip's groups must be ours; the other direction (link-layer rows) is not ip's format.
    return new Set([...theirs].filter((x) => ours.has(x)));
  }, () => theirs);
  assert.deepEqual(onlyPeer, []);
});

test('knetstat -ia: the interfaces, MTUs and counters of ip -s -j link', (t) => {
  if (!hasCommand('ip', ['-V'])) return skipOrFail(t, 'ip (iproute2) is not installed');
  const before = knetstatJson(['-ia']).data as any[];
  const links = peerJson('ip', ['-s', '-j', 'link']) as any[];
  const after = knetstatJson(['-ia']).data as any[];
  assert.deepEqual(before.map((i) => i.name).sort(), links.map((l) => l.ifname).sort());
  const afterByName = new Map(after.map((i) => [i.name, i]));
  const outside: string[] = [];
  for (const l of links) {
    const b = before.find((i) => i.name === l.ifname)!;
    const a = afterByName.get(l.ifname);
    assert.equal(b.mtu, l.mtu, `${l.ifname} mtu`);
    if (a === undefined) continue;
    const s = l.stats64 ?? l.stats;
    const pairs: [string, unknown][] = [
      ['rxBytes', s.rx.bytes], ['rxPackets', s.rx.packets], ['rxErrors', s.rx.errors],
      ['txBytes', s.tx.bytes], ['txPackets', s.tx.packets], ['txErrors', s.tx.errors],
    ];
    for (const [field, value] of pairs) {
      const v = toBigInt(value);
      if (!inRange(v, toBigInt(b[field]), toBigInt(a[field]))) outside.push(`${l.ifname} ${field}: ip ${v}, ours ${b[field]}..${a[field]}`);
    }
  }
  assert.deepEqual(outside, []);
});

test('knetstat -s: every nstat -asz counter, with a value between two knetstat readings', (t) => {
  if (!hasCommand('nstat', ['-V'])) return skipOrFail(t, 'nstat (iproute2) is not installed');
  const names = (json: any): Map<string, bigint> => {
    const out = new Map<string, bigint>();
    for (const g of json.data.groups) for (const [n, v] of Object.entries(g.counters)) out.set(`${g.group}${n}`, toBigInt(v));
    return out;
  };
  const before = names(knetstatJson(['-s']));
  // -s: do not touch nstat's history file; -a: absolute values; -z: zeros too.
  const theirs = nstatAbsolute();
  const after = names(knetstatJson(['-s']));
  const list = Object.keys(theirs);
  assert.ok(list.length > 100, `nstat printed ${list.length} counters`);
  assert.deepEqual(list.filter((n) => !before.has(n)), []);
  const outside: string[] = [];
  for (const n of list) {
    const v = toBigInt(theirs[n]);
    if (!inRange(v, before.get(n)!, after.get(n)!)) outside.push(`${n}: nstat ${v}, ours ${before.get(n)}..${after.get(n)}`);
  }
  assert.deepEqual(outside, []);
});
