/**
 * Bodies of the portmapper / rpcbind calls a kstatd registers with and a client finds it
 * by (RFC 1833). Program 100000 on port 111, TCP and UDP.
 *
 * Version 2 (portmapper):
 *   struct mapping { unsigned int prog; unsigned int vers; unsigned int prot; unsigned int port; };
 *   struct *pmaplist { mapping map; pmaplist next; };       // a linked list of optional-data
 *   bool PMAPPROC_SET(mapping) = 1;   bool PMAPPROC_UNSET(mapping) = 2;   // UNSET ignores prot, port
 *   unsigned int PMAPPROC_GETPORT(mapping) = 3;             // ignores port; 0 = not registered
 *   pmaplist PMAPPROC_DUMP(void) = 4;
 *
 * Versions 3 and 4 (rpcbind), with universal addresses (uaddr.ts):
 *   struct rpcb { unsigned int r_prog; unsigned int r_vers; string r_netid<>;
 *                 string r_addr<>; string r_owner<>; };      // "unsigned long" in rpcb_prot.x
 *   struct rp__list { rpcb rpcb_map; struct rp__list *rpcb_next; };
 *   bool RPCBPROC_SET(rpcb) = 1;      bool RPCBPROC_UNSET(rpcb) = 2;     // UNSET: netid "" = all
 *   string RPCBPROC_GETADDR(rpcb) = 3;                      // "" = not registered
 *   rpcblist_ptr RPCBPROC_DUMP(void) = 4;
 *
 * Strings and lists are bounded here (RPCB_STRING_MAX, BINDING_LIST_MAX) although the RFC
 * leaves them open: a reply is input from the network. Decoders throw XdrError and
 * require that the whole body was used. Pure: no I/O.
 */
import { XdrReader } from '../xdr/reader.js';
import { XdrWriter } from '../xdr/writer.js';

export const PMAP_PROG = 100000;
export const PMAP_VERS = 2;
export const PMAP_PORT = 111;
export const PMAPPROC = { NULL: 0, SET: 1, UNSET: 2, GETPORT: 3, DUMP: 4, CALLIT: 5 } as const;
export const RPCBPROG = 100000;
export const RPCBVERS = 3;
export const RPCBVERS4 = 4;
export const RPCBPROC = {
  NULL: 0, SET: 1, UNSET: 2, GETADDR: 3, DUMP: 4, CALLIT: 5, GETTIME: 6, UADDR2TADDR: 7, TADDR2UADDR: 8,
  GETVERSADDR: 9, INDIRECT: 10, GETADDRLIST: 11, GETSTAT: 12,
} as const;
/** mapping.prot values. */
export const IPPROTO = { TCP: 6, UDP: 17 } as const;
/** The r_netid values for our transports (netconfig names). */
export const NETID = { TCP: 'tcp', UDP: 'udp', TCP6: 'tcp6', UDP6: 'udp6', LOCAL: 'local' } as const;
/** Bound on r_netid, r_addr, r_owner: a unix socket path is at most 108 bytes. */
export const RPCB_STRING_MAX = 1024;
/** Bound on the entries of a DUMP reply. */
export const BINDING_LIST_MAX = 65_536;

export interface PmapMapping {
  readonly prog: number;
  readonly vers: number;
  /** IPPROTO.TCP or IPPROTO.UDP. */
  readonly prot: number;
  readonly port: number;
}

export interface Rpcb {
  readonly prog: number;
  readonly vers: number;
  readonly netid: string;
  /** Universal address; "" in a GETADDR or UNSET call. */
  readonly addr: string;
  /** Owner of the registration (rpcbind sets it from the caller's uid); "" when asking. */
  readonly owner: string;
}

function decodeWhole<T>(bytes: Uint8Array, what: string, read: (r: XdrReader) => T): T {
  const r = new XdrReader(bytes);
  const value = read(r);
  r.end(what);
  return value;
}

function encodeWith(write: (w: XdrWriter) => void): Uint8Array {
  const w = new XdrWriter(64);
  write(w);
  return w.toBytes();
}

// ---------------------------------------------------------------- version 2

export function writeMapping(w: XdrWriter, m: PmapMapping): void {
  w.uint(m.prog).uint(m.vers).uint(m.prot).uint(m.port);
}

export function readMapping(r: XdrReader): PmapMapping {
  return { prog: r.uint(), vers: r.uint(), prot: r.uint(), port: r.uint() };
}

/** Arguments of PMAPPROC_SET, UNSET and GETPORT. */
export const encodeMapping = (m: PmapMapping): Uint8Array => encodeWith((w) => writeMapping(w, m));
export const decodeMapping = (bytes: Uint8Array): PmapMapping => decodeWhole(bytes, 'mapping', readMapping);

/** Result of PMAPPROC_GETPORT: the port, 0 when not registered. */
export const encodePort = (port: number): Uint8Array => encodeWith((w) => w.uint(port));
export function decodePort(bytes: Uint8Array): number {
  return decodeWhole(bytes, 'port', (r) => {
    const at = r.offset;
    const port = r.uint();
    if (port > 65535) r.fail('value', `port ${port} is not a port`, at);
    return port;
  });
}

/** Result of the SET and UNSET procedures of every version. */
export const encodeBool = (ok: boolean): Uint8Array => encodeWith((w) => w.bool(ok));
export const decodeBool = (bytes: Uint8Array): boolean => decodeWhole(bytes, 'bool', (r) => r.bool());

/** A linked list of optional-data (pmaplist, rpcblist_ptr), read without recursion. */
function writeLinked<T>(w: XdrWriter, items: readonly T[], item: (w: XdrWriter, v: T) => void): void {
  for (const v of items) item(w.bool(true), v);
  w.bool(false);
}

function readLinked<T>(r: XdrReader, item: (r: XdrReader) => T): T[] {
  const out: T[] = [];
  for (;;) {
    const at = r.offset;
    if (!r.bool()) return out;
    if (out.length === BINDING_LIST_MAX) r.fail('limit', `more than ${BINDING_LIST_MAX} entries`, at);
    out.push(item(r));
  }
}

/** Result of PMAPPROC_DUMP. */
export const encodePmapList = (list: readonly PmapMapping[]): Uint8Array => encodeWith((w) => writeLinked(w, list, writeMapping));
export const decodePmapList = (bytes: Uint8Array): PmapMapping[] => decodeWhole(bytes, 'pmaplist', (r) => readLinked(r, readMapping));

// ---------------------------------------------------------------- versions 3, 4

export function writeRpcb(w: XdrWriter, b: Rpcb): void {
  w.uint(b.prog).uint(b.vers).string(b.netid, RPCB_STRING_MAX).string(b.addr, RPCB_STRING_MAX).string(b.owner, RPCB_STRING_MAX);
}

export function readRpcb(r: XdrReader): Rpcb {
  return { prog: r.uint(), vers: r.uint(), netid: r.string(RPCB_STRING_MAX), addr: r.string(RPCB_STRING_MAX), owner: r.string(RPCB_STRING_MAX) };
}

/** Arguments of RPCBPROC_SET, UNSET and GETADDR. */
export const encodeRpcb = (b: Rpcb): Uint8Array => encodeWith((w) => writeRpcb(w, b));
export const decodeRpcb = (bytes: Uint8Array): Rpcb => decodeWhole(bytes, 'rpcb', readRpcb);

/** Result of RPCBPROC_GETADDR: a universal address, "" when not registered. */
export const encodeAddrResult = (uaddr: string): Uint8Array => encodeWith((w) => w.string(uaddr, RPCB_STRING_MAX));
export const decodeAddrResult = (bytes: Uint8Array): string => decodeWhole(bytes, 'uaddr', (r) => r.string(RPCB_STRING_MAX));

/** Result of RPCBPROC_DUMP. */
export const encodeRpcbList = (list: readonly Rpcb[]): Uint8Array => encodeWith((w) => writeLinked(w, list, writeRpcb));
export const decodeRpcbList = (bytes: Uint8Array): Rpcb[] => decodeWhole(bytes, 'rpcblist', (r) => readLinked(r, readRpcb));
