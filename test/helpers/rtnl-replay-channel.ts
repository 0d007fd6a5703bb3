/**
 * A NetlinkChannel that answers rtnetlink dumps from captures instead of the kernel, so
 * the assemblers (readInterfaces, readRoutes) run offline on real replies. Each request
 * is answered by the capture named for its message type and family; `interruptions`
 * makes the first N dumps report NLM_F_DUMP_INTR, as a changing table would.
 */
import type { NetlinkChannel } from '../../src/sources/netlink/channel.js';
import type { NetlinkSocket } from '../../src/sources/netlink/netlink-socket.js';
import { KstatError } from '../../src/errors.js';
import { readCapture, replay } from './netlink-capture.js';

export interface ReplayOptions {
  /** Capture name by "<request type>/<family>" (family = first payload byte). */
  readonly captures: Readonly<Record<string, string>>;
  readonly interruptions?: number;
  /** Requests ("<type>/<family>") the fake kernel refuses with E_UNAVAILABLE. */
  readonly refuse?: readonly string[];
  /** Changes a capture's bytes before they are replayed (a copy is passed). */
  readonly patch?: (name: string, bytes: Uint8Array) => Uint8Array;
}

export const RTNL_CAPTURES: Readonly<Record<string, string>> = {
  '18/0': 'rtnl-link',
  '22/0': 'rtnl-addr',
  '26/2': 'rtnl-route-inet',
  '26/10': 'rtnl-route-inet6',
};

export class ReplayChannel implements NetlinkChannel {
  /** Requests in the order they were made, as "<type>/<family>". */
  readonly requests: string[] = [];
  private interruptionsLeft: number;

  constructor(private readonly options: ReplayOptions = { captures: RTNL_CAPTURES }) {
    this.interruptionsLeft = options.interruptions ?? 0;
  }

  async socket(_protocol: number): Promise<NetlinkSocket> {
    const fake = {
      dump: (type: number, payload: Uint8Array, visit: (bytes: Uint8Array, view: DataView, type: number, start: number, end: number) => void) => {
        const key = `${type}/${payload[0] ?? 0}`;
        this.requests.push(key);
        if (this.options.refuse?.includes(key)) throw new KstatError('E_UNAVAILABLE', `replay: request ${key} refused`);
        const name = this.options.captures[key];
        if (name === undefined) throw new Error(`replay: no capture for request ${key}`);
        const bytes = readCapture(name);
        const walk = replay(this.options.patch?.(name, bytes.slice()) ?? bytes, visit);
        const interrupted = this.interruptionsLeft > 0;
        if (interrupted) this.interruptionsLeft--;
        return { interrupted, messages: walk.messages };
      },
    };
    return fake as unknown as NetlinkSocket;
  }
}
