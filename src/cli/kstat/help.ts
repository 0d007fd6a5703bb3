/** kstat(1M)'s usage (printed after a usage error) and the --help text (fits 80 columns). */

export const KSTAT_USAGE = `Usage:
kstat [ -Cjlpq ] [ -T d|u ] [ -c class ]
      [ -m module ] [ -i instance ] [ -n name ] [ -s statistic ]
      [ interval [ count ] ]
kstat [ -Cjlpq ] [ -T d|u ] [ -c class ]
      [ module[:instance[:name[:statistic]]] ... ]
      [ interval [ count ] ]
kstat [ -R DIR | -N PID | -M FILE | -H HOST ... ] [ options above ]
kstat [ -R DIR | -N PID ] --save FILE
`;

export const KSTAT_HELP = `${KSTAT_USAGE}
Show kernel statistics (kstats) of the live kernel, another network
namespace, a captured /proc + /sys tree or a snapshot file, as the Solaris
kstat(1M) command does. A kstat is module:instance:name (with a class); each
statistic in it is module:instance:name:statistic.

Selection (globs, or /ERE/ for an extended regular expression):
  module:instance:name:statistic ...   one selector per operand (ORed);
                    an empty field matches anything
  -m MOD -i INST -n NAME -s STAT       one selector (not with operands)
  -c CLASS          only kstats of this class (net, netstat, system, misc,
                    vm, disk, partition, controller)

Output (default: a block per kstat):
  -p                parseable: module:instance:name:statistic<TAB>value
  -C                as -p with a colon before the value
  -l                names only (module:instance:name:statistic)
  -j                JSON: one array per report (one line per report
                    with an interval: NDJSON); exact 64-bit integers
  -q                nothing: the exit status says whether anything matched
  -T u|d            a timestamp before each report (on stderr with -j)
  interval [count]  a report every interval seconds, count times
                    (default: until interrupted)

Sources (one per run; default: the live kernel, this namespace):
  -R DIR, --root DIR      captured tree: DIR/proc/..., DIR/sys/...
  -N NS, --netns NS       a network namespace: NAME (ip netns), PID or PATH
  --via PATH              auto (default), netlink or procfs only
  -M FILE, --snapshot FILE  a snapshot file saved with --save
  -H HOST           a remote kstatd: NAME, IPv4 or [IPv6], optionally :PORT
                    (else rpcbind is asked); repeat for several hosts, each
                    kstat then labelled with its host
  --save FILE       save every kstat of the source to FILE and exit

  -h, -?, --help    this help      --version   the version

Exit status: 0 a statistic matched, 1 nothing matched, 2 usage error,
3 the source could not be opened or read.

Examples:
  kstat -p link:0:lo:rbytes64          bytes received on lo
  kstat -p tcp:0:TcpExt:/^Syncookies/  the syncookie counters
  kstat -c disk -j                     every disk, as JSON
  kstat -p -m unix -n meminfo 5 3      memory, three reports 5 s apart
  kstat --save now.kss; kstat -M now.kss -p 'sockstat:::'

More: docs/kstat.md
`;
