/**
 * The body of the reader's background thread (reader-thread.ts): reads, with read(2), file
 * descriptors that the TreeReader opened, into a ring of shared chunks. It never opens or
 * closes anything and never sees a path; the reader keeps the layout mapping, the hidden-path
 * check and the descriptor's lifetime.
 *
 * One request at a time, in arrival order: fill slot k of the ring (several read(2) calls:
 * procfs gives at most a page per call), mark it full, tell the main thread, go on with slot
 * k+1 — waiting (Atomics.wait) while the main thread still holds that slot. The main thread
 * sets the cancel word when its consumer stops early; the request then ends at the next
 * chunk boundary. Every request ends with exactly one `done` message, after which this
 * thread no longer touches the descriptor (so the reader may close it).
 */
import { readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { ThreadRequest, ThreadMessage } from './reader-thread.js';

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

const port = parentPort;
if (port !== null) {
  const post = (m: ThreadMessage) => port.postMessage(m);
  port.on('message', (r: ThreadRequest) => post(serve(r, post)));
  post({ ready: true });
}
