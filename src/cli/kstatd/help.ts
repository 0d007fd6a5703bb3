/** kstatd --help (docs/kstatd.md is the long form). */
import { DEFAULT_LIMITS } from '../../daemon/limits.js';

const L = DEFAULT_LIMITS;

export const KSTATD_HELP = `usage: kstatd [-N NAME|PID|PATH | -R DIR | -M FILE] [--via PATH] [-l ADDR:PORT]... [-a CIDR]...
              [--expose-processes] [--no-rpcbind] [--no-udp] [-v|-q] [limits]

Serves the kstat chain of one source, read-only, as ONC RPC program 100149 versions 1-2
(protocol/kstat.x) over TCP and UDP, and registers it with the local rpcbind.

source (one; default: the live kernel of kstatd's own network namespace)
  -N, --netns NAME|PID|PATH  a network namespace: ip netns NAME, process PID's,
                           or a namespace file PATH
  --via auto|netlink|procfs  read path of the live or namespace source (default auto)
  -R, --root DIR           a captured /proc + /sys tree
  -M, --snapshot FILE      a snapshot file (.kss)

network
  -l, --listen ADDR:PORT   listen here (repeatable; [IPV6]:PORT; port 0 = a free port);
                           default 127.0.0.1 and ::1 on --port
  -p, --port PORT          port of the default addresses (default 0: a free port,
                           found through rpcbind)
  -a, --allow CIDR[,...]   clients allowed (repeatable); default 127.0.0.0/8, ::1/128
      --no-udp             TCP only
      --no-rpcbind         do not register with rpcbind
      --expose-processes   include owning processes in netstat:0:sockets and
                           netstat:0:packet-sockets (never sent otherwise)

limits (whole numbers)
  --max-record-bytes N           largest call (${L.maxRecordBytes})
  --max-fragments N              record-marking fragments per call (${L.maxFragments})
  --max-reply-bytes N            largest reply; bigger is KSTAT_EOVERFLOW (${L.maxReplyBytes})
  --max-connections N            TCP connections in all (${L.maxConnections})
  --max-connections-per-client N TCP connections from one address (${L.maxConnectionsPerClient})
  --max-concurrent N             calls served at once in all (${L.maxConcurrent})
  --max-concurrent-per-client N  calls served at once for one address (${L.maxConcurrentPerClient})
  --idle-ms N                    close a connection without a call for N ms (${L.idleMs})
  --write-timeout-ms N           close a connection not reading its reply (${L.writeTimeoutMs})
  --refresh-ms N                 re-read the source at most every N ms (${L.refreshMs})

  -v, --verbose            log every call (priority 7)
  -q, --quiet              log notices and worse only
  -h, --help               this text
  -V, --version            the version

Logs go to stderr, one line each, with syslog priority prefixes (<3> error ... <7> debug).
Under systemd socket activation (LISTEN_FDS) the passed TCP sockets are served instead of
--listen. SIGTERM or SIGINT: stop accepting, unregister from rpcbind, exit 0.

exit status: 0 stopped by a signal (or --help/--version); 2 usage error; 3 the source could
not be opened or an address could not be bound.
`;
