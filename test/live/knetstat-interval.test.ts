/**
 * Live: `knetstat -w 1 -c 3 -I lo` prints three reports of loopback rates while this test
 * sends bounded traffic over loopback (an echo on 127.0.0.1, at most ~4.5 s).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { KNETSTAT, REPO_ROOT } from '../helpers/knetstat.js';

/** Echo server + client pumping 64 KiB chunks until stopped (or the hard limit passes). */
async function loopbackTraffic(limitMs: number): Promise<() => Promise<void>> {
  // Errors on close (ECONNRESET when the client is destroyed mid-write) are expected here.
  const server = net.createServer((s) => {
    s.on('error', () => {});
    s.pipe(s);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const client = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
  await once(client, 'connect');
  client.on('error', () => {});
  const chunk = Buffer.alloc(64 * 1024, 7);
  let stopped = false;
  const pump = (): void => {
    while (!stopped && client.write(chunk));
  };
  client.on('drain', pump);
  client.on('data', () => {});
  pump();
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    clearTimeout(limit);
    client.destroy();
    server.close();
    await once(server, 'close');
  };
  const limit = setTimeout(() => void stop(), limitMs);
  return stop;
}

test('knetstat -w 1 -c 3 -I lo prints three reports with loopback byte rates', async () => {
  const stop = await loopbackTraffic(4500);
  let stdout = '';
  let stderr = '';
  let status: number | null;
  try {
    const child = spawn(process.execPath, [KNETSTAT, '-w', '1', '-c', '3', '-I', 'lo'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    [status] = (await once(child, 'exit')) as [number | null];
    clearTimeout(killer);
  } finally {
    await stop();
  }
  assert.equal(status, 0, stderr);
  const lines = stdout.split('\n').filter((l) => l !== '');
  const headers = lines.filter((l) => /^Iface +RX-pkts +RX-bytes +RX-B\/s +RX-ERR +RX-DRP +TX-pkts +TX-bytes +TX-B\/s +TX-ERR +TX-DRP$/.test(l));
  assert.ok(headers.length >= 1, `a column header:\n${stdout}`);
  const rows = lines.filter((l) => l.startsWith('lo '));
  assert.equal(rows.length, 3, stdout);
  for (const row of rows) assert.match(row, /^lo( +\d+){10}$/, stdout);
  // RX-B/s and TX-B/s are the 4th and 9th columns; loopback sends what it receives.
  const moving = rows.filter((r) => {
    const f = r.split(/ +/);
    return Number(f[3]) > 0 && Number(f[8]) > 0;
  });
  assert.ok(moving.length >= 2, `non-zero byte rates in at least two reports:\n${stdout}`);
  // Every line is a title, the header or an lo row: nothing else slipped in.
  assert.deepEqual(lines.filter((l) => !l.startsWith('lo ') && !headers.includes(l) && l !== 'Interface traffic over 1 s'), []);
});
