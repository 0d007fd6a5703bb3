/**
 * Block devices: one record per /proc/diskstats line (whole disks and partitions), the
 * data behind the `disk` IO kstats and iostat.
 *
 * Sector counts are in the kernel's fixed 512-byte unit whatever the device's sector
 * size. The *TimeMs fields are printed as 32-bit milliseconds and wrap at 2^32 ms
 * (about 49.7 days of busy time). A counter the kernel does not print (discard fields
 * before 4.18, flush fields before 5.5, most fields of a partition before 2.6.25) is
 * undefined, never 0.
 */
import { defineRecord, f, opt, type RecordOf } from './field.js';

const count = (doc: string, kernel: string, since?: string) =>
  opt.u64(doc, since === undefined ? { unit: 'count', kernel } : { unit: 'count', kernel, since });
const sectors = (doc: string, kernel: string, since?: string) =>
  opt.u64(`${doc} 512-byte sectors.`, since === undefined ? { unit: 'count', kernel } : { unit: 'count', kernel, since });
const ms = (doc: string, kernel: string, since?: string) =>
  opt.u64(`${doc} Milliseconds (32-bit in the kernel, wraps).`, since === undefined ? { unit: 'ms', kernel } : { unit: 'ms', kernel, since });

export const diskSchema = defineRecord('disk', 'One block device of /proc/diskstats: a whole disk or a partition.', {
  name: f.string('Device name as the kernel prints it (sda, sda1, nvme0n1p2, dm-0).', { kernel: 'name' }),
  major: f.u32('Device major number.', { kernel: 'major' }),
  minor: f.u32('Device minor number.', { kernel: 'minor' }),
  kind: f.enum(
    ['disk', 'partition'] as const,
    'disk or partition: from /sys/block (which lists whole disks) when the source has it, else from the kernel\'s partition naming (disk name + N, or + pN when the disk name ends in a digit, of a device in the same file).',
  ),
  readsCompleted: count('Reads completed successfully.', 'reads_completed'),
  readsMerged: count('Reads merged with an adjacent one before reaching the device.', 'reads_merged'),
  sectorsRead: sectors('Data read.', 'sectors_read'),
  readTimeMs: ms('Time spent by all reads (from queueing to completion, summed over reads).', 'time_reading_ms'),
  writesCompleted: count('Writes completed successfully.', 'writes_completed'),
  writesMerged: count('Writes merged with an adjacent one.', 'writes_merged'),
  sectorsWritten: sectors('Data written.', 'sectors_written'),
  writeTimeMs: ms('Time spent by all writes.', 'time_writing_ms'),
  inFlight: opt.u32('I/Os issued to the driver and not yet completed (a gauge).', { unit: 'count', kernel: 'ios_in_progress' }),
  ioTimeMs: ms('Time the device had at least one I/O in flight (busy time: utilisation is its rate).', 'time_io_ms'),
  weightedIoTimeMs: ms('Sum over time of the number of I/Os in flight (queue length × time: mean queue length is its rate).', 'weighted_time_io_ms'),
  discardsCompleted: count('Discards completed successfully.', 'discards_completed', '4.18'),
  discardsMerged: count('Discards merged.', 'discards_merged', '4.18'),
  sectorsDiscarded: sectors('Data discarded.', 'sectors_discarded', '4.18'),
  discardTimeMs: ms('Time spent by all discards.', 'time_discarding_ms', '4.18'),
  flushesCompleted: count('Flush requests completed (not counted for partitions).', 'flushes_completed', '5.5'),
  flushTimeMs: ms('Time spent by all flushes.', 'time_flushing_ms', '5.5'),
  extra: opt.counters('Counters after the known layout (a newer kernel), as column<N> (field number counting major, minor, name).'),
});

export type Disk = RecordOf<typeof diskSchema>;
