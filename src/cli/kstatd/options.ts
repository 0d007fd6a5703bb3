/**
 * kstatd's command line → its configuration (daemon/config.ts). Pure (no I/O): main.ts
 * applies it. Every option is described in help.ts and docs/kstatd.md.
 */
import { UsageError, has, last, parseArgs, type OptionSpec, type ParsedArgs } from '../args.js';
import { sourceFromArgs } from '../source-option.js';
import { AllowList, LOOPBACK_ONLY, parseCidr } from '../../daemon/allow-list.js';
import { makeLimits, type Limits } from '../../daemon/limits.js';
import type { DaemonConfig } from '../../daemon/config.js';
import type { ListenAddress } from '../../daemon/rpc-server.js';


/** Limit options: --name N → limits key (times in ms). */
const LIMIT_OPTIONS = {
  'max-record-bytes': 'maxRecordBytes',
  'max-fragments': 'maxFragments',
  'max-reply-bytes': 'maxReplyBytes',
  'max-connections': 'maxConnections',
  'max-connections-per-client': 'maxConnectionsPerClient',
  'max-concurrent': 'maxConcurrent',
  'max-concurrent-per-client': 'maxConcurrentPerClient',
  'idle-ms': 'idleMs',
  'write-timeout-ms': 'writeTimeoutMs',
  'refresh-ms': 'refreshMs',
} as const satisfies Record<string, keyof Limits>;

export const KSTATD_OPTIONS: readonly OptionSpec[] = [
  { name: 'netns', short: 'N', long: 'netns', value: 'required' },
  { name: 'root', short: 'R', long: 'root', value: 'required' },
  { name: 'via', long: 'via', value: 'required' },
  { name: 'snapshot', short: 'M', long: 'snapshot', value: 'required' },
  { name: 'listen', short: 'l', long: 'listen', value: 'required' },
  { name: 'port', short: 'p', long: 'port', value: 'required' },
  { name: 'allow', short: 'a', long: 'allow', value: 'required' },
  { name: 'expose-processes', long: 'expose-processes' },
  { name: 'no-rpcbind', long: 'no-rpcbind' },
  { name: 'no-udp', long: 'no-udp' },
  { name: 'verbose', short: 'v', long: 'verbose' },
  { name: 'quiet', short: 'q', long: 'quiet' },
  { name: 'help', short: 'h', long: 'help' },
  { name: 'version', short: 'V', long: 'version' },
  ...Object.keys(LIMIT_OPTIONS).map((k) => ({ name: k, long: k, value: 'required' as const })),
];

export function parseConfig(argv: readonly string[]): DaemonConfig {
  const args = parseArgs(argv, KSTATD_OPTIONS);
  if (args.positional.length > 0) throw new UsageError(`unexpected argument "${args.positional[0]}"`);
  const port = portOf(last(args, 'port') ?? '0', '--port');
  const listen = args.options.get('listen')?.map(parseListen) ?? [
    { host: '127.0.0.1', port },
    { host: '::1', port, optional: true },
  ];
  return {
    source: sourceFromArgs(args, ['netns', 'root', 'snapshot']),
    listen,
    allow: allowOf(args),
    limits: limitsOf(args),
    exposeProcesses: has(args, 'expose-processes'),
    rpcbind: !has(args, 'no-rpcbind'),
    udp: !has(args, 'no-udp'),
    verbosity: has(args, 'verbose') ? 'debug' : has(args, 'quiet') ? 'notice' : 'info',
    help: has(args, 'help'),
    version: has(args, 'version'),
  };
}




function portOf(text: string, what: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new UsageError(`${what} ${text}: a port must be 0..65535`);
  return Number(text);
}

/** ADDR:PORT, [V6ADDR]:PORT, or a bare address (port 0 = any free port). */
export function parseListen(text: string): ListenAddress {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  const v4 = /^([0-9.]+)(?::(\d+))?$/.exec(text);
  const bare6 = !text.includes('[') && (text.match(/:/g)?.length ?? 0) >= 2 ? [text, text, undefined] : null;
  const m = v6 ?? v4 ?? bare6;
  if (m === null) throw new UsageError(`--listen ${text}: expected ADDR:PORT or [IPV6]:PORT`);
  const host = m[1]!;
  try {
    const cidr = parseCidr(host);
    if (cidr.prefix !== (cidr.family === 4 ? 32 : 128)) throw new Error('not an address');
  } catch {
    throw new UsageError(`--listen ${text}: ${host} is not an IPv4 or IPv6 address`);
  }
  return { host, port: m[2] === undefined ? 0 : portOf(m[2], `--listen ${text}:`) };
}

/** --allow CIDR (repeatable, or comma-separated); none = loopback only. */
function allowOf(args: ParsedArgs): AllowList {
  const given = (args.options.get('allow') ?? []).flatMap((v) => v.split(',')).map((s) => s.trim()).filter((s) => s !== '');
  try {
    return AllowList.parse(given.length === 0 ? LOOPBACK_ONLY : given);
  } catch (err) {
    throw new UsageError(`--allow: ${(err as Error).message}`);
  }
}

function limitsOf(args: ParsedArgs): Limits {
  const given: Partial<Record<keyof Limits, number>> = {};
  for (const [option, key] of Object.entries(LIMIT_OPTIONS)) {
    const v = last(args, option);
    if (v === undefined) continue;
    if (!/^\d+$/.test(v)) throw new UsageError(`--${option} ${v}: expected a whole number`);
    given[key] = Number(v);
  }
  try {
    return makeLimits(given);
  } catch (err) {
    throw new UsageError(`${(err as Error).message}`);
  }
}
