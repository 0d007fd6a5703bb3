/**
 * The snapshot file (.kss): every kstat of one source at one moment, header and data,
 * so `kstat`, `knetstat` and the library can read it later as a source. Byte layout,
 * maxima and the compatibility rule: docs/snapshot-format.md.
 *
 *   offset  size  field
 *   0       8     magic 89 4B 53 53 0D 0A 1A 0A ("\x89KSS\r\n\x1a\n", PNG-style: catches
 *                 7-bit and CR/LF-mangling transfers and a text file misnamed .kss)
 *   8       4     major version (uint32 BE) — a reader refuses another major
 *   12      4     minor version — a reader accepts any minor of its major
 *   16      4     flags: bits 0-15 must be understood (unknown → refused), 16-31 may be ignored
 *   20      4     body length N (uint32, multiple of 4, at most SNAPSHOT_BODY_MAX)
 *   24      N     body: snapshot_body_x (XDR)
 *   24+N    4     CRC-32 (zlib) of bytes [0, 24+N)
 *
 *   struct snapshot_extension_x { unsigned int tag; opaque data<>; };  // none in 1.0; skipped
 *   struct snapshot_body_x {
 *     string source_kind<64>;  string source_label<4096>;
 *     hyper *boot_time_ns;     // wall clock of the source's boot, ns since the epoch
 *     hyper saved_at_ns;       // wall clock of the save, ns since the epoch
 *     int chain_id;
 *     kstat_list_x kstats;     // kstat-x/codec.ts; kids strictly increasing, names unique
 *     snapshot_extension_x extensions<64>;
 *   };
 *
 * decodeSnapshot never throws on bad bytes: it returns a SnapshotError value naming the
 * byte offset. Pure: no I/O, no timers (the file I/O is sources/snapshot/snapshot-file.ts).
 */
import { KstatError } from '../../errors.js';
import type { SourceInfo, SourceKind } from '../../records/reading.js';
import { XdrReader } from '../xdr/reader.js';
import { XdrWriter } from '../xdr/writer.js';
import { XDR_LIMITS, XdrError } from '../xdr/types.js';
import { KSTAT_LIST_MAX, MIN_KSTAT_BYTES, readKstat, writeKstatList, type KstatWithData } from '../kstat-x/codec.js';
import { crc32 } from './crc32.js';

export const SNAPSHOT_MAGIC = Uint8Array.of(0x89, 0x4b, 0x53, 0x53, 0x0d, 0x0a, 0x1a, 0x0a);
export const SNAPSHOT_VERSION = { major: 1, minor: 0 } as const;
export const SNAPSHOT_HEADER_BYTES = 24;
export const SNAPSHOT_TRAILER_BYTES = 4;
/** Largest body: 1 GiB (a RAW kstat can carry a whole socket list). */
export const SNAPSHOT_BODY_MAX = 1_073_741_824;
export const SNAPSHOT_MAX_BYTES = SNAPSHOT_HEADER_BYTES + SNAPSHOT_BODY_MAX + SNAPSHOT_TRAILER_BYTES;
/** Flag bits a reader must understand; none are defined in 1.0. */
const CRITICAL_FLAGS_MASK = 0x0000ffff;
const KNOWN_CRITICAL_FLAGS = 0;
const EXTENSIONS_MAX = 64;
const LABEL_MAX = 4096;
const KIND_MAX = 64;

export interface SnapshotVersion {
  readonly major: number;
  readonly minor: number;
}

export interface Snapshot {
  /** The file's format version (encodeSnapshot always writes SNAPSHOT_VERSION). */
  readonly formatVersion: SnapshotVersion;
  /** The source the kstats were read from. */
  readonly source: SourceInfo;
  /** Wall clock of the source's boot, ns since the epoch, when the source knows it. */
  readonly bootTimeNs?: bigint;
  /** Wall clock of the save, ns since the epoch. */
  readonly savedAtNs: bigint;
  readonly chainId: number;
  /** Every kstat with the data of one reading, in kid order. */
  readonly kstats: readonly KstatWithData[];
}

export type SnapshotInput = Omit<Snapshot, 'formatVersion'> & { readonly formatVersion?: SnapshotVersion };

export type SnapshotErrorCode =
  | 'bad-magic' // not a snapshot file
  | 'unsupported-version' // another major version
  | 'unsupported-flags' // a must-understand flag this reader does not know
  | 'too-large' // the declared body length exceeds SNAPSHOT_BODY_MAX
  | 'truncated' // the file ends before the length its header declares
  | 'trailing-bytes' // bytes after the checksum
  | 'checksum' // the CRC-32 does not match: the file is damaged
  | 'malformed'; // the checksum matches but the body does not decode

export interface SnapshotError {
  readonly code: SnapshotErrorCode;
  /** Byte offset in the file where the problem was found. */
  readonly offset: number;
  readonly message: string;
}

export type SnapshotResult = { readonly ok: true; readonly snapshot: Snapshot } | { readonly ok: false; readonly error: SnapshotError };

export function encodeSnapshot(snapshot: SnapshotInput): Uint8Array {
  const body = new XdrWriter(64 * 1024);
  body.string(snapshot.source.kind, KIND_MAX).string(snapshot.source.label, LABEL_MAX);
  body.optional(snapshot.bootTimeNs, (w, v) => w.hyper(v));
  body.hyper(snapshot.savedAtNs).int(snapshot.chainId);
  writeKstatList(body, snapshot.kstats);
  body.uint(0); // extensions<>: none in 1.0
  if (body.length > SNAPSHOT_BODY_MAX) throw new KstatError('E_LIMIT', `snapshot body of ${body.length} bytes exceeds ${SNAPSHOT_BODY_MAX}`);
  const out = new Uint8Array(SNAPSHOT_HEADER_BYTES + body.length + SNAPSHOT_TRAILER_BYTES);
  const view = new DataView(out.buffer);
  out.set(SNAPSHOT_MAGIC, 0);
  view.setUint32(8, SNAPSHOT_VERSION.major);
  view.setUint32(12, SNAPSHOT_VERSION.minor);
  view.setUint32(16, 0);
  view.setUint32(20, body.length);
  out.set(body.toBytes(), SNAPSHOT_HEADER_BYTES);
  const end = SNAPSHOT_HEADER_BYTES + body.length;
  view.setUint32(end, crc32(out.subarray(0, end)));
  return out;
}

const fail = (code: SnapshotErrorCode, offset: number, message: string): SnapshotResult => ({
  ok: false,
  error: { code, offset, message: `snapshot: ${message} (at byte ${offset})` },
});

/** Checks the header, length and checksum, then decodes the body. Never throws on bad bytes. */
export function decodeSnapshot(bytes: Uint8Array): SnapshotResult {
  const head = checkHeader(bytes);
  if (!head.ok) return head.result;
  const { version, bodyLength } = head;
  const end = SNAPSHOT_HEADER_BYTES + bodyLength;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stored = view.getUint32(end);
  const computed = crc32(bytes.subarray(0, end));
  if (stored !== computed) {
    return fail('checksum', end, `checksum ${hex(stored)} does not match the content (${hex(computed)}): the file is damaged`);
  }
  try {
    return { ok: true, snapshot: readBody(new XdrReader(bytes.subarray(SNAPSHOT_HEADER_BYTES, end), SNAPSHOT_HEADER_BYTES), version) };
  } catch (err) {
    if (err instanceof XdrError) return fail('malformed', err.offset, err.message.replace(/^xdr: /, '').replace(/ at byte \d+$/, ''));
    throw err;
  }
}

type HeaderCheck = { ok: true; version: SnapshotVersion; bodyLength: number } | { ok: false; result: SnapshotResult };

function checkHeader(bytes: Uint8Array): HeaderCheck {
  const bad = (result: SnapshotResult): HeaderCheck => ({ ok: false, result });
  for (let i = 0; i < SNAPSHOT_MAGIC.length; i++) {
    if (i >= bytes.length) return bad(fail('truncated', i, `file of ${bytes.length} bytes ends inside the magic number`));
    if (bytes[i] !== SNAPSHOT_MAGIC[i]) return bad(fail('bad-magic', i, 'not a kstat snapshot file (bad magic number)'));
  }
  const truncatedHeader = () => bad(fail('truncated', bytes.length, `file of ${bytes.length} bytes ends inside the ${SNAPSHOT_HEADER_BYTES}-byte header`));
  // Magic and major (bytes 0-11) never move, so another major is named even in a short file.
  if (bytes.length < 12) return truncatedHeader();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = view.getUint32(8);
  if (major !== SNAPSHOT_VERSION.major) {
    return bad(fail('unsupported-version', 8, `format version ${major}.x is not supported (this reader reads ${SNAPSHOT_VERSION.major}.x)`));
  }
  if (bytes.length < SNAPSHOT_HEADER_BYTES) return truncatedHeader();
  const version = { major, minor: view.getUint32(12) };
  const flags = view.getUint32(16);
  const unknown = flags & CRITICAL_FLAGS_MASK & ~KNOWN_CRITICAL_FLAGS;
  if (unknown !== 0) return bad(fail('unsupported-flags', 16, `must-understand flags ${hex(unknown)} are not known to this reader`));
  const bodyLength = view.getUint32(20);
  if (bodyLength > SNAPSHOT_BODY_MAX) return bad(fail('too-large', 20, `body length ${bodyLength} exceeds the maximum ${SNAPSHOT_BODY_MAX}`));
  if (bodyLength % 4 !== 0) return bad(fail('malformed', 20, `body length ${bodyLength} is not a multiple of 4`));
  const total = SNAPSHOT_HEADER_BYTES + bodyLength + SNAPSHOT_TRAILER_BYTES;
  if (bytes.length < total) return bad(fail('truncated', bytes.length, `file of ${bytes.length} bytes is shorter than the ${total} its header declares`));
  if (bytes.length > total) return bad(fail('trailing-bytes', total, `${bytes.length - total} bytes follow the checksum`));
  return { ok: true, version, bodyLength };
}

function readBody(r: XdrReader, formatVersion: SnapshotVersion): Snapshot {
  const source = { kind: r.string(KIND_MAX) as SourceKind, label: r.string(LABEL_MAX) };
  const bootTimeNs = r.optional((r1) => r1.hyper());
  const savedAtNs = r.hyper();
  const chainId = r.int();
  const kstats = readKstats(r);
  // Extensions (none defined in 1.0) are skipped: a newer minor version may add them.
  r.array(EXTENSIONS_MAX, (r1) => r1.uint() + r1.opaque(XDR_LIMITS.opaque).length, 8);
  r.end('the snapshot body');
  const out = { formatVersion, source, savedAtNs, chainId, kstats };
  return bootTimeNs === undefined ? out : { ...out, bootTimeNs };
}

/** kstat_list_x, checking as it goes that kids strictly increase and names are unique. */
function readKstats(r: XdrReader): KstatWithData[] {
  const names = new Set<string>();
  let last = -Infinity;
  return r.array(KSTAT_LIST_MAX, (r1) => {
    const at = r1.offset;
    const k = readKstat(r1);
    const id = `${k.module}:${k.instance}:${k.name}`;
    if (k.kid <= last) r1.fail('value', `kid ${k.kid} (${id}) does not follow kid ${last}`, at);
    if (names.has(id)) r1.fail('value', `kstat ${id} appears twice`, at);
    names.add(id);
    last = k.kid;
    return k;
  }, MIN_KSTAT_BYTES);
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}

/** The error as a KstatError (code E_PARSE), for callers that throw. */
export function snapshotErrorToKstatError(error: SnapshotError, file?: string): KstatError {
  return new KstatError('E_PARSE', file === undefined ? error.message : `${file}: ${error.message}`, file === undefined ? {} : { file });
}
