/**
 * ONC RPC record marking on stream transports (RFC 5531 §11): a record (one RPC message)
 * is sent as one or more fragments, each preceded by a 4-byte big-endian word whose top
 * bit says "last fragment of the record" and whose low 31 bits give the fragment's length.
 *
 * RecordDeframer turns the bytes of a TCP stream, in chunks split anywhere, into records.
 * A peer can declare 2 GiB fragments or send endless fragments, so the deframer checks
 * every fragment header against its caps BEFORE buffering the fragment, and answers a
 * breach with a violation value (the connection should then be closed: the stream cannot
 * be resynchronised). recordFragments / frameRecord split one record into fragments of a
 * chosen size, so a large reply streams out without one huge write. Pure: no I/O, no timers.
 */
import { KstatError } from '../../errors.js';

export const LAST_FRAGMENT_BIT = 0x80000000;
export const FRAGMENT_LENGTH_MAX = 0x7fffffff;

export interface DeframerLimits {
  /** Largest record (sum of its fragments' lengths) accepted. */
  readonly maxRecordBytes: number;
  /** Most fragments in one record. */
  readonly maxFragments: number;
  /** Most zero-length non-last fragments in one record (legal, and free for an attacker to send). */
  readonly maxEmptyFragments: number;
}

/** Defaults for a server reading calls: 1 MiB covers a READ_BATCH of 65536 kids or 64 long selectors. */
export const CALL_LIMITS: DeframerLimits = Object.freeze({ maxRecordBytes: 1_048_576, maxFragments: 1024, maxEmptyFragments: 16 });

export type RecordViolation =
  | { readonly kind: 'record-too-large'; readonly limit: number; readonly declared: number; readonly offset: number }
  | { readonly kind: 'too-many-fragments' | 'empty-fragments'; readonly limit: number; readonly offset: number };

export interface DeframeResult {
  /** Records completed by this chunk, in order. */
  readonly records: Uint8Array[];
  /** Set when the stream broke a cap; the deframer then refuses all further input. */
  readonly violation?: RecordViolation;
}

export interface DeframerOptions {
  /**
   * Copy each record's data into a buffer of its own as it arrives, instead of keeping
   * views of the pushed chunks: the caller may then reuse its read buffer (a socket's
   * `onread` buffer), and a record of many fragments is not joined again at its end. A
   * record of several fragments starts with room for the last such record (replies to the
   * same call are alike in size), then doubles. For a client, which chose its server; a
   * server keeps views (an attacker's declared lengths then cost nothing until the bytes
   * arrive).
   */
  readonly copy?: boolean;
}

export class RecordDeframer {
  private readonly limits: DeframerLimits;
  private readonly copy: boolean;
  /** Copy mode: the record being assembled, and how much of it is filled. */
  private buf: Uint8Array | undefined;
  private filled = 0;
  /** Copy mode: the size of the last record of several fragments. */
  private hint = 0;
  private readonly header = new Uint8Array(4);
  private headerFill = 0;
  /** Data bytes of the current fragment still to come; -1 while reading a fragment header. */
  private fragmentLeft = -1;
  private fragmentLast = false;
  private parts: Uint8Array[] = [];
  private declared = 0;
  private fragments = 0;
  private empty = 0;
  /** Stream offset of the next byte pushed (for violation reports). */
  private consumed = 0;
  private broken: RecordViolation | undefined;

  constructor(limits: DeframerLimits = CALL_LIMITS, options: DeframerOptions = {}) {
    for (const k of ['maxRecordBytes', 'maxFragments', 'maxEmptyFragments'] as const) {
      if (!Number.isSafeInteger(limits[k]) || limits[k] < 0) throw new KstatError('E_ARGUMENT', `record deframer: ${k} must be a non-negative integer`);
    }
    this.limits = limits;
    this.copy = options.copy === true;
  }

  /** True when part of a record has arrived: the peer closing now truncates a message. */
  get midRecord(): boolean {
    return this.headerFill > 0 || this.fragmentLeft >= 0 || this.fragments > 0;
  }

  /**
   * Feeds one chunk. Completed records may be views into pushed chunks (unless `copy`): do
   * not modify a chunk after pushing it.
   */
  push(chunk: Uint8Array): DeframeResult {
    const records: Uint8Array[] = [];
    if (this.broken !== undefined) return { records, violation: this.broken };
    let pos = 0;
    while (pos < chunk.byteLength) {
      if (this.fragmentLeft < 0) {
        const take = Math.min(4 - this.headerFill, chunk.byteLength - pos);
        this.header.set(chunk.subarray(pos, pos + take), this.headerFill);
        this.headerFill += take;
        pos += take;
        if (this.headerFill < 4) break;
        this.broken = this.startFragment(this.consumed + pos - 4);
        if (this.broken !== undefined) return { records, violation: this.broken };
      } else {
        const take = Math.min(this.fragmentLeft, chunk.byteLength - pos);
        if (this.copy) this.copyIn(chunk.subarray(pos, pos + take));
        else this.parts.push(chunk.subarray(pos, pos + take));
        this.fragmentLeft -= take;
        pos += take;
      }
      if (this.fragmentLeft === 0) this.endFragment(records);
    }
    this.consumed += chunk.byteLength;
    return { records };
  }

  /** Reads the complete fragment header; a violation when it breaks a cap. */
  private startFragment(offset: number): RecordViolation | undefined {
    const word = ((this.header[0]! << 24) | (this.header[1]! << 16) | (this.header[2]! << 8) | this.header[3]!) >>> 0;
    this.headerFill = 0;
    const length = word & FRAGMENT_LENGTH_MAX;
    this.fragmentLast = (word & LAST_FRAGMENT_BIT) !== 0;
    this.fragments += 1;
    if (this.fragments > this.limits.maxFragments) return { kind: 'too-many-fragments', limit: this.limits.maxFragments, offset };
    if (length === 0 && !this.fragmentLast && ++this.empty > this.limits.maxEmptyFragments) {
      return { kind: 'empty-fragments', limit: this.limits.maxEmptyFragments, offset };
    }
    if (this.declared + length > this.limits.maxRecordBytes) {
      return { kind: 'record-too-large', limit: this.limits.maxRecordBytes, declared: this.declared + length, offset };
    }
    this.declared += length;
    this.fragmentLeft = length;
    return undefined;
  }

  /** Copy mode: appends data of the current record, making room first (never past what was declared). */
  private copyIn(data: Uint8Array): void {
    const need = this.filled + data.byteLength;
    let buf = this.buf;
    if (buf === undefined || buf.byteLength < need) {
      let room = Math.max(need, buf === undefined ? 0 : buf.byteLength * 2);
      if (!this.fragmentLast || this.fragments > 1) room = Math.max(room, this.hint);
      const next = new Uint8Array(Math.min(room, this.limits.maxRecordBytes)); // need ≤ what was declared ≤ the cap
      if (buf !== undefined) next.set(buf.subarray(0, this.filled));
      this.buf = buf = next;
    }
    buf.set(data, this.filled);
    this.filled = need;
  }

  private endFragment(records: Uint8Array[]): void {
    this.fragmentLeft = -1;
    if (!this.fragmentLast) return;
    if (this.copy) {
      const buf = this.buf ?? new Uint8Array(0);
      // A buffer much larger than its record (the size hint overshot) is not kept alive by it.
      records.push(buf.byteLength > 2 * this.filled + 4096 ? buf.slice(0, this.filled) : buf.subarray(0, this.filled));
      if (this.fragments > 1) this.hint = this.filled;
      this.buf = undefined;
      this.filled = 0;
    } else {
      records.push(this.parts.length === 1 ? this.parts[0]! : concat(this.parts, this.declared));
    }
    this.parts = [];
    this.declared = 0;
    this.fragments = 0;
    this.empty = 0;
  }
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

function fragmentHeader(length: number, last: boolean): Uint8Array {
  const h = new Uint8Array(4);
  new DataView(h.buffer).setUint32(0, (last ? LAST_FRAGMENT_BIT : 0) + length);
  return h;
}

/**
 * One record as fragments of at most `maxFragmentBytes` data bytes: alternately a 4-byte
 * header and a view of the record (for a vectored write). An empty record is one empty
 * last fragment.
 */
export function recordFragments(record: Uint8Array | readonly Uint8Array[], maxFragmentBytes: number = FRAGMENT_LENGTH_MAX): Uint8Array[] {
  if (!Number.isSafeInteger(maxFragmentBytes) || maxFragmentBytes < 1 || maxFragmentBytes > FRAGMENT_LENGTH_MAX) {
    throw new KstatError('E_ARGUMENT', `record marking: fragment size must be 1..${FRAGMENT_LENGTH_MAX}, got ${maxFragmentBytes}`);
  }
  if (!(record instanceof Uint8Array)) return piecesFragments(record, maxFragmentBytes);
  const out: Uint8Array[] = [];
  let at = 0;
  do {
    const n = Math.min(maxFragmentBytes, record.byteLength - at);
    out.push(fragmentHeader(n, at + n === record.byteLength), record.subarray(at, at + n));
    at += n;
  } while (at < record.byteLength);
  return out;
}

/**
 * A record given as pieces (an encoder's chunks: small views and large spliced data), as
 * fragments: the same bytes as the joined record would give, each data piece a view of
 * a given piece (nothing is copied).
 */
function piecesFragments(pieces: readonly Uint8Array[], maxFragmentBytes: number): Uint8Array[] {
  let left = 0;
  for (const p of pieces) left += p.byteLength;
  const out: Uint8Array[] = [];
  let index = 0;
  let offset = 0;
  do {
    const n = Math.min(maxFragmentBytes, left);
    out.push(fragmentHeader(n, n === left));
    for (let need = n; need > 0; ) {
      const piece = pieces[index]!;
      const take = Math.min(need, piece.byteLength - offset);
      if (take > 0) out.push(piece.subarray(offset, offset + take));
      offset += take;
      need -= take;
      if (offset === piece.byteLength) {
        index++;
        offset = 0;
      }
    }
    left -= n;
  } while (left > 0);
  return out;
}

/** One record framed as a single buffer (headers and data). */
export function frameRecord(record: Uint8Array, maxFragmentBytes: number = FRAGMENT_LENGTH_MAX): Uint8Array {
  const pieces = recordFragments(record, maxFragmentBytes);
  return concat(pieces, pieces.reduce((n, p) => n + p.byteLength, 0));
}
