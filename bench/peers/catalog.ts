/** Every row of the socket-listing benchmark, in the order the table prints them. */
import { bareRead, nodeRead } from './bare-read.js';
import {
  knetstatTan,
  knetstatTanProcfs,
  kstatColdInternals,
  kstatColdNetlink,
  kstatColdProcesses,
  kstatColdProcfs,
  kstatWarmInternals,
  kstatWarmNetlink,
  kstatWarmProcesses,
  kstatWarmProcfs,
  kstatWarmProcfsStream,
  kstatWarmNetlinkStream,
} from './kstat.js';
import { netstatTan } from './netstat.js';
import { nodeFloor } from './node-floor.js';
import { psutilCold, psutilWarm } from './psutil.js';
import type { ColdRow, WarmRow } from './row.js';
import { siCold, siWarm } from './systeminformation.js';
import { ssTan, ssTani, ssTanp } from './ss.js';

export const coldRows: ColdRow[] = [
  nodeFloor,
  bareRead,
  ssTan,
  ssTani,
  ssTanp,
  netstatTan,
  knetstatTan,
  knetstatTanProcfs,
  kstatColdProcfs,
  kstatColdNetlink,
  kstatColdInternals,
  kstatColdProcesses,
  psutilCold,
  siCold,
];

export const warmRows: WarmRow[] = [nodeRead, kstatWarmProcfs, kstatWarmProcfsStream, kstatWarmNetlink, kstatWarmNetlinkStream, kstatWarmInternals, kstatWarmProcesses, psutilWarm, siWarm];
