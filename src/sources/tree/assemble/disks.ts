/**
 * Block devices: /proc/diskstats → `Disk[]`, each marked whole disk or partition.
 *
 * Which lines are partitions: /sys/block lists exactly the whole disks, so where the
 * source has it (live, or a capture that kept it) a device listed there is a disk and any
 * other a partition. Where it has not (most captures), the kernel's own partition naming
 * decides (block/partitions/core.c, disk_name()): a partition of disk D is named D + N,
 * or D + "p" + N when D ends in a digit (sda1, nvme0n1p1, mmcblk0p2, loop0p1). So a
 * device is a partition when another device of the same file is its disk by that rule —
 * ram10 is not a partition of ram1 (ram1 ends in a digit: its partitions are ram1pN).
 * /proc/diskstats is machine-wide, so a pid source reads the machine's file.
 */
import type { Disk } from '../../../records/disk.js';
import type { TreeReader } from '../reader.js';
import { parseDiskstats, type DiskColumn, type DiskstatsRow } from '../procfs/diskstats.js';
import { emptyPart, readInto, requireSome, type Part } from './part.js';

const DISKSTATS = 'proc/diskstats';

type CounterField = Exclude<keyof Disk, 'name' | 'major' | 'minor' | 'kind' | 'inFlight' | 'extra'>;
const FIELDS: Record<Exclude<DiskColumn, 'ios_in_progress'>, CounterField> = {
  reads_completed: 'readsCompleted',
  reads_merged: 'readsMerged',
  sectors_read: 'sectorsRead',
  time_reading_ms: 'readTimeMs',
  writes_completed: 'writesCompleted',
  writes_merged: 'writesMerged',
  sectors_written: 'sectorsWritten',
  time_writing_ms: 'writeTimeMs',
  time_io_ms: 'ioTimeMs',
  weighted_time_io_ms: 'weightedIoTimeMs',
  discards_completed: 'discardsCompleted',
  discards_merged: 'discardsMerged',
  sectors_discarded: 'sectorsDiscarded',
  time_discarding_ms: 'discardTimeMs',
  flushes_completed: 'flushesCompleted',
  time_flushing_ms: 'flushTimeMs',
};

const PARTITION_NUMBER = /^p?\d+$/;

/** True when `name` is a partition of `disk` by the kernel's naming rule. */
export function isPartitionName(name: string, disk: string): boolean {
  if (name.length <= disk.length || !name.startsWith(disk)) return false;
  const rest = name.slice(disk.length);
  if (!PARTITION_NUMBER.test(rest)) return false;
  return /\d$/.test(disk) ? rest.startsWith('p') : !rest.startsWith('p');
}

function kindsByNaming(names: readonly string[]): Set<string> {
  const partitions = new Set<string>();
  for (const name of names) if (names.some((d) => d !== name && isPartitionName(name, d))) partitions.add(name);
  return partitions;
}

function diskRecord(row: DiskstatsRow, kind: Disk['kind']): Disk {
  const out: Disk = { name: row.name, major: row.major, minor: row.minor, kind };
  for (const [column, value] of Object.entries(row.values) as [DiskColumn, bigint][]) {
    if (column !== 'ios_in_progress') out[FIELDS[column]] = value;
    else if (value <= 0xffffffffn) out.inFlight = Number(value); // "%u" in the kernel: always fits
  }
  if (Object.keys(row.extra).length > 0) out.extra = row.extra;
  return out;
}

/** Whole-disk names from /sys/block, or undefined when the source does not have it. */
async function wholeDisks(reader: TreeReader): Promise<Set<string> | undefined> {
  const listed = await reader.list('sys/block');
  return listed.ok ? new Set(listed.names) : undefined;
}

export async function readDisks(reader: TreeReader): Promise<Part<Disk[]>> {
  const part = emptyPart<Disk[]>([]);
  const text = await readInto(part, reader, DISKSTATS, 'block device statistics');
  requireSome(part, text !== undefined, 'disk statistics');
  const parsed = parseDiskstats(text as string, DISKSTATS);
  part.issues.push(...parsed.issues);
  const disks = await wholeDisks(reader);
  const partitions = disks === undefined ? kindsByNaming(parsed.rows.map((r) => r.name)) : undefined;
  for (const row of parsed.rows) {
    const partition = disks !== undefined ? !disks.has(row.name) : (partitions as Set<string>).has(row.name);
    part.data.push(diskRecord(row, partition ? 'partition' : 'disk'));
  }
  return part;
}
