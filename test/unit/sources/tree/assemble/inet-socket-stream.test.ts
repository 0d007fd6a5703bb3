import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import type { Issue } from '../../../../../src/errors.js';
import type { InetSocket } from '../../../../../src/records/socket.js';
import { matchesSocket, type SocketQuery } from '../../../../../src/sources/socket-query.js';
import { inetSocketFilter } from '../../../../../src/sources/tree/assemble/inet-socket-filter.js';
import { inetSocket } from '../../../../../src/sources/tree/assemble/inet-socket-record.js';
import { InetSocketStream, type InetSocketStreamOptions } from '../../../../../src/sources/tree/assemble/inet-socket-stream.js';
import { newAddressMemo } from '../../../../../src/sources/tree/procfs/inet-socket-row.js';
import {
  genericRow,
  INET_SOCKET_FILES,
  inetSocketFile,
  parseInetSocketTable,
  planColumns,
  type Generic,
  type InetSocketFile,
} from '../../../../../src/sources/tree/procfs/inet-socket-table.js';
import { TREES, VARIANTS } from '../../../../helpers/fixture.js';

const LIVE = 'linux-6.18.44-fc-v595-live';
const SETS = [LIVE, 'linux-6.18.44-fc-v595-netns', 'linux-6.18.44-fc-v595-busy', 'procfs-fixtures', 'diamond-fixtures', 'goprocinfo-fixtures'];
/** Variant files of the socket tables, with the file each stands for. */
const VARIANT_FILES: [variant: string, file: string][] = [
  ['net-tcp.bad-hex', 'proc/net/tcp'], ['net-tcp.big-endian', 'proc/net/tcp'], ['net-tcp.extra-trailing', 'proc/net/tcp'],
  ['net-tcp.listen-queues', 'proc/net/tcp'], ['net-tcp.negative-timer', 'proc/net/tcp'], ['net-tcp.reordered-columns', 'proc/net/tcp'],
  ['net-tcp.short-line', 'proc/net/tcp'], ['net-tcp.unknown-codes', 'proc/net/tcp'], ['net-tcp6.listen-queues', 'proc/net/tcp6'],
  ['net-tcp6.wrong-width', 'proc/net/tcp6'], ['net-udp.u64-drops', 'proc/net/udp'], ['net-udp.unknown-column', 'proc/net/udp'],
  ['net-udp.unknown-column-not-decimal', 'proc/net/udp'],
];

const fileOf = (path: string): InetSocketFile => inetSocketFile(path)!;
const bytesOf = (path: string) => new Uint8Array(readFileSync(path));

/** The stream fed with `pieces` in order. */
function stream(file: InetSocketFile, pieces: Uint8Array[], options: InetSocketStreamOptions = {}) {
  const s = new InetSocketStream(file, options);
  for (const p of pieces) s.push(p);
  return s.end();
}

/** The text path the stream must agree with: parseInetSocketTable (tested with literals), then the row → record mapping. */
function reference(bytes: Uint8Array, file: InetSocketFile, byteOrder?: 'big') {
  const parsed = parseInetSocketTable(Buffer.from(bytes).toString('utf8'), file.file, byteOrder === undefined ? {} : { byteOrder });
  const issues: Issue[] = [...parsed.issues];
  const rows = parsed.rows.flatMap((row) => inetSocket(row, file, issues) ?? []);
  return { rows, issues: byLine(issues) };
}

/** The header-driven decoder alone, line by line: what the fast decoder must agree with on every line it accepts. */
function genericOnly(bytes: Uint8Array, file: InetSocketFile) {
  const text = Buffer.from(bytes).toString('utf8');
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  const issues: Issue[] = [];
  const rows: InetSocket[] = [];
  let g: Generic | undefined;
  for (const [k, line] of lines.entries()) {
    if (g === undefined) {
      const plan = line.length > 0 ? planColumns(line, file.protocol === 'tcp') : undefined;
      const width = file.family === 'inet' ? 8 : 32;
      const state = { order: 'little' as const, width, tail: 0 as const, local: newAddressMemo(), remote: newAddressMemo(), n: 0, port: 0 };
      if (plan !== undefined) g = { plan, state, file: file.file, issues, reported: new Set() };
      continue;
    }
    const row = genericRow(line, k + 1, g);
    const record = row === undefined ? undefined : inetSocket(row, file, issues);
    if (record !== undefined) rows.push(record);
  }
  return { rows, issues: byLine(issues) };
}

const byLine = (issues: Issue[]) => [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));

/** Every socket table of every fixture set and every variant: [label, file, bytes]. */
function corpus(): [string, InetSocketFile, Uint8Array][] {
  const out: [string, InetSocketFile, Uint8Array][] = [];
  for (const set of SETS) {
    for (const f of INET_SOCKET_FILES) {
      const path = join(TREES, set, f.file);
      if (existsSync(path)) out.push([`${set}/${f.name}`, f, bytesOf(path)]);
    }
  }
  for (const [variant, file] of VARIANT_FILES) out.push([variant, fileOf(file), bytesOf(join(VARIANTS, variant))]);
  // A header that is not this format (procfs-fixtures' udp_broken, read as a udp table).
  out.push(['udp_broken', fileOf('proc/net/udp'), bytesOf(join(TREES, 'procfs-fixtures', 'proc/net/udp_broken'))]);
  return out;
}

test('every fixture table and variant: the same records and issues as the text parser', () => {
  const all = corpus();
  assert.ok(all.length >= 40, `${all.length} tables`);
  let records = 0;
  for (const [label, file, bytes] of all) {
    const got = stream(file, [bytes]);
    const want = reference(bytes, file);
    assert.deepEqual(got.rows, want.rows, label);
    assert.deepEqual(byLine(got.issues), want.issues, label);
    records += got.rows.length;
  }
  assert.ok(records > 30000, `${records} records`); // the busy capture is in
});

test('records as the kernel printed them: a listener, a TIME_WAIT entry, IPv6, drops, hidden pointers', () => {
  const tcp = stream(fileOf('proc/net/tcp'), [bytesOf(join(TREES, LIVE, 'proc/net/tcp'))]);
  assert.deepEqual(tcp.issues, []);
  assert.deepEqual(tcp.rows.find((s) => s.localPort === 36195 && s.state === 'LISTEN'), {
    protocol: 'tcp', family: 'inet', localAddress: '127.0.0.1', localPort: 36195, remoteAddress: '0.0.0.0', remotePort: 0,
    state: 'LISTEN', sendQueue: 0, recvQueue: 1, timer: 'off', timerExpires: 0n, retransmits: 0, uid: 0, timeout: 0,
    inode: 114336, refcount: 2, kernelPointer: '000000000d05bf20', rto: 100, ato: 0, quickAck: 0, pingpong: false, cwnd: 10,
    ssthresh: undefined, fastOpenQueueMax: 0, drops: undefined, processes: undefined, extra: undefined,
  });
  const tw = tcp.rows.find((s) => s.kernelPointer === '0000000042e92fe8')!;
  assert.deepEqual([tw.state, tw.timer, tw.timerExpires, tw.inode, tw.refcount, tw.rto, tw.quickAck, tw.pingpong], ['TIME_WAIT', 'timewait', 3214n, 0, 3, undefined, undefined, undefined]);
  const tcp6 = stream(fileOf('proc/net/tcp6'), [bytesOf(join(TREES, LIVE, 'proc/net/tcp6'))]);
  assert.deepEqual(tcp6.rows.filter((s) => s.inode === 114348).map((s) => [s.family, s.localAddress, s.localPort, s.remoteAddress, s.state]), [['inet6', '::1', 36553, '::', 'LISTEN']]);
  const udp = stream(fileOf('proc/net/udp'), [bytesOf(join(TREES, 'goprocinfo-fixtures', 'proc/net/udp'))]);
  assert.deepEqual(udp.rows.map((s) => [s.localPort, s.drops, s.kernelPointer]).slice(4), [[123, 0n, '0000000000000000'], [5353, 2237n, '0000000000000000']]);
});

test('a big-endian capture with byteOrder big', () => {
  const bytes = bytesOf(join(VARIANTS, 'net-tcp.big-endian'));
  const got = stream(fileOf('proc/net/tcp'), [bytes], { byteOrder: 'big' });
  assert.deepEqual(got.rows.map((s) => [s.localAddress, s.localPort, s.remoteAddress, s.remotePort]), [['127.0.0.1', 22, '192.0.2.1', 54321]]);
  assert.deepEqual(got.rows, reference(bytes, fileOf('proc/net/tcp'), 'big').rows);
});

/** Tables for the split tests: every path of the stream (fast, general, issues, extras, a last line without '\n', UTF-8 in a bad line). */
function splitCases(): [string, InetSocketFile, Uint8Array][] {
  const live = (name: string) => bytesOf(join(TREES, LIVE, 'proc/net', name));
  const noNewline = Buffer.from(live('udp')).toString('latin1').trimEnd();
  const utf8 = `${Buffer.from(live('tcp6')).toString('utf8')}   9: Grüße aus dem Kern ✓\n`;
  return [
    ['live tcp', fileOf('proc/net/tcp'), live('tcp')],
    ['live tcp6 + a bad line with UTF-8', fileOf('proc/net/tcp6'), new Uint8Array(Buffer.from(utf8, 'utf8'))],
    ['udp without a last newline', fileOf('proc/net/udp'), new Uint8Array(Buffer.from(noNewline, 'latin1'))],
    ['procfs-fixtures udp (unnamed extras)', fileOf('proc/net/udp'), bytesOf(join(TREES, 'procfs-fixtures', 'proc/net/udp'))],
    ...VARIANT_FILES.filter(([v]) => /bad-hex|short-line|negative-timer|reordered|unknown-codes|not-decimal|wrong-width/.test(v)).map(
      ([v, f]): [string, InetSocketFile, Uint8Array] => [v, fileOf(f), bytesOf(join(VARIANTS, v))],
    ),
  ];
}

test('the same bytes split at every offset give the same records and issues', () => {
  for (const [label, file, bytes] of splitCases()) {
    const whole = stream(file, [bytes]);
    assert.deepEqual(whole, { rows: reference(bytes, file).rows, issues: whole.issues }, label);
    for (let at = 0; at <= bytes.length; at++) {
      const got = stream(file, [bytes.subarray(0, at), bytes.subarray(at)]);
      if (got.rows.length !== whole.rows.length) assert.fail(`${label}: split at ${at}: ${got.rows.length} records, not ${whole.rows.length}`);
      assert.deepEqual(got, whole, `${label}: split at ${at}`);
    }
  }
});

test('one byte at a time, and three-way splits around every line end', () => {
  for (const [label, file, bytes] of splitCases()) {
    const whole = stream(file, [bytes]);
    const pieces = Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
    assert.deepEqual(stream(file, pieces), whole, `${label}: byte by byte`);
    for (let nl = bytes.indexOf(10); nl >= 0; nl = bytes.indexOf(10, nl + 1)) {
      for (const [a, b] of [[nl - 1, nl + 1], [nl, nl + 1], [nl - 3, nl + 2]] as const) {
        if (a < 0 || b > bytes.length) continue;
        assert.deepEqual(stream(file, [bytes.subarray(0, a), bytes.subarray(a, b), bytes.subarray(b)]), whole, `${label}: ${a}/${b}`);
      }
    }
  }
});

test('Buffers, and views into a larger buffer, decode like plain arrays', () => {
  const bytes = bytesOf(join(TREES, LIVE, 'proc/net/tcp'));
  const padded = Buffer.alloc(bytes.length + 20, 0x41);
  padded.set(bytes, 10);
  const file = fileOf('proc/net/tcp');
  assert.deepEqual(stream(file, [padded.subarray(10, 10 + bytes.length)]), stream(file, [bytes]));
});

const QUERIES: SocketQuery[] = [
  { state: 'LISTEN' }, { state: ['ESTABLISHED', 'TIME_WAIT'] }, { state: ['CLOSE', 'UNCONNECTED'] }, { state: 'CONNECTED' },
  { port: 36195 }, { localPort: 36195 }, { remotePort: 36553 }, { state: 'LISTEN', port: 2024 }, { port: 36553, remotePort: 38666 },
];

test('a filter keeps exactly the records matchesSocket keeps, and reports every issue still', () => {
  const cases = [
    ...['tcp', 'tcp6', 'udp', 'udp6', 'raw6'].map((n): [string, InetSocketFile, Uint8Array] => [n, fileOf(`proc/net/${n}`), bytesOf(join(TREES, LIVE, 'proc/net', n))]),
    ['bad-hex', fileOf('proc/net/tcp'), bytesOf(join(VARIANTS, 'net-tcp.bad-hex'))] as [string, InetSocketFile, Uint8Array],
    ['unknown-codes', fileOf('proc/net/tcp'), bytesOf(join(VARIANTS, 'net-tcp.unknown-codes'))] as [string, InetSocketFile, Uint8Array],
  ];
  let kept = 0;
  for (const [label, file, bytes] of cases) {
    const all = stream(file, [bytes]);
    for (const query of QUERIES) {
      const got = stream(file, [bytes], { filter: inetSocketFilter(query) });
      assert.deepEqual(got.rows, all.rows.filter((s: InetSocket) => matchesSocket(query, s)), `${label} ${JSON.stringify(query)}`);
      assert.deepEqual(got.issues, all.issues, `${label} ${JSON.stringify(query)}`);
      kept += got.rows.length;
    }
  }
  assert.ok(kept > 20, `${kept} kept`);
});

test('after a bad header nothing more is read; an empty stream has no header', () => {
  const file = fileOf('proc/net/tcp');
  const bad = stream(file, [new TextEncoder().encode('Num RefCount\n'), bytesOf(join(TREES, LIVE, 'proc/net/tcp'))]);
  assert.deepEqual([bad.rows.length, bad.issues.map((i) => [i.file, i.line, i.code])], [0, [['proc/net/tcp', 1, 'bad-header']]]);
  assert.deepEqual(stream(file, []).issues.map((i) => [i.file, i.line, i.code, i.message]), [['proc/net/tcp', undefined, 'bad-header', 'empty file: no header line']]);
  assert.deepEqual(stream(file, [new Uint8Array(0), new TextEncoder().encode('\n\n')]).issues.map((i) => i.code), ['bad-header']);
});

test('every one-byte change, deletion and insertion in a line: decoded or reported as the text parser and as the generic decoder alone do', () => {
  const samples: [InetSocketFile, string][] = [];
  for (const name of ['tcp', 'tcp6', 'udp']) {
    const lines = readFileSync(join(TREES, LIVE, 'proc/net', name), 'latin1').split('\n');
    // The header, a full TCP socket (or a UDP one) and, for tcp, a TIME_WAIT entry.
    samples.push([fileOf(`proc/net/${name}`), `${lines[0]}\n${lines[1]}\n${name === 'tcp' ? `${lines[3]}\n` : ''}`]);
  }
  // Values at and past the 32-bit limits the generic decoder holds them to.
  const wide = readFileSync(join(TREES, LIVE, 'proc/net/tcp'), 'latin1').split('\n');
  const line = wide[1]!;
  for (const [from, to] of [[' 1058 ', ' 4294967295 '], [' 1058 ', ' 4294967296 '], [' 1058 ', ' 000000001058 '], [' 10 0 ', ' 10 -2147483648 '], [' 10 0 ', ' 10 -2147483649 '], [' 10 0 ', ' 10 -00000000001 ']]) {
    samples.push([fileOf('proc/net/tcp'), `${wide[0]}\n${line.replace(from!, to!)}\n`]);
  }
  let cases = 0;
  for (const [file, text] of samples) {
    const start = text.indexOf('\n') + 1; // the header stays intact
    for (let at = start; at < text.length; at++) {
      const variants = ['x', '0', 'F', 'f', ' ', ':', '-', '\t', '9'].map((c) => text.slice(0, at) + c + text.slice(at + 1));
      variants.push(text.slice(0, at) + text.slice(at + 1), `${text.slice(0, at)}7${text.slice(at)}`, `${text.slice(0, at)} ${text.slice(at)}`);
      for (const v of variants) {
        const bytes = new Uint8Array(Buffer.from(v, 'latin1'));
        const got = { rows: stream(file, [bytes]).rows, issues: byLine(stream(file, [bytes]).issues) };
        for (const want of [reference(bytes, file), genericOnly(bytes, file)]) {
          if (!isDeepStrictEqual(got, want)) assert.deepEqual(got, want, JSON.stringify(v));
        }
        cases++;
      }
    }
  }
  assert.ok(cases > 4000, `${cases} cases`);
});
