/**
 * A Source over a snapshot file (.kss): every netstat view is the Reading saved in its RAW
 * kstat `netstat:0:<view>` (protocol/netstat-readings.ts), decoded back — data, issues,
 * unavailable parts, takenAt and via exactly as saved, `source` naming the source the
 * snapshot was taken from. A view the snapshot lacks is E_UNAVAILABLE. Socket and route
 * queries are applied here, at read time, with the same matching functions every source
 * uses (the snapshot holds every socket and every route table). Nothing is read from the
 * machine: a snapshot source is the file only.
 *
 * The system views (cpu, memoryInfo, disks, interrupts, scheduler) come the same way
 * from the RAW kstats `system:0:<view>` (system-views.ts).
 *
 * Decoding and query matching live in RawViewSource (shared with the remote source).
 *
 * Owning processes are not saved (an owner scan walks the live process table), so
 * `sockets({ processes: true })` answers with them listed as unavailable.
 */
import { KstatError } from '../../errors.js';
import type { SourceClock, SourceInfo, Unavailable } from '../source.js';
import type { Snapshot } from '../../protocol/snapshot/format.js';
import type { KstatWithData } from '../../protocol/kstat-x/codec.js';
import { RawViewSource, type RawViewModule } from '../raw-view-source.js';

/** The saved chain, as kstatOpen({ snapshot }) replays it (kstat/saved-chain.ts). */
export interface SavedKstats {
  readonly chainId: number;
  readonly bootTimeNs: bigint;
  readonly kstats: readonly KstatWithData[];
}

const NOT_SAVED: Unavailable = { what: 'owning processes', reason: 'not saved in a snapshot (the owner scan reads the live process table)' };

/** Reads, checks and decodes a snapshot file (E_PARSE naming the byte offset when damaged). */
export async function openSnapshotSource(path: string): Promise<SnapshotSource> {
  const { loadSnapshotFile } = await import('./snapshot-file.js');
  return new SnapshotSource(await loadSnapshotFile(path), path);
}

export class SnapshotSource extends RawViewSource {
  readonly info: SourceInfo;
  readonly snapshot: Snapshot;
  protected readonly noOwners: Unavailable = NOT_SAVED;
  protected override readonly routesNoun = 'saved routes';
  private readonly path: string;

  constructor(snapshot: Snapshot, path: string) {
    super();
    this.snapshot = snapshot;
    this.path = path;
    this.info = { kind: 'snapshot', label: `snapshot ${path} (${snapshot.source.label})` };
  }

  /**
   * The saved clock: now is the latest snaptime in the snapshot (the source's own clock at
   * its last read before saving), boot time as saved (0n when the source did not know it).
   */
  async clock(): Promise<SourceClock> {
    let latest = 0n;
    for (const k of this.snapshot.kstats) if (k.snaptime > latest) latest = k.snaptime;
    return { sinceBootNs: latest, bootTimeNs: this.snapshot.bootTimeNs ?? 0n };
  }

  /** The saved chain, for kstatOpen({ snapshot }) (kstat/saved-chain.ts). */
  savedKstats(): SavedKstats {
    return { chainId: this.snapshot.chainId, bootTimeNs: this.snapshot.bootTimeNs ?? 0n, kstats: this.snapshot.kstats };
  }

  async close(): Promise<void> {
    // The file was read whole when the source was opened; nothing is held.
  }

  protected async rawView(module: RawViewModule, view: string): Promise<Uint8Array> {
    const k = this.snapshot.kstats.find((x) => x.module === module && x.instance === 0 && x.name === view);
    if (k === undefined || k.data.type !== 'RAW') {
      throw new KstatError('E_UNAVAILABLE', `${view} is not available from ${this.info.label}: the snapshot has no ${module}:0:${view} kstat`, { file: this.path });
    }
    return k.data.raw;
  }

  protected where(): { prefix: string; file: string } {
    return { prefix: this.path, file: this.path };
  }
}
