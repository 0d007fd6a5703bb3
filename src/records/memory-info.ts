/**
 * System memory: /proc/meminfo and /proc/vmstat (the Linux form of Solaris
 * `unix:0:system_pages` and `vminfo`). Not socket-buffer memory: that is `socket-memory`.
 *
 * Units are the kernel's, as printed, never converted: meminfo sizes are KiB (the kernel
 * prints "kB" and means 1024 bytes), HugePages_* are counts of huge pages. vmstat nr_*
 * values are PAGES of the source machine (page size is source metadata, not known to a
 * tree source), the rest are event counts. Every line is kept: the best-known meminfo
 * lines as typed fields, every other under its kernel name in `extra`; vmstat only by
 * kernel name, since its names change with every kernel.
 */
import { defineRecord, opt, type RecordOf } from './field.js';

const kib = (doc: string, kernel: string, since?: string) =>
  opt.u64(`${doc} KiB.`, since === undefined ? { unit: 'kib', kernel } : { unit: 'kib', kernel, since });
const pages = (doc: string, kernel: string) => opt.u64(`${doc} Count of huge pages.`, { unit: 'count', kernel });

export const memoryInfoSchema = defineRecord('memory-info', 'System memory usage (/proc/meminfo) and virtual-memory counters (/proc/vmstat).', {
  memTotal: kib('Usable RAM (physical minus reserved and the kernel image).', 'MemTotal'),
  memFree: kib('RAM not used at all.', 'MemFree'),
  memAvailable: kib('Estimate of RAM available for new work without swapping.', 'MemAvailable', '3.14'),
  buffers: kib('Block-device buffers not in the page cache of a file.', 'Buffers'),
  cached: kib('Page cache (files and shmem), without SwapCached.', 'Cached'),
  swapCached: kib('Swapped-out memory that is also still in RAM.', 'SwapCached'),
  active: kib('Memory used recently (active LRU lists).', 'Active'),
  inactive: kib('Memory less recently used (inactive LRU lists: reclaim candidates).', 'Inactive'),
  swapTotal: kib('Swap space.', 'SwapTotal'),
  swapFree: kib('Unused swap space.', 'SwapFree'),
  dirty: kib('Memory waiting to be written back to disk.', 'Dirty'),
  writeback: kib('Memory being written back now.', 'Writeback'),
  anonPages: kib('Anonymous pages mapped into user page tables.', 'AnonPages'),
  mapped: kib('Files mapped into memory (mmap), such as libraries.', 'Mapped'),
  shmem: kib('Shared memory and tmpfs.', 'Shmem', '2.6.32'),
  slab: kib('Kernel slab caches.', 'Slab'),
  slabReclaimable: kib('Slab memory that can be reclaimed (caches).', 'SReclaimable', '2.6.19'),
  slabUnreclaimable: kib('Slab memory that cannot be reclaimed.', 'SUnreclaim', '2.6.19'),
  kernelStack: kib('Kernel stacks of all tasks.', 'KernelStack', '2.6.32'),
  pageTables: kib('Page tables.', 'PageTables'),
  commitLimit: kib('Limit of committed memory under strict overcommit (vm.overcommit_memory=2).', 'CommitLimit'),
  committedAs: kib('Memory committed (allocated address space that would need backing).', 'Committed_AS'),
  vmallocTotal: kib('Size of the vmalloc address space.', 'VmallocTotal'),
  vmallocUsed: kib('vmalloc memory in use.', 'VmallocUsed'),
  hugePagesTotal: pages('Size of the default huge-page pool.', 'HugePages_Total'),
  hugePagesFree: pages('Huge pages of the pool not allocated.', 'HugePages_Free'),
  hugePageSize: kib('Size of a default huge page.', 'Hugepagesize'),
  extra: opt.counters('Every other meminfo line, under its kernel name, in the unit it is printed with (see `extraCounts`).'),
  extraCounts: opt.strings('Names in `extra` printed without "kB" (plain counts, e.g. HugePages_Rsvd); all other `extra` values are KiB.'),
  vmstat: opt.counters('Every /proc/vmstat line under its kernel name (nr_* in pages, the rest event counts). Undefined when the file cannot be read.'),
});

export type MemoryInfo = RecordOf<typeof memoryInfoSchema>;
