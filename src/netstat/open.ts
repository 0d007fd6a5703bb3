/**
 * `open(options)`: a session bound to exactly one source. Nothing in a session ever reads
 * from another source — the source is chosen here, once, and the session only delegates.
 */
import { stat } from 'node:fs/promises';
import { KstatError } from '../errors.js';
import { TreeReader, DEFAULT_MAX_FILE_BYTES } from '../sources/tree/reader.js';
import { TreeSource } from '../sources/tree/tree-source.js';
import { capturedTreeLayout, liveLayout, pidLayout, type TreeSetup } from '../sources/tree/layouts.js';
import { Session } from './session.js';

export interface OpenOptions {
  /** A captured tree: a directory shaped like a machine root (proc/..., sys/...). */
  root?: string;
  /** The network namespace of this process (read through /proc/<pid>/net). */
  pid?: number;
  /** Cap on the size of one kernel file read (default 512 MiB). */
  maxFileBytes?: number;
}

const SOURCE_KEYS = ['root', 'pid'] as const;
const KNOWN_KEYS = new Set<string>([...SOURCE_KEYS, 'maxFileBytes']);

export async function open(options: OpenOptions = {}): Promise<Session> {
  for (const key of Object.keys(options)) {
    if (!KNOWN_KEYS.has(key)) throw new KstatError('E_ARGUMENT', `unknown open() option "${key}"`);
  }
  const chosen = SOURCE_KEYS.filter((k) => options[k] !== undefined);
  if (chosen.length > 1) throw new KstatError('E_ARGUMENT', `open() takes one source, got ${chosen.join(' and ')}`);
  const setup = await setupFor(options);
  const reader = new TreeReader(setup.layout, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  return new Session(new TreeSource(reader, setup.info));
}

async function setupFor(options: OpenOptions): Promise<TreeSetup> {
  if (options.root !== undefined) {
    await requireDirectory(options.root, `captured tree ${options.root}`);
    return capturedTreeLayout(options.root);
  }
  if (options.pid !== undefined) {
    if (!Number.isInteger(options.pid) || options.pid <= 0) throw new KstatError('E_ARGUMENT', `pid must be a positive integer, got ${options.pid}`);
    await requireDirectory(`/proc/${options.pid}/net`, `network namespace of pid ${options.pid}`);
    return pidLayout(options.pid);
  }
  return liveLayout();
}

async function requireDirectory(path: string, what: string): Promise<void> {
  try {
    if ((await stat(path)).isDirectory()) return;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new KstatError('E_UNAVAILABLE', `${what}: no such directory`, { cause: err });
    throw new KstatError('E_SOURCE_IO', `${what}: ${code ?? String(err)}`, { cause: err });
  }
  throw new KstatError('E_SOURCE_IO', `${what}: not a directory`);
}
