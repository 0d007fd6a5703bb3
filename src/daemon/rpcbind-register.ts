/**
 * Registering with the local rpcbind (RFC 1833) so clients find kstatd by program number,
 * and unregistering on exit. Calls go over UDP to 127.0.0.1:111 with a short timeout
 * and one retry; no rpcbind (nothing answers, ICMP port unreachable) is a logged notice,
 * never an error: kstatd then serves clients that know its port.
 *
 *  - IPv4 endpoints: portmapper v2 SET {100149, vers, TCP|UDP, port} — what `rpcinfo -p`
 *    lists (and rpcbind shows as netids tcp/udp to v3/v4 clients);
 *  - IPv6 endpoints: rpcbind v4 SET {100149, vers, tcp6|udp6, universal address}.
 *
 * A stale registration of 100149 (a kstatd that died without unregistering) would make
 * SET fail, so each version is UNSET first — as rpc daemons traditionally do
 * (pmap_unset before svc_register). Unregistering is v2 UNSET (tcp and udp) plus v4
 * UNSET of the v6 netids we set.
 */
import dgram from 'node:dgram';
import { randomInt } from 'node:crypto';
import { AUTH_NONE_TOKEN, decodeReply, encodeCall } from '../protocol/rpc/message.js';
import {
  IPPROTO, NETID, PMAPPROC, PMAP_PORT, PMAP_PROG, PMAP_VERS, RPCBPROC, RPCBVERS4,
  decodeBool, encodeMapping, encodeRpcb,
} from '../protocol/rpcbind/messages.js';
import { encodeUniversalAddress } from '../protocol/rpcbind/uaddr.js';
import { KSTATPROG, KSTATVERS, KSTATVERS_BATCH } from '../protocol/kstat-x/procedures.js';
import type { Bound } from './rpc-server.js';
import type { Log } from './log.js';

export interface RegisterOptions {
  readonly host?: string;
  readonly port?: number;
  readonly timeoutMs?: number;
  readonly log: Log;
}

const VERSIONS = [KSTATVERS, KSTATVERS_BATCH];

/** One call to rpcbind; the boolean result, or undefined when nothing answered. */
export async function rpcbindCall(vers: number, proc: number, args: Uint8Array, o: RegisterOptions): Promise<boolean | undefined> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const answer = await callOnce(vers, proc, args, o);
    if (answer !== 'timeout') return answer;
  }
  return undefined;
}

function callOnce(vers: number, proc: number, args: Uint8Array, o: RegisterOptions): Promise<boolean | undefined | 'timeout'> {
  const xid = randomInt(1, 0x7fffffff);
  const call = encodeCall({ xid, prog: PMAP_PROG, vers, proc, cred: AUTH_NONE_TOKEN, verf: AUTH_NONE_TOKEN }, args);
  const sock = dgram.createSocket('udp4');
  return new Promise((resolve) => {
    const done = (v: boolean | undefined | 'timeout') => {
      clearTimeout(timer);
      sock.close();
      resolve(v);
    };
    const timer = setTimeout(() => done('timeout'), o.timeoutMs ?? 1000);
    sock.on('error', () => done(undefined)); // ECONNREFUSED: nothing on port 111
    sock.on('message', (msg) => {
      try {
        const reply = decodeReply(new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength));
        if (reply.xid !== xid) return;
        done(reply.stat === 'SUCCESS' ? decodeBool(reply.results) : false);
      } catch {
        /* not a reply to us: keep waiting */
      }
    });
    sock.connect(o.port ?? PMAP_PORT, o.host ?? '127.0.0.1', () => sock.send(call));
  });
}

const PROT = { tcp: IPPROTO.TCP, udp: IPPROTO.UDP } as const;

/** The registrations for these endpoints: v2 mappings for IPv4, v4 rpcb entries for IPv6. */
function plan(bound: readonly Bound[]) {
  const v4 = new Map<string, Bound>();
  const v6 = new Map<string, Bound>();
  for (const b of bound) {
    const into = b.family === 4 ? v4 : v6;
    if (!into.has(b.transport)) into.set(b.transport, b); // one port per (prog, vers, transport)
  }
  return { v4: [...v4.values()], v6: [...v6.values()] };
}

const netid6 = (b: Bound) => (b.transport === 'tcp' ? NETID.TCP6 : NETID.UDP6);

/** Unregisters stale entries, then registers every version on every endpoint. Returns whether rpcbind answered. */
export async function registerWithRpcbind(bound: readonly Bound[], o: RegisterOptions): Promise<boolean> {
  const { v4, v6 } = plan(bound);
  if ((await unregisterFromRpcbind(bound, o, false)) === false) {
    o.log.notice('kstatd: no rpcbind answers on 127.0.0.1:111; not registered (clients need the port)');
    return false;
  }
  for (const vers of VERSIONS) {
    for (const b of v4) {
      const ok = await rpcbindCall(PMAP_VERS, PMAPPROC.SET, encodeMapping({ prog: KSTATPROG, vers, prot: PROT[b.transport], port: b.port }), o);
      report(o, ok, `program ${KSTATPROG} version ${vers} ${b.transport} port ${b.port}`);
    }
    for (const b of v6) {
      const addr = encodeUniversalAddress(b.address, b.port);
      const ok = await rpcbindCall(RPCBVERS4, RPCBPROC.SET, encodeRpcb({ prog: KSTATPROG, vers, netid: netid6(b), addr, owner: 'kstatd' }), o);
      report(o, ok, `program ${KSTATPROG} version ${vers} ${netid6(b)} ${addr}`);
    }
  }
  return true;
}

function report(o: RegisterOptions, ok: boolean | undefined, what: string): void {
  if (ok === true) o.log.info(`kstatd: registered with rpcbind: ${what}`);
  else o.log.warning(`kstatd: rpcbind refused to register ${what}${ok === undefined ? ' (no answer)' : ''}`);
}

/**
 * UNSETs every version (tcp and udp through v2; tcp6/udp6 through v4 for IPv6 endpoints).
 * Returns false when rpcbind does not answer at all.
 */
export async function unregisterFromRpcbind(bound: readonly Bound[], o: RegisterOptions, logIt = true): Promise<boolean> {
  const { v6 } = plan(bound);
  for (const vers of VERSIONS) {
    const ok = await rpcbindCall(PMAP_VERS, PMAPPROC.UNSET, encodeMapping({ prog: KSTATPROG, vers, prot: 0, port: 0 }), o);
    if (ok === undefined) return false;
    for (const b of v6) {
      await rpcbindCall(RPCBVERS4, RPCBPROC.UNSET, encodeRpcb({ prog: KSTATPROG, vers, netid: netid6(b), addr: '', owner: 'kstatd' }), o);
    }
  }
  if (logIt) o.log.info(`kstatd: unregistered program ${KSTATPROG} from rpcbind`);
  return true;
}
