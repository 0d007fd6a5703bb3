/** Every row of the socket-listing benchmark, in the order the table prints them. */
import { bareRead, nodeRead } from './bare-read.js';
import { kstatCold, kstatColdProcesses, kstatWarm, kstatWarmProcesses } from './kstat.js';
import { netstatTan } from './netstat.js';
import { nodeFloor } from './node-floor.js';
import { psutilCold, psutilWarm } from './psutil.js';
import type { ColdRow, WarmRow } from './row.js';
import { siCold, siWarm } from './systeminformation.js';
import { ssTan, ssTanp } from './ss.js';

export const coldRows: ColdRow[] = [
  nodeFloor,
  bareRead,
  ssTan,
  ssTanp,
  netstatTan,
  kstatCold,
  kstatColdProcesses,
  psutilCold,
  siCold,
];

export const warmRows: WarmRow[] = [nodeRead, kstatWarm, kstatWarmProcesses, psutilWarm, siWarm];
