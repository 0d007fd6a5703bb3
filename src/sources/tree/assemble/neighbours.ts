/**
 * /proc/net/arp rows → `Neighbour` records (IPv4 only: procfs has no IPv6 neighbour table,
 * which is said once per reading as an `unavailable` entry).
 *
 * What procfs tells (net/ipv4/arp.c, see procfs/net-arp.ts): the address, the device name,
 * its ARPHRD_* type, and of the NUD state only ATF_COM (complete: NUD_VALID) and ATF_PERM
 * (permanent). So `complete` comes from ATF_COM, `state` is 'permanent' with ATF_PERM and
 * undefined otherwise (a complete entry may be reachable, stale, delay or probe: procfs
 * does not say which), and every rtnetlink-only field is undefined.
 *
 * The link-layer address is kept only for a complete entry: for any other the kernel
 * prints n->ha as it is (zeros for a new entry, the last address for a failed one), which
 * is not the neighbour's address. Hex addresses are lower-cased (2.6-era kernels print
 * upper case); an AX.25/NET/ROM callsign is kept as printed. The kernel prints at most 9
 * bytes: a 9-byte address may be a longer one cut short (InfiniBand has 20), so it is not
 * kept, and that is said once as `unavailable`.
 *
 * Proxy entries (ATF_PUBL, printed after the neighbours by arp_format_pneigh_entry) are
 * not neighbours of this view and are left out.
 */
import { issue, type Issue } from '../../../errors.js';
import { PROCFS_NEIGHBOUR_GAPS, type Neighbour } from '../../../records/neighbour.js';
import { parseNetArp, type NetArpRow } from '../procfs/net-arp.js';
import type { TreeReader } from '../reader.js';
import { parseUnsignedCounter } from '../text/counter.js';
import { appendAll, emptyPart, readInto, requireSome, type Part } from './part.js';

const FILE = 'proc/net/arp';

/** include/uapi/linux/if_arp.h ATF_* bits, as arp_state_to_flags and the pneigh line print them. */
const ATF_COM = 0x02;
const ATF_PERM = 0x04;
const ATF_PUBL = 0x08;

/** include/uapi/linux/if_arp.h: devices whose "HW address" is an ax2asc2 callsign. */
const ARPHRD_NETROM = 0;
const ARPHRD_AX25 = 3;

/** arp_format_neigh_entry prints at most (HBUFFERLEN 30 - 3) / 3 = 9 bytes. */
const MAX_PRINTED_BYTES = 9;

const IPV6_UNAVAILABLE = { what: PROCFS_NEIGHBOUR_GAPS.ipv6, reason: 'procfs has no IPv6 neighbour table; rtnetlink (RTM_GETNEIGH) has it' } as const;
/** What /proc/net/arp never prints (see procfs/net-arp.ts). */
const NOARP_UNAVAILABLE = {
  what: PROCFS_NEIGHBOUR_GAPS.noarp,
  file: FILE,
  reason: '/proc/net/arp skips them (NEIGH_SEQ_SKIP_NOARP); rtnetlink (RTM_GETNEIGH) lists them',
} as const;

const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
/** `%pI4`: four decimal octets without leading zeros. */
const DOTTED_QUAD = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
const HEX_BYTES = /^[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2})*$/;
const PREFIXED_HEX = /^0[xX][0-9A-Fa-f]+$/;

/**
 * Reads the IPv4 neighbour cache of the source (but its NOARP and NONE entries, which procfs
 * does not print: said as `unavailable`). Throws `E_UNAVAILABLE` when the source has
 * no /proc/net/arp (a capture without it, a kernel without CONFIG_PROC_FS): "not from this
 * source" is not an empty list.
 */
export async function readNeighbours(reader: TreeReader): Promise<Part<Neighbour[]>> {
  const part = emptyPart<Neighbour[]>([]);
  const text = await readInto(part, reader, FILE, 'IPv4 neighbours');
  requireSome(part, text !== undefined, 'neighbours');
  const parsed = parseNetArp(text as string, FILE);
  appendAll(part.issues, parsed.issues);
  const notes: Notes = { dropped: new Set(), truncated: false, issues: part.issues };
  for (const row of parsed.rows) {
    if ((row.flags & ATF_PUBL) !== 0) continue;
    const record = toRecord(row, notes);
    if (record !== undefined) part.data.push(record);
  }
  if (notes.truncated) {
    part.unavailable.push({
      what: 'link-layer addresses of 9 bytes or more',
      file: FILE,
      reason: 'the kernel prints at most 9 bytes of a hardware address, so a whole one cannot be told from a cut one; rtnetlink (NDA_LLADDR) has them whole',
    });
  }
  part.unavailable.push({ ...NOARP_UNAVAILABLE }, { ...IPV6_UNAVAILABLE });
  return part;
}

interface Notes {
  /** Unknown columns already reported as not numeric (one issue per column). */
  readonly dropped: Set<string>;
  /** Some complete entry printed 9 address bytes (possibly cut). */
  truncated: boolean;
  readonly issues: Issue[];
}

function toRecord(row: NetArpRow, notes: Notes): Neighbour | undefined {
  if (!DOTTED_QUAD.test(row.ipAddress)) {
    notes.issues.push(issue(FILE, row.line, 'bad-address', `IP address is not a dotted quad: ${JSON.stringify(row.ipAddress)}`, row.ipAddress));
    return undefined;
  }
  const complete = (row.flags & ATF_COM) !== 0;
  return {
    family: 'inet',
    address: row.ipAddress,
    ifindex: undefined,
    interface: row.device,
    linkAddress: complete ? linkAddress(row, notes) : undefined,
    hardwareType: row.hwType,
    complete,
    state: (row.flags & ATF_PERM) !== 0 ? 'permanent' : undefined,
    stateBits: undefined,
    router: undefined,
    flagNames: undefined,
    probes: undefined,
    sinceConfirmed: undefined,
    sinceUsed: undefined,
    sinceUpdated: undefined,
    refcount: undefined,
    extra: row.extra === undefined ? undefined : keepNumbers(row, notes),
  };
}

/** The printed hardware address of a complete entry as the record keeps it, or undefined. */
function linkAddress(row: NetArpRow, notes: Notes): string | undefined {
  const text = row.hwAddress;
  // '' : the device has no link-layer address (addr_len 0); '*': ax2asc2's empty callsign.
  if (text === undefined || text === '' || text === '*') return undefined;
  if (HEX_BYTES.test(text)) {
    if ((text.length + 1) / 3 >= MAX_PRINTED_BYTES) {
      notes.truncated = true;
      return undefined;
    }
    return text.toLowerCase();
  }
  if (row.hwType === ARPHRD_AX25 || row.hwType === ARPHRD_NETROM) return text;
  notes.issues.push(issue(FILE, row.line, 'bad-address', `HW address is not hex bytes joined by ":": ${JSON.stringify(text)}`, text));
  return undefined;
}

/**
 * Unknown columns become `extra` numbers when decimal or 0x hex. Any other text cannot be
 * a counter: one issue per column, at its first line.
 */
function keepNumbers(row: NetArpRow, notes: Notes): Record<string, bigint> | undefined {
  let extra: Record<string, bigint> | undefined;
  for (const [name, text] of Object.entries(row.extra ?? {})) {
    const value = PREFIXED_HEX.test(text) ? BigInt(`0x${text.slice(2)}`) : parseUnsignedCounter(text);
    if (value !== undefined) {
      Object.defineProperty((extra ??= {}), name, { value, enumerable: true, writable: true, configurable: true });
    } else if (!notes.dropped.has(name)) {
      notes.dropped.add(name);
      notes.issues.push(issue(FILE, row.line, 'bad-number', `unknown column ${name} is not a decimal or 0x hex number; not kept`, text));
    }
  }
  return extra;
}
