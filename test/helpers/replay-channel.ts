/**
 * A NetlinkChannel that answers every dump with a saved capture instead of the kernel, and
 * records what was asked: assembler tests run offline on real replies.
 */
import type { NetlinkChannel } from '../../src/sources/netlink/channel.js';
import type { NetlinkSocket } from '../../src/sources/netlink/netlink-socket.js';
import { readCapture, replay } from './netlink-capture.js';

export interface ReplayChannel extends NetlinkChannel {
  /** Netlink protocols sockets were asked for, in order. */
  readonly protocols: number[];
  /** Every dump: message type and request payload. */
  readonly dumps: { type: number; payload: Uint8Array }[];
}

/** `capture`: a fixture name under test/fixtures/netlink, or the bytes of one (e.g. a corrupted copy). */
export function replayChannel(capture: string | Uint8Array): ReplayChannel {
  const protocols: number[] = [];
  const dumps: { type: number; payload: Uint8Array }[] = [];
  const socket = {
    dump(type: number, payload: Uint8Array, visit: (bytes: Uint8Array, view: DataView, type: number, start: number, end: number) => void) {
      dumps.push({ type, payload: payload.slice() });
      const walk = replay(typeof capture === 'string' ? readCapture(capture) : capture, visit);
      return { interrupted: walk.interrupted, messages: walk.messages };
    },
  };
  return {
    protocols,
    dumps,
    async socket(protocol: number) {
      protocols.push(protocol);
      return socket as unknown as NetlinkSocket;
    },
  };
}
