/**
 * The sysfs half of the interface assembler: reads /sys/class/net/<if>/... for one
 * interface and maps the attribute values to interface fields. Whether this /sys belongs
 * to the same network namespace as /proc/net is decided by the caller (interfaces.ts).
 */
import { issue } from '../../../errors.js';
import type { Interface } from '../../../records/interface.js';
import type { ReadFailure, TreeReader } from '../reader.js';
import {
  canIgnoreSysfsError,
  interfaceFlagNames,
  linkTypeName,
  parseSysfsAttribute,
  type SysfsKind,
  type SysfsValue,
} from '../sysfs/class-net.js';
import { addNotes, emptyPart, type Part } from './part.js';

/** The fields sysfs can fill. */
export type SysfsFields = Partial<Omit<Interface, 'name'>>;

/** One interface's sysfs values, and which optional directories it had. */
export interface SysfsInterface {
  readonly fields: SysfsFields;
  readonly hasStatistics: boolean;
  readonly hasQueues: boolean;
}

/** Top-level attribute file → field, and how its text reads. */
const ATTRIBUTES: readonly (readonly [string, keyof SysfsFields, SysfsKind])[] = [
  ['ifindex', 'index', 'u32'],
  ['mtu', 'mtu', 'u32'],
  ['address', 'address', 'mac'],
  ['broadcast', 'broadcast', 'mac'],
  ['operstate', 'operState', 'operstate'],
  ['carrier', 'carrier', 'bool'],
  ['speed', 'speed', 'speed'],
  ['duplex', 'duplex', 'duplex'],
  ['type', 'type', 'u32'],
  ['flags', 'flags', 'hex-flags'],
  ['tx_queue_len', 'txQueueLength', 'u32'],
  ['ifalias', 'alias', 'text'],
  ['iflink', 'iflink', 'u32'],
  ['carrier_changes', 'carrierChanges', 'counter'],
  ['carrier_up_count', 'carrierUpCount', 'counter'],
  ['carrier_down_count', 'carrierDownCount', 'counter'],
];

/** statistics/<file> → typed field, for the counters /proc/net/dev folds into its sums or lacks. */
const STATISTICS_FIELDS: Readonly<Record<string, keyof SysfsFields>> = {
  rx_crc_errors: 'rxCrcErrors',
  rx_length_errors: 'rxLengthErrors',
  rx_missed_errors: 'rxMissedErrors',
  rx_over_errors: 'rxOverErrors',
  rx_nohandler: 'rxNoHandler',
  tx_aborted_errors: 'txAbortedErrors',
  tx_heartbeat_errors: 'txHeartbeatErrors',
  tx_window_errors: 'txWindowErrors',
};

/** Reads at most this many files of one interface at a time (sysfs reads may take the RTNL lock). */
const FILES_IN_FLIGHT = 8;

/**
 * Like Promise.all over `items`, with at most `limit` calls of `each` running at once. Each
 * call records its issues and unavailable parts in a part of its own, added to `part` in the
 * order of `items` once all are done: reads finish in any order, a reading's issues do not.
 */
export async function mapBounded<T, R>(part: Part<unknown>, items: readonly T[], limit: number, each: (item: T, own: Part<unknown>) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  const own = items.map(() => emptyPart<unknown>(undefined));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await each(items[i]!, own[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  addNotes(part, own);
  return out;
}

/** Records a failed sysfs read unless it is one of the "not exposed here" errnos. */
export function noteSysfsFailure(part: Part<unknown>, file: string, failure: ReadFailure): void {
  if (canIgnoreSysfsError(failure.errno)) return;
  if (failure.reason === 'denied') {
    part.unavailable.push({ what: `sysfs attribute ${file.split('/').slice(3).join('/')}`, file, reason: `permission denied (${failure.errno})` });
  } else {
    part.issues.push(issue(file, undefined, 'read-error', `${failure.errno ?? failure.reason}: ${failure.message}`));
  }
}

async function readValue(reader: TreeReader, part: Part<unknown>, file: string, kind: SysfsKind): Promise<SysfsValue | undefined> {
  const r = await reader.read(file);
  if (!r.ok) {
    noteSysfsFailure(part, file, r);
    return undefined;
  }
  const parsed = parseSysfsAttribute(kind, r.text, file);
  part.issues.push(...parsed.issues);
  return parsed.rows[0];
}

export async function readSysfsInterface(reader: TreeReader, part: Part<unknown>, name: string): Promise<SysfsInterface> {
  const dir = `sys/class/net/${name}`;
  const fields = await readAttributes(reader, part, dir, ATTRIBUTES);
  if (typeof fields.type === 'number') fields.typeName = linkTypeName(fields.type);
  if (typeof fields.flags === 'number') fields.flagNames = interfaceFlagNames(fields.flags);
  const statistics = await readStatistics(reader, part, `${dir}/statistics`);
  if (statistics !== undefined) {
    fields.statistics = statistics;
    for (const [kernel, field] of Object.entries(STATISTICS_FIELDS)) fields[field] = statistics[kernel];
  }
  const txTimeouts = await readTxTimeouts(reader, part, `${dir}/queues`);
  if (txTimeouts !== null) fields.txTimeouts = txTimeouts;
  for (const key of Object.keys(fields)) if (fields[key] === undefined) delete fields[key];
  return { fields: fields as SysfsFields, hasStatistics: statistics !== undefined, hasQueues: txTimeouts !== null };
}

/**
 * Only `wanted` of one interface's top-level attributes, and with `txTimeouts` among them its
 * queues' tx timeouts: for a source that has the rest from rtnetlink.
 */
export async function readSysfsFields(reader: TreeReader, part: Part<unknown>, name: string, wanted: readonly (keyof SysfsFields)[]): Promise<SysfsFields> {
  const dir = `sys/class/net/${name}`;
  const fields = await readAttributes(reader, part, dir, ATTRIBUTES.filter(([, field]) => wanted.includes(field)));
  if (wanted.includes('txTimeouts')) {
    const txTimeouts = await readTxTimeouts(reader, part, `${dir}/queues`);
    if (txTimeouts !== null && txTimeouts !== undefined) fields.txTimeouts = txTimeouts;
  }
  return fields as SysfsFields;
}

/** The top-level `attributes` of the interface directory `dir` that could be read, by field. */
async function readAttributes(reader: TreeReader, part: Part<unknown>, dir: string, attributes: typeof ATTRIBUTES): Promise<Record<string, unknown>> {
  const values = await mapBounded(part, attributes, FILES_IN_FLIGHT, ([attr, , kind], own) => readValue(reader, own, `${dir}/${attr}`, kind));
  const fields: Record<string, unknown> = {};
  attributes.forEach(([, field], i) => {
    if (values[i] !== undefined) fields[field] = values[i];
  });
  return fields;
}

/** Every statistics/* file by kernel name; undefined when the directory is not there. */
async function readStatistics(reader: TreeReader, part: Part<unknown>, dir: string): Promise<Record<string, bigint> | undefined> {
  const listed = await reader.list(dir);
  if (!listed.ok) {
    noteSysfsFailure(part, dir, listed);
    return undefined;
  }
  const values = await mapBounded(part, listed.names, FILES_IN_FLIGHT, (n, own) => readValue(reader, own, `${dir}/${n}`, 'counter'));
  const out: Record<string, bigint> = {};
  listed.names.forEach((n, i) => {
    if (typeof values[i] === 'bigint') out[n] = values[i];
  });
  return out;
}

/**
 * Sum of queues/tx-<n>/tx_timeout. null: no queues/ directory (not exposed or not
 * captured); undefined: the directory is there but some queue's count could not be read,
 * so a sum would be short — left out rather than under-counted.
 */
async function readTxTimeouts(reader: TreeReader, part: Part<unknown>, dir: string): Promise<bigint | undefined | null> {
  const listed = await reader.list(dir);
  if (!listed.ok) {
    noteSysfsFailure(part, dir, listed);
    return null;
  }
  const queues = listed.names.filter((n) => /^tx-\d+$/.test(n));
  const counts = await mapBounded(part, queues, FILES_IN_FLIGHT, (q, own) => readValue(reader, own, `${dir}/${q}/tx_timeout`, 'counter'));
  if (queues.length === 0 || counts.some((c) => typeof c !== 'bigint')) return undefined;
  return (counts as bigint[]).reduce((a, b) => a + b, 0n);
}
