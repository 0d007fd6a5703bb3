/**
 * The only module of the tree source that touches the file system.
 *
 * A `TreeReader` reads *logical* paths — the path a file has on a normal machine, without
 * the leading slash (`proc/net/tcp`, `sys/class/net/lo/mtu`) — and maps them to physical
 * paths through a `TreeLayout`. That is how the live kernel, a captured tree and another
 * process's network namespace differ only in the bytes they give (procfs's `NewFS`,
 * ss's `PROC_ROOT`): every parser and assembler sees the same logical paths, and every
 * issue names the logical path.
 *
 * Files under /proc and /sys report a size of 0 or 4096 to stat, so a file is read to
 * its end with a growing buffer, under a cap.
 */
import { closeSync, openSync, readdirSync, readlinkSync } from 'node:fs';
import { open, readdir, readlink, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Maps a logical path prefix to a physical directory. Longest prefix wins. */
export interface TreeLayout {
  /** Physical directory for the logical root. */
  readonly root: string;
  /** Logical prefix (e.g. `proc/net`) → physical directory that replaces it. */
  readonly overrides?: Readonly<Record<string, string>>;
  /**
   * Logical prefixes this source must not read, with the reason: they exist physically
   * but would show another namespace's data (see layouts.ts). Reads answer `absent`.
   */
  readonly hidden?: Readonly<Record<string, string>>;
}

export type ReadFailure = {
  readonly ok: false;
  /** `absent`: no such file here (ENOENT/ENOTDIR); `denied`: EACCES/EPERM; `error`: anything else. */
  readonly reason: 'absent' | 'denied' | 'error' | 'too-large';
  readonly errno?: string;
  readonly message: string;
};
export type ReadOutcome = { readonly ok: true; readonly text: string } | ReadFailure;
export type ListOutcome = { readonly ok: true; readonly names: string[] } | ReadFailure;
export type LinkOutcome = { readonly ok: true; readonly target: string } | ReadFailure;
/** One step of `readChunks`: the next bytes, or why reading stopped (then the last step). */
export type ChunkOutcome = { readonly ok: true; readonly bytes: Buffer } | ReadFailure;
/** One entry of `readLinksSync`: the link target, or why it could not be read. */
export type LinkTarget = string | ReadFailure;
/** A directory's entries and, for each, its link target or why it could not be read. */
export type LinksOutcome = { readonly ok: true; readonly names: string[]; readonly targets: LinkTarget[] } | ReadFailure;

/** Default cap on one file: 100k sockets are ~15 MB of /proc/net/tcp; leave room for 1M+. */
export const DEFAULT_MAX_FILE_BYTES = 512 * 1024 * 1024;
const FIRST_CHUNK = 64 * 1024;
const MAX_CHUNK = 4 * 1024 * 1024;
/** Default chunk of `readChunks`: ~64 procfs reads, a few ms of kernel time per chunk. */
export const DEFAULT_CHUNK_BYTES = 256 * 1024;

export class TreeReader {
  readonly layout: TreeLayout;
  readonly maxFileBytes: number;
  private readonly prefixes: [string, string][];

  constructor(layout: TreeLayout, maxFileBytes = DEFAULT_MAX_FILE_BYTES) {
    this.layout = layout;
    this.maxFileBytes = maxFileBytes;
    this.prefixes = Object.entries(layout.overrides ?? {}).sort((a, b) => b[0].length - a[0].length);
  }

  /** The physical path of a logical one. Refuses `..` so nothing escapes the layout. */
  physical(logical: string): string {
    if (logical.split('/').includes('..')) throw new Error(`logical path must not contain '..': ${logical}`);
    for (const [prefix, dir] of this.prefixes) {
      if (logical === prefix) return dir;
      if (logical.startsWith(`${prefix}/`)) return join(dir, logical.slice(prefix.length + 1));
    }
    return join(this.layout.root, logical);
  }

  /** A failure for logical paths the layout hides, else undefined. */
  private hiddenFailure(logical: string): ReadFailure | undefined {
    for (const [prefix, why] of Object.entries(this.layout.hidden ?? {})) {
      if (logical === prefix || logical.startsWith(`${prefix}/`)) return { ok: false, reason: 'absent', message: why };
    }
    return undefined;
  }

  async read(logical: string): Promise<ReadOutcome> {
    const hidden = this.hiddenFailure(logical);
    if (hidden !== undefined) return hidden;
    let handle;
    try {
      handle = await open(this.physical(logical), 'r');
    } catch (err) {
      return failure(err);
    }
    try {
      let buf = Buffer.allocUnsafe(FIRST_CHUNK);
      let used = 0;
      for (;;) {
        if (used === buf.length) {
          if (buf.length >= this.maxFileBytes) {
            return { ok: false, reason: 'too-large', message: `larger than the ${this.maxFileBytes}-byte cap` };
          }
          const grown = Buffer.allocUnsafe(Math.min(this.maxFileBytes, buf.length + Math.min(buf.length, MAX_CHUNK)));
          buf.copy(grown, 0, 0, used);
          buf = grown;
        }
        const { bytesRead } = await handle.read(buf, used, buf.length - used, null);
        if (bytesRead === 0) break;
        used += bytesRead;
      }
      return { ok: true, text: buf.toString('utf8', 0, used) };
    } catch (err) {
      return failure(err);
    } finally {
      await handle.close();
    }
  }

  /**
   * Reads a file from start to end in chunks over ONE open descriptor, for files too large
   * to hold whole: /proc/net/tcp with 100k sockets is ~15 MB, and as one string (plus the
   * buffer it was decoded from) it dominated the memory of a socket listing. Each step is
   * the next bytes (at most `chunkBytes`), or a failure — opening it, reading it, or passing
   * `maxFileBytes` — as the last step. A yielded Buffer is valid only until the next step
   * (the buffers are reused): the consumer copies what it keeps.
   *
   * Who reads: the reader's background thread (reader-thread.ts) once it runs, so that the
   * kernel prints the file while the caller decodes it; until then — the first chunks of a
   * fresh process, while the thread starts (~25–35 ms here) — or when it is busy with another
   * read, or no thread can run, this thread, synchronously, giving the event loop a turn
   * between chunks. Never one promise
   * per read(2): procfs seq files hand out at most a page per read(2), so 15 MB is ~3,700
   * reads; measured on the project's 2-core machine over a 100,008-row /proc/net/tcp,
   * readSync in a loop 170–270 ms wall (nearly all of it the kernel printing rows),
   * FileHandle.read (a libuv pool hop per read) 400–420 ms with ~80 % more system time.
   */
  async *readChunks(logical: string, chunkBytes = DEFAULT_CHUNK_BYTES): AsyncGenerator<ChunkOutcome, void, undefined> {
    const hidden = this.hiddenFailure(logical);
    if (hidden !== undefined) {
      yield hidden;
      return;
    }
    let fd: number;
    try {
      fd = openSync(this.physical(logical), 'r');
    } catch (err) {
      yield failure(err);
      return;
    }
    try {
      const size = Math.max(1, Math.min(chunkBytes, this.maxFileBytes + 1));
      yield* (await import('./reader-chunks.js')).chunksOf(fd, size, this.maxFileBytes);
    } finally {
      closeSync(fd);
    }
  }

  /**
   * The reader thread's share of the owner scan (process-owners.ts), which meanwhile reads
   * other links on this thread: `listSync` of a directory of links and `readLinksSync` of
   * its first `first` entries (`targets` is then shorter than `names`), or, given `names`,
   * `readLinksSync` of those. Undefined when the thread is not running or is reading a
   * file, or when this reader's listSync or readLinksSync is replaced (a subclass: the
   * thread would read around it); the caller then does the work itself.
   */
  async linksInThread(logicalDir: string, which: { readonly first: number } | { readonly names: string[] }): Promise<LinksOutcome | undefined> {
    const hidden = this.hiddenFailure(logicalDir);
    if (hidden !== undefined) return hidden;
    if (this.listSync !== TreeReader.prototype.listSync || this.readLinksSync !== TreeReader.prototype.readLinksSync) return undefined;
    const [names, first] = 'names' in which ? [which.names, which.names.length] : [undefined, which.first];
    return (await import('./reader-chunks.js')).linksInThread(this.physical(logicalDir), names, first);
  }

  async list(logical: string): Promise<ListOutcome> {
    const hidden = this.hiddenFailure(logical);
    if (hidden !== undefined) return hidden;
    try {
      return { ok: true, names: (await readdir(this.physical(logical))).sort() };
    } catch (err) {
      return failure(err);
    }
  }

  async readLink(logical: string): Promise<LinkOutcome> {
    const hidden = this.hiddenFailure(logical);
    if (hidden !== undefined) return hidden;
    try {
      return { ok: true, target: await readlink(this.physical(logical)) };
    } catch (err) {
      return failure(err);
    }
  }

  /*
   * Synchronous methods, for one job: attributing sockets to processes by scanning
   * /proc/<pid>/fd (sources/tree/process-owners.ts), one readlink per open file
   * descriptor of every process — 100,000 and more on a busy server.
   *
   * Measured on the project's 2-core machine, scanning ~93,600 fds (6 processes holding
   * 93,029 loopback TCP sockets): readlinkSync ≈ 570–730 ms; fs/promises readlink
   * through the libuv pool (Promise.all per process) ≈ 1,500–1,950 ms; a C loop with
   * readlinkat(2) ≈ 435–460 ms, with readlink(2) on absolute paths ≈ 525–550 ms. The
   * kernel's per-link work (lookup of /proc/<pid>/fd/<n>, d_path of the socket) is the
   * floor; the synchronous call adds little to it, a promise plus a pool hop per fd
   * triples it. The price is that a call blocks the event loop, so callers pass a few
   * thousand names at a time and yield in between (process-owners.ts does).
   */

  /** Lists a directory synchronously, unsorted (readdir order). See the note above. */
  listSync(logical: string): ListOutcome {
    const hidden = this.hiddenFailure(logical);
    if (hidden !== undefined) return hidden;
    try {
      return { ok: true, names: readdirSync(this.physical(logical)) };
    } catch (err) {
      return failure(err);
    }
  }

  /**
   * Reads the targets of the symbolic links `names` inside one directory, synchronously,
   * mapping the directory once. `names` are plain entry names as `list`/`listSync` give
   * them (no `/`, not `.` or `..`). Each result is the target, or why it was not read.
   */
  readLinksSync(logicalDir: string, names: readonly string[]): LinkTarget[] {
    const dir = `${this.physical(logicalDir)}/`;
    const out = new Array<LinkTarget>(names.length);
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string;
      if (name === '' || name === '.' || name === '..' || name.includes('/')) {
        throw new Error(`readLinksSync: not a plain entry name: ${JSON.stringify(name)}`);
      }
      try {
        out[i] = readlinkSync(dir + name);
      } catch (err) {
        out[i] = failure(err);
      }
    }
    return out;
  }
}

/** Why a file-system call failed, as the reader reports it. */
export function failure(err: unknown): ReadFailure {
  const code = (err as NodeJS.ErrnoException)?.code;
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'absent', errno: code, message };
  if (code === 'EACCES' || code === 'EPERM') return { ok: false, reason: 'denied', errno: code, message };
  return code === undefined ? { ok: false, reason: 'error', message } : { ok: false, reason: 'error', errno: code, message };
}

/** Whether a physical path is a directory: how open() checks a tree root or /proc/<pid>/net. */
export async function isDirectory(path: string): Promise<{ readonly ok: true; readonly directory: boolean } | ReadFailure> {
  try {
    return { ok: true, directory: (await stat(path)).isDirectory() };
  } catch (err) {
    return failure(err);
  }
}
