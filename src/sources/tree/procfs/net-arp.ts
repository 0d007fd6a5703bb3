/**
 * /proc/net/arp — the IPv4 neighbour (ARP) cache of the network namespace, one line per
 * entry, printed by net/ipv4/arp.c arp_seq_show:
 *   header  "IP address       HW type     Flags       HW address            Mask     Device\n"
 *   row     "%-16s 0x%-10x0x%-10x%-17s     *        %s\n"
 *            IP address, HW type, Flags, HW address, Mask, Device
 * The six columns are the same since 2.2's arp_get_info; only the padding changed (the
 * hardware address was `%s` before it became `%-17s`). Column names have spaces in them
 * ("IP address", "HW type", "HW address"), so the header is split where two or more blanks
 * (or a tab) separate names, and the known two-word names are recognised inside a chunk.
 * Rows are split on whitespace: no printed value has a blank in it (dev_valid_name
 * refuses whitespace in interface names).
 *
 * What each column holds:
 * - IP address: `%pI4` (a dotted quad; NIPQUAD in old kernels, same text).
 * - HW type: the ARPHRD_* type of the device, `0x%x` (0x1 = Ethernet).
 * - Flags: ATF_* bits from arp_state_to_flags, `0x%x`: 0x2 ATF_COM (NUD_VALID), 0x6
 *   ATF_PERM|ATF_COM (NUD_PERMANENT), 0x0 otherwise (incomplete, failed).
 * - HW address: the device's addr_len bytes as lower-case hex joined by ':' (upper case
 *   before hex_asc_hi, 2.6-era kernels). At most 9 bytes are printed (HBUFFERLEN 30): a
 *   longer address (InfiniBand: 20 bytes) is cut. For an entry without a valid address the
 *   kernel prints whatever n->ha holds: zeros for a new entry, the old address for one
 *   that failed. AX.25 and NET/ROM devices (ARPHRD_AX25 3, ARPHRD_NETROM 0) print a
 *   callsign instead (ax2asc2: "N0CALL-5", or "*" when empty). A device with addr_len 0
 *   prints nothing: the row then has one field fewer, the Mask's "*" right after Flags;
 *   such a row is read with `hwAddress: ''`.
 * - Mask: always "*".
 * - Device: the interface name.
 * Proxy entries (arp_format_pneigh_entry, `ip neigh add proxy`) follow the neighbours in
 * the same format: HW type 0x0 when the entry has no device, Flags 0xc (ATF_PUBL|ATF_PERM,
 * no ATF_COM), HW address "00:00:00:00:00:00", Device "*" when it has none. Entries in
 * state NOARP or NONE (0) are never listed: arp_seq_start passes NEIGH_SEQ_SKIP_NOARP, which
 * skips every entry without a state bit other than NUD_NOARP.
 *
 * Header-driven: columns are found by name; an unknown column is kept as text under its
 * name in `extra`; a missing optional column (HW type, HW address, Mask) leaves its field
 * undefined; a header without IP address, Flags or Device cannot identify entries and
 * gives `bad-header`. The address is kept as printed: the assembler validates it.
 */
import { parseHeaderTable, type HeaderColumn } from '../text/header-table.js';
import type { ParseResult } from './parse-result.js';

/** One /proc/net/arp line. Keys are the kernel's column names in camel case (see COLUMNS). */
export interface NetArpRow {
  /** 1-based line number in the file. */
  readonly line: number;
  /** "IP address", as printed. */
  readonly ipAddress: string;
  /** "HW type": the ARPHRD_* number. */
  readonly hwType?: number;
  /** "Flags": the ATF_* bits. */
  readonly flags: number;
  /** "HW address", as printed (hex bytes, a callsign, or '' when the kernel printed none). */
  readonly hwAddress?: string;
  /** "Mask", as printed (always "*"). */
  readonly mask?: string;
  /** "Device": the interface name ("*" for a proxy entry without one). */
  readonly device: string;
  /** Columns of a newer kernel, as printed, by header name. */
  readonly extra?: Record<string, string>;
}


const PREFIXED_HEX32 = /^0[xX][0-9A-Fa-f]{1,8}$/;

/** `0x%x` of an unsigned int → number; undefined without the 0x prefix or over 32 bits. */
const prefixedHex = (text: string): number | undefined => (PREFIXED_HEX32.test(text) ? Number.parseInt(text.slice(2), 16) : undefined);
const asPrinted = (text: string): string => text;

const HEX = '0x-prefixed hex of at most 32 bits';

/** Known columns by header name, and how each is printed (see the format above). */
const COLUMNS: Readonly<Record<string, HeaderColumn>> = {
  'IP address': { key: 'ipAddress', parse: asPrinted },
  'HW type': { key: 'hwType', parse: prefixedHex, expected: HEX },
  Flags: { key: 'flags', parse: prefixedHex, expected: HEX },
  'HW address': { key: 'hwAddress', parse: asPrinted },
  Mask: { key: 'mask', parse: asPrinted },
  Device: { key: 'device', parse: asPrinted },
};

/** Known names of two words, "first second", to recognise inside a header chunk. */
const TWO_WORD = new Set(Object.keys(COLUMNS).filter((name) => name.includes(' ')));

const REQUIRED = ['IP address', 'Flags', 'Device'] as const;

/** Where names are apart in the header: two or more blanks, or a tab. */
const NAME_GAP = /[ \t]{2,}|\t/;

/**
 * The column names of a header line. The kernel separates names by two or more spaces
 * and words of one name by one space; a chunk that still holds several words (a header
 * written with single spaces) is split into the known names, other words one column
 * each. A chunk of only unknown words is one (multi-word) name.
 */
export function arpHeaderColumns(line: string): string[] {
  const names: string[] = [];
  for (const chunk of line.split(NAME_GAP)) {
    const words = chunk.split(' ').filter((w) => w !== '');
    if (words.length === 0) continue;
    const joined = words.join(' ');
    if (words.length === 1 || Object.hasOwn(COLUMNS, joined)) {
      names.push(joined);
      continue;
    }
    const split: string[] = [];
    let known = false;
    for (let i = 0; i < words.length; i++) {
      const pair = i + 1 < words.length ? `${words[i]} ${words[i + 1]}` : undefined;
      if (pair !== undefined && TWO_WORD.has(pair)) {
        split.push(pair);
        known = true;
        i++;
      } else {
        const word = words[i] as string;
        if (Object.hasOwn(COLUMNS, word)) known = true;
        split.push(word);
      }
    }
    if (known) names.push(...split);
    else names.push(joined);
  }
  return names;
}

export function parseNetArp(text: string, file: string): ParseResult<NetArpRow> {
  return parseHeaderTable<NetArpRow>(text, file, { columns: COLUMNS, required: REQUIRED, header: arpHeaderColumns, adjust: withEmptyHardwareAddress });
}

/**
 * A device with addr_len 0 gets an empty `%-17s`: the row lacks the HW address field and
 * the Mask's "*" stands where the address would. Recognised only in that exact shape
 * (HW address directly before Mask, "*" in its place); anything else stays short.
 */
function withEmptyHardwareAddress(header: readonly string[], values: string[]): string[] {
  const at = header.indexOf('HW address');
  if (values.length !== header.length - 1 || at < 0 || header[at + 1] !== 'Mask' || values[at] !== '*') return values;
  return [...values.slice(0, at), '', ...values.slice(at)];
}
