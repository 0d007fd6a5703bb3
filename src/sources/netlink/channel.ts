/**
 * The netlink sockets of one source: at most one per netlink protocol (rtnetlink,
 * sock_diag), opened on first use and kept for the source's life, all in the source's
 * network namespace. Assemblers take a channel, never open sockets themselves, so a
 * namespace is entered only here.
 */
import type { NetlinkSocket } from './netlink-socket.js';

export interface NetlinkChannel {
  socket(protocol: number): Promise<NetlinkSocket>;
}

const PROTOCOL_NAMES: Readonly<Record<number, string>> = { 0: 'rtnetlink', 4: 'sock_diag' };

export class NetlinkSockets implements NetlinkChannel {
  private readonly open = new Map<number, Promise<NetlinkSocket>>();

  /** `netnsPath`: a namespace file (/run/netns/NAME, /proc/PID/ns/net); undefined = this process's namespace. */
  constructor(private readonly netnsPath?: string) {}

  /**
   * Start loading the netlink code and the FFI now, in the background, for a source that
   * will read netlink: its first reading then does not wait for them (a short-lived
   * command's start-up is most of its time). A failure here is left to that reading.
   */
  preload(): void {
    import('./netlink-socket.js').then((m) => m.NetlinkSocket.preload()).catch(() => undefined);
  }

  socket(protocol: number): Promise<NetlinkSocket> {
    let s = this.open.get(protocol);
    if (s === undefined) {
      // Imported on first use: a source that only reads procfs never loads the netlink code.
      s = import('./netlink-socket.js').then((m) => m.NetlinkSocket.open(protocol, PROTOCOL_NAMES[protocol] ?? `netlink protocol ${protocol}`, this.netnsPath));
      this.open.set(protocol, s);
      s.catch(() => this.open.delete(protocol)); // a failed open is retried by the next reading
    }
    return s;
  }

  async close(): Promise<void> {
    const sockets = [...this.open.values()];
    this.open.clear();
    for (const s of sockets) {
      try {
        await (await s).close();
      } catch {
        // never opened: nothing to close
      }
    }
  }
}
