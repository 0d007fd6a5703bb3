/**
 * Block devices (session.disks()) as IO kstats — the Solaris disk kstats iostat reads:
 *
 *   disk:0:<name>   one per /proc/diskstats line; class `disk` for a whole disk,
 *                   `partition` for a partition (records/disk.ts says how that is told)
 *
 * Module `disk` and instance 0 for every device: Linux names are unique machine-wide
 * (sda, nvme0n1p2, dm-0), unlike Solaris's driver + instance numbering, so the name is
 * the whole identity and `kstat -c disk` / `disk:::` select as on Solaris.
 *
 * kstat_io_t from the diskstats counters:
 *   nread, nwritten   sectors read / written × 512 (bytes: diskstats sectors are always
 *                     512 bytes, whatever the device's sector size)
 *   reads, writes     reads / writes completed
 *   rtime             time spent doing I/Os (busy time), ms → ns
 *   rlentime          weighted time spent doing I/Os (in-flight count × time), ms → ns
 *   rcnt              I/Os in flight now
 *   wtime, wlentime, wcnt   0: Linux keeps no separate wait-queue accounting in
 *                     diskstats — an I/O is "in progress" from when it is given to the
 *                     device's request queue (iostats.rst), so time spent queued in the
 *                     I/O scheduler is already inside rtime/rlentime (the run queue)
 *   wlastupdate, rlastupdate   0: the kernel does not export when the counts last changed
 * A counter the kernel did not print (partitions before 2.6.25 print only reads,
 * sectors read, writes, sectors written) gives 0 here: kstat_io_t has no "absent";
 * the typed view (session.disks()) keeps it undefined. The ms counters are 32-bit in
 * the kernel and wrap; merged, discard and flush counts are only in the typed view.
 */
import type { Disk } from '../../records/disk.js';
import { readOptional } from '../../sources/optional-kind.js';
import type { KstatProvider } from '../provider.js';
import type { IoStats, ProvidedKstat } from '../types.js';
import { fromView } from './view-reading.js';

const SECTOR_BYTES = 512n;
const NS_PER_MS = 1_000_000n;

export function diskIo(d: Disk): IoStats {
  return {
    nread: (d.sectorsRead ?? 0n) * SECTOR_BYTES,
    nwritten: (d.sectorsWritten ?? 0n) * SECTOR_BYTES,
    reads: d.readsCompleted ?? 0n,
    writes: d.writesCompleted ?? 0n,
    wtime: 0n,
    wlentime: 0n,
    wlastupdate: 0n,
    rtime: (d.ioTimeMs ?? 0n) * NS_PER_MS,
    rlentime: (d.weightedIoTimeMs ?? 0n) * NS_PER_MS,
    rlastupdate: 0n,
    wcnt: 0,
    rcnt: d.inFlight ?? 0,
  };
}

export function diskKstats(disks: Disk[]): ProvidedKstat[] {
  return disks.map((d) => ({ module: 'disk', instance: 0, name: d.name, class: d.kind, type: 'IO', data: { type: 'IO', io: diskIo(d) } }));
}

export const diskProvider: KstatProvider = {
  name: 'disk',
  modules: ['disk'],
  collect: (source) => fromView(() => readOptional(source, 'disks'), diskKstats),
};
