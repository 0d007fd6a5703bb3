/**
 * `open(options)`: a session bound to exactly one source. Nothing in a session ever reads
 * from another source — the source is chosen here, once, and the session only delegates.
 * `openSource()` is the same choice without the session (kstatOpen() uses it).
 */
import { KstatError } from '../errors.js';
import { TreeReader, DEFAULT_MAX_FILE_BYTES, isDirectory } from '../sources/tree/reader.js';
import { TreeSource } from '../sources/tree/tree-source.js';
import { capturedTreeLayout, liveLayout, pidLayout, type TreeSetup } from '../sources/tree/layouts.js';
import type { Source } from '../sources/source.js';
import { Session } from './session.js';

export interface OpenOptions {
  /** A captured tree: a directory shaped like a machine root (proc/..., sys/...). */
  root?: string;
  /** The network namespace of this process (read through /proc/<pid>/net). */
  pid?: number;
  /** A snapshot file (.kss) saved by saveSnapshot() or `kstat -o`. */
  snapshot?: string;
  /** A remote kstatd: `name`, `1.2.3.4` or `[v6]`, optionally `:port` (else asked of the host's rpcbind). */
  host?: string;
  /** Remote: the timeout of each RPC call in ms (default 10 s). */
  timeoutMs?: number;
  /** Cap on the size of one kernel file read (default 512 MiB). */
  maxFileBytes?: number;
}

const SOURCE_KEYS = ['root', 'pid', 'snapshot', 'host'] as const;
const KNOWN_KEYS = new Set<string>([...SOURCE_KEYS, 'maxFileBytes', 'timeoutMs']);

/** Which source each session reads: saveSnapshot(session) needs it, the session keeps it private. */
const sessionSources = new WeakMap<Session, Source>();

export async function open(options: OpenOptions = {}): Promise<Session> {
  const source = await openSource(options);
  const session = new Session(source);
  sessionSources.set(session, source);
  return session;
}

/** The source `options` names, opened. The caller owns it (and closes it). */
export async function openSource(options: OpenOptions = {}): Promise<Source> {
  for (const key of Object.keys(options)) {
    if (!KNOWN_KEYS.has(key)) throw new KstatError('E_ARGUMENT', `unknown open() option "${key}"`);
  }
  const chosen = SOURCE_KEYS.filter((k) => options[k] !== undefined);
  if (chosen.length > 1) throw new KstatError('E_ARGUMENT', `open() takes one source, got ${chosen.join(' and ')}`);
  if (options.snapshot !== undefined) return (await import('../sources/snapshot/snapshot-source.js')).openSnapshotSource(options.snapshot);
  if (options.host !== undefined) return (await import('../sources/remote/remote-source.js')).openRemoteSource(options.host, options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs });
  const setup = await setupFor(options);
  const reader = new TreeReader(setup.layout, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  return new TreeSource(reader, setup.info);
}

/** The source of a session that open() made. */
export function sourceOfSession(session: Session): Source {
  const source = sessionSources.get(session);
  if (source === undefined) throw new KstatError('E_ARGUMENT', 'not a session made by open()');
  return source;
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
  const r = await isDirectory(path);
  if (r.ok && r.directory) return;
  if (r.ok) throw new KstatError('E_SOURCE_IO', `${what}: not a directory`);
  if (r.reason === 'absent') throw new KstatError('E_UNAVAILABLE', `${what}: no such directory`);
  throw new KstatError('E_SOURCE_IO', `${what}: ${r.errno ?? r.message}`);
}
