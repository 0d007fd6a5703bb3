/** The --help text: enough for a newcomer to find every mode and source (fits 80 columns). */

export const KNETSTAT_HELP = `Usage: knetstat [SOURCE] [MODE] [OPTIONS]

Show network sockets, queues, interfaces, routes, multicast and protocol
counters of the live kernel, another network namespace, or a captured
/proc + /sys tree.

Modes (one per run; the default is the socket list):
  (none)            sockets: Proto Recv-Q Send-Q Local Foreign State
  -L                TCP listen queues: qlen/incqlen/maxqlen
  -B, --packet      packet (capture) sockets with their processes
  -m, --memory      socket memory: sockstat, protocols, limits, softnet
  -s, --statistics  protocol counters by kernel name, grouped by protocol
  -i, --interfaces  interface table (up ones; -a: all)
  -I IF             one interface
  -r, --route       routes (--table main by default)
  -rs               routing statistics
  -g, --groups      multicast memberships, filters, vifs, forwarding cache
  --neighbours      neighbour cache (ARP, IPv6 ND): ip neigh show
                    (-a: NOARP and NONE entries too; -4, -6: one family)

Socket list:
  -a, --all         listening and non-listening sockets
  -l, --listening   listening only (TCP LISTEN, unconnected UDP/raw,
                    unix listeners); neither: non-listening only
  -t, --tcp   -u, --udp   -w, --raw   -x, --unix   --udplite   --icmp
  -4, --inet  -6, --inet6   families (without -x: no unix sockets)
  -n, --numeric     ports and users as numbers; without -n, service and
                    user names from the SOURCE's own etc/services and
                    etc/passwd (also -L, -B). Addresses are always
                    numeric: no DNS lookups, ever
  -p, --program     PID/Program name column (others' need privileges)
  -e, --extend      User and Inode columns
  -o, --timers      Timer column: name (seconds/retransmits/probes)

Counters and intervals:
  -z, --hide-zeros  with -s: leave out zero counters
  -t -u --udplite --icmp -4 -6   with -s: only those groups
  -w SECS, --interval SECS
                    with -i, -I or -s: a report every SECS seconds
                    (-i/-I: traffic and rates; -s: per-second deltas);
                    without a number, -w is raw sockets (socket list)
  -c COUNT, --count COUNT   stop after COUNT reports (default: ^C)

Routes:
  --table T         all, main, local or a table number (default main)
  -4, -6            one family only

Sources (one per run; default: the live kernel, this namespace):
  -N NS, --netns NS     a network namespace: NAME (ip netns, /run/netns/NAME),
                        PID (that process's), or a PATH to a namespace file
  --via PATH            auto (default: netlink, procfs where netlink cannot),
                        netlink or procfs only (live kernel and -N)
  -R DIR, --root DIR    captured tree: DIR/proc/net, DIR/sys/class/net
  -H HOST, --host HOST  a remote kstatd: NAME, IPv4 or [IPv6], optionally :PORT
                        (else the host's rpcbind is asked)
  -M FILE               a snapshot file (saved by --save here or by kstat)
  --save FILE           save every view of the source to FILE and exit

Output:
  --json            one JSON document per report (one line each with
                    -w: NDJSON); 64-bit counters as exact integers
  -h, --help        this help
  --version         the version

Exit status: 0 ok, 1 a list report matched nothing, 2 usage error,
3 the source is unavailable or could not be read. Warnings go to
stderr after the report, naming the source and the file.

Examples:
  knetstat -tan                 all TCP sockets
  knetstat -tlnp                TCP listeners with their processes
  knetstat -L                   accept-queue use of every listener
  knetstat -i -w 1 -c 5         interface rates, five 1-second reports
  knetstat -s -z -t             non-zero TCP counters
  knetstat -R ./bundle -r --table all   every route of a captured tree
  knetstat -N 4242 -tan --json  sockets of pid 4242's namespace, as JSON

More: docs/knetstat.md
`;
