/**
 * Reading `ss` output into comparable tuples. Only used by live tests: the library never
 * parses peer tools' text.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs ss with its output going to a file, not a pipe: Node's pipes to a child are unix
 * socket pairs, which ss would list and we (reading before or after) would not.
 */
export function runSs(args: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'kstat-ss-'));
  const file = join(dir, 'out');
  const fd = openSync(file, 'w');
  try {
    const r = spawnSync('ss', args, { stdio: ['ignore', fd, 'ignore'] });
    if (r.error !== undefined) throw r.error;
    if (r.status !== 0) throw new Error(`ss ${args.join(' ')} exited ${r.status}`);
    return readFileSync(file, 'utf8');
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** ss state word → kernel state name as our records carry it. */
export const SS_STATES: Readonly<Record<string, string>> = {
  ESTAB: 'ESTABLISHED',
  'SYN-SENT': 'SYN_SENT',
  'SYN-RECV': 'SYN_RECV',
  'FIN-WAIT-1': 'FIN_WAIT1',
  'FIN-WAIT-2': 'FIN_WAIT2',
  'TIME-WAIT': 'TIME_WAIT',
  UNCONN: 'CLOSE',
  'CLOSE-WAIT': 'CLOSE_WAIT',
  'LAST-ACK': 'LAST_ACK',
  LISTEN: 'LISTEN',
  CLOSING: 'CLOSING',
};

/** "127.0.0.1:80", "[::1]:80", "[::ffff:127.0.0.1]:80", "*:*", "0.0.0.0:*", "127.0.0.1%lo:53" → [addr, port]. */
export function splitEndpoint(text: string): [string, number] {
  const colon = text.lastIndexOf(':');
  let addr = text.slice(0, colon);
  const port = text.slice(colon + 1);
  if (addr.startsWith('[') && addr.endsWith(']')) addr = addr.slice(1, -1);
  const pct = addr.indexOf('%');
  if (pct !== -1) addr = addr.slice(0, pct);
  if (addr === '*') addr = '::';
  return [addr, port === '*' ? 0 : Number(port)];
}

export function normalizeAny(addr: string): string {
  return addr === '0.0.0.0' || addr === '::' ? '*' : addr;
}

/** Tuples "state local:port remote:port" from `ss -<flags>nH` (tcp or udp). */
export function ssInetTuples(flags: string): Set<string> {
  const out = new Set<string>();
  for (const line of runSs([`-${flags}nH`]).split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    const state = SS_STATES[f[0]!] ?? f[0]!;
    const [la, lp] = splitEndpoint(f[3]!);
    const [ra, rp] = splitEndpoint(f[4]!);
    out.add(`${state} ${normalizeAny(la)}:${lp} ${normalizeAny(ra)}:${rp}`);
  }
  return out;
}

/** Tuples "type state inode" from `ss -xaH` (u_str, u_dgr, u_seq). */
export function ssUnixTuples(): Set<string> {
  const types: Record<string, string> = { u_str: 'STREAM', u_dgr: 'DGRAM', u_seq: 'SEQPACKET' };
  const out = new Set<string>();
  for (const line of runSs(['-xanH']).split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 8) continue;
    // Netid State Recv-Q Send-Q Local-name Local-inode Peer-name Peer-inode
    out.add(`${types[f[0]!] ?? f[0]} ${SS_STATES[f[1]!] ?? f[1]} ${f[5]}`);
  }
  return out;
}
