/**
 * A NetlinkChannel for internet-socket assembler tests: each sock_diag dump is answered
 * with the capture `pick` chooses for its request (family, protocol, ext, states), and ends
 * the way NetlinkSocket.dump ends — a kernel error in the capture (DONE or ERROR with an
 * errno) or bytes that do not walk are thrown as the KstatError the socket would throw.
 */
import { KstatError } from '../../src/errors.js';
import type { NetlinkChannel } from '../../src/sources/netlink/channel.js';
import type { NetlinkSocket } from '../../src/sources/netlink/netlink-socket.js';
import { readCapture, replay } from './netlink-capture.js';
import { TCPDIAG_GETSOCK } from '../../src/protocol/netlink/inet-diag.js';
import { IPPROTO_TCP } from '../../src/protocol/netlink/constants.js';

export interface InetDiagAsk {
  readonly family: number;
  readonly protocol: number;
  readonly ext: number;
  readonly states: number;
  readonly payload: Uint8Array;
}

export interface InetReplayChannel extends NetlinkChannel {
  /** Every SOCK_DIAG_BY_FAMILY dump asked, in order. */
  readonly asked: InetDiagAsk[];
  /** Every TCPDIAG_GETSOCK (both families of TCP at once) dump asked, family 0. */
  readonly compatAsked: InetDiagAsk[];
}

/**
 * `pick` names a fixture under test/fixtures/netlink or gives the bytes of one. The older
 * TCPDIAG_GETSOCK request is answered by `compat` when given, else refused (EINVAL) as a
 * kernel without it would, so the reader asks per family.
 */
export function inetReplayChannel(pick: (ask: InetDiagAsk) => string | Uint8Array, compat?: (ask: InetDiagAsk) => string | Uint8Array): InetReplayChannel {
  const asked: InetDiagAsk[] = [];
  const compatAsked: InetDiagAsk[] = [];
  const socket = {
    async dump(type: number, payload: Uint8Array, visit: (bytes: Uint8Array, view: DataView, type: number, start: number, end: number) => void) {
      const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
      let capture: string | Uint8Array;
      if (type === TCPDIAG_GETSOCK) {
        const ask = { family: 0, protocol: IPPROTO_TCP, ext: payload[3]!, states: view.getUint32(52, true), payload: payload.slice() };
        compatAsked.push(ask);
        if (compat === undefined) throw new KstatError('E_UNAVAILABLE', `replay: the kernel refused message type ${type}: errno 22`);
        capture = compat(ask);
      } else {
        const ask = { family: payload[0]!, protocol: payload[1]!, ext: payload[2]!, states: view.getUint32(4, true), payload: payload.slice() };
        asked.push(ask);
        capture = pick(ask);
      }
      const walk = replay(typeof capture === 'string' ? readCapture(capture) : capture, visit);
      const outcome = walk.outcome;
      if (outcome.kind === 'error') {
        const unsupported = [2, 22, 93, 95, 97].includes(outcome.errno);
        throw new KstatError(unsupported ? 'E_UNAVAILABLE' : 'E_SOURCE_IO', `replay: the kernel refused message type ${type}: errno ${outcome.errno}`);
      }
      if (outcome.kind === 'malformed') throw new KstatError('E_PARSE', `replay: reply to message type ${type} is malformed at byte ${outcome.offset}: ${outcome.message}`);
      return { interrupted: walk.interrupted, messages: walk.messages };
    },
  };
  return {
    asked,
    compatAsked,
    async socket() {
      return socket as unknown as NetlinkSocket;
    },
  };
}
