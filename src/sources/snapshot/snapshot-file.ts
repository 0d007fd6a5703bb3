/**
 * The only I/O of snapshot files: write atomically, read with a size cap. The format
 * itself (bytes ↔ Snapshot) is protocol/snapshot/format.ts and does no I/O.
 *
 * Atomic write: the bytes go to a temporary file in the SAME directory (rename(2) is
 * atomic only within one file system), which is fsync'ed before it is renamed over the
 * target, and then the directory is fsync'ed so the rename itself survives a crash. A
 * reader therefore sees either the old file or the complete new one, never a torn file.
 */
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { KstatError } from '../../errors.js';
import { SNAPSHOT_MAX_BYTES, decodeSnapshot, snapshotErrorToKstatError, type Snapshot } from '../../protocol/snapshot/format.js';

/** Default cap on a snapshot file read: the largest file the format allows. */
export const DEFAULT_MAX_SNAPSHOT_BYTES = SNAPSHOT_MAX_BYTES;

function ioError(what: string, path: string, err: unknown): KstatError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new KstatError('E_UNAVAILABLE', `${what} ${path}: no such file`, { file: path, cause: err });
  return new KstatError('E_SOURCE_IO', `${what} ${path}: ${code ?? String(err)}`, { file: path, cause: err });
}

/** Writes `bytes` to `path` atomically (temp file + fsync + rename + directory fsync). */
export async function writeSnapshotFile(path: string, bytes: Uint8Array): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw ioError('writing snapshot', path, err);
  }
  await syncDirectory(dir);
}

/**
 * fsync of the directory makes the rename durable. Some file systems refuse fsync on a
 * directory (EINVAL) or opening one (EISDIR/EPERM on some platforms): the file itself is
 * complete by then, so those are not errors.
 */
async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EISDIR' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EBADF') {
      throw ioError('syncing the directory of snapshot in', dir, err);
    }
  } finally {
    await handle?.close();
  }
}

/**
 * Reads a whole snapshot file, refusing (E_LIMIT) one larger than `maxBytes` before
 * reading it, and never reading more than `maxBytes` + 1 bytes even if it grows
 * meanwhile. A missing file is E_UNAVAILABLE; other failures E_SOURCE_IO.
 */
export async function readSnapshotFile(path: string, options: { maxBytes?: number } = {}): Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_SNAPSHOT_BYTES;
  let handle;
  try {
    handle = await open(path, 'r');
    const st = await handle.stat();
    if (!st.isFile()) throw new KstatError('E_SOURCE_IO', `reading snapshot ${path}: not a regular file`, { file: path });
    if (st.size > maxBytes) throw tooLarge(path, maxBytes);
    return await readUpTo(handle, path, st.size, maxBytes);
  } catch (err) {
    if (KstatError.is(err)) throw err;
    throw ioError('reading snapshot', path, err);
  } finally {
    await handle?.close();
  }
}

function tooLarge(path: string, maxBytes: number): KstatError {
  return new KstatError('E_LIMIT', `snapshot ${path} is larger than the limit of ${maxBytes} bytes`, { file: path });
}

/** Reads to end of file; the buffer grows if the file grew after fstat, up to the cap. */
async function readUpTo(handle: FileHandle, path: string, expected: number, maxBytes: number): Promise<Uint8Array> {
  let buf = new Uint8Array(Math.min(expected, maxBytes) + 1);
  let length = 0;
  for (;;) {
    if (length === buf.length) {
      if (length > maxBytes) throw tooLarge(path, maxBytes);
      const next = new Uint8Array(Math.min(buf.length * 2, maxBytes + 1));
      next.set(buf);
      buf = next;
    }
    const { bytesRead } = await handle.read(buf, length, buf.length - length, null);
    if (bytesRead === 0) break;
    length += bytesRead;
  }
  if (length > maxBytes) throw tooLarge(path, maxBytes);
  return buf.subarray(0, length);
}

/**
 * Reads and decodes a snapshot file: E_PARSE (naming the file and the byte offset) when
 * it is damaged, truncated or of another major version; the errors of readSnapshotFile
 * otherwise.
 */
export async function loadSnapshotFile(path: string, options: { maxBytes?: number } = {}): Promise<Snapshot> {
  const result = decodeSnapshot(await readSnapshotFile(path, options));
  if (!result.ok) throw snapshotErrorToKstatError(result.error, path);
  return result.snapshot;
}
