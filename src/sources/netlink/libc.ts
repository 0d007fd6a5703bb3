/**
 * The few libc calls netlink needs (and getsockopt, with which kstatd tells the sockets
 * systemd hands it apart), through koffi (a prebuilt FFI shipped inside its npm
 * package: nothing is compiled on install). Loaded when a source that reads netlink is
 * opened (channel.ts preload), so a program that reads only captured trees, snapshots,
 * remote hosts or `via: 'procfs'` never loads it, and a machine where koffi or libc cannot
 * be loaded falls back to procfs (the caller sees E_UNAVAILABLE here).
 *
 * The calls are synchronous and run on the calling (JavaScript) thread, except
 * `recvmmsgAsync`, which runs recvmmsg on a libuv pool thread (how a long dump's next
 * receive overlaps the parsing of the last one; see netlink-socket.ts). That is what
 * makes setns() safe: setns changes the namespace of the calling thread only, Node runs
 * all JavaScript on one thread, and nothing else runs on that thread between our setns
 * into a namespace and our setns back (no await in between), while libuv's pool threads
 * and worker threads keep their own namespaces. Netlink dumps never block for long: the
 * kernel fills each receive buffer inside the recv call itself.
 */
import { createRequire } from 'node:module';
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
  /** recvmmsg(2) into the native vector of `memory`; the timeout is always NULL. */
  recvmmsg(fd: number, vector: NativeAddress, count: number, flags: number): number;
  /** The same on a pool thread: `done` gets the result (or the FFI's error) on the JavaScript thread. */
  recvmmsgAsync(fd: number, vector: NativeAddress, count: number, flags: number, done: (err: unknown, result: number) => void): void;
  /** `bytes` of zeroed memory outside the JavaScript heap, for buffers a pool thread writes into. */
  allocNative(bytes: number): NativeMemory;
  /** Size in bytes and field offsets of struct iovec, msghdr and mmsghdr on this machine. */
  readonly layout: MsghdrLayout;
}

/** A native address as koffi passes it (opaque to callers). */
export type NativeAddress = unknown;

export interface NativeMemory {
  /** The memory as an ArrayBuffer (valid until `free`). */
  readonly buffer: ArrayBuffer;
  /** Its address, for pointers stored inside it. */
  readonly address: bigint;
  /** An address `offset` bytes in, to pass to a call. */
  at(offset: number): NativeAddress;
  free(): void;
}

export interface MsghdrLayout {
  readonly pointerBytes: number;
  readonly iovecBytes: number;
  readonly iovLen: number;
  readonly mmsghdrBytes: number;
  readonly msgIov: number;
  readonly msgIovlen: number;
  readonly msgFlags: number;
  readonly msgLen: number;
}

let loading: Promise<Libc> | undefined;

export function loadLibc(): Promise<Libc> {
  loading ??= load();
  return loading;
}

async function load(): Promise<Libc> {
  let koffi: (typeof import('koffi'))['default'];
  try {
    // Its CommonJS build: one synchronous load, a few milliseconds less than its ES module
    // graph (a live reading's start-up waits for this).
    koffi = createRequire(import.meta.url)('koffi') as typeof koffi;
  } catch (cause) {
    throw new KstatError('E_UNAVAILABLE', `netlink needs the koffi package, which did not load: ${(cause as Error).message}`, { cause });
  }
  try {
    const lib = koffi.load('libc.so.6');
    const recvmmsg = lib.func('int recvmmsg(int, void *, unsigned int, int, void *)');
    return {
      socket: lib.func('int socket(int, int, int)'),
      sendto: lib.func('intptr_t sendto(int, const void *, size_t, int, const void *, uint32_t)'),
      recv: lib.func('intptr_t recv(int, void *, size_t, int)'),
      setsockopt: lib.func('int setsockopt(int, int, int, const void *, uint32_t)'),
      getsockopt: lib.func('int getsockopt(int, int, int, void *, void *)'),
      setns: lib.func('int setns(int, int)'),
      close: lib.func('int close(int)'),
      errno: () => koffi.errno(),
      recvmmsg: (fd, vector, count, flags) => recvmmsg(fd, vector, count, flags, null),
      recvmmsgAsync: (fd, vector, count, flags, done) => recvmmsg.async(fd, vector, count, flags, null, done),
      allocNative: (bytes) => {
        const pointer = koffi.alloc('uint8_t', bytes);
        const address = koffi.address(pointer);
        const buffer = koffi.view(pointer, bytes);
        new Uint8Array(buffer).fill(0);
        return { buffer, address, at: (offset) => koffi.as(address + BigInt(offset), 'void *'), free: () => koffi.free(pointer) };
      },
      layout: msghdrLayout(koffi),
    };
  } catch (cause) {
    throw new KstatError('E_UNAVAILABLE', `netlink: libc could not be loaded through koffi: ${(cause as Error).message}`, { cause });
  }
}

/** The kernel's struct layouts as this machine's C compiler would lay them out (koffi knows the ABI). */
function msghdrLayout(koffi: (typeof import('koffi'))['default']): MsghdrLayout {
  const iovec = koffi.struct({ iov_base: 'void *', iov_len: 'size_t' });
  const msghdr = koffi.struct({
    msg_name: 'void *',
    msg_namelen: 'uint32_t',
    msg_iov: 'void *',
    msg_iovlen: 'size_t',
    msg_control: 'void *',
    msg_controllen: 'size_t',
    msg_flags: 'int',
  });
  const mmsghdr = koffi.struct({ msg_hdr: msghdr, msg_len: 'unsigned int' });
  return {
    pointerBytes: koffi.sizeof('void *'),
    iovecBytes: koffi.sizeof(iovec),
    iovLen: koffi.offsetof(iovec, 'iov_len'),
    mmsghdrBytes: koffi.sizeof(mmsghdr),
    msgIov: koffi.offsetof(msghdr, 'msg_iov'),
    msgIovlen: koffi.offsetof(msghdr, 'msg_iovlen'),
    msgFlags: koffi.offsetof(msghdr, 'msg_flags'),
    msgLen: koffi.offsetof(mmsghdr, 'msg_len'),
  };
}
