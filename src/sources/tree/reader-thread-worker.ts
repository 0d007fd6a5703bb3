/**
 * The body of the reader's background thread (reader-thread.ts). Two jobs: reading, with
 * read(2), file descriptors that the TreeReader opened into a ring of shared chunks; and
 * listing a directory of symbolic links and reading their targets, or reading the targets of
 * given links (the fd tables of the owner scan). It never opens a file; the only paths it
 * sees are directories the reader mapped from logical paths and checked against the
 * layout's hidden prefixes.
 *
 * One request at a time, in arrival order: fill slot k of the ring (several read(2) calls:
 * procfs gives at most a page per call), mark it full, tell the main thread, go on with slot
 * k+1 — waiting (Atomics.wait) while the main thread still holds that slot. The main thread
 * sets the cancel word when its consumer stops early; the request then ends at the next
 * chunk boundary. Every request ends with exactly one `done` message, after which this
 * thread no longer touches the descriptor (so the reader may close it).
 */
import { readdirSync, readlinkSync, readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { LinksRequest, ThreadError, ThreadMessage, ThreadRequest } from './reader-thread.js';

/** A consumer that holds a slot this long is gone: the request is given up. */
const STALL_MS = 60_000;

function serve(r: ThreadRequest, post: (m: ThreadMessage) => void): ThreadMessage {
  const control = new Int32Array(r.control);
  const cancel = r.slots;
  let total = 0;
  for (let slot = 0; ; slot = (slot + 1) % r.slots) {
    while (Atomics.load(control, slot) !== 0) {
      if (Atomics.load(control, cancel) !== 0) return { id: r.id, done: 'cancelled' };
      if (Atomics.wait(control, slot, 1, STALL_MS) === 'timed-out') return { id: r.id, done: 'error', code: 'ETIMEDOUT', message: 'chunk consumer stalled' };
    }
    if (Atomics.load(control, cancel) !== 0) return { id: r.id, done: 'cancelled' };
    const view = new Uint8Array(r.data, slot * r.chunkBytes, r.chunkBytes);
    let used = 0;
    let n = 1;
    try {
      while (used < r.chunkBytes && (n = readSync(r.fd, view, used, r.chunkBytes - used, null)) > 0) used += n;
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      return { id: r.id, done: 'error', code: e.code, message: e.message };
    }
    total += used;
    if (total > r.maxBytes) return { id: r.id, done: 'too-large' };
    if (used > 0) {
      Atomics.store(control, slot, 1);
      post({ id: r.id, slot, used });
    }
    if (n === 0) return { id: r.id, done: 'end' };
  }
}

/**
 * The targets of links in one directory: of `names`, or, without names, of the first `first`
 * entries of the directory's listing (the whole listing is returned, for the rest to be read
 * in later requests, by either thread).
 */
function links(r: LinksRequest): ThreadMessage {
  let listed: string[] = [];
  if (r.names === undefined) {
    try {
      listed = readdirSync(r.dir);
    } catch (err) {
      return { id: r.id, done: 'links', names: [], targets: [], list: thrown(err) };
    }
  }
  const names = r.names ?? (listed.length > r.first ? listed.slice(0, r.first) : listed);
  const targets = names.map((name): string | ThreadError => {
    try {
      return readlinkSync(`${r.dir}/${name}`);
    } catch (err) {
      return thrown(err);
    }
  });
  return { id: r.id, done: 'links', names: listed, targets };
}

function thrown(err: unknown): ThreadError {
  const e = err as NodeJS.ErrnoException;
  return { code: e.code, message: e.message };
}

const port = parentPort;
if (port !== null) {
  const post = (m: ThreadMessage) => port.postMessage(m);
  port.on('message', (r: ThreadRequest | LinksRequest) => post('dir' in r ? links(r) : serve(r, post)));
  post({ ready: true });
}
