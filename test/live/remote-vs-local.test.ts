/**
 * Live, end to end: kstatd (a child process on 127.0.0.1 and [::1], serving this machine's
 * live kernel) read by our remote client, compared with the local reading at the same
 * moment. Sockets and counters churn (other test files run at the same time), so
 * comparisons are retried a few times and counters are compared as bracketed between two
 * local readings.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { KNETSTAT, REPO_ROOT } from '../helpers/knetstat.js';
import { KSTAT } from '../helpers/kstat-cli.js';
import { startKstatd, type KstatdChild } from '../helpers/kstatd-child.js';
import { open } from '../../src/netstat/open.js';
import { kstatOpen } from '../../src/kstat/kstat-ctl.js';
import { tree } from '../../src/kstat/tree.js';
import { KstatError } from '../../src/errors.js';

const run = promisify(execFile);
let daemon: KstatdChild;

before(async () => {
  daemon = await startKstatd();
});
after(async () => {
  await daemon?.stop();
});

async function cli(main: string, args: readonly string[]): Promise<string> {
  const r = await run(process.execPath, [main, ...args], { cwd: REPO_ROOT, maxBuffer: 256 * 1024 * 1024, timeout: 60_000 });
  return r.stdout;
}

const remote = () => `127.0.0.1:${daemon.port}`;

/** Socket lines of `knetstat -tan`, without the header and without the client↔daemon connections. */
function socketLines(out: string, port: number): string[] {
  return out
    .split('\n')
    .filter((l) => /^tcp/.test(l))
    .filter((l) => !l.includes(`:${port} `))
    .map((l) => l.replace(/\s+/g, ' '))
    .sort();
}

test('knetstat -H 127.0.0.1:PORT -tan lists the same sockets as local knetstat -tan at the same moment', async () => {
  let last = '';
  for (let attempt = 1; attempt <= 8; attempt++) {
    const [local, far] = await Promise.all([cli(KNETSTAT, ['-tan']), cli(KNETSTAT, ['-H', remote(), '-tan'])]);
    assert.match(far, new RegExp(`^Source: host 127\\.0\\.0\\.1:${daemon.port}\\n`));
    const a = socketLines(local, daemon.port);
    const b = socketLines(far, daemon.port);
    assert.ok(a.some((l) => l.includes(`LISTEN`)));
    if (JSON.stringify(a) === JSON.stringify(b)) return;
    last = `local only: ${a.filter((l) => !b.includes(l)).join(' | ')}\nremote only: ${b.filter((l) => !a.includes(l)).join(' | ')}`;
    await new Promise((r) => setTimeout(r, 100 * attempt));
  }
  assert.fail(`socket lists still differ after 8 attempts:\n${last}`);
});

/** `link:0:eth0:rbytes64\tvalue` lines → statistic → value (crtime and snaptime left out: they are times). */
function statistics(out: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of out.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0 || /:(crtime|snaptime)$/.test(line.slice(0, tab))) continue;
    m.set(line.slice(0, tab), line.slice(tab + 1));
  }
  return m;
}

test("kstat -H 127.0.0.1:PORT -p 'link:::' equals local kstat -p 'link:::' up to counter movement", async () => {
  let last = '';
  for (let attempt = 1; attempt <= 5; attempt++) {
    const before = statistics(await cli(KSTAT, ['-p', 'link:::']));
    const far = statistics(await cli(KSTAT, ['-H', remote(), '-p', 'link:::']));
    const after = statistics(await cli(KSTAT, ['-p', 'link:::']));
    assert.ok(far.size > 10);
    const problems: string[] = [];
    if (JSON.stringify([...far.keys()].sort()) !== JSON.stringify([...before.keys()].sort())) problems.push('different statistics');
    for (const [key, value] of far) {
      const [x, y] = [before.get(key), after.get(key)];
      if (value === x || value === y) continue;
      const inRange = /^\d+$/.test(value) && x !== undefined && y !== undefined && /^\d+$/.test(x) && /^\d+$/.test(y) && BigInt(x) <= BigInt(value) && BigInt(value) <= BigInt(y);
      if (!inRange) problems.push(`${key}: remote ${value}, local ${x} then ${y}`);
    }
    if (problems.length === 0) return;
    last = problems.slice(0, 10).join('\n');
  }
  assert.fail(`remote and local link kstats differ:\n${last}`);
});

test('kstat -H a -H b labels every line with its host, in every format', async (t) => {
  const second = daemon.port6 === undefined ? undefined : `[::1]:${daemon.port6}`;
  if (second === undefined) {
    t.skip('no ::1 on this machine: the daemon listens on 127.0.0.1 only');
    return;
  }
  const hosts = [remote(), second];
  const out = await cli(KSTAT, ['-H', hosts[0]!, '-H', hosts[1]!, '-p', 'link::lo:']);
  const lines = out.trim().split('\n');
  const first = lines.filter((l) => l.startsWith(`[${hosts[0]}]:link:0:lo:`));
  const other = lines.filter((l) => l.startsWith(`[${hosts[1]}]:link:0:lo:`));
  assert.equal(first.length + other.length, lines.length);
  assert.ok(first.length > 5);
  assert.deepEqual(first.map((l) => l.split('\t')[0]!.slice(hosts[0]!.length + 2)), other.map((l) => l.split('\t')[0]!.slice(hosts[1]!.length + 2)));
  const human = await cli(KSTAT, ['-H', hosts[0]!, '-H', hosts[1]!, 'link::lo:mtu']);
  assert.deepEqual(human.split('\n').filter((l) => l.startsWith('host:')), [`host:   ${hosts[0]}`, `host:   ${hosts[1]}`]);
  const json = JSON.parse(await cli(KSTAT, ['-H', hosts[0]!, '-H', hosts[1]!, '-j', 'link::lo:mtu'])) as { host: string; data: { mtu: number } }[];
  assert.deepEqual(json.map((k) => [k.host, k.data.mtu]), [[hosts[0], 65536], [hosts[1], 65536]]);
});

/** Key paths and value types of a value (array elements merged), the shape a reading has. */
function structure(value: unknown, path = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    out.add(`${path}[]`);
    for (const v of value) structure(v, `${path}[]`, out);
  } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) structure(v, `${path}.${k}`, out);
  } else if (value !== undefined) {
    // An optional field is absent locally and an explicit undefined once decoded: the same.
    out.add(`${path}:${value instanceof Date ? 'date' : typeof value}`);
  }
  return out;
}

const VIEWS = ['interfaces', 'memory', 'routeStats', 'multicast', 'protocolStats', 'routes', 'neighbours', 'listenQueues', 'packetSockets', 'sockets'] as const;

test('every netstat view of open({ host }) has the structure of the local one', async () => {
  const near = await open();
  const far = await open({ host: remote() });
  try {
    assert.deepEqual(far.info, { kind: 'remote', label: `host 127.0.0.1:${daemon.port}` });
    for (const view of VIEWS) {
      let diff = '';
      for (let attempt = 1; attempt <= 4; attempt++) {
        const [a, b] = await Promise.all([near[view](), far[view]()]);
        const [sa, sb] = [structure(a.data), structure(b.data)];
        diff = [...sa].filter((k) => !sb.has(k)).concat([...sb].filter((k) => !sa.has(k)).map((k) => `remote only ${k}`)).join(', ');
        if (diff === '') break;
      }
      assert.equal(diff, '', `${view}: ${diff}`);
    }
  } finally {
    await near.close();
    await far.close();
  }
});

test('kstatOpen({ host }) and tree({ host }): the daemon chain, read by kid', async () => {
  const ctl = await kstatOpen({ host: remote() });
  try {
    assert.equal(ctl.info.kind, 'remote');
    assert.equal(ctl.chain[0]!.name, 'kstat_headers');
    const lo = ctl.lookup('link', 0, 'lo');
    assert.ok(lo !== undefined);
    assert.equal(ctl.peek(lo), undefined);
    await ctl.read(lo);
    const rbytes = ctl.dataLookup(lo, 'rbytes64');
    assert.ok(rbytes !== undefined && 'value' in rbytes && typeof rbytes.value === 'bigint');
    assert.ok(lo.snaptime > 0n);
    assert.equal(await ctl.chainUpdate(), 0);
    await assert.rejects(ctl.write(lo), (err: unknown) => err instanceof KstatError && err.code === 'E_READ_ONLY');
  } finally {
    await ctl.close();
  }
  const t = await tree({ host: remote() });
  try {
    assert.equal(typeof t.link![0]!.lo!.rbytes64, 'bigint');
    assert.equal(t.link![0]!.lo!.class, 'net');
    await t.update();
    assert.equal(typeof t.link![0]!.lo!.rbytes64, 'bigint');
  } finally {
    await t.ctl.close();
  }
});

test('errors: nothing listening is E_SOURCE_IO (exit 3 from the CLIs); a bad host is E_ARGUMENT', async () => {
  const stopped = await startKstatd([], ['127.0.0.1:0']);
  const port = stopped.port;
  await stopped.stop();
  await assert.rejects(open({ host: `127.0.0.1:${port}` }), (err: unknown) => err instanceof KstatError && err.code === 'E_SOURCE_IO' && /ECONNREFUSED/.test(err.message));
  await assert.rejects(open({ host: 'a b' }), (err: unknown) => err instanceof KstatError && err.code === 'E_ARGUMENT');
  await assert.rejects(cli(KNETSTAT, ['-H', `127.0.0.1:${port}`, '-tan']), (err: { code?: number; stderr?: string }) => err.code === 3 && /knetstat: host 127\.0\.0\.1:\d+: .*ECONNREFUSED.*\[E_SOURCE_IO\]/.test(err.stderr ?? ''));
  await assert.rejects(cli(KSTAT, ['-H', `127.0.0.1:${port}`, '-p']), (err: { code?: number; stderr?: string }) => err.code === 3 && /kstat: host 127\.0\.0\.1:\d+: .*\[E_SOURCE_IO\]/.test(err.stderr ?? ''));
});
