/**
 * Socket-buffer memory of one source: sockstat + sockstat6, protocols, the
 * /proc/sys/net/ipv4 memory limits and softnet_stat → `SocketMemory`.
 *
 * Every file is optional: a missing one is listed as unavailable and its fields stay
 * undefined (or its list empty); only when none can be read is the kind unavailable.
 * Inside a non-initial network namespace tcp_mem and udp_mem do not exist (they are
 * global), so they are reported unavailable there, not guessed from elsewhere.
 */
import type { ParseResult } from '../procfs/parse-result.js';
import type { TreeReader } from '../reader.js';
import type { ProtocolMemory, SocketMemory, SockstatProtocol, SoftnetCpu } from '../../../records/socket-memory.js';
import { parseNetSockstat, type SockstatRow } from '../procfs/net-sockstat.js';
import { parseNetProtocols, type ProtocolsRow } from '../procfs/net-protocols.js';
import { parseNetSoftnetStat, type SoftnetStatRow } from '../procfs/net-softnet-stat.js';
import * as limits from '../procfs/sys-net-limits.js';
import { setCounter } from '../text/header-value-pairs.js';
import { emptyPart, readInto, requireSome, type Part } from './part.js';

type Family = SockstatProtocol['family'];
type Writable<T> = { -readonly [K in keyof T]: T[K] };

// sockstat key → record field; any other key goes to `extra` under its kernel name.
const SOCKSTAT_KEYS: Record<string, 'inUse' | 'orphan' | 'timeWait' | 'allocated' | 'memoryPages' | 'memoryBytes'> = {
  inuse: 'inUse',
  orphan: 'orphan',
  tw: 'timeWait',
  alloc: 'allocated',
  mem: 'memoryPages', // proto_memory_allocated(): pages
  memory: 'memoryBytes', // FRAG: frag_mem_limit(): bytes
};

function sockstatRecord(row: SockstatRow, family: Family): SockstatProtocol {
  const out: Writable<SockstatProtocol> = { protocol: row.label, family };
  const extra: Record<string, bigint> = {};
  for (const [key, value] of Object.entries(row.values)) {
    const field = SOCKSTAT_KEYS[key];
    if (field !== undefined) out[field] = value;
    else setCounter(extra, key, value);
  }
  if (Object.keys(extra).length > 0) out.extra = extra;
  return out;
}

function addSockstat(data: Writable<SocketMemory>, rows: SockstatRow[], family: Family): void {
  for (const row of rows) {
    if (row.label !== 'sockets') {
      data.sockstat.push(sockstatRecord(row, family));
      continue;
    }
    // "sockets: used N" is the total over all families, not a protocol line; a key the
    // kernel may add to it is still kept, under a "sockets" entry.
    const { used, ...others } = row.values;
    if (used !== undefined) data.socketsUsed = used;
    if (Object.keys(others).length > 0) data.sockstat.push({ protocol: 'sockets', family, extra: others });
  }
}

function protocolRecord(row: ProtocolsRow): ProtocolMemory {
  const out: Writable<ProtocolMemory> = { protocol: row.protocol };
  if (row.size !== undefined) out.objectSize = row.size;
  if (row.sockets !== undefined) out.sockets = row.sockets;
  if (row.memory !== undefined) out.memoryPages = row.memory;
  if (row.press === 'yes' || row.press === 'no') out.pressure = row.press === 'yes'; // "NI": no pressure state
  if (row.maxhdr !== undefined) out.maxHeader = row.maxhdr;
  if (row.slab !== undefined) out.slab = row.slab === 'yes';
  if (row.module !== undefined) out.module = row.module;
  const methods = Object.keys(row.methods);
  if (methods.length > 0) out.methods = methods.filter((m) => row.methods[m] === true);
  if (Object.keys(row.extra).length > 0) out.extra = row.extra;
  return out;
}

// softnet_stat kernel column → optional record field; the queue lengths are gauges (numbers).
const SOFTNET_OPTIONAL: readonly [string, keyof SoftnetCpu, 'bigint' | 'number'][] = [
  ['cpu_collision', 'cpuCollision', 'bigint'],
  ['received_rps', 'receivedRps', 'bigint'],
  ['flow_limit_count', 'flowLimitCount', 'bigint'],
  ['backlog_len', 'backlogLength', 'number'],
  ['input_qlen', 'inputQueueLength', 'number'],
  ['process_qlen', 'processQueueLength', 'number'],
];

function softnetRecord(row: SoftnetStatRow): SoftnetCpu {
  const v = row.values as Record<string, bigint | undefined>;
  // The parser only returns rows of 9+ columns, so the first three are always there.
  const out: Record<string, unknown> = { row: row.row };
  if (v.index !== undefined) out.cpu = Number(v.index);
  Object.assign(out, { processed: v.processed, dropped: v.dropped, timeSqueeze: v.time_squeeze });
  for (const [kernel, field, kind] of SOFTNET_OPTIONAL) {
    const value = v[kernel];
    if (value !== undefined) out[field] = kind === 'number' ? Number(value) : value;
  }
  if (Object.keys(row.extra).length > 0) out.extra = row.extra;
  return out as SoftnetCpu;
}

type LimitParser = (text: string, file: string) => ParseResult<Record<string, bigint>>;

// One entry per sysctl file: parser and which record field each of its values fills.
const LIMITS: readonly { name: string; parse: LimitParser; fields: Record<string, keyof SocketMemory> }[] = [
  { name: 'tcp_mem', parse: limits.parseSysNetIpv4TcpMem, fields: { low: 'tcpMemLow', pressure: 'tcpMemPressure', high: 'tcpMemHigh' } },
  { name: 'udp_mem', parse: limits.parseSysNetIpv4UdpMem, fields: { low: 'udpMemLow', pressure: 'udpMemPressure', high: 'udpMemHigh' } },
  { name: 'tcp_rmem', parse: limits.parseSysNetIpv4TcpRmem, fields: { min: 'tcpRmemMin', default: 'tcpRmemDefault', max: 'tcpRmemMax' } },
  { name: 'tcp_wmem', parse: limits.parseSysNetIpv4TcpWmem, fields: { min: 'tcpWmemMin', default: 'tcpWmemDefault', max: 'tcpWmemMax' } },
  { name: 'udp_rmem_min', parse: limits.parseSysNetIpv4UdpRmemMin, fields: { value: 'udpRmemMin' } },
  { name: 'udp_wmem_min', parse: limits.parseSysNetIpv4UdpWmemMin, fields: { value: 'udpWmemMin' } },
];

export async function readSocketMemory(reader: TreeReader): Promise<Part<SocketMemory>> {
  const data: Writable<SocketMemory> = { sockstat: [], protocols: [], softnet: [] };
  const part = emptyPart<SocketMemory>(data);
  let anyRead = false;
  async function parsed<R>(file: string, what: string, parse: (text: string, file: string) => ParseResult<R>): Promise<R[]> {
    const text = await readInto(part, reader, file, what);
    if (text === undefined) return [];
    anyRead = true;
    const result = parse(text, file);
    part.issues.push(...result.issues);
    return result.rows;
  }
  addSockstat(data, await parsed('proc/net/sockstat', 'IPv4 socket counts and memory', parseNetSockstat), 'inet');
  addSockstat(data, await parsed('proc/net/sockstat6', 'IPv6 socket counts', parseNetSockstat), 'inet6');
  for (const row of await parsed('proc/net/protocols', 'per-protocol memory and pressure', parseNetProtocols)) data.protocols.push(protocolRecord(row));
  for (const row of await parsed('proc/net/softnet_stat', 'per-CPU receive backlog statistics', parseNetSoftnetStat)) data.softnet.push(softnetRecord(row));
  for (const { name, parse, fields } of LIMITS) {
    const [row] = await parsed(`proc/sys/net/ipv4/${name}`, `net.ipv4.${name} limit`, parse);
    if (row === undefined) continue;
    for (const [key, field] of Object.entries(fields)) (data as Record<string, unknown>)[field] = row[key];
  }
  requireSome(part, anyRead, 'socket memory statistics');
  return part;
}
