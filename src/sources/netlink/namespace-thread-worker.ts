/**
 * The body of a namespace thread (namespace-thread.ts): enter the network namespace,
 * report this thread's id, then stay — alive and idle — until told to stop. Its
 * /proc/<pid>/task/<tid>/net is then a procfs path that belongs to that namespace.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSync, closeSync, readlinkSync } from 'node:fs';
import { loadLibc } from './libc.js';

const CLONE_NEWNET = 0x40000000;
const port = parentPort!;

try {
  const libc = await loadLibc();
  const fd = openSync((workerData as { path: string }).path, 'r');
  try {
    if (libc.setns(fd, CLONE_NEWNET) !== 0) throw new Error(`setns: errno ${libc.errno()}`);
  } finally {
    closeSync(fd);
  }
  // /proc/thread-self → "<pid>/task/<tid>"
  port.postMessage({ ok: true, task: readlinkSync('/proc/thread-self') });
  port.on('message', () => port.close());
} catch (err) {
  port.postMessage({ ok: false, code: (err as NodeJS.ErrnoException).code, message: (err as Error).message });
  port.close();
}
