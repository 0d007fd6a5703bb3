/**
 * The few libc calls netlink needs (and getsockopt, with which kstatd tells the sockets
 * systemd hands it apart), through koffi (a prebuilt FFI shipped inside its npm
 * package: nothing is compiled on install). Loaded on first use, so a program that never
 * reads the live kernel through netlink never loads it, and a machine where koffi or
 * libc cannot be loaded falls back to procfs (the caller sees E_UNAVAILABLE here).
 *
 * The calls are synchronous and run on the calling (JavaScript) thread. That is what
 * makes setns() safe: setns changes the namespace of the calling thread only, Node runs
 * all JavaScript on one thread, and nothing else runs on that thread between our setns
 * into a namespace and our setns back (no await in between), while libuv's pool threads
 * and worker threads keep their own namespaces. Netlink dumps never block for long: the
 * kernel fills each receive buffer inside the recv call itself.
 */
import { KstatError } from '../../errors.js';

export interface Libc {
  socket(domain: number, type: number, protocol: number): number;
  sendto(fd: number, buf: Uint8Array, len: number, flags: number, addr: Uint8Array, addrlen: number): number;
  recv(fd: number, buf: Uint8Array, len: number, flags: number): number;
  setsockopt(fd: number, level: number, name: number, value: Uint8Array, len: number): number;
  /** `value` receives the option, `len` (one element) its length in and out. */
  getsockopt(fd: number, level: number, name: number, value: Int32Array, len: Uint32Array): number;
  setns(fd: number, nstype: number): number;
  close(fd: number): number;
  errno(): number;
}

let loading: Promise<Libc> | undefined;

export function loadLibc(): Promise<Libc> {
  loading ??= load();
  return loading;
}

async function load(): Promise<Libc> {
  let koffi: (typeof import('koffi'))['default'];
  try {
    koffi = (await import('koffi')).default;
  } catch (cause) {
    throw new KstatError('E_UNAVAILABLE', `netlink needs the koffi package, which did not load: ${(cause as Error).message}`, { cause });
  }
  try {
    const lib = koffi.load('libc.so.6');
    return {
      socket: lib.func('int socket(int, int, int)'),
      sendto: lib.func('intptr_t sendto(int, const void *, size_t, int, const void *, uint32_t)'),
      recv: lib.func('intptr_t recv(int, void *, size_t, int)'),
      setsockopt: lib.func('int setsockopt(int, int, int, const void *, uint32_t)'),
      getsockopt: lib.func('int getsockopt(int, int, int, void *, void *)'),
      setns: lib.func('int setns(int, int)'),
      close: lib.func('int close(int)'),
      errno: () => koffi.errno(),
    };
  } catch (cause) {
    throw new KstatError('E_UNAVAILABLE', `netlink: libc could not be loaded through koffi: ${(cause as Error).message}`, { cause });
  }
}
