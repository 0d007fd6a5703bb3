/**
 * A source and providers whose kstats a test sets directly, for chain and ctl tests:
 * the source only has a clock (advanced by hand) and counts nothing else; each provider
 * returns the current list given to it and counts its collect() calls.
 */
import type { Source, SourceClock } from '../../src/sources/source.js';
import type { KstatProvider, Collected } from '../../src/kstat/provider.js';
import type { NamedStat, ProvidedKstat } from '../../src/kstat/types.js';
import { KstatError } from '../../src/errors.js';

export class FakeClockSource {
  now = 1_000n;
  closed = 0;
  readonly info = { kind: 'tree' as const, label: 'fake source' };

  async clock(): Promise<SourceClock> {
    return { sinceBootNs: this.now, bootTimeNs: 1_700_000_000_000_000_000n };
  }

  async close(): Promise<void> {
    this.closed++;
  }

  asSource(): Source {
    const unavailable = () => Promise.reject(new KstatError('E_UNAVAILABLE', 'fake source has no views'));
    return {
      info: this.info,
      clock: () => this.clock(),
      close: () => this.close(),
      sockets: unavailable,
      listenQueues: unavailable,
      interfaces: unavailable,
      memory: unavailable,
      packetSockets: unavailable,
      routes: unavailable,
      neighbours: unavailable,
      routeStats: unavailable,
      multicast: unavailable,
      protocolStats: unavailable,
    };
  }
}

export class FakeProvider implements KstatProvider {
  readonly name: string;
  readonly modules: readonly string[];
  kstats: ProvidedKstat[] = [];
  collects = 0;

  constructor(name: string, modules: readonly string[]) {
    this.name = name;
    this.modules = modules;
  }

  async collect(): Promise<Collected> {
    this.collects++;
    return { kstats: this.kstats.map((k) => ({ ...k })), issues: [] };
  }
}

/** A NAMED kstat with one UINT64 statistic per entry of `stats`. */
export function namedKstat(module: string, instance: number, name: string, stats: Record<string, bigint> = {}, cls = 'net'): ProvidedKstat {
  const named: NamedStat[] = Object.entries(stats).map(([n, value]) => ({ name: n, type: 'UINT64', value }));
  return { module, instance, name, class: cls, type: 'NAMED', data: { type: 'NAMED', named } };
}
