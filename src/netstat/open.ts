/**
 * `open(options)`: a session bound to exactly one source. Nothing in a session ever reads
 * from another source — the source is chosen here, once, and the session only delegates.
 * `openSource()` is the same choice without the session (kstatOpen() uses it).
 */
import { KstatError } from '../errors.js';
import { TreeReader, DEFAULT_MAX_FILE_BYTES, isDirectory } from '../sources/tree/reader.js';
import { TreeSource } from '../sources/tree/tree-source.js';
import { capturedTreeLayout, liveLayout, netnsLayout, pidLayout, type TreeSetup } from '../sources/tree/layouts.js';
import { KernelSource } from '../sources/netlink/kernel-source.js';
import { READ_PATHS, type ReadPath } from '../sources/netlink/read-path.js';
import { NetlinkSockets } from '../sources/netlink/channel.js';
import type { NamespaceThread } from '../sources/netlink/namespace-thread.js';
import type { Source } from '../sources/source.js';
import { Session } from './session.js';

export interface OpenOptions {
  /** A captured tree: a directory shaped like a machine root (proc/..., sys/...). */
  root?: string;
  /** The network namespace of this process (netlink inside it; procfs through /proc/<pid>/net). */
  pid?: number;
  /** A named network namespace, as `ip netns` names them: /run/netns/<name>. Needs CAP_SYS_ADMIN. */
  netns?: string;
  /** A network namespace file: /run/netns/<name>, /proc/<pid>/ns/net, or a bind mount of one. Needs CAP_SYS_ADMIN. */
  netnsPath?: string;
  /**
   * Live, pid and netns sources: 'auto' (default) reads netlink where it serves a kind and
   * procfs otherwise; 'netlink' or 'procfs' uses only that path (a kind the path cannot
   * serve rejects with E_UNAVAILABLE). Captured trees, snapshots and remote hosts ignore it.
   */
  via?: ReadPath;
  /** A snapshot file (.kss) saved by saveSnapshot() or `kstat -o`. */
  snapshot?: string;
  /** A remote kstatd: `name`, `1.2.3.4` or `[v6]`, optionally `:port` (else asked of the host's rpcbind). */
  host?: string;
  /** Remote: the timeout of each RPC call in ms (default 10 s). */
  timeoutMs?: number;
  /** Cap on the size of one kernel file read (default 512 MiB). */
  maxFileBytes?: number;
}

const SOURCE_KEYS = ['root', 'pid', 'netns', 'netnsPath', 'snapshot', 'host'] as const;
const KNOWN_KEYS = new Set<string>([...SOURCE_KEYS, 'maxFileBytes', 'timeoutMs', 'via']);

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
  const via = options.via ?? 'auto';
  if (!READ_PATHS.includes(via)) throw new KstatError('E_ARGUMENT', `via must be one of ${READ_PATHS.join(', ')}, not ${String(via)}`);
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (options.root !== undefined) {
    await requireDirectory(options.root, `captured tree ${options.root}`);
    const setup = capturedTreeLayout(options.root);
    return new TreeSource(new TreeReader(setup.layout, maxFileBytes), setup.info);
  }
  const { setup, netnsPath, thread } = await kernelSetup(options);
  const procfs = new TreeSource(new TreeReader(setup.layout, maxFileBytes), setup.info);
  const channel = new NetlinkSockets(netnsPath);
  if (via !== 'procfs') channel.preload();
  return new KernelSource(procfs, channel, via, thread);
}

/** The source of a session that open() made. */
export function sourceOfSession(session: Session): Source {
  const source = sessionSources.get(session);
  if (source === undefined) throw new KstatError('E_ARGUMENT', 'not a session made by open()');
  return source;
}

/** The live kernel, a pid's namespace or a named one: where procfs is, and which namespace netlink enters. */
async function kernelSetup(options: OpenOptions): Promise<{ setup: TreeSetup; netnsPath?: string; thread?: NamespaceThread }> {
  if (options.pid !== undefined) {
    if (!Number.isInteger(options.pid) || options.pid <= 0) throw new KstatError('E_ARGUMENT', `pid must be a positive integer, got ${options.pid}`);
    await requireDirectory(`/proc/${options.pid}/net`, `network namespace of pid ${options.pid}`);
    return { setup: pidLayout(options.pid), netnsPath: `/proc/${options.pid}/ns/net` };
  }
  const path = options.netns !== undefined ? namedNetnsPath(options.netns) : options.netnsPath;
  if (path === undefined) return { setup: liveLayout() };
  const thread = await (await import('../sources/netlink/namespace-thread.js')).NamespaceThread.enter(path); // only namespaces by name or path need it
  const label = options.netns !== undefined ? `netns ${options.netns}` : `netns ${path}`;
  return { setup: netnsLayout(thread.procNet, label), netnsPath: path, thread };
}

/** `ip netns` keeps named namespaces as files under /run/netns. */
function namedNetnsPath(name: string): string {
  if (typeof name !== 'string' || name === '' || name === '.' || name === '..' || name.includes('/')) {
    throw new KstatError('E_ARGUMENT', `a network namespace name is a plain file name under /run/netns, not ${JSON.stringify(name)}`);
  }
  return `/run/netns/${name}`;
}

async function requireDirectory(path: string, what: string): Promise<void> {
  const r = await isDirectory(path);
  if (r.ok && r.directory) return;
  if (r.ok) throw new KstatError('E_SOURCE_IO', `${what}: not a directory`);
  if (r.reason === 'absent') throw new KstatError('E_UNAVAILABLE', `${what}: no such directory`);
  throw new KstatError('E_SOURCE_IO', `${what}: ${r.errno ?? r.message}`);
}
