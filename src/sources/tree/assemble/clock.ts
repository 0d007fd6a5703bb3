/**
 * The clock of a tree source, for kstat times (see SourceClock in source.ts).
 *
 * Live kernel and another process's namespace (same machine): now is
 * process.hrtime.bigint(), which Node takes from CLOCK_MONOTONIC (libuv uv_hrtime): ns
 * since boot, not counting suspend — the analogue of Solaris gethrtime(). Boot time is
 * /proc/stat btime (whole seconds; CLOCK_BOOTTIME-based, so after a suspend it and
 * hrtime drift apart by the time suspended).
 *
 * A captured tree is one instant: now is its proc/uptime when the capture has it (the
 * same for every call), else 0; boot time is its proc/stat btime, else 0 (unknown).
 * Never the reading host's clock: that would date a capture by the machine reading it.
 */
import type { SourceClock, SourceInfo } from '../../source.js';
import type { TreeReader } from '../reader.js';
import { parseStatBtime } from '../procfs/stat.js';
import { parseUptime } from '../procfs/uptime.js';

/**
 * `bootTimeNs` may be a value the caller kept from an earlier call: boot time does not
 * change, and /proc/stat is large on many-CPU machines (its intr line), so the source
 * reads it once.
 */
export async function readClock(reader: TreeReader, info: SourceInfo, bootTimeNs?: Promise<bigint>): Promise<SourceClock> {
  const sameMachine = info.kind === 'live' || info.kind === 'pid' || info.kind === 'netns';
  const sinceBootNs = sameMachine ? process.hrtime.bigint() : await capturedUptime(reader);
  return { sinceBootNs, bootTimeNs: await (bootTimeNs ?? readBootTimeNs(reader)) };
}

/** /proc/stat btime in ns since the epoch, or 0n when the source does not have it. */
export async function readBootTimeNs(reader: TreeReader): Promise<bigint> {
  const r = await reader.read('proc/stat');
  if (!r.ok) return 0n;
  const btime = parseStatBtime(r.text, 'proc/stat').rows[0];
  return btime === undefined ? 0n : btime * 1_000_000_000n;
}

async function capturedUptime(reader: TreeReader): Promise<bigint> {
  const r = await reader.read('proc/uptime');
  if (!r.ok) return 0n;
  return parseUptime(r.text, 'proc/uptime').rows[0]?.uptimeNs ?? 0n;
}
