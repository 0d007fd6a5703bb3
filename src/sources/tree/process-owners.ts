/**
 * Which processes hold which sockets: the `-p` of ss and netstat.
 *
 * The kernel has no socket → process index; every tool scans `/proc/<pid>/fd`, where
 * each open socket is a symbolic link whose target is `socket:[<inode>]` (the inode
 * that /proc/net/tcp, udp, unix, packet … print in their `inode` column), and takes
 * the command name from `/proc/<pid>/comm` (fs/proc/base.c comm_show: at most 15
 * bytes, TASK_COMM_LEN − 1, then a newline).
 *
 * Only processes whose fds the reader may see are attributed: reading another user's
 * `/proc/<pid>/fd` needs ptrace-read access (EACCES otherwise). Those pids are counted
 * and reported as ONE `Unavailable` entry, not one issue per pid. Processes that exit
 * during the scan (ENOENT/ESRCH on their fd dir, fd or comm) are the normal churn of a
 * live system and are skipped silently.
 *
 * Only `/proc/<pid>` (thread-group leaders) is scanned, like ss: threads normally share
 * the fd table; a thread created without CLONE_FILES is not seen.
 *
 * Cost: one readlink per open fd of every visible process, linear in the number of fds.
 * The links are read with the reader's synchronous `readLinksSync` (see the measurement
 * in reader.ts: ~3× faster than a promise and a thread-pool hop per fd), about BUDGET
 * links per call, yielding to the event loop between calls (the budget spans processes,
 * so many small fd tables count like one large one). Throughput stays that of the
 * synchronous loop (~0.6–0.8 s for ~100k fds here, against ~6–7 s for `ss -tanp`), while
 * the event loop is held for one batch plus at most one fd-directory listing at a time:
 * 25–65 ms measured with ~113k fds (readdir of a 17k-entry fd table alone is ~20 ms).
 * A second lane runs beside it when the reader's thread is up (see threadLane): whole fd
 * tables are listed and read there while this thread reads others, so the kernel's per-link
 * work uses both cores: a full scan of ~100k socket fds in 7 processes, 340–460 ms with two
 * lanes against 570–620 ms with one (measured here, alternating, on a quiet machine).
 * Attributing owners is opt-in for callers, as `-p` is for ss.
 */
import { issue } from '../../errors.js';
import type { ProcessOwner } from '../../records/process-owner.js';
import type { Part } from './assemble/part.js';
import type { LinkTarget, ReadFailure, TreeReader } from './reader.js';

/** Links read between two yields to the event loop: ~4.5 µs each here → ~10 ms. */
const BUDGET = 2048;
const SOCKET_PREFIX = 'socket:[';

/** Sockets found in one process: parallel arrays, objects are built once comm is known. */
interface PidSockets {
  readonly pid: number;
  readonly fds: number[];
  readonly inodes: number[];
}

interface ScanTally {
  /** Links read since the last yield to the event loop. */
  sinceYield: number;
  denied: number;
  scanned: number;
  errors: number;
  firstError: string | undefined;
}

/**
 * Maps socket inode → the processes (pid, command, fd) holding it, sorted by pid then fd.
 * With `wanted`, only those inodes are kept, and comm is read only for processes that
 * hold at least one of them (every fd must still be read: a link names its target only).
 */
export async function scanSocketOwners(
  reader: TreeReader,
  wanted?: ReadonlySet<number>,
): Promise<Part<Map<number, ProcessOwner[]>>> {
  const part: Part<Map<number, ProcessOwner[]>> = { data: new Map(), issues: [], unavailable: [] };
  if (wanted !== undefined && wanted.size === 0) return part; // nothing to attribute, nothing missing
  const listing = await reader.list('proc');
  if (!listing.ok) {
    part.unavailable.push({ what: 'owning processes', file: 'proc', reason: whyNot(listing) });
    return part;
  }
  const tally: ScanTally = { sinceYield: 0, denied: 0, scanned: 0, errors: 0, firstError: undefined };
  const found: PidSockets[] = [];
  const pids = listing.names.filter(isPid).map(Number);
  let next = 0;
  const take = (): number | undefined => pids[next++];
  // Two lanes take processes from one list: this thread, and the reader's thread while it is free.
  await Promise.all([threadLane(reader, take, wanted, tally, found), mainLane(reader, take, wanted, tally, found)]);
  await attach(reader, found, part.data, tally);
  report(part, tally);
  return part;
}

async function mainLane(reader: TreeReader, take: () => number | undefined, wanted: ReadonlySet<number> | undefined, tally: ScanTally, found: PidSockets[]): Promise<void> {
  for (let pid = take(); pid !== undefined; pid = take()) keep(found, await scanPid(reader, pid, wanted, tally));
}

/**
 * Whole fd tables listed and read by the reader thread (reader.listLinksInThread), while the
 * main lane reads others: the kernel's per-link work, which is the cost of the scan (~0.7 s
 * of readdir + readlink for ~100k fds on one thread here), runs on two cores. When the thread
 * is not running (or the reader replaces its link methods), the lane does the process it took
 * by itself and ends, leaving the rest to the main lane.
 */
async function threadLane(reader: TreeReader, take: () => number | undefined, wanted: ReadonlySet<number> | undefined, tally: ScanTally, found: PidSockets[]): Promise<void> {
  for (let pid = take(); pid !== undefined; pid = take()) {
    const got = await reader.listLinksInThread(`proc/${pid}/fd`);
    if (got === undefined) {
      keep(found, await scanPid(reader, pid, wanted, tally));
      return;
    }
    if (!got.ok) {
      countFailure(got, tally);
      continue;
    }
    tally.scanned++;
    const out: PidSockets = { pid, fds: [], inodes: [] };
    if (collect(got.names, got.targets, wanted, out, tally)) keep(found, out);
  }
}

function keep(found: PidSockets[], sockets: PidSockets | undefined): void {
  if (sockets !== undefined && sockets.fds.length > 0) found.push(sockets);
}

/** Reads one process's fd links; undefined when it vanished or could not be read. */
async function scanPid(reader: TreeReader, pid: number, wanted: ReadonlySet<number> | undefined, tally: ScanTally): Promise<PidSockets | undefined> {
  const dir = `proc/${pid}/fd`;
  const names = reader.listSync(dir);
  if (!names.ok) {
    countFailure(names, tally);
    return undefined;
  }
  tally.scanned++;
  const out: PidSockets = { pid, fds: [], inodes: [] };
  const all = names.names;
  // readdir of /proc/<pid>/fd costs about a quarter of a readlink per entry (measured).
  tally.sinceYield += 1 + (all.length >> 2);
  for (let start = 0; start < all.length; ) {
    if (tally.sinceYield >= BUDGET) {
      // Many small processes add up as much as one large one: the budget spans pids.
      tally.sinceYield = 0;
      await yieldToEventLoop();
    }
    const end = Math.min(all.length, start + Math.max(256, BUDGET - tally.sinceYield));
    const chunk = start === 0 && end === all.length ? all : all.slice(start, end);
    if (!collect(chunk, reader.readLinksSync(dir, chunk), wanted, out, tally)) return undefined;
    tally.sinceYield += chunk.length;
    start = end;
  }
  return out;
}

/** Adds the socket links of one chunk to `out`; false when the process turned out denied. */
function collect(names: string[], targets: LinkTarget[], wanted: ReadonlySet<number> | undefined, out: PidSockets, tally: ScanTally): boolean {
  for (let i = 0; i < targets.length; i++) {
    const target = targets[i] as LinkTarget;
    if (typeof target !== 'string') {
      // An fd closed between readdir and readlink is 'absent': normal, skipped.
      if (target.reason === 'denied') {
        tally.denied++;
        tally.scanned--;
        return false;
      }
      if (target.reason !== 'absent' && target.errno !== 'ESRCH') noteError(tally, target);
      continue;
    }
    const inode = socketInode(target);
    if (inode === undefined || (wanted !== undefined && !wanted.has(inode))) continue;
    out.fds.push(Number(names[i]));
    out.inodes.push(inode);
  }
  return true;
}

/** `socket:[12345]` → 12345; anything else (files, pipes, anon inodes) → undefined. */
export function socketInode(target: string): number | undefined {
  if (target.length < SOCKET_PREFIX.length + 2 || !target.startsWith(SOCKET_PREFIX) || !target.endsWith(']')) return undefined;
  const digits = target.slice(SOCKET_PREFIX.length, -1);
  const n = Number(digits);
  // Number('') is 0 and Number(' 1') is 1: accept only plain digits, exactly representable.
  return Number.isSafeInteger(n) && /^\d+$/.test(digits) ? n : undefined;
}

/** Reads comm for every process that holds a kept socket, then fills the map. */
async function attach(reader: TreeReader, found: PidSockets[], into: Map<number, ProcessOwner[]>, tally: ScanTally): Promise<void> {
  const comms = await Promise.all(found.map((p) => reader.read(`proc/${p.pid}/comm`)));
  for (let k = 0; k < found.length; k++) {
    const p = found[k] as PidSockets;
    const comm = comms[k]!;
    if (!comm.ok) {
      countFailure(comm, tally);
      continue;
    }
    const command = comm.text.endsWith('\n') ? comm.text.slice(0, -1) : comm.text;
    for (let i = 0; i < p.fds.length; i++) {
      const inode = p.inodes[i] as number;
      const owner: ProcessOwner = { pid: p.pid, command, fd: p.fds[i] as number };
      const list = into.get(inode);
      if (list === undefined) into.set(inode, [owner]);
      else list.push(owner);
    }
  }
  // Shared sockets (fork, SCM_RIGHTS, dup) have several owners: give them a stable order.
  for (const list of into.values()) if (list.length > 1) list.sort((a, b) => a.pid - b.pid || a.fd - b.fd);
}

/** Vanished (ENOENT/ESRCH) is silent; denied is counted; anything else is one tallied error. */
function countFailure(f: ReadFailure, tally: ScanTally): void {
  if (f.reason === 'absent' || f.errno === 'ESRCH') return;
  if (f.reason === 'denied') tally.denied++;
  else noteError(tally, f);
}

function noteError(tally: ScanTally, f: ReadFailure): void {
  tally.errors++;
  tally.firstError ??= `${f.errno ?? f.reason}: ${f.message}`;
}

function report(part: Part<unknown>, tally: ScanTally): void {
  if (tally.denied > 0) {
    part.unavailable.push({ what: `owning processes of ${tally.denied} processes`, reason: 'permission denied' });
  }
  if (tally.scanned === 0 && tally.denied === 0) {
    // A captured tree has proc/net but no proc/<pid>/fd: nothing could be attributed.
    part.unavailable.push({ what: 'owning processes', file: 'proc/<pid>/fd', reason: 'not present in this source' });
  }
  if (tally.errors > 0) {
    const message = `${tally.errors} fd or comm reads failed while scanning owning processes (first: ${tally.firstError})`;
    part.issues.push(issue('proc/<pid>/fd', undefined, 'read-error', message));
  }
}

function whyNot(f: ReadFailure): string {
  return f.reason === 'absent' ? 'not present in this source' : f.reason === 'denied' ? `permission denied (${f.errno})` : `${f.errno ?? f.reason}: ${f.message}`;
}

function isPid(name: string): boolean {
  if (name.length === 0 || name.length > 10) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
