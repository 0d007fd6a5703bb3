/**
 * Which source a command reads, the same way for knetstat, kstat and kstatd:
 * -N/--netns NAME|PID|PATH (a network namespace), -R/--root DIR (a captured tree), -M/--snapshot FILE,
 * -H/--host HOST (a remote kstatd; kstatd itself takes none), or nothing: the live kernel of
 * the command's own namespace. One source per run, except that kstat takes -H repeatedly
 * (`sourcesFromArgs`: one report over several hosts).
 */
import { UsageError, last, type ParsedArgs } from './args.js';
import type { OpenOptions } from '../netstat/open.js';
import { KstatError } from '../errors.js';
import { parseHost } from '../sources/remote/host.js';
import { READ_PATHS, type ReadPath } from '../sources/netlink/read-path.js';

type SourceKey = 'netns' | 'root' | 'snapshot' | 'host';
const FLAG: Readonly<Record<SourceKey, string>> = { netns: '-N', root: '-R', snapshot: '-M', host: '-H' };
const NETNS_PATH = /^\/proc\/(\d+)\/ns\/net$/;

/** The open() options for the one source the arguments name. `keys` are the source options the command has. */
export function sourceFromArgs(args: ParsedArgs, keys: readonly SourceKey[] = ['netns', 'root', 'snapshot', 'host']): OpenOptions {
  const source = namedSource(args, keys);
  const via = last(args, 'via');
  if (via === undefined) return source;
  if (!(READ_PATHS as readonly string[]).includes(via)) throw new UsageError(`--via ${via}: expected ${READ_PATHS.join(', ')}`);
  if (source.root !== undefined || source.snapshot !== undefined || source.host !== undefined) throw new UsageError('--via applies to the live kernel and its namespaces (-N) only');
  return { ...source, via: via as ReadPath };
}

function namedSource(args: ParsedArgs, keys: readonly SourceKey[]): OpenOptions {
  const given = keys.filter((k) => args.options.has(k));
  if (given.length > 1) throw new UsageError(`one source per run: got ${given.map((k) => FLAG[k]).join(' and ')}`);
  for (const k of keys) if ((args.options.get(k)?.length ?? 0) > 1) throw new UsageError(`${FLAG[k]} given twice: one source per run`);
  const root = last(args, 'root');
  if (root !== undefined) return { root: nonEmpty(root, '-R needs a directory') };
  const snapshot = last(args, 'snapshot');
  if (snapshot !== undefined) return { snapshot: nonEmpty(snapshot, '-M needs a snapshot file') };
  const netns = last(args, 'netns');
  if (netns !== undefined) return netnsOption(netns);
  const host = last(args, 'host');
  if (host !== undefined) return { host: checkHost(host) };
  return {};
}

/** kstat's sources: one, or one per -H HOST (repeatable; excludes -R, -N and -M). */
export function sourcesFromArgs(args: ParsedArgs): OpenOptions[] {
  const hosts = args.options.get('host');
  if (hosts === undefined || hosts.length === 1) return [sourceFromArgs(args)];
  const others = (['netns', 'root', 'snapshot'] as const).filter((k) => args.options.has(k));
  if (others.length > 0) throw new UsageError(`one source per run: got ${[...others.map((k) => FLAG[k]), '-H'].join(' and ')}`);
  for (const h of hosts) checkHost(h);
  if (new Set(hosts).size < hosts.length) throw new UsageError('-H: the same host given twice');
  return hosts.map((host) => ({ host }));
}

/** The source as the user named it, for errors before the source is open. */
export function sourceLabel(source: OpenOptions): string {
  if (source.root !== undefined) return `tree ${source.root}`;
  if (source.snapshot !== undefined) return `snapshot ${source.snapshot}`;
  if (source.pid !== undefined) return `pid ${source.pid}`;
  if (source.netns !== undefined) return `netns ${source.netns}`;
  if (source.netnsPath !== undefined) return `netns ${source.netnsPath}`;
  if (source.host !== undefined) return `host ${source.host}`;
  return 'live kernel';
}

function nonEmpty(value: string, message: string): string {
  if (value === '') throw new UsageError(message);
  return value;
}

/**
 * -N PID (the namespace of that process; also /proc/PID/ns/net), -N PATH (a namespace file,
 * any path with a "/"), or -N NAME (`ip netns` name: /run/netns/NAME).
 */
function netnsOption(value: string): OpenOptions {
  const digits = /^\d+$/.test(value) ? value : NETNS_PATH.exec(value)?.[1];
  if (digits !== undefined) {
    const pid = Number(digits);
    if (pid > 0 && pid <= 0x3fffffff) return { pid };
    throw new UsageError(`-N ${value}: not a valid pid`);
  }
  if (value === '' || value === '.' || value === '..') throw new UsageError(`-N needs a namespace name, pid or path`);
  return value.includes('/') ? { netnsPath: value } : { netns: value };
}

function checkHost(host: string): string {
  try {
    parseHost(host);
    return host;
  } catch (err) {
    if (KstatError.is(err)) throw new UsageError(`-H ${err.message}`);
    throw err;
  }
}
