/**
 * What systemd handed us (sd_listen_fds(3), then sd_is_socket(3)'s question): for each fd
 * from 3 on, whether it is a stream socket (ListenStream=: a TCP listener) or a datagram
 * socket (ListenDatagram=: UDP), and its address family — getsockopt(SO_TYPE) and
 * getsockopt(SO_DOMAIN), through the libc binding netlink already loads (koffi).
 * Without koffi the type cannot be told: every fd is then taken as a stream socket, as
 * kstatd did before it adopted datagram sockets.
 */
import { loadLibc, type Libc } from '../sources/netlink/libc.js';

const SOL_SOCKET = 1;
const SO_TYPE = 3;
const SO_DOMAIN = 39;
const SOCK_STREAM = 1;
const SOCK_DGRAM = 2;
const AF_INET = 2;
const AF_INET6 = 10;

export interface InheritedSocket {
  readonly fd: number;
  /** 'unknown': the type could not be asked (no koffi), or the fd is neither. */
  readonly type: 'stream' | 'datagram' | 'unknown';
  readonly family: 4 | 6 | undefined;
  /** Why the type is unknown. */
  readonly why?: string;
}

/** sd_listen_fds(3): the fds systemd passed us (3 .. 3+n-1), when they are for this process. */
export function listenFds(env: NodeJS.ProcessEnv = process.env, pid = process.pid): number[] {
  if (env.LISTEN_PID !== String(pid)) return [];
  const n = Number(env.LISTEN_FDS);
  if (!Number.isInteger(n) || n <= 0 || n > 64) return [];
  return Array.from({ length: n }, (_, i) => 3 + i);
}

export async function inspectInherited(fds: readonly number[], libc: () => Promise<Libc> = loadLibc): Promise<InheritedSocket[]> {
  let c: Libc;
  try {
    c = await libc();
  } catch (err) {
    const why = (err as Error).message;
    return fds.map((fd) => ({ fd, type: 'unknown', family: undefined, why }));
  }
  return fds.map((fd) => {
    const type = option(c, fd, SO_TYPE);
    const domain = option(c, fd, SO_DOMAIN);
    const family = domain === AF_INET ? 4 : domain === AF_INET6 ? 6 : undefined;
    if (type === SOCK_STREAM) return { fd, type: 'stream', family };
    if (type === SOCK_DGRAM) return { fd, type: 'datagram', family };
    return { fd, type: 'unknown', family, why: type === undefined ? `getsockopt failed (errno ${c.errno()})` : `socket type ${type}` };
  });
}

function option(c: Libc, fd: number, name: number): number | undefined {
  const value = new Int32Array(1);
  const len = new Uint32Array([4]);
  return c.getsockopt(fd, SOL_SOCKET, name, value, len) === 0 ? value[0] : undefined;
}
