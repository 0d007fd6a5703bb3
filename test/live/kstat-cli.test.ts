/**
 * Live: the kstat command on this machine. `kstat -p` lists every counter `nstat -az`
 * prints (kstat name + statistic = nstat's name, docs/namespace.md §4), every interface
 * counter of `ip -s -s link` (value bracketed by two kstat runs), every device of
 * /proc/diskstats; interval mode with count 2 prints two reports a second apart (text with
 * a blank line between, -j as NDJSON); --save then -M reads the saved values back.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKstatCli } from '../helpers/kstat-cli.js';
import { hasCommand, skipOrFail } from '../helpers/skip.js';
import { parseExactJson, toBigInt } from '../helpers/exact-json.js';
import { nstatAbsolute } from '../helpers/nstat.js';

const scratch = mkdtempSync(join(tmpdir(), 'kstat-live-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** `kstat -p` lines → "module:instance:name:statistic" → value text. */
function parseable(args: string[]): Map<string, string> {
  const r = runKstatCli(['-p', ...args]);
  assert.equal(r.status, 0, r.stderr);
  const out = new Map<string, string>();
  for (const line of r.stdout.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) out.set(line.slice(0, tab), line.slice(tab + 1));
  }
  return out;
}

test('kstat -p lists every nstat -az counter as <module>:0:<Group>:<statistic>, value bracketed', (t) => {
  if (!hasCommand('nstat', ['-V'])) return skipOrFail(t, 'nstat (iproute2) is not installed');
  const before = parseable(['-c', 'net']);
  const theirs = nstatAbsolute();
  const after = parseable(['-c', 'net']);
  // nstat's name is the group (the kstat name) followed by the counter (the statistic).
  const byNstatName = (m: Map<string, string>) => new Map([...m].filter(([k]) => /^[a-z0-9]+:0:[A-Z]/.test(k)).map(([k, v]) => [k.split(':').slice(2).join(''), v]));
  const [b, a] = [byNstatName(before), byNstatName(after)];
  const names = Object.keys(theirs);
  assert.ok(names.length > 100, `nstat printed ${names.length} counters`);
  assert.deepEqual(names.filter((n) => !b.has(n)), [], 'nstat counters kstat -p does not list');
  const outside = names.filter((n) => {
    const [x, y, v] = [BigInt(b.get(n)!), BigInt(a.get(n)!), toBigInt(theirs[n])];
    return v < (x < y ? x : y) || v > (x < y ? y : x);
  });
  assert.deepEqual(outside, []);
});

/** ip -s -s link's stats64 names → the link kstat statistic (interface record field). */
const IP_STATS: Readonly<Record<'rx' | 'tx', Readonly<Record<string, string>>>> = {
  rx: {
    bytes: 'rxBytes', packets: 'rxPackets', errors: 'rxErrors', dropped: 'rxDropped', over_errors: 'rxOverErrors', multicast: 'rxMulticast',
    length_errors: 'rxLengthErrors', crc_errors: 'rxCrcErrors', frame_errors: 'rxFrameErrors', fifo_errors: 'rxFifoErrors', missed_errors: 'rxMissedErrors',
    nohandler: 'rxNoHandler', compressed: 'rxCompressed', otherhost_dropped: 'rxOtherhostDropped',
  },
  tx: {
    bytes: 'txBytes', packets: 'txPackets', errors: 'txErrors', dropped: 'txDropped', carrier_errors: 'txCarrierErrors', collisions: 'txCollisions',
    aborted_errors: 'txAbortedErrors', fifo_errors: 'txFifoErrors', window_errors: 'txWindowErrors', heartbeat_errors: 'txHeartbeatErrors',
    carrier_changes: 'carrierChanges', compressed: 'txCompressed',
  },
};

test('kstat -p lists every interface counter of ip -s -s link under link:0:<if>, value bracketed', (t) => {
  if (!hasCommand('ip', ['-V'])) return skipOrFail(t, 'ip (iproute2) is not installed');
  const before = parseable(['link']);
  const r = spawnSync('ip', ['-j', '-s', '-s', 'link', 'show'], { encoding: 'utf8' });
  const after = parseable(['link']);
  assert.equal(r.status, 0, r.stderr);
  const links = parseExactJson(r.stdout) as { ifname: string; stats64: Record<'rx' | 'tx', Record<string, unknown>> }[];
  const problems: string[] = [];
  for (const link of links) {
    for (const dir of ['rx', 'tx'] as const) {
      for (const [key, value] of Object.entries(link.stats64[dir])) {
        const stat = IP_STATS[dir][key];
        if (stat === undefined) {
          problems.push(`${link.ifname} ${dir}.${key}: no mapping in this test`);
          continue;
        }
        const name = `link:0:${link.ifname}:${stat}`;
        const [b, a] = [before.get(name), after.get(name)];
        if (b === undefined || a === undefined) problems.push(`${name} missing (ip ${dir}.${key})`);
        else if (toBigInt(value) < BigInt(b) || toBigInt(value) > BigInt(a)) problems.push(`${name}: ip ${String(value)}, kstat ${b}..${a}`);
      }
    }
  }
  assert.ok(links.length > 0);
  assert.deepEqual(problems, []);
});

test('kstat -p lists every device of /proc/diskstats as an IO kstat disk:0:<dev>', () => {
  const devices = readFileSync('/proc/diskstats', 'utf8').trim().split('\n').map((l) => l.trim().split(/\s+/)[2]!);
  assert.ok(devices.length > 0);
  const ours = parseable(['disk:::nread']);
  assert.deepEqual(devices.filter((d) => !ours.has(`disk:0:${d}:nread`)), []);
  assert.equal(ours.size, new Set(devices).size, 'one disk kstat per device, no more');
});

test('interval 1, count 2: two reports about a second apart, a blank line between', () => {
  const started = Date.now();
  const r = runKstatCli(['-p', 'link:0:lo:/^(rbytes64|snaptime)$/', '1', '2'], { timeoutMs: 60_000 });
  const took = Date.now() - started;
  assert.equal(r.status, 0, r.stderr);
  const m = /^link:0:lo:rbytes64\t\d+\nlink:0:lo:snaptime\t(\d+\.\d{9})\n\nlink:0:lo:rbytes64\t\d+\nlink:0:lo:snaptime\t(\d+\.\d{9})\n$/.exec(r.stdout);
  assert.ok(m, r.stdout);
  const gap = Number(m[2]) - Number(m[1]);
  assert.ok(gap > 0.8 && gap < 10, `snaptimes ${m[1]} and ${m[2]}`);
  assert.ok(took >= 900 && took < 50_000, `took ${took} ms`);
});

test('-j with interval 1, count 2: NDJSON, one valid document per line, snaptime of the data shown', () => {
  const r = runKstatCli(['-j', 'link:0:lo:/^(rbytes64|snaptime)$/', '1', '2'], { timeoutMs: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.equal(lines.length, 3, r.stdout);
  assert.equal(lines[2], '');
  const docs = lines.slice(0, 2).map((l) => JSON.parse(l) as { snaptime: number; data: { snaptime: number; rbytes64: number } }[]);
  for (const d of docs) {
    assert.equal(d.length, 1);
    assert.equal(d[0]!.snaptime, d[0]!.data.snaptime, 'the object snaptime is the one of its data');
  }
  const gap = docs[1]![0]!.snaptime - docs[0]![0]!.snaptime;
  assert.ok(gap > 0.8 && gap < 10, `gap ${gap}`);
  assert.ok(docs[1]![0]!.data.rbytes64 >= docs[0]![0]!.data.rbytes64);
});

test('--save then -M: the saved values and snaptimes come back', () => {
  const file = join(scratch, 'live.kss');
  const saved = runKstatCli(['--save', file]);
  assert.equal(saved.status, 0, saved.stderr);
  const a = parseable(['-M', file, 'link:0:lo']);
  const b = parseable(['-M', file, 'link:0:lo']);
  assert.deepEqual(a, b, 'a snapshot never changes');
  assert.match(a.get('link:0:lo:snaptime')!, /^\d+\.\d{9}$/);
  assert.notEqual(a.get('link:0:lo:snaptime'), '0');
  const json = runKstatCli(['-M', file, '-j', 'netstat:0:interfaces']);
  const doc = JSON.parse(json.stdout) as { data: { records: number } }[];
  assert.ok(doc[0]!.data.records >= 1);
});
