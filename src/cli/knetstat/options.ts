/**
 * From parsed arguments to what one knetstat run does: the action, the mode (one report
 * kind), the source, and each mode's settings. Every combination that makes no sense is a
 * UsageError here, before any source is opened.
 */
import { UsageError, has, last, type ParsedArgs } from '../args.js';
import type { OpenOptions } from '../../netstat/open.js';
import type { InetProtocol } from '../../records/socket.js';
import type { RouteTableSelector } from '../../sources/route-query.js';
import { sourceFromArgs } from '../source-option.js';
import { resolveMode, type Mode } from './mode-option.js';
import { resolveInterval, type Interval } from './interval-option.js';

export type { Mode } from './mode-option.js';
export type { Interval } from './interval-option.js';
export type InetFamily = 'inet' | 'inet6';

export interface SocketSelection {
  /** Internet protocols to list (empty: none). */
  readonly protocols: readonly InetProtocol[];
  readonly families: readonly InetFamily[];
  readonly unix: boolean;
  /** Default: not listening (netstat habit); -l: listening only; -a: both. */
  readonly show: 'connected' | 'listening' | 'all';
}

export interface KnetstatOptions {
  readonly action: 'help' | 'version' | 'report' | 'save';
  /** --save FILE: write a snapshot of every view of the source to FILE. */
  readonly savePath: string | undefined;
  readonly mode: Mode;
  readonly source: OpenOptions;
  readonly json: boolean;
  /** -n: ports and uids as numbers (otherwise the source's service and user names in text output). */
  readonly numeric: boolean;
  readonly sockets: SocketSelection;
  readonly columns: { readonly program: boolean; readonly extend: boolean; readonly timers: boolean };
  /** -4/-6 (both when neither). */
  readonly families: readonly InetFamily[];
  /** -t -u --udplite --icmp as given (for -s group selection). */
  readonly protocols: readonly InetProtocol[];
  readonly hideZeros: boolean;
  /** -a: with -i, interfaces that are down too (netstat -ia); with --neighbours, NOARP and NONE entries too (ip neigh show nud all). */
  readonly all: boolean;
  readonly interfaceName: string | undefined;
  readonly table: RouteTableSelector;
  readonly interval: Interval | undefined;
}

const ALL_PROTOCOLS: readonly InetProtocol[] = ['tcp', 'udp', 'udplite', 'raw', 'icmp'];

export function resolveOptions(args: ParsedArgs): KnetstatOptions {
  if (args.positional.length > 0) throw new UsageError(`unexpected argument "${args.positional[0]}"`);
  const savePath = last(args, 'save');
  if (savePath === '') throw new UsageError('--save needs a file name');
  const action = has(args, 'help') ? 'help' : has(args, 'version') ? 'version' : savePath !== undefined ? 'save' : 'report';
  const mode = resolveMode(args);
  const interval = resolveInterval(args, mode);
  const rawFlag = mode === 'sockets' && (has(args, 'w') || has(args, 'raw'));
  const protocols = givenProtocols(args, rawFlag);
  const families = givenFamilies(args);
  if (action === 'save' && (interval !== undefined || has(args, 'json'))) throw new UsageError('--save takes a source option only');
  return {
    action,
    savePath,
    mode,
    source: sourceFromArgs(args),
    json: has(args, 'json'),
    numeric: has(args, 'numeric'),
    sockets: socketSelection(args, protocols, families),
    columns: { program: has(args, 'program'), extend: has(args, 'extend'), timers: has(args, 'timers') },
    families: families.length === 0 ? ['inet', 'inet6'] : families,
    protocols,
    hideZeros: has(args, 'zeros'),
    all: has(args, 'all'),
    interfaceName: last(args, 'interface'),
    table: routeTable(last(args, 'table')),
    interval,
  };
}

function givenProtocols(args: ParsedArgs, raw: boolean): InetProtocol[] {
  const out: InetProtocol[] = [];
  if (has(args, 'tcp')) out.push('tcp');
  if (has(args, 'udp')) out.push('udp');
  if (has(args, 'udplite')) out.push('udplite');
  if (raw) out.push('raw');
  if (has(args, 'icmp')) out.push('icmp');
  return out;
}

function givenFamilies(args: ParsedArgs): InetFamily[] {
  const out: InetFamily[] = [];
  if (has(args, 'inet')) out.push('inet');
  if (has(args, 'inet6')) out.push('inet6');
  return out;
}

/**
 * netstat's rule: no protocol or family flag lists everything; -4/-6 alone list every
 * internet protocol of those families (no unix); -x adds unix sockets; a protocol flag
 * limits the internet protocols to those given.
 */
function socketSelection(args: ParsedArgs, protocols: InetProtocol[], families: InetFamily[]): SocketSelection {
  const unixFlag = has(args, 'unix');
  const nothing = protocols.length === 0 && families.length === 0 && !unixFlag;
  const inetProtocols = protocols.length > 0 ? protocols : nothing || families.length > 0 ? ALL_PROTOCOLS : [];
  const show = has(args, 'all') ? 'all' : has(args, 'listening') ? 'listening' : 'connected';
  return {
    protocols: inetProtocols,
    families: families.length === 0 ? ['inet', 'inet6'] : families,
    unix: nothing || unixFlag,
    show,
  };
}

function routeTable(value: string | undefined): RouteTableSelector {
  if (value === undefined || value === 'main') return 'main';
  if (value === 'all' || value === 'local') return value;
  if (/^\d+$/.test(value) && Number(value) <= 0xffffffff) return Number(value);
  throw new UsageError(`--table ${value}: expected all, main, local or a table number`);
}
