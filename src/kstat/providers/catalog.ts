// H3: add your providers here (only the PROVIDERS array: one import line and one entry each).
/**
 * Every kstat provider, in the order the chain asks them (which is the kid order of the
 * kstats they make when a chain is first built). A provider whose record kind the
 * source lacks simply contributes no kstats.
 */
import type { KstatProvider } from '../provider.js';
import { linkProvider } from './link.js';
import { protocolCountersProvider } from './protocol-counters.js';
import { socketMemoryProvider } from './socket-memory.js';
import { routeStatsProvider } from './route-stats.js';
import { netstatViewProviders } from './netstat-views.js';
import { systemViewProviders } from './system-views.js';
import { cpuProvider } from './cpu.js';
import { systemMemoryProvider } from './system-memory.js';
import { diskProvider } from './disk.js';
import { interruptsProvider } from './interrupts.js';
import { schedulerTimerProvider } from './scheduler-timer.js';

export const PROVIDERS: readonly KstatProvider[] = [
  linkProvider,
  protocolCountersProvider,
  socketMemoryProvider,
  routeStatsProvider,
  ...netstatViewProviders,
  ...systemViewProviders,
  cpuProvider,
  systemMemoryProvider,
  diskProvider,
  interruptsProvider,
  schedulerTimerProvider,
];
