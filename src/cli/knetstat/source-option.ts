/**
 * Which source a knetstat run reads: -N/--netns, -R/--root, -H/--host (a remote kstatd:
 * NAME, IPv4 or [IPv6], optionally :PORT, else the host's rpcbind is asked) and
 * -M/--snapshot (a file saved by `knetstat --save` or `kstat --save`). One source per run;
 * none means the live kernel of knetstat's own namespace.
 */
import { UsageError, last, type ParsedArgs } from '../args.js';
import type { OpenOptions } from '../../netstat/open.js';
import { KstatError } from '../../errors.js';
import { parseHost } from '../../sources/remote/host.js';

const NETNS_PATH = /^\/proc\/(\d+)\/ns\/net$/;
const PID = /^\d+$/;

/** The open() options for the source the arguments name. */
export function sourceFromArgs(args: ParsedArgs): OpenOptions {
  const given = ['netns', 'root', 'snapshot', 'host'].filter((k) => args.options.has(k));
  if (given.length > 1) throw new UsageError(`one source per run: got ${given.map(flagOf).join(' and ')}`);
  for (const k of ['netns', 'root', 'snapshot', 'host']) {
    if ((args.options.get(k)?.length ?? 0) > 1) throw new UsageError(`${flagOf(k)} given twice: one source per run`);
  }
  const root = last(args, 'root');
  if (root !== undefined) {
    if (root === '') throw new UsageError('-R needs a directory');
    return { root };
  }
  const netns = last(args, 'netns');
  if (netns !== undefined) return { pid: netnsPid(netns) };
  const snapshot = last(args, 'snapshot');
  if (snapshot !== undefined) {
    if (snapshot === '') throw new UsageError('-M needs a snapshot file');
    return { snapshot };
  }
  const host = last(args, 'host');
  if (host !== undefined) return { host: checkHost(host) };
  return {};
}

/** -N PID, or -N /proc/PID/ns/net; named namespaces wait for the netlink source. */
function netnsPid(value: string): number {
  const m = PID.test(value) ? value : NETNS_PATH.exec(value)?.[1];
  if (m !== undefined) {
    const pid = Number(m);
    if (pid > 0 && pid <= 0x3fffffff) return pid;
    throw new UsageError(`-N ${value}: not a valid pid`);
  }
  throw new UsageError(
    `-N ${value}: named network namespaces and paths other than /proc/PID/ns/net need the netlink source, which is not yet available; ` +
      'use -N PID with the pid of a process inside the namespace (e.g. from `ip netns pids NAME`)',
  );
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

function flagOf(name: string): string {
  return { netns: '-N', root: '-R', snapshot: '-M', host: '-H' }[name] ?? name;
}
