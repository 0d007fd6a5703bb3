/**
 * A Source over a remote kstatd (ONC RPC program 100149, docs/protocol.md): each netstat
 * view is the RAW kstat `netstat:0:<view>`, each system view `system:0:<view>`, read over
 * RPC and decoded by RawViewSource exactly as a snapshot's saved kstats are. The data,
 * issues, unavailable parts, takenAt and via are the daemon's reading as it made it.
 *
 * A view is read with one READ_BATCH selector (version 2: one round trip, no kid needed);
 * a server that serves only version 1 is read as libkstat would: READ(0) for the headers,
 * then READ of the view's kid (once more after re-reading the headers if the kid went away).
 * clock() is CHAINID. The source's kstat chain (kstatOpen({ host })) is served by
 * `remoteKstats()` (kstat/remote-chain.ts).
 */
import { KstatError } from '../../errors.js';
import { KSTATPROG, KSTATVERS, KSTATVERS_BATCH } from '../../protocol/kstat-x/procedures.js';
import { KSTAT_STATUS } from '../../protocol/kstat-x/status.js';
import { RawViewSource, type RawViewModule } from '../raw-view-source.js';
import type { SourceClock, SourceInfo, Unavailable } from '../source.js';
import { KstatRpc, statusError } from './kstat-rpc.js';
import { hostLabel, parseHost } from './host.js';
import { findPort, type GetPortOptions } from './rpcbind-client.js';
import { RpcClient, RpcReplyError, type RpcClientOptions } from './transport.js';

export interface RemoteOptions extends RpcClientOptions {
  /** Where rpcbind is asked when the host names no port (tests). */
  readonly rpcbind?: GetPortOptions;
}

/** Parses `host[:port]`, finds the port with rpcbind when none is given, and checks the daemon answers (CHAINID). */
export async function openRemoteSource(host: string, options: RemoteOptions = {}): Promise<RemoteSource> {
  const address = parseHost(host);
  const port = address.port ?? (await findPort(address.host, KSTATPROG, [KSTATVERS_BATCH, KSTATVERS], options.rpcbind));
  const client = new RpcClient(address.host, port, options);
  const source = new RemoteSource(new KstatRpc(client), `host ${hostLabel({ host: address.host, port })}`);
  try {
    await source.clock();
  } catch (err) {
    await source.close();
    throw err;
  }
  return source;
}

export class RemoteSource extends RawViewSource {
  readonly info: SourceInfo;
  readonly rpc: KstatRpc;
  protected readonly noOwners: Unavailable = { what: 'owning processes', reason: 'not served by kstatd (its socket view is read without the owner scan)' };
  /** False once the server refused version 2: views are then read by kid. */
  private batch = true;

  constructor(rpc: KstatRpc, label: string) {
    super();
    this.rpc = rpc;
    this.info = { kind: 'remote', label };
  }

  async clock(): Promise<SourceClock> {
    const { sinceBootNs, bootTimeNs } = await this.rpc.chainId();
    return { sinceBootNs, bootTimeNs };
  }

  /** The chain of the remote kstatd, for kstatOpen({ host }) (kstat/remote-chain.ts). */
  remoteKstats(): KstatRpc {
    return this.rpc;
  }

  async close(): Promise<void> {
    await this.rpc.client.close();
  }

  protected async rawView(module: RawViewModule, view: string): Promise<Uint8Array> {
    const kstat = this.batch ? await this.byBatch(module, view) : undefined;
    const k = kstat ?? (await this.byKid(module, view));
    if (k.data.type !== 'RAW') throw new KstatError('E_PARSE', `${this.info.label}: ${module}:0:${view} is ${k.data.type}, not RAW`);
    return k.data.raw;
  }

  protected where(): { prefix: string } {
    return { prefix: this.info.label };
  }

  /** One READ_BATCH selector; undefined when the server does not serve version 2. */
  private async byBatch(module: RawViewModule, view: string) {
    try {
      const { kstats } = await this.rpc.batch({ by: 'selectors', selectors: [{ module, instance: 0, name: view, class: '' }] });
      const k = kstats.find((x) => x.module === module && x.instance === 0 && x.name === view);
      if (k === undefined) throw this.absent(module, view);
      return k;
    } catch (err) {
      if (!(err instanceof RpcReplyError) || (err.reply.stat !== 'PROG_MISMATCH' && err.reply.stat !== 'PROC_UNAVAIL')) throw err;
      this.batch = false;
      return undefined;
    }
  }

  private async byKid(module: RawViewModule, view: string) {
    for (let attempt = 0; ; attempt++) {
      const { headers } = await this.rpc.headers();
      const h = headers.find((x) => x.module === module && x.instance === 0 && x.name === view);
      if (h === undefined) throw this.absent(module, view);
      const res = await this.rpc.read(h.kid);
      if (res.ok) return res.kstat;
      if (res.status !== KSTAT_STATUS.KSTAT_ENXIO || attempt > 0) throw statusError(res.status, `${this.info.label}: READ of ${module}:0:${view} (kid ${h.kid})`);
    }
  }

  private absent(module: string, view: string): KstatError {
    return new KstatError('E_UNAVAILABLE', `${view} is not available from ${this.info.label}: the daemon serves no ${module}:0:${view} kstat`);
  }
}
