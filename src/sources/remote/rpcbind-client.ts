/**
 * Finding a program's TCP port with the host's portmapper (RFC 1833 §3, program 100000
 * version 2 on port 111): PMAPPROC_GETPORT answers the port, or 0 when the program and
 * version are not registered. Version 2 is what every rpcbind still serves (libtirpc's
 * pmap_getport uses it too) and needs no universal addresses. A short timeout: a host
 * without rpcbind should fail fast, not after the call timeout of a kstat read.
 */
import { KstatError } from '../../errors.js';
import { IPPROTO, PMAPPROC, PMAP_PORT, PMAP_PROG, PMAP_VERS, decodePort, encodeMapping } from '../../protocol/rpcbind/messages.js';
import { RpcClient } from './transport.js';

export const RPCBIND_TIMEOUT_MS = 3000;

export interface GetPortOptions {
  readonly timeoutMs?: number;
  /** The portmapper's port (111; tests use another). */
  readonly rpcbindPort?: number;
}

/** The TCP port `prog`/`vers` is registered on at `host`, or 0 when it is not. */
export async function getPort(host: string, prog: number, vers: number, options: GetPortOptions = {}): Promise<number> {
  const timeoutMs = options.timeoutMs ?? RPCBIND_TIMEOUT_MS;
  const client = new RpcClient(host, options.rpcbindPort ?? PMAP_PORT, { timeoutMs });
  try {
    const args = encodeMapping({ prog, vers, prot: IPPROTO.TCP, port: 0 });
    return decodePort(await client.call(PMAP_PROG, PMAP_VERS, PMAPPROC.GETPORT, args));
  } finally {
    await client.close();
  }
}

/**
 * The port of the first of `versions` registered (kstatd registers each version it
 * serves). E_UNAVAILABLE when none is, or when the host has no portmapper.
 */
export async function findPort(host: string, prog: number, versions: readonly number[], options: GetPortOptions = {}): Promise<number> {
  for (const vers of versions) {
    let port: number;
    try {
      port = await getPort(host, prog, vers, options);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new KstatError('E_UNAVAILABLE', `${host}: cannot ask rpcbind for program ${prog} (give the port as HOST:PORT): ${why}`, { cause: err });
    }
    if (port !== 0) return port;
  }
  throw new KstatError('E_UNAVAILABLE', `${host}: program ${prog} version ${versions.join(' or ')} is not registered with rpcbind (is kstatd running?)`);
}
