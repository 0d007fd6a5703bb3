/**
 * Our library and `knetstat`. The library rows list every TCP socket (v4+v6) through one
 * read path — procfs (/proc/net/tcp{,6}) or netlink (sock_diag) — optionally with TCP
 * internals (INET_DIAG_INFO, like `ss -i`) or owning processes. Cold = a whole `node`
 * process running bench/cold/list-sockets.ts; warm = calls inside one running process
 * (bench/warm/warm-child.ts). `knetstat -tan` is the command end to end, output to /dev/null,
 * by netlink (the default) and by procfs (`--via procfs`, what `netstat -tan` reads).
 */
import { existsSync } from 'node:fs';
import { coldRun } from '../measure/cold-run.js';
import { warmRun } from '../measure/warm-run.js';
import { paths } from '../paths.js';
import { lastCount, type ColdRow, type WarmRow } from './row.js';

/** One way of calling the library; `warm-child.ts` and `list-sockets.ts` read the same words. */
export interface Variant {
  readonly via: 'procfs' | 'netlink';
  readonly processes?: boolean;
  readonly internals?: boolean;
  /** session.streamSockets counting the batches instead of sockets() returning the list. */
  readonly stream?: boolean;
}

function missing(): string | undefined {
  return existsSync(paths.library) ? undefined : `${paths.library} not built (npm run build)`;
}

/** "netlink", "netlink+processes", "procfs+internals": the variant as one argument. */
export function variantName(v: Variant): string {
  return [v.via, ...(v.processes === true ? ['processes'] : []), ...(v.internals === true ? ['internals'] : []), ...(v.stream === true ? ['stream'] : [])].join('+');
}

function label(v: Variant): string {
  const extras = [...(v.internals === true ? ['internals'] : []), ...(v.processes === true ? ['processes'] : [])];
  return `kstat ${v.stream === true ? 'streamSockets' : 'sockets'}({tcp${extras.map((e) => `, ${e}`).join('')}}) ${v.via}`;
}

export function kstatColdRow(id: string, v: Variant): ColdRow {
  return {
    id,
    label: label(v),
    mode: 'cold',
    missing,
    async once(timeoutMs) {
      const run = await coldRun(process.execPath, [paths.coldListSockets, variantName(v)], { timeoutMs, captureStdout: true });
      return { ...run, count: lastCount(run.stdout) };
    },
  };
}

export function kstatWarmRow(id: string, v: Variant): WarmRow {
  return {
    id,
    label: label(v),
    mode: 'warm',
    missing,
    async batch(calls, budgetS, timeoutMs) {
      const r = await warmRun({ command: process.execPath, args: [paths.warmChild, `kstat:${variantName(v)}`], calls, budgetS, timeoutMs });
      return { seconds: r.seconds, peakRssKiB: r.maxRssKiB, count: r.count };
    },
  };
}

function knetstatRow(id: string, args: readonly string[]): ColdRow {
  return {
    id,
    label: `knetstat ${args.join(' ')}`,
    mode: 'cold',
    missing: () => (existsSync(paths.knetstat) ? undefined : `${paths.knetstat} not built`),
    async once(timeoutMs) {
      const run = await coldRun(process.execPath, [paths.knetstat, ...args], { timeoutMs });
      return { ...run, count: undefined };
    },
  };
}

export const knetstatTan = knetstatRow('knetstat-tan', ['-tan']);
/** The procfs path doing what `netstat -tan` does: read /proc/net/tcp{,6} and print the table. */
export const knetstatTanProcfs = knetstatRow('knetstat-tan-procfs', ['-tan', '--via', 'procfs']);

export const kstatColdProcfs = kstatColdRow('kstat-cold', { via: 'procfs' });
export const kstatColdNetlink = kstatColdRow('kstat-cold-netlink', { via: 'netlink' });
export const kstatColdInternals = kstatColdRow('kstat-cold-internals', { via: 'netlink', internals: true });
export const kstatColdProcesses = kstatColdRow('kstat-cold-processes', { via: 'netlink', processes: true });
export const kstatWarmProcfs = kstatWarmRow('kstat-warm', { via: 'procfs' });
export const kstatWarmNetlink = kstatWarmRow('kstat-warm-netlink', { via: 'netlink' });
export const kstatWarmInternals = kstatWarmRow('kstat-warm-internals', { via: 'netlink', internals: true });
export const kstatWarmProcesses = kstatWarmRow('kstat-warm-processes', { via: 'netlink', processes: true });
export const kstatWarmProcfsStream = kstatWarmRow('kstat-warm-stream', { via: 'procfs', stream: true });
export const kstatWarmNetlinkStream = kstatWarmRow('kstat-warm-netlink-stream', { via: 'netlink', stream: true });
