/**
 * The only I/O of snapshot files: write atomically, read with a size cap. The format
 * itself (bytes ↔ Snapshot) is protocol/snapshot/format.ts and does no I/O.
 *
 * Atomic write: the bytes go to a temporary file in the SAME directory (rename(2) is
 * atomic only within one file system), which is fsync'ed before it is renamed over the
 * target, and then the directory is fsync'ed so the rename itself survives a crash. A
 * reader therefore sees either the old file or the complete new one, never a torn file.
 */
import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { KstatError } from '../../errors.js';
import { SNAPSHOT_MAX_BYTES } from '../../protocol/snapshot/format.js';

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
 * reading it. A missing file is E_UNAVAILABLE; other failures E_SOURCE_IO.
 */
export async function readSnapshotFile(path: string, options: { maxBytes?: number } = {}): Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_SNAPSHOT_BYTES;
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new KstatError('E_SOURCE_IO', `reading snapshot ${path}: not a regular file`, { file: path });
    size = st.size;
  } catch (err) {
    if (KstatError.is(err)) throw err;
    throw ioError('reading snapshot', path, err);
  }
  if (size > maxBytes) throw new KstatError('E_LIMIT', `snapshot ${path} is ${size} bytes, above the limit of ${maxBytes}`, { file: path });
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw ioError('reading snapshot', path, err);
  }
  // The file may have grown between stat and read.
  if (bytes.length > maxBytes) throw new KstatError('E_LIMIT', `snapshot ${path} grew above the limit of ${maxBytes} bytes`, { file: path });
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}
