/**
 * A thread that lives inside another network namespace, so procfs can be read there.
 *
 * Why a thread: /proc/<pid>/net (and /proc/self/net) shows the namespace of the process's
 * main thread, and a file descriptor of that directory re-resolves every lookup through
 * the thread it names — so neither a pid nor an fd reaches a namespace that no process
 * lives in (a name under /run/netns often has none). /proc/<pid>/task/<tid>/net shows the
 * namespace of thread <tid>: a worker thread that setns()es into the namespace and stays
 * there gives a path every other thread (libuv's pool, the reader thread) can open.
 * The thread does nothing else; it is unref'd, so it never keeps a program alive.
 */
import { Worker } from 'node:worker_threads';
import { once } from 'node:events';
import { KstatError } from '../../errors.js';

export class NamespaceThread {
  private constructor(
    private readonly worker: Worker,
    /** "/proc/<pid>/task/<tid>/net": procfs of the namespace, for as long as the thread lives. */
    readonly procNet: string,
  ) {}

  static async enter(netnsPath: string): Promise<NamespaceThread> {
    const worker = new Worker(new URL('./namespace-thread-worker.js', import.meta.url), { workerData: { path: netnsPath } });
    const [reply] = (await Promise.race([once(worker, 'message'), once(worker, 'error').then(([e]) => [{ ok: false, message: (e as Error).message }])])) as [
      { ok: boolean; task?: string; code?: string; message?: string },
    ];
    if (!reply.ok || reply.task === undefined) {
      await worker.terminate();
      if (reply.code === 'ENOENT') throw new KstatError('E_UNAVAILABLE', `no network namespace ${netnsPath}`);
      const denied = /errno 1\b/.test(reply.message ?? '') || reply.code === 'EACCES';
      throw new KstatError(denied ? 'E_UNAVAILABLE' : 'E_SOURCE_IO', `cannot enter network namespace ${netnsPath}: ${reply.message}${denied ? ' (needs CAP_SYS_ADMIN)' : ''}`);
    }
    worker.unref();
    return new NamespaceThread(worker, `/proc/${reply.task}/net`);
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
