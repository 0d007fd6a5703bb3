/**
 * Every option knetstat accepts, by name. Letters follow Linux netstat/ss where they exist
 * and FreeBSD netstat for the modes Linux lacks (-L, -B, -m, -I, -g counters).
 *
 * -w is two things, resolved in options.ts: netstat's "raw sockets" flag, and FreeBSD's
 * "-w SECS" interval. The parser gives it a value only when a number follows.
 */
import type { OptionSpec } from '../args.js';

export const KNETSTAT_OPTIONS: readonly OptionSpec[] = [
  { name: 'help', short: 'h', long: 'help' },
  { name: 'version', long: 'version' },
  // socket selection
  { name: 'all', short: 'a', long: 'all' },
  { name: 'listening', short: 'l', long: 'listening' },
  { name: 'tcp', short: 't', long: 'tcp' },
  { name: 'udp', short: 'u', long: 'udp' },
  { name: 'w', short: 'w', value: 'optional-number' },
  { name: 'raw', long: 'raw' },
  { name: 'udplite', long: 'udplite' },
  { name: 'icmp', long: 'icmp' },
  { name: 'unix', short: 'x', long: 'unix' },
  { name: 'inet', short: '4', long: 'inet' },
  { name: 'inet6', short: '6', long: 'inet6' },
  // socket columns
  { name: 'numeric', short: 'n', long: 'numeric' },
  { name: 'program', short: 'p', long: 'program' },
  { name: 'extend', short: 'e', long: 'extend' },
  { name: 'timers', short: 'o', long: 'timers' },
  // modes
  { name: 'listen-queues', short: 'L', long: 'listen-queues' },
  { name: 'packet', short: 'B', long: 'packet' },
  { name: 'memory', short: 'm', long: 'memory' },
  { name: 'statistics', short: 's', long: 'statistics' },
  { name: 'zeros', short: 'z', long: 'hide-zeros' },
  { name: 'interfaces', short: 'i', long: 'interfaces' },
  { name: 'interface', short: 'I', long: 'interface', value: 'required' },
  { name: 'route', short: 'r', long: 'route' },
  { name: 'table', long: 'table', value: 'required' },
  { name: 'neighbours', long: 'neighbours' },
  { name: 'groups', short: 'g', long: 'groups' },
  // interval
  { name: 'interval', long: 'interval', value: 'required' },
  { name: 'count', short: 'c', long: 'count', value: 'required' },
  // sources
  { name: 'netns', short: 'N', long: 'netns', value: 'required' },
  { name: 'via', long: 'via', value: 'required' },
  { name: 'root', short: 'R', long: 'root', value: 'required' },
  { name: 'snapshot', short: 'M', long: 'snapshot', value: 'required' },
  { name: 'host', short: 'H', long: 'host', value: 'required' },
  { name: 'save', long: 'save', value: 'required' },
  // output
  { name: 'json', long: 'json' },
];
