/**
 * The reading loop of `TreeReader.readChunks` (see there for why it reads this way): over a
 * descriptor the reader opened (and closes), chunk after chunk, by the reader's background
 * thread once that runs and is free (reader-thread.ts), else here — the first step through
 * libuv's pool, the rest synchronously with a turn of the event loop between chunks.
 * Also `linksInThread`'s errand to the thread.
 */
import { read as readCallback, readSync } from 'node:fs';
import { failure, type ChunkOutcome, type LinksOutcome, type ReadFailure } from './reader.js';
import { readerThread, type ThreadDone, type ThreadError } from './reader-thread.js';

/** Bytes read into a buffer, and whether the file ended there. */
interface Filled {
  readonly used: number;
  readonly end: boolean;
}

/** The chunks of `fd` (of `size` bytes, a buffer reused from step to step) to its end or first failure. */
export async function* chunksOf(fd: number, size: number, maxBytes: number): AsyncGenerator<ChunkOutcome, void, undefined> {
  const thread = readerThread();
  let buf: Buffer | undefined;
  for (let total = 0, first = true; ; first = false) {
    if (thread?.ready === true && !thread.busy) {
      const done = yield* thread.chunks(fd, size, maxBytes - total);
      if (done.done !== 'end') yield threadFailure(done, maxBytes);
      return;
    }
    buf ??= Buffer.allocUnsafe(size);
    // The first step through libuv's pool: a caller that starts several reads before consuming
    // them has their first pages printed at once (for a table with few rows, the first two
    // read(2) calls are the kernel's walks of the whole socket hash, ~10–30 ms each at 100k).
    const step = first ? await readFirst(fd, buf) : fill(fd, buf);
    if ('ok' in step) {
      yield step;
      return;
    }
    if ((total += step.used) > maxBytes) {
      yield threadFailure({ id: 0, done: 'too-large' }, maxBytes);
      return;
    }
    if (step.used > 0) yield { ok: true, bytes: buf.subarray(0, step.used) };
    if (step.end) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Fills `buf` from the file position with read(2) calls (procfs gives at most a page per call). */
function fill(fd: number, buf: Buffer): Filled | ReadFailure {
  let used = 0;
  try {
    for (let n = 1; used < buf.length; used += n) {
      if ((n = readSync(fd, buf, used, buf.length - used, null)) === 0) return { used, end: true };
    }
  } catch (err) {
    return failure(err);
  }
  return { used, end: false };
}

/** One read(2) through libuv's pool into buf[at..]. */
function readOnce(fd: number, buf: Buffer, at: number): Promise<Filled | ReadFailure> {
  return new Promise((resolve) => {
    readCallback(fd, buf, at, buf.length - at, null, (err, n) => resolve(err !== null ? failure(err) : { used: n, end: n === 0 }));
  });
}

/** Up to two read(2) calls through the pool: the second tells whether a short table has ended. */
async function readFirst(fd: number, buf: Buffer): Promise<Filled | ReadFailure> {
  const one = await readOnce(fd, buf, 0);
  if ('ok' in one || one.end || one.used === buf.length) return one;
  const two = await readOnce(fd, buf, one.used);
  return 'ok' in two ? two : { used: one.used + two.used, end: two.end };
}

function threadFailure(done: ThreadDone, maxBytes: number): ReadFailure {
  if (done.done === 'too-large') return { ok: false, reason: 'too-large', message: `larger than the ${maxBytes}-byte cap` };
  return failure(asError({ code: done.code, message: done.message ?? `read ${done.done}` }));
}

/**
 * Link targets read by the thread in a physical directory: of `names`, or of the first `first`
 * entries of its listing (then `names` is the whole listing); undefined when the thread is not
 * running, is reading a file, or died on the way.
 */
export async function linksInThread(dir: string, names: string[] | undefined, first: number): Promise<LinksOutcome | undefined> {
  const thread = readerThread();
  // A cold process starts the thread on first use: wait the ~30–50 ms it takes to boot
  // (the caller's other lane goes on meanwhile) rather than scan with one lane only.
  if (thread === undefined || !(await thread.whenStarted()) || thread.reading) return undefined;
  const done = await thread.links(dir, names, first);
  if (done.done !== 'links') return undefined;
  if (done.list !== undefined) return failure(asError(done.list));
  return { ok: true, names: names ?? done.names, targets: done.targets.map((t) => (typeof t === 'string' ? t : failure(asError(t)))) };
}

function asError(e: ThreadError): Error {
  return Object.assign(new Error(e.message), { code: e.code });
}
