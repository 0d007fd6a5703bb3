/**
 * Which source a kstat run reads (our extension; kstat(1M) reads only the running kernel):
 * -R DIR a captured tree, -N PID another network namespace, -M FILE a snapshot file;
 * none means the live kernel. One source per run.
 *
 * -H HOST reads a remote kstatd (NAME, IPv4 or [IPv6], optionally :PORT, else rpcbind is
 * asked). -H is repeatable: one report over several hosts, each kstat labelled with its
 * host (sourcesFromArgs gives one source per host); it excludes -R, -N and -M.
 */
import { UsageError, last, type ParsedArgs } from '../args.js';
import type { OpenOptions } from '../../netstat/open.js';
import { KstatError } from '../../errors.js';
import { parseHost } from '../../sources/remote/host.js';

const SOURCES = ['root', 'netns', 'snapshot', 'host'] as const;
const FLAG: Readonly<Record<(typeof SOURCES)[number], string>> = { root: '-R', netns: '-N', snapshot: '-M', host: '-H' };
const NETNS_PATH = /^\/proc\/(\d+)\/ns\/net$/;

/** The sources of a run: one, or one per -H HOST. */
export function sourcesFromArgs(args: ParsedArgs): OpenOptions[] {
  const given = SOURCES.filter((k) => args.options.has(k));
  if (given.length > 1) throw new UsageError(`one source per run: got ${given.map((k) => FLAG[k]).join(' and ')}`);
  const hosts = args.options.get('host');
  if (hosts === undefined) return [sourceFromArgs(args)];
  for (const h of hosts) checkHost(h);
  if (new Set(hosts).size < hosts.length) throw new UsageError('-H: the same host given twice');
  return hosts.map((host) => ({ host }));
}

function checkHost(host: string): void {
  try {
    parseHost(host);
  } catch (err) {
    if (KstatError.is(err)) throw new UsageError(`-H ${err.message}`);
    throw err;
  }
}

export function sourceFromArgs(args: ParsedArgs): OpenOptions {
  const given = SOURCES.filter((k) => args.options.has(k));
  if (given.length > 1) throw new UsageError(`one source per run: got ${given.map((k) => FLAG[k]).join(' and ')}`);
  for (const k of SOURCES) if ((args.options.get(k)?.length ?? 0) > 1) throw new UsageError(`${FLAG[k]} given twice: one source per run`);
  const host = last(args, 'host');
  if (host !== undefined) {
    checkHost(host);
    return { host };
  }
  const root = last(args, 'root');
  if (root !== undefined) return { root: nonEmpty(root, '-R needs a directory') };
  const snapshot = last(args, 'snapshot');
  if (snapshot !== undefined) return { snapshot: nonEmpty(snapshot, '-M needs a file') };
  const netns = last(args, 'netns');
  if (netns !== undefined) return { pid: netnsPid(netns) };
  return {};
}

function nonEmpty(value: string, message: string): string {
  if (value === '') throw new UsageError(message);
  return value;
}

/** -N PID or -N /proc/PID/ns/net (named namespaces wait for the netlink source). */
function netnsPid(value: string): number {
  const digits = /^\d+$/.test(value) ? value : NETNS_PATH.exec(value)?.[1];
  if (digits === undefined) throw new UsageError(`-N ${value}: expected a pid (or /proc/PID/ns/net); named namespaces are not yet available`);
  const pid = Number(digits);
  if (pid > 0 && pid <= 0x3fffffff) return pid;
  throw new UsageError(`-N ${value}: not a valid pid`);
}

/** The source as the user named it, for errors before the source is open. */
export function sourceLabel(source: OpenOptions): string {
  if (source.root !== undefined) return `tree ${source.root}`;
  if (source.snapshot !== undefined) return `snapshot ${source.snapshot}`;
  if (source.pid !== undefined) return `pid ${source.pid}`;
  if (source.host !== undefined) return `host ${source.host}`;
  return 'live kernel';
}
