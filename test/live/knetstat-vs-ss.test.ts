/**
 * Live: `knetstat -tan` / `-uan` / `-tln` (the compiled command, as a user runs it) list the
 * same sockets as ss at the same moment, and -p names this test's own process as the owner
 * of its listeners. Other processes' sockets can change between the two runs, so each
 * comparison is retried (up to ten times, with growing pauses) and must come out equal once.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { hasCommand, skipOrFail } from '../helpers/skip.js';
import { ssInetTuples, splitEndpoint, normalizeAny } from '../helpers/ss.js';
import { openOwnSockets, type OwnSockets } from '../helpers/own-sockets.js';
import { runKnetstat, REPO_ROOT } from '../helpers/knetstat.js';
import { validate } from '../helpers/json-schema.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let own: OwnSockets;
before(async () => {
  own = await openOwnSockets();
});
after(async () => {
  await own.close();
});

/** "state local remote" from knetstat's internet table (blank State = CLOSE, as ss's UNCONN). */
function knetstatTuples(stdout: string): Set<string> {
  const out = new Set<string>();
  for (const line of stdout.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (!/^(tcp|udp)6?$/.test(f[0] ?? '') || f.length < 5) continue;
    const [la, lp] = splitEndpoint(f[3]!);
    const [ra, rp] = splitEndpoint(f[4]!);
    out.add(`${f[5] ?? 'CLOSE'} ${normalizeAny(la)}:${lp} ${normalizeAny(ra)}:${rp}`);
  }
  return out;
}

function difference(a: Set<string>, b: Set<string>): string[] {
  return [...a].filter((x) => !b.has(x)).sort();
}

function compare(knetstatArgs: string[], ssFlags: string): { onlyKnetstat: string[]; onlySs: string[]; ours: Set<string> } {
  let last = { onlyKnetstat: [] as string[], onlySs: [] as string[], ours: new Set<string>() };
  for (let attempt = 0; attempt < 10; attempt++) {
    // Other test files open and close sockets concurrently: give the churn a moment.
    if (attempt > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100 * attempt);
    const run = runKnetstat(knetstatArgs);
    assert.equal(run.status, 0, run.stderr);
    const ours = knetstatTuples(run.stdout);
    const theirs = ssInetTuples(ssFlags);
    last = { onlyKnetstat: difference(ours, theirs), onlySs: difference(theirs, ours), ours };
    if (last.onlyKnetstat.length === 0 && last.onlySs.length === 0) break;
  }
  return last;
}

for (const [args, flags] of [[['-tan'], 'ta'], [['-uan'], 'ua'], [['-tln'], 'tl'], [['-uln'], 'ul']] as const) {
  test(`knetstat ${args.join(' ')} lists the sockets of ss -${flags}n`, (t) => {
    if (!hasCommand('ss', ['-V'])) return skipOrFail(t, 'ss (iproute2) is not installed');
    const { onlyKnetstat, onlySs, ours } = compare([...args], flags);
    assert.deepEqual({ onlyKnetstat, onlySs }, { onlyKnetstat: [], onlySs: [] });
    const ports = flags.startsWith('t') ? own.tcpPorts : own.udpPorts;
    for (const port of ports) assert.ok([...ours].some((x) => x.includes(`:${port} `)), `own port ${port} listed`);
  });
}

test('knetstat -tlnp names this process as the owner of its own listeners', () => {
  const run = runKnetstat(['-tlnp']);
  assert.equal(run.status, 0, run.stderr);
  for (const port of own.tcpPorts) {
    const line = run.stdout.split('\n').find((l) => / LISTEN /.test(l) && l.includes(`:${port} `));
    assert.ok(line !== undefined, `listener on port ${port} listed:\n${run.stdout}`);
    assert.match(line, new RegExp(` ${process.pid}/\\S+$`));
  }
});

test('knetstat -L lists this process\'s listeners with their accept queues and the backlog ss shows', () => {
  const run = runKnetstat(['-Ln']); // -n: an ephemeral port can have a name in /etc/services (57000 dircproxy)
  assert.equal(run.status, 0, run.stderr);
  for (const port of own.tcpPorts) {
    const backlog = /^LISTEN +\d+ +(\d+) /m.exec(spawnSync('ss', ['-ltnH', 'sport', `= :${port}`], { encoding: 'utf8' }).stdout)?.[1];
    assert.ok(backlog !== undefined, `ss lists the listener on ${port}`);
    assert.match(run.stdout, new RegExp(`^tcp6?\\s+\\d+/\\d+/${backlog}\\s+\\S+:${port}$`, 'm'));
  }
});

test('knetstat -i -w 0.2 -c 2 --json: two NDJSON reports with exact, non-negative deltas', () => {
  const run = runKnetstat(['-i', '-w', '0.2', '-c', '2', '--json']);
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.trim().split('\n');
  assert.equal(lines.length, 2);
  for (const line of lines) {
    const doc = JSON.parse(line) as { mode: string; elapsedNs: number; data: { name: string; rxBytes?: number }[] };
    assert.equal(doc.mode, 'interface-rates');
    assert.ok(doc.elapsedNs > 150_000_000, `elapsedNs ${doc.elapsedNs}`);
    assert.ok(doc.data.some((i) => i.name === 'lo'));
    for (const i of doc.data) assert.ok(i.rxBytes === undefined || i.rxBytes >= 0);
  }
});

test('live --json reports of every mode validate against docs/knetstat.schema.json', () => {
  const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'docs', 'knetstat.schema.json'), 'utf8')) as Record<string, unknown>;
  for (const mode of [['-a'], ['-ap'], ['-L'], ['-B'], ['-m'], ['-s'], ['-ia'], ['-r', '--table', 'all'], ['-rs'], ['-g']]) {
    const run = runKnetstat([...mode, '--json']);
    assert.ok(run.status === 0 || run.status === 1, `${mode.join(' ')}: exit ${run.status}: ${run.stderr}`);
    assert.deepEqual(validate(JSON.parse(run.stdout), schema), [], mode.join(' '));
  }
});
