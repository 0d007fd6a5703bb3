/**
 * Netlink attributes (struct nlattr / rtattr): type-length-value items after a
 * message's fixed header, 4-aligned, possibly nested.
 *
 * `walkAttributes` hands each attribute's type (flag bits removed) and payload range to
 * a visitor without copying; a length that is too small or runs past the enclosing
 * range stops the walk with a message naming the offset — the attributes before it
 * were delivered. The `read*` helpers read one payload in host order and say
 * `undefined` when the payload is too short for the value, so a truncated attribute
 * becomes a missing field, never a wrong one.
 */
import { issue, type Issue } from '../../errors.js';
import { NLA_HDRLEN, NLA_TYPE_MASK, align4 } from './constants.js';
import { HOST_LITTLE_ENDIAN } from './host-order.js';

export type AttributeVisitor = (type: number, start: number, end: number) => void;

/** Walk attributes in [start, end). Returns undefined when they all hold together, else what is wrong. */
export function walkAttributes(view: DataView, start: number, end: number, visit: AttributeVisitor): string | undefined {
  const le = HOST_LITTLE_ENDIAN;
  let offset = start;
  while (end - offset >= NLA_HDRLEN) {
    const len = view.getUint16(offset, le);
    if (len < NLA_HDRLEN) return `attribute at byte ${offset}: length ${len} is shorter than its header`;
    if (len > end - offset) return `attribute at byte ${offset}: length ${len} runs past the ${end - offset} bytes left`;
    visit(view.getUint16(offset + 2, le) & NLA_TYPE_MASK, offset + NLA_HDRLEN, offset + len);
    offset += align4(len);
  }
  return undefined;
}

export function readU8(view: DataView, start: number, end: number): number | undefined {
  return end - start >= 1 ? view.getUint8(start) : undefined;
}

export function readU16(view: DataView, start: number, end: number): number | undefined {
  return end - start >= 2 ? view.getUint16(start, HOST_LITTLE_ENDIAN) : undefined;
}

export function readU32(view: DataView, start: number, end: number): number | undefined {
  return end - start >= 4 ? view.getUint32(start, HOST_LITTLE_ENDIAN) : undefined;
}

export function readI32(view: DataView, start: number, end: number): number | undefined {
  return end - start >= 4 ? view.getInt32(start, HOST_LITTLE_ENDIAN) : undefined;
}

export function readU64(view: DataView, start: number, end: number): bigint | undefined {
  return end - start >= 8 ? view.getBigUint64(start, HOST_LITTLE_ENDIAN) : undefined;
}

/**
 * The check every attribute reader makes before reading a fixed-size value: `short(need,
 * what)` is true (and a 'truncated' issue of `file` names `where`, the attribute and its
 * size) when the payload [s, e) is shorter than `need` bytes.
 */
export function shortAttributeCheck(file: string, issues: Issue[], where: string, s: number, e: number): (need: number, what: string) => boolean {
  return (need, what) => {
    if (e - s >= need) return false;
    issues.push(issue(file, undefined, 'truncated', `${where}: ${what} at byte ${s} has ${e - s} bytes, needs ${need}`));
    return true;
  };
}

/** A NUL-terminated (or attribute-bounded) string, decoded as UTF-8. */
export function readString(bytes: Uint8Array, start: number, end: number): string {
  let stop = start;
  while (stop < end && bytes[stop] !== 0) stop++;
  return textDecoder.decode(bytes.subarray(start, stop));
}

const textDecoder = new TextDecoder('utf-8');

/** An attribute for a request: header + payload, padded to 4 bytes. */
export function buildAttribute(type: number, payload: Uint8Array): Uint8Array {
  const len = NLA_HDRLEN + payload.length;
  const out = new Uint8Array(align4(len));
  const view = new DataView(out.buffer);
  view.setUint16(0, len, HOST_LITTLE_ENDIAN);
  view.setUint16(2, type, HOST_LITTLE_ENDIAN);
  out.set(payload, NLA_HDRLEN);
  return out;
}
