/**
 * kstatd's configuration, as the command line (src/cli/kstatd/options.ts) makes it.
 */
import type { OpenOptions } from '../netstat/open.js';
import type { AllowList } from './allow-list.js';
import type { Limits } from './limits.js';
import type { Priority } from './log.js';
import type { ListenAddress } from './rpc-server.js';

export interface DaemonConfig {
  readonly source: OpenOptions;
  /** Where to listen (the command line fills in the defaults). */
  readonly listen: readonly ListenAddress[];
  readonly allow: AllowList;
  readonly limits: Limits;
  readonly exposeProcesses: boolean;
  readonly rpcbind: boolean;
  readonly udp: boolean;
  readonly verbosity: Priority;
  readonly help: boolean;
  readonly version: boolean;
}
