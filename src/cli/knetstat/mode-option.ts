/**
 * Which report a run makes, from its mode flags, and which other options make sense with
 * it. An option that does not apply to the chosen mode is a usage error rather than
 * silently ignored: `knetstat -i -t` most likely means something the user did not get.
 */
import { UsageError, has, type ParsedArgs } from '../args.js';

export type Mode =
  | 'sockets'
  | 'listen-queues'
  | 'packet-sockets'
  | 'memory'
  | 'protocol-stats'
  | 'interfaces'
  | 'routes'
  | 'neighbours'
  | 'route-stats'
  | 'multicast';

/** Mode flags in the order their conflicts are reported. */
const MODE_FLAGS: ReadonlyArray<readonly [string, Mode, string]> = [
  ['listen-queues', 'listen-queues', '-L'],
  ['packet', 'packet-sockets', '-B'],
  ['memory', 'memory', '-m'],
  ['statistics', 'protocol-stats', '-s'],
  ['interfaces', 'interfaces', '-i'],
  ['interface', 'interfaces', '-I'],
  ['route', 'routes', '-r'],
  ['neighbours', 'neighbours', '--neighbours'],
  ['groups', 'multicast', '-g'],
];

const COMMON = ['help', 'version', 'numeric', 'json', 'netns', 'via', 'root', 'snapshot', 'host', 'save'];
const FAMILY = ['inet', 'inet6'];

/** Options each mode accepts besides COMMON and its own mode flags. */
const ALLOWED: Readonly<Record<Mode, readonly string[]>> = {
  sockets: ['all', 'listening', 'tcp', 'udp', 'w', 'raw', 'udplite', 'icmp', 'unix', ...FAMILY, 'program', 'extend', 'timers'],
  'listen-queues': [...FAMILY],
  'packet-sockets': ['program'],
  memory: [],
  'protocol-stats': ['zeros', 'tcp', 'udp', 'udplite', 'icmp', ...FAMILY, 'w', 'interval', 'count'],
  interfaces: ['all', 'w', 'interval', 'count'],
  routes: ['table', ...FAMILY],
  neighbours: ['all', ...FAMILY],
  'route-stats': [],
  multicast: [...FAMILY],
};

const SHOWN: Readonly<Record<string, string>> = {
  all: '-a', listening: '-l', tcp: '-t', udp: '-u', w: '-w', raw: '--raw', udplite: '--udplite', icmp: '--icmp', unix: '-x',
  inet: '-4', inet6: '-6', program: '-p', extend: '-e', timers: '-o', zeros: '-z', table: '--table', interval: '--interval', count: '-c',
};

const DESCRIBED: Readonly<Record<Mode, string>> = {
  sockets: 'the socket list', 'listen-queues': '-L (listen queues)', 'packet-sockets': '-B (packet sockets)', memory: '-m (memory)',
  'protocol-stats': '-s (protocol statistics)', interfaces: '-i/-I (interfaces)', routes: '-r (routes)', neighbours: '--neighbours (neighbour cache)', 'route-stats': '-rs (routing statistics)',
  multicast: '-g (multicast)',
};

export function resolveMode(args: ParsedArgs): Mode {
  const given = MODE_FLAGS.filter(([name]) => has(args, name));
  let mode: Mode = 'sockets';
  const modes = new Set(given.map(([, m]) => m));
  if (modes.has('routes') && modes.has('protocol-stats')) {
    modes.delete('routes');
    modes.delete('protocol-stats');
    if (modes.size > 0) throw conflict(given);
    mode = 'route-stats';
  } else if (modes.size > 1) {
    throw conflict(given);
  } else if (modes.size === 1) {
    mode = [...modes][0]!;
  }
  const allowed = new Set([...COMMON, ...ALLOWED[mode], ...given.map(([name]) => name)]);
  for (const name of args.options.keys()) {
    if (!allowed.has(name)) throw new UsageError(`${SHOWN[name] ?? name} does not apply to ${DESCRIBED[mode]}`);
  }
  return mode;
}

function conflict(given: ReadonlyArray<readonly [string, Mode, string]>): UsageError {
  return new UsageError(`choose one report: ${given.map(([, , flag]) => flag).join(' and ')} cannot be combined (only -r with -s, for routing statistics)`);
}
