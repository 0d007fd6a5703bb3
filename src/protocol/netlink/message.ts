/**
 * Netlink messages: building a request and walking a receive buffer.
 *
 * A receive buffer holds whole messages back to back (struct nlmsghdr + payload, each
 * 4-aligned). Walking hands each message's type, flags and payload range to a visitor —
 * offsets into the caller's buffer, nothing copied — and ends with what the kernel said
 * about the dump as a whole: more to come, done, an error number, or that the bytes do
 * not hold together (a length that is too small or runs past the data). Every step
 * advances by at least one header, so a walk always ends.
 *
 * Pure: the caller owns the socket and the buffer.
 */
import { NLMSG_DONE, NLMSG_ERROR, NLMSG_HDRLEN, NLMSG_NOOP, NLMSG_OVERRUN, NLM_F_DUMP_INTR, align4 } from './constants.js';
import { HOST_LITTLE_ENDIAN } from './host-order.js';

/** Called once per data message: payload is bytes[start, end). */
export type MessageVisitor = (type: number, flags: number, start: number, end: number) => void;

export type WalkOutcome =
  /** Every message in the buffer was data: receive again. */
  | { readonly kind: 'more' }
  /** NLMSG_DONE with no error (or an ACK, error 0): the reply is complete. */
  | { readonly kind: 'done' }
  /** NLMSG_ERROR with a non-zero code, or NLMSG_DONE with a negative one: `errno` is positive (EINVAL = 22, …). */
  | { readonly kind: 'error'; readonly errno: number; readonly offset: number }
  /** The buffer does not parse as netlink messages from `offset` on. */
  | { readonly kind: 'malformed'; readonly offset: number; readonly message: string };

export interface WalkResult {
  readonly outcome: WalkOutcome;
  /** Whether any message carried NLM_F_DUMP_INTR: the table changed during the dump. */
  readonly interrupted: boolean;
  /** Data messages handed to the visitor. */
  readonly messages: number;
}

/**
 * Walk the messages in bytes[0, length). Messages whose sequence number is not `seq`
 * (left over from an earlier request on the same socket) are skipped.
 */
export function walkMessages(bytes: Uint8Array, length: number, seq: number, visit: MessageVisitor): WalkResult {
  const view = new DataView(bytes.buffer, bytes.byteOffset, Math.min(length, bytes.byteLength));
  const le = HOST_LITTLE_ENDIAN;
  let offset = 0;
  let interrupted = false;
  let messages = 0;
  const result = (outcome: WalkOutcome): WalkResult => ({ outcome, interrupted, messages });
  while (offset < view.byteLength) {
    const left = view.byteLength - offset;
    if (left < NLMSG_HDRLEN) return result({ kind: 'malformed', offset, message: `${left} trailing bytes, shorter than a message header` });
    const len = view.getUint32(offset, le);
    if (len < NLMSG_HDRLEN) return result({ kind: 'malformed', offset, message: `message length ${len} is shorter than its header` });
    if (len > left) return result({ kind: 'malformed', offset, message: `message length ${len} runs past the ${left} bytes received` });
    const type = view.getUint16(offset + 4, le);
    const flags = view.getUint16(offset + 6, le);
    const msgSeq = view.getUint32(offset + 8, le);
    const start = offset + NLMSG_HDRLEN;
    const end = offset + len;
    offset += Math.min(align4(len), left);
    if (msgSeq !== seq) continue;
    if ((flags & NLM_F_DUMP_INTR) !== 0) interrupted = true;
    if (type === NLMSG_DONE) {
      // A dump that fails once under way ends with NLMSG_DONE carrying the negative errno
      // (netlink_dump_done), not with NLMSG_ERROR: sock_diag answers a family or protocol it
      // has no handler for (raw_diag not built, ping sockets) this way, with ENOENT.
      const code = end - start >= 4 ? view.getInt32(start, le) : 0;
      return result(code < 0 ? { kind: 'error', errno: -code, offset: start } : { kind: 'done' });
    }
    if (type === NLMSG_ERROR) {
      if (end - start < 4) return result({ kind: 'malformed', offset: start, message: 'error message without an error code' });
      const code = view.getInt32(start, le);
      return result(code === 0 ? { kind: 'done' } : { kind: 'error', errno: -code, offset: start });
    }
    if (type === NLMSG_NOOP) continue;
    if (type === NLMSG_OVERRUN) return result({ kind: 'malformed', offset: start, message: 'the kernel reported a receive overrun (messages were lost)' });
    messages++;
    visit(type, flags, start, end);
  }
  return result({ kind: 'more' });
}

/** A request message: header + payload, padded to 4 bytes. */
export function buildMessage(type: number, flags: number, seq: number, payload: Uint8Array): Uint8Array {
  const len = NLMSG_HDRLEN + payload.length;
  const out = new Uint8Array(align4(len));
  const view = new DataView(out.buffer);
  const le = HOST_LITTLE_ENDIAN;
  view.setUint32(0, len, le);
  view.setUint16(4, type, le);
  view.setUint16(6, flags, le);
  view.setUint32(8, seq >>> 0, le);
  view.setUint32(12, 0, le); // port id 0: addressed to the kernel
  out.set(payload, NLMSG_HDRLEN);
  return out;
}

/**
 * Whether bytes[0, length) ends the reply to `seq`: it holds that reply's NLMSG_DONE or
 * NLMSG_ERROR, or does not parse (so nothing after it can be read either). Reads message
 * headers only: how a receiver decides to ask for more before walking the payloads.
 */
export function endsReply(bytes: Uint8Array, length: number, seq: number): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, Math.min(length, bytes.byteLength));
  const le = HOST_LITTLE_ENDIAN;
  let offset = 0;
  while (offset < view.byteLength) {
    const left = view.byteLength - offset;
    if (left < NLMSG_HDRLEN) return true;
    const len = view.getUint32(offset, le);
    if (len < NLMSG_HDRLEN || len > left) return true;
    const type = view.getUint16(offset + 4, le);
    if ((type === NLMSG_DONE || type === NLMSG_ERROR || type === NLMSG_OVERRUN) && view.getUint32(offset + 8, le) === seq) return true;
    offset += Math.min(align4(len), left);
  }
  return false;
}
