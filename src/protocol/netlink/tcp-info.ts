/**
 * struct tcp_info (include/uapi/linux/tcp.h), as sock_diag sends it in INET_DIAG_INFO and
 * getsockopt(TCP_INFO) returns it.
 *
 * The struct only ever grows at its end, and the kernel sends its own size, so the length
 * received says which fields this kernel has: a field is read only when all of its bytes are
 * inside the attribute. An older kernel's shorter struct gives fewer fields; a newer kernel's
 * longer one gives the fields named here and its extra bytes are left alone until this table
 * names them. Nothing is guessed as zero.
 *
 * The table is the layout of 6.18. Its last 4 bytes (offset 276) are padding there (the
 * struct's u64 members round its size up to 280); later kernels give them a meaning
 * (AccECN failure/option state), packed differently across versions, so they are not named.
 *
 * Two bytes hold bit fields, split by the compiler's bit order: the first declared field sits
 * in the low bits on little-endian ABIs and in the high bits on big-endian ones.
 */
import { HOST_LITTLE_ENDIAN } from './host-order.js';

export interface TcpInfoField {
  /** The kernel's name without the tcpi_ prefix. */
  readonly name: string;
  readonly offset: number;
  readonly size: 1 | 2 | 4 | 8;
}

/** Plain fields in struct order; byte 6 and 7 (bit fields) are handled on their own. */
const FIELDS: readonly TcpInfoField[] = (() => {
  const out: TcpInfoField[] = [];
  let offset = 0;
  const add = (size: 1 | 2 | 4 | 8, ...names: string[]): void => {
    for (const name of names) {
      out.push({ name, offset, size });
      offset += size;
    }
  };
  add(1, 'state', 'ca_state', 'retransmits', 'probes', 'backoff', 'options');
  offset += 2; // the two bit-field bytes
  add(4, 'rto', 'ato', 'snd_mss', 'rcv_mss', 'unacked', 'sacked', 'lost', 'retrans', 'fackets');
  add(4, 'last_data_sent', 'last_ack_sent', 'last_data_recv', 'last_ack_recv');
  add(4, 'pmtu', 'rcv_ssthresh', 'rtt', 'rttvar', 'snd_ssthresh', 'snd_cwnd', 'advmss', 'reordering', 'rcv_rtt', 'rcv_space', 'total_retrans');
  add(8, 'pacing_rate', 'max_pacing_rate', 'bytes_acked', 'bytes_received');
  add(4, 'segs_out', 'segs_in', 'notsent_bytes', 'min_rtt', 'data_segs_in', 'data_segs_out');
  add(8, 'delivery_rate', 'busy_time', 'rwnd_limited', 'sndbuf_limited');
  add(4, 'delivered', 'delivered_ce');
  add(8, 'bytes_sent', 'bytes_retrans');
  add(4, 'dsack_dups', 'reord_seen', 'rcv_ooopack', 'snd_wnd', 'rcv_wnd', 'rehash');
  add(2, 'total_rto', 'total_rto_recoveries');
  add(4, 'total_rto_time', 'received_ce', 'delivered_e1_bytes', 'delivered_e0_bytes', 'delivered_ce_bytes');
  add(4, 'received_e1_bytes', 'received_e0_bytes', 'received_ce_bytes');
  return out;
})();

/** Every field in struct order with its byte offset and size, the bit fields as the byte that holds them. */
export const TCP_INFO_FIELDS: readonly TcpInfoField[] = [
  ...FIELDS.slice(0, 6),
  { name: 'snd_wscale', offset: 6, size: 1 },
  { name: 'rcv_wscale', offset: 6, size: 1 },
  { name: 'delivery_rate_app_limited', offset: 7, size: 1 },
  { name: 'fastopen_client_fail', offset: 7, size: 1 },
  ...FIELDS.slice(6),
];

/** Every field name in struct order: the keys a full 6.18 struct gives. */
export const TCP_INFO_NAMES: readonly string[] = TCP_INFO_FIELDS.map((f) => f.name);

/** Byte offset of every field, for readers of a few fields. */
export const TCP_INFO_OFFSET: Readonly<Record<string, number>> = Object.fromEntries(TCP_INFO_FIELDS.map((f) => [f.name, f.offset]));

/** Bytes of struct tcp_info that this table names (6.18: 276 of the 280 sent). */
export const TCP_INFO_KNOWN_BYTES = FIELDS[FIELDS.length - 1]!.offset + FIELDS[FIELDS.length - 1]!.size;

/** BigInts of the small values most fields hold, made once: a 100k-socket read with internals would otherwise allocate millions. */
const SMALL = Array.from({ length: 4096 }, (_, i) => BigInt(i));

function big(value: number): bigint {
  return value < SMALL.length ? SMALL[value]! : BigInt(value);
}

/**
 * Every field inside view[start, end), by name, as exact unsigned integers. A struct shorter
 * than a field leaves that field (and all later ones) out.
 */
export function parseTcpInfo(view: DataView, start: number, end: number): Record<string, bigint> {
  const out: Record<string, bigint> = {};
  const length = Math.max(0, end - start);
  const le = HOST_LITTLE_ENDIAN;
  for (let i = 0; i < 6 && i < length; i++) out[FIELDS[i]!.name] = big(view.getUint8(start + i));
  if (length >= 7) {
    const b = view.getUint8(start + 6);
    out.snd_wscale = big(le ? b & 0xf : b >>> 4);
    out.rcv_wscale = big(le ? b >>> 4 : b & 0xf);
  }
  if (length >= 8) {
    const b = view.getUint8(start + 7);
    out.delivery_rate_app_limited = big(le ? b & 1 : b >>> 7);
    out.fastopen_client_fail = big(le ? (b >>> 1) & 3 : (b >>> 5) & 3);
  }
  for (let i = 6; i < FIELDS.length; i++) {
    const f = FIELDS[i]!;
    if (f.offset + f.size > length) break;
    const at = start + f.offset;
    out[f.name] = f.size === 8 ? view.getBigUint64(at, le) : big(f.size === 4 ? view.getUint32(at, le) : view.getUint16(at, le));
  }
  return out;
}

/** One u32 field at `offset` of the struct in view[start, end), or undefined when the struct is too short for it. */
export function tcpInfoU32(view: DataView, start: number, end: number, offset: number): number | undefined {
  return offset + 4 <= end - start ? view.getUint32(start + offset, HOST_LITTLE_ENDIAN) : undefined;
}

/** One u8 field, same rule. */
export function tcpInfoU8(view: DataView, start: number, end: number, offset: number): number | undefined {
  return offset + 1 <= end - start ? view.getUint8(start + offset) : undefined;
}

/** One u64 field, same rule. */
export function tcpInfoU64(view: DataView, start: number, end: number, offset: number): bigint | undefined {
  return offset + 8 <= end - start ? view.getBigUint64(start + offset, HOST_LITTLE_ENDIAN) : undefined;
}

const RAW = Symbol('tcp_info bytes');

interface Pending {
  [RAW]?: { readonly bytes: Uint8Array; readonly start: number; readonly end: number } | number;
}

/**
 * Give `record` a `tcpInfo` property that decodes bytes[start, end) (a private copy of one
 * struct tcp_info, which must not change afterwards) when first read, then keeps the result.
 * Why: decoding ~68 fields into exact bigints for every socket of a 100k-socket listing costs
 * more than everything else the listing does, and most callers read a few typed fields (rttUs,
 * cwnd, …) or none. The property is an own, enumerable accessor, so Object.keys/entries, JSON
 * and the wire encoders see it like any other field; assigning to it replaces it with a value.
 */
export function defineLazyTcpInfo(record: object, bytes: Uint8Array, start: number, end: number): void {
  (record as Pending)[RAW] = { bytes, start, end };
  Object.defineProperty(record, 'tcpInfo', { get: decodeOnFirstRead, set: replace, enumerable: true, configurable: true });
}

function decodeOnFirstRead(this: Pending): Record<string, bigint> | undefined {
  const raw = this[RAW];
  if (raw === undefined || typeof raw === 'number') return undefined;
  const value = parseTcpInfo(new DataView(raw.bytes.buffer, raw.bytes.byteOffset, raw.bytes.byteLength), raw.start, raw.end);
  replace.call(this, value);
  return value;
}

function replace(this: Pending, value: unknown): void {
  Object.defineProperty(this, 'tcpInfo', { value, writable: true, enumerable: true, configurable: true });
  delete this[RAW];
}
