/**
 * kstatd's life: open the one source, build its chain, listen (or adopt systemd's
 * sockets), register with rpcbind, serve until SIGTERM/SIGINT, then stop accepting,
 * close connections, unregister and close the source.
 */
import { KstatCtl } from '../kstat/kstat-ctl.js';
import type { Kstat } from '../kstat/chain.js';
import { PROVIDERS } from '../kstat/providers/catalog.js';
import type { KstatProvider } from '../kstat/provider.js';
import { fromView } from '../kstat/providers/view-reading.js';
import { openSource } from '../netstat/open.js';
import { encodeViewReading, type NetstatViewData } from '../protocol/netstat-readings.js';
import type { Reading, Source } from '../sources/source.js';
import { KSTATPROG } from '../protocol/kstat-x/procedures.js';
import { ChainKeeper } from './chain-keeper.js';
import type { DaemonConfig } from './config.js';
import type { Log } from './log.js';
import { dispatch } from './rpc-dispatch.js';
import { inspectInherited, listenFds } from './inherited-sockets.js';
import { ownersMayBeIn } from './redact.js';
import { registerWithRpcbind, unregisterFromRpcbind } from './rpcbind-register.js';
import { RpcServer, type Bound } from './rpc-server.js';

export interface RunningDaemon {
  readonly bound: readonly Bound[];
  readonly server: RpcServer;
  /** Stops everything (idempotent); resolves when done. */
  stop(reason: string): Promise<void>;
}

export { listenFds } from './inherited-sockets.js';

/** With --expose-processes the two views with owners are read with them (an owner scan per update). */
function providersFor(exposeProcesses: boolean): readonly KstatProvider[] {
  if (!exposeProcesses) return PROVIDERS;
  const withOwners: Record<string, KstatProvider> = {
    'netstat-sockets': ownersProvider('sockets', (s) => s.sockets({ processes: true })),
    'netstat-packet-sockets': ownersProvider('packet-sockets', (s) => s.packetSockets({ processes: true })),
  };
  return PROVIDERS.map((p) => withOwners[p.name] ?? p);
}

function ownersProvider<V extends 'sockets' | 'packet-sockets'>(view: V, read: (s: Source) => Promise<Reading<NetstatViewData[V]>>): KstatProvider {
  return {
    name: `netstat-${view}`,
    modules: ['netstat'],
    collect: (source) =>
      fromView(() => read(source), (_d, reading) => [{ module: 'netstat', instance: 0, name: view, class: 'netstat', type: 'RAW', data: { type: 'RAW', raw: encodeViewReading(view, reading) } }]),
  };
}

export async function startDaemon(config: DaemonConfig, log: Log, env: NodeJS.ProcessEnv = process.env): Promise<RunningDaemon> {
  const source = await openSource(config.source);
  let ctl: KstatCtl;
  try {
    ctl = await KstatCtl.over(source, providersFor(config.exposeProcesses));
  } catch (err) {
    await source.close();
    throw err;
  }
  const keeper = new ChainKeeper(ctl, { refreshMs: config.limits.refreshMs, clock: () => source.clock() });
  const ctx = {
    chain: () => keeper.current(),
    last: () => keeper.last(),
    freshFor: (kstats: readonly Kstat[]) => keeper.freshFor(kstats),
    exposeProcesses: config.exposeProcesses,
    mayCarryOwners: ownersMayBeIn(ctl.info.kind),
  };
  const server = new RpcServer({
    limits: config.limits,
    allow: config.allow,
    log,
    udp: config.udp,
    handle: (record, transport) => dispatch(record, { ...ctx, transport, maxReplyBytes: config.limits.maxReplyBytes }),
  });
  let bound: Bound[];
  try {
    const fds = listenFds(env);
    bound = fds.length > 0 ? await server.adopt(await inspectInherited(fds)) : await server.listen(config.listen);
    if (fds.length > 0) log.info(`kstatd: socket activation: adopted ${bound.length} of ${fds.length} socket(s) (${bound.map((b) => b.transport).join(', ')}); --listen is ignored`);
  } catch (err) {
    await server.close();
    await ctl.close();
    throw err;
  }
  log.info(`kstatd: serving ${ctl.info.label} (chain ${ctl.chainId}, ${ctl.chain.length} kstats) as program ${KSTATPROG} versions 1-2`);
  for (const b of bound) log.info(`kstatd: listening on ${b.transport} ${b.family === 6 ? `[${b.address}]` : b.address}:${b.port}`);
  log.info(`kstatd: allowed clients: ${config.allow.blocks.map((b) => b.text).join(', ')}`);
  const registered = config.rpcbind && (await registerWithRpcbind(bound, { log }));
  let stopping: Promise<void> | undefined;
  const stop = (reason: string) =>
    (stopping ??= (async () => {
      log.notice(`kstatd: ${reason}: shutting down`);
      await server.close();
      if (registered) await unregisterFromRpcbind(bound, { log });
      await ctl.close();
      log.info('kstatd: stopped');
    })());
  log.info('kstatd: ready');
  return { bound, server, stop };
}
