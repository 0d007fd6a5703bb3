/** The --help text: enough for a newcomer to find every mode and source. */

export const KNETSTAT_HELP = `Usage: knetstat [SOURCE] [MODE] [OPTIONS]

Show network sockets, queues, interfaces, routes, multicast and protocol counters,
from the live kernel, another network namespace, or a captured /proc + /sys tree.

Modes (one per run; the default is the socket list):
  (none)            sockets: Proto Recv-Q Send-Q Local Foreign State
  -L                listen queues of TCP listeners: qlen/incqlen/maxqlen
  -B, --packet      packet (AF_PACKET capture) sockets with their processes
  -m, --memory      socket-buffer memory: sockstat, per-protocol memory, limits, softnet
  -s, --statistics  protocol counters by kernel name, grouped by protocol
  -i, --interfaces  interface table;  -I IF, --interface IF: one interface
  -r, --route       routes (--table main by default);  -rs: routing statistics
  -g, --groups      multicast memberships, source filters, vifs, forwarding cache

Socket list:
  -a, --all         listening and non-listening sockets
  -l, --listening   listening sockets only (TCP LISTEN, unconnected UDP/raw, unix listeners)
                    (without -a or -l: non-listening sockets only, as netstat does)
  -t, --tcp  -u, --udp  -w, --raw  -x, --unix  --udplite  --icmp (ping sockets)
  -4, --inet  -6, --inet6   internet families (without -x: no unix sockets)
  -n, --numeric     accepted for habit: addresses and ports are always numeric
  -p, --program     PID/Program name column (other users' processes need privileges)
  -e, --extend      User (uid) and Inode columns
  -o, --timers      Timer column: name (seconds/retransmits/probes)

Counters and intervals:
  -z, --hide-zeros  with -s: leave out counters that are zero
  -t -u --udplite --icmp -4 -6 with -s: only those protocols' groups
  -w SECS, --interval SECS   with -i, -I or -s: a report every SECS seconds
                    (-i/-I: per-interval traffic and rates; -s: per-second deltas)
                    (-w without a number is netstat's raw-socket flag in the socket list)
  -c COUNT, --count COUNT    stop after COUNT interval reports (default: until ^C)

Routes:
  --table T         all, main, local or a table number (default main)
  -4, -6            one family only

Sources (one per run; default: the live kernel of this network namespace):
  -N PID, --netns PID        the network namespace of process PID (also /proc/PID/ns/net)
  -R DIR, --root DIR         a captured tree: DIR/proc/net/..., DIR/sys/class/net/...
  -M FILE, -H HOST           snapshot files and remote kstatd hosts: not yet available
                             (named namespaces, -N NAME, come with the netlink source)

Output:
  --json            one JSON document per report (NDJSON, one line per report, with -w),
                    64-bit counters as exact integers; see docs/knetstat.md
  -h, --help        this help;  --version  the version

Exit status: 0 ok, 1 a list report matched nothing, 2 usage error,
             3 the source is unavailable or could not be read.
Warnings (unreadable files, malformed lines, parts the source lacks) go to stderr
after the report, naming the source and the file.

Examples:
  knetstat -tan                 all TCP sockets
  knetstat -tlnp                TCP listeners with their processes
  knetstat -L                   accept-queue use of every listener
  knetstat -i -w 1 -c 5         interface rates, five one-second reports
  knetstat -s -z -t             non-zero TCP counters
  knetstat -R ./bundle -rn --table all    every route of a captured tree
  knetstat -N 4242 -tan --json  sockets of process 4242's namespace, as JSON
`;
