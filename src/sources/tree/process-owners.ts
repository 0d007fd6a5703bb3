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
 * The reader's thread works beside it when it is up (see threadLane). Work is shared in
 * units of BUDGET links, not whole processes: a server holding most sockets in one fd table
 * is read by both threads, and neither waits idle for the other's last process. Measured
 * here, cold sockets({tcp, processes}) over netlink at ~100k socket fds in 7 processes:
 * 815–875 ms when the thread was not yet up (a cold process scanned on one lane), 600–660 ms
 * with the thread started before the dump and whole processes per lane, 590–600 ms in units
 * (the two threads' readlink time then 176 and 229 ms: the kernel's per-link work, spread).
 * Attributing owners is opt-in for callers, as `-p` is for ss.
 */
import { issue } from '../../errors.js';
import type { ProcessOwner } from '../../records/process-owner.js';
import type { Part } from './assemble/part.js';
import type { LinkTarget, ReadFailure, TreeReader } from './reader.js';

/** Links read between two yields to the event loop (~4.5 µs each here → ~10 ms), and the size of a unit of work. */
const BUDGET = 2048;
/**
 * Requests the thread lane keeps queued in the thread: the thread goes from one to the next
 * while this thread is still reading its own unit (an answer is seen only at the next yield).
 */
const THREAD_DEPTH = 2;
const SOCKET_PREFIX = 'socket:[';

/** Sockets found in one process: parallel arrays, objects are built once comm is known. */
interface PidSockets {
  readonly pid: number;
  readonly fds: number[];
  readonly inodes: number[];
  /** A link of its fd table was denied (no ptrace-read access): the process is left out. */
  denied: boolean;
}

/** Links of one listed fd table still to read: at most BUDGET. */
interface Unit {
  readonly owner: PidSockets;
  readonly dir: string;
  readonly names: string[];
}

interface ScanTally {
  /** Links read since the last yield to the event loop. */
  sinceYield: number;
  denied: number;
  scanned: number;
  errors: number;
  firstError: string | undefined;
}

/** What the lanes share: processes not yet listed, units not yet read, and what was found. */
interface Scan {
  readonly reader: TreeReader;
  readonly wanted: ReadonlySet<number> | undefined;
  readonly pids: number[];
  readonly units: Unit[];
  readonly owners: PidSockets[];
  readonly tally: ScanTally;
  /** Requests out to the thread: each may still queue units, or give one back. */
  readonly inThread: Set<Promise<unknown>>;
}

/**
 * Maps socket inode → the processes (pid, command, fd) holding it, sorted by pid then fd.
 * With `wanted`, only those inodes are kept, and comm is read only for processes that
 * hold at least one of them (every fd must still be read: a link names its target only).
 * With `mainLaneAfter`, this thread's lane starts only once that settles (the thread's lane
 * at once): a caller busy with other work meanwhile lends the scan only the reader thread.
 */
export async function scanSocketOwners(
  reader: TreeReader,
  wanted?: ReadonlySet<number>,
  mainLaneAfter?: Promise<unknown>,
): Promise<Part<Map<number, ProcessOwner[]>>> {
  const part: Part<Map<number, ProcessOwner[]>> = { data: new Map(), issues: [], unavailable: [] };
  if (wanted !== undefined && wanted.size === 0) return part; // nothing to attribute, nothing missing
  const listing = await reader.list('proc');
  if (!listing.ok) {
    part.unavailable.push({ what: 'owning processes', file: 'proc', reason: whyNot(listing) });
    return part;
  }
  const tally: ScanTally = { sinceYield: 0, denied: 0, scanned: 0, errors: 0, firstError: undefined };
  const scan: Scan = { reader, wanted, pids: listing.names.filter(isPid).map(Number), units: [], owners: [], tally, inThread: new Set() };
  const lanes = [mainLaneAfter === undefined ? mainLane(scan) : mainLaneAfter.then(() => mainLane(scan))];
  for (let k = 0; k < THREAD_DEPTH; k++) lanes.push(threadLane(scan));
  await Promise.all(lanes);
  await attach(reader, scan.owners.filter((o) => !o.denied && o.fds.length > 0), part.data, tally);
  report(part, tally);
  return part;
}

/**
 * This thread's lane: reads queued units, lists the next process when none is queued, and
 * ends only when nothing is left anywhere (a thread request may still queue or give back
 * units). It yields to the event loop every BUDGET links.
 */
async function mainLane(scan: Scan): Promise<void> {
  for (;;) {
    if (scan.tally.sinceYield >= BUDGET) {
      scan.tally.sinceYield = 0;
      await yieldToEventLoop();
    }
    const unit = scan.units.pop();
    if (unit !== undefined) {
      if (!unit.owner.denied) collect(unit, scan.reader.readLinksSync(unit.dir, unit.names), scan);
      scan.tally.sinceYield += unit.names.length;
      continue;
    }
    const pid = scan.pids.pop();
    if (pid !== undefined) listHere(scan, pid);
    else if (scan.inThread.size > 0) await Promise.race(scan.inThread);
    else return;
  }
}

function listHere(scan: Scan, pid: number): void {
  const dir = `proc/${pid}/fd`;
  const names = scan.reader.listSync(dir);
  if (!names.ok) return countFailure(names, scan.tally);
  // readdir of /proc/<pid>/fd costs about a quarter of a readlink per entry (measured).
  scan.tally.sinceYield += 1 + (names.names.length >> 2);
  queueUnits(scan, newOwner(scan, pid), dir, names.names, 0);
}

/**
 * The reader thread's lane (reader.linksInThread), THREAD_DEPTH of them at once: reads queued
 * units, or lists the next process and reads its first BUDGET links there, queueing the rest
 * for either lane — so both threads work until the last unit, however the fds are spread
 * over processes. The kernel's per-link work, the cost of the scan (~0.7 s of readdir +
 * readlink for ~100k fds on one thread here), runs on two cores. When the thread is not
 * running (or the reader replaces its link methods), the lane gives its work back and ends.
 */
async function threadLane(scan: Scan): Promise<void> {
  for (;;) {
    const unit = scan.units.pop();
    const pid = unit === undefined ? scan.pids.pop() : undefined;
    if (unit === undefined && pid === undefined) {
      // Another request may still queue units (a listing) or give some back.
      if (scan.inThread.size === 0) return;
      await Promise.race(scan.inThread);
      continue;
    }
    const request = unit !== undefined ? readInThread(scan, unit) : listInThread(scan, pid!);
    scan.inThread.add(request);
    const served = await request;
    scan.inThread.delete(request);
    if (!served) return;
  }
}

async function readInThread(scan: Scan, unit: Unit): Promise<boolean> {
  if (unit.owner.denied) return true;
  const got = await scan.reader.linksInThread(unit.dir, { names: unit.names });
  if (got === undefined) {
    scan.units.push(unit);
    return false;
  }
  if (got.ok) collect(unit, got.targets, scan);
  else countFailure(got, scan.tally);
  return true;
}

async function listInThread(scan: Scan, pid: number): Promise<boolean> {
  const dir = `proc/${pid}/fd`;
  const got = await scan.reader.linksInThread(dir, { first: BUDGET });
  if (got === undefined) {
    scan.pids.push(pid);
    return false;
  }
  if (!got.ok) {
    countFailure(got, scan.tally);
    return true;
  }
  const owner = newOwner(scan, pid);
  const read = got.targets.length;
  queueUnits(scan, owner, dir, got.names, read);
  collect({ owner, dir, names: read < got.names.length ? got.names.slice(0, read) : got.names }, got.targets, scan);
  return true;
}

function newOwner(scan: Scan, pid: number): PidSockets {
  const owner: PidSockets = { pid, fds: [], inodes: [], denied: false };
  scan.owners.push(owner);
  scan.tally.scanned++;
  return owner;
}

/** Queues names[from..] of a listed fd table as units of at most BUDGET links. */
function queueUnits(scan: Scan, owner: PidSockets, dir: string, names: string[], from: number): void {
  for (let start = from; start < names.length; start += BUDGET) {
    scan.units.push({ owner, dir, names: start === 0 && names.length <= BUDGET ? names : names.slice(start, start + BUDGET) });
  }
}

/** Adds the socket links of one unit to its process; a denied link leaves the whole process out. */
function collect(unit: Unit, targets: LinkTarget[], scan: Scan): void {
  const { owner, names } = unit;
  const tally = scan.tally;
  for (let i = 0; i < targets.length; i++) {
    const target = targets[i] as LinkTarget;
    if (typeof target !== 'string') {
      // An fd closed between readdir and readlink is 'absent': normal, skipped.
      if (target.reason === 'denied') {
        if (!owner.denied) {
          owner.denied = true;
          tally.denied++;
          tally.scanned--;
        }
        return;
      }
      if (target.reason !== 'absent' && target.errno !== 'ESRCH') noteError(tally, target);
      continue;
    }
    const inode = socketInode(target);
    if (inode === undefined || (scan.wanted !== undefined && !scan.wanted.has(inode))) continue;
    owner.fds.push(Number(names[i]));
    owner.inodes.push(inode);
  }
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
