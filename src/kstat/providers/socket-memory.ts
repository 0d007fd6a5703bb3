/**
 * Socket-buffer memory (the memory view: sockstat, protocols, limits, softnet_stat) as
 * NAMED kstats, class `net`:
 *
 *   sockstat:0:<label>        one per sockstat/sockstat6 protocol line, label lower-cased
 *                             (tcp, udp, udplite, raw, frag, tcp6, ..., frag6)
 *   sockstat:0:sockets        `used` (sockets of all families in this namespace), plus any
 *                             key a kernel adds to the "sockets:" line, as extra.<key>
 *   protocols:0:<protocol>    one per /proc/net/protocols line (TCP, UDPv6, UNIX-STREAM, ...)
 *   sockmem:0:limits          tcp_mem/udp_mem (pages), tcp_rmem/wmem and udp_*mem_min
 *                             (bytes), pageSize when the source knows it
 *   softnet:<cpu>:softnet_stat  per CPU; instance = the CPU id the kernel prints (5.10+),
 *                             else the row position (which is not the id when CPUs are offline)
 *
 * Statistics are record field names (named-record.ts). A kstat is made only when it has
 * something to say: a namespace without tcp_mem/udp_mem and the per-namespace sysctls
 * has no sockmem:0:limits.
 */
import { protocolMemorySchema, socketMemorySchema, sockstatProtocolSchema, softnetCpuSchema, type SocketMemory } from '../../records/socket-memory.js';
import type { KstatProvider } from '../provider.js';
import type { NamedStat, ProvidedKstat } from '../types.js';
import { counterStats, named, namedFromRecord } from './named-record.js';
import { fromView } from './view-reading.js';

const NESTED = ['sockstat', 'protocols', 'softnet', 'socketsUsed'];

function kstat(module: string, instance: number, name: string, stats: NamedStat[]): ProvidedKstat {
  return { module, instance, name, class: 'net', type: 'NAMED', data: named(stats) };
}

function sockstatKstats(m: SocketMemory): ProvidedKstat[] {
  const out: ProvidedKstat[] = [];
  const sockets: NamedStat[] = m.socketsUsed === undefined ? [] : [{ name: 'used', type: 'UINT64', value: m.socketsUsed }];
  for (const p of m.sockstat) {
    if (p.protocol === 'sockets') sockets.push(...counterStats(p.extra ?? {}, 'extra.'));
    else out.push(kstat('sockstat', 0, p.protocol.toLowerCase(), namedFromRecord(sockstatProtocolSchema, p)));
  }
  if (sockets.length > 0) out.unshift(kstat('sockstat', 0, 'sockets', sockets));
  return out;
}

export function socketMemoryKstats(m: SocketMemory): ProvidedKstat[] {
  const out = sockstatKstats(m);
  for (const p of m.protocols) out.push(kstat('protocols', 0, p.protocol, namedFromRecord(protocolMemorySchema, p)));
  const limits = namedFromRecord(socketMemorySchema, m, NESTED);
  if (limits.length > 0) out.push(kstat('sockmem', 0, 'limits', limits));
  for (const cpu of m.softnet) out.push(kstat('softnet', cpu.cpu ?? cpu.row, 'softnet_stat', namedFromRecord(softnetCpuSchema, cpu)));
  return out;
}

export const socketMemoryProvider: KstatProvider = {
  name: 'socket-memory',
  modules: ['sockstat', 'protocols', 'sockmem', 'softnet'],
  collect: (source) => fromView(() => source.memory(), socketMemoryKstats),
};
