/**
 * The reader's background thread, for `TreeReader.readChunks`: the kernel prints a procfs
 * table while the main thread decodes what it printed so far.
 *
 * Why: listing 100k sockets is two costs of about the same order, the kernel formatting
 * 15 MB of /proc/net/tcp (the time `cat` takes) and decoding it into records. In one thread
 * they add up; here they overlap. Measured on the project's 2-core machine, warm, 100,008
 * rows: reading on the main thread (readSync) then decoding each chunk, 245–350 ms a call;
 * a thread reading into a ring of chunks while the main thread decodes, 205–300 ms. Reading
 * through libuv's pool instead (one promise per read(2), and procfs gives at most a page per
 * read(2): ~3,700 round trips) cost 400 ms for the bytes alone.
 *
 * One worker for the process, started on first use and `unref`ed while idle (it never keeps
 * a process alive; it is referenced only while a read is in flight). It reads descriptors the
 * reader opened into shared memory: a ring of SLOTS chunks, each handed to the consumer and
 * given back at its next step, so a read holds SLOTS × chunk bytes whatever the file's size.
 * It serves one read at a time (a second, concurrent read is done by the reader itself), so
 * no read waits on another read's consumer. If the worker cannot start or dies, the reader
 * reads by itself.
 */
import { Worker } from 'node:worker_threads';
import type { ChunkOutcome } from './reader.js';

/** How long a caller waits for the thread to come up (it takes 20–90 ms here). */
const START_WAIT_MS = 2000;
/** Chunks of one read in the ring: the thread runs at most this far ahead of the consumer. */
const SLOTS = 4;

/** Main → thread: read `fd` to its end into `data` (SLOTS chunks); `control` = slot states (0 free, 1 full), then the cancel word. */
export interface ThreadRequest {
  readonly id: number;
  readonly fd: number;
  readonly data: SharedArrayBuffer;
  readonly control: SharedArrayBuffer;
  readonly chunkBytes: number;
  readonly slots: number;
  readonly maxBytes: number;
}

/**
 * Main → thread: read the targets of symbolic links in `dir` (a physical directory): of
 * `names`, or, when names is undefined, list the directory and read its first `first` entries.
 */
export interface LinksRequest {
  readonly id: number;
  readonly dir: string;
  readonly names: string[] | undefined;
  readonly first: number;
}

/** A failed call in the thread: the errno code and message. */
export interface ThreadError {
  readonly code: string | undefined;
  readonly message: string;
}

/** How a read ended: at the end of the file, or why not. */
export type ThreadDone = { readonly id: number; readonly done: 'end' | 'cancelled' | 'too-large' | 'error'; readonly code?: string | undefined; readonly message?: string };
/** The answer to a LinksRequest: the listing (empty when names were given), the targets read in request order, or why the directory could not be listed. */
export type LinksDone = {
  readonly id: number;
  readonly done: 'links';
  readonly names: string[];
  readonly targets: (string | ThreadError)[];
  readonly list?: ThreadError;
};
/** Thread → main. */
export type ThreadMessage = { readonly ready: true } | { readonly id: number; readonly slot: number; readonly used: number } | ThreadDone | LinksDone;

type ReadMessage = Exclude<ThreadMessage, { ready: true }>;

interface Ring {
  readonly chunkBytes: number;
  readonly data: SharedArrayBuffer;
  readonly control: SharedArrayBuffer;
}

interface Pending {
  readonly queue: ReadMessage[];
  wake: ((m: ReadMessage) => void) | undefined;
}

export class ReaderThread {
  /** True once the worker runs and listens; until then the reader reads by itself. */
  ready = false;
  failed = false;
  private readonly started: Promise<boolean>;
  private settleStarted: (ready: boolean) => void = () => {};
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private linkRequests = 0;
  private ring: Ring | undefined;

  constructor() {
    this.started = new Promise((resolve) => (this.settleStarted = resolve));
    this.worker = new Worker(new URL('./reader-thread-worker.js', import.meta.url), {
      // It allocates next to nothing: a few small messages per chunk.
      resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 },
    });
    this.worker.on('message', (m: ThreadMessage) => this.receive(m));
    this.worker.on('error', (err: Error) => this.fail(err.message));
    this.worker.on('exit', (code: number) => this.fail(`reader thread exited with code ${code}`));
    this.worker.unref(); // after the listeners: adding a 'message' listener refs the worker's port again
  }

  /**
   * True once the worker is ready; false when it failed first, or is still not up after
   * START_WAIT_MS (a caller then does the work itself rather than wait on a thread that may
   * never come). The worker keeps the process alive while this waits.
   */
  async whenStarted(): Promise<boolean> {
    if (this.ready || this.failed) return this.ready;
    this.worker.ref();
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([this.started, new Promise<boolean>((resolve) => (timer = setTimeout(resolve, START_WAIT_MS, false)))]);
    } finally {
      clearTimeout(timer);
      if (this.pending.size === 0) this.worker.unref();
    }
  }

  /** A read is in flight. The reader then reads a second file by itself: one read at a time here, so no read ever waits for another's consumer. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  /** A file read is in flight (links requests may queue behind each other, not behind a read whose consumer is elsewhere). */
  get reading(): boolean {
    return this.pending.size > this.linkRequests;
  }

  /**
   * The chunks of `fd` from its current position to its end; returns how the read ended.
   * A chunk is valid until the next step. When the consumer stops early, the thread is told to
   * stop and this returns only once it no longer reads `fd`, so the caller may close it.
   */
  async *chunks(fd: number, chunkBytes: number, maxBytes: number): AsyncGenerator<ChunkOutcome, ThreadDone, undefined> {
    const id = this.nextId++;
    const ring = this.takeRing(chunkBytes);
    const control = new Int32Array(ring.control);
    const pending: Pending = { queue: [], wake: undefined };
    this.pending.set(id, pending);
    this.worker.ref();
    let done: ThreadDone | undefined;
    try {
      this.worker.postMessage({ id, fd, data: ring.data, control: ring.control, chunkBytes, slots: SLOTS, maxBytes } satisfies ThreadRequest);
      for (;;) {
        const m = await this.next(pending);
        if ('done' in m) return (done = m.done === 'links' ? { id, done: 'error', message: 'unexpected answer' } : m);
        yield { ok: true, bytes: Buffer.from(ring.data, m.slot * chunkBytes, m.used) };
        Atomics.store(control, m.slot, 0);
        Atomics.notify(control, m.slot);
      }
    } finally {
      if (done === undefined) {
        Atomics.store(control, SLOTS, 1);
        for (let slot = 0; slot < SLOTS; slot++) Atomics.notify(control, slot);
        while (!('done' in (await this.next(pending))));
      }
      this.pending.delete(id);
      if (this.pending.size === 0) this.worker.unref();
    }
  }

  /** The shared ring for a read, reused from the last read of the same chunk size (reads here are one at a time). */
  private takeRing(chunkBytes: number): Ring {
    let ring = this.ring;
    if (ring === undefined || ring.chunkBytes !== chunkBytes) {
      ring = { chunkBytes, data: new SharedArrayBuffer(SLOTS * chunkBytes), control: new SharedArrayBuffer(4 * (SLOTS + 1)) };
      this.ring = ring;
    } else {
      new Int32Array(ring.control).fill(0);
    }
    return ring;
  }

  /** Reads link targets in the thread (see LinksRequest); an error when the thread dies. Several may be queued: the thread then goes from one to the next without waiting for this one. */
  async links(dir: string, names: string[] | undefined, first: number): Promise<LinksDone | ThreadDone> {
    const id = this.nextId++;
    const pending: Pending = { queue: [], wake: undefined };
    this.pending.set(id, pending);
    this.linkRequests++;
    this.worker.ref();
    try {
      this.worker.postMessage({ id, dir, names, first } satisfies LinksRequest);
      return (await this.next(pending)) as LinksDone | ThreadDone;
    } finally {
      this.linkRequests--;
      this.pending.delete(id);
      if (this.pending.size === 0) this.worker.unref();
    }
  }

  private next(p: Pending): Promise<ReadMessage> {
    const m = p.queue.shift();
    return m !== undefined ? Promise.resolve(m) : new Promise((resolve) => (p.wake = resolve));
  }

  private receive(m: ThreadMessage): void {
    if ('ready' in m) {
      this.ready = !this.failed;
      this.settleStarted(this.ready);
      return;
    }
    const p = this.pending.get(m.id);
    if (p === undefined) return;
    const wake = p.wake;
    p.wake = undefined;
    if (wake !== undefined) wake(m);
    else p.queue.push(m);
  }

  /** The worker is gone: every read in flight ends with an error, and no new read is given to it. */
  private fail(message: string): void {
    if (this.failed) return;
    this.failed = true;
    this.ready = false;
    this.settleStarted(false);
    for (const id of this.pending.keys()) this.receive({ id, done: 'error', code: 'EWORKER', message });
  }
}

let shared: ReaderThread | undefined;
let unavailable = false;

/** The process's reader thread, started on first use; undefined when it cannot run (then the reader reads by itself). */
export function readerThread(): ReaderThread | undefined {
  if (unavailable || shared?.failed === true) return undefined;
  try {
    shared ??= new ReaderThread();
  } catch {
    unavailable = true;
  }
  return shared;
}
