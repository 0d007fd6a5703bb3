/**
 * The client allow-list: CIDR blocks, IPv4 and IPv6. A connection or datagram from an
 * address outside every block is refused before a byte of it is read. An IPv4-mapped
 * IPv6 peer (::ffff:a.b.c.d, what a dual-stack socket reports for an IPv4 client) is
 * matched as the IPv4 address it is, so `--allow 10.0.0.0/8` means the same on either
 * kind of socket. Pure: no I/O.
 */
import { isIPv4, isIPv6 } from 'node:net';

export interface Cidr {
  readonly family: 4 | 6;
  /** The network address as a 32- or 128-bit integer, host bits cleared. */
  readonly network: bigint;
  readonly prefix: number;
  /** As given, for logs. */
  readonly text: string;
}

/** The default: loopback only (127.0.0.0/8 and ::1). */
export const LOOPBACK_ONLY = ['127.0.0.0/8', '::1/128'] as const;

/** 'a.b.c.d' → 32-bit integer. Assumes isIPv4(text). */
function v4ToBigInt(text: string): bigint {
  return text.split('.').reduce((n, part) => (n << 8n) | BigInt(Number(part)), 0n);
}

/** Any IPv6 text form (with ::, with a dotted IPv4 tail) → 128-bit integer. Assumes isIPv6. */
function v6ToBigInt(text: string): bigint {
  let t = text.split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(t);
  if (dotted !== null) {
    const v = v4ToBigInt(dotted[1]!);
    t = `${t.slice(0, dotted.index)}${(v >> 16n).toString(16)}:${(v & 0xffffn).toString(16)}`;
  }
  const [head, tail] = t.includes('::') ? t.split('::') : [t, undefined];
  const h = head === '' ? [] : head!.split(':');
  const tl = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - tl.length).fill('0'), ...tl];
  return groups.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n);
}

const MAPPED_PREFIX = 0xffffn << 32n;

/** An address as (family, integer); IPv4-mapped IPv6 becomes IPv4. undefined if not an address. */
export function parseAddress(text: string): { family: 4 | 6; value: bigint } | undefined {
  if (isIPv4(text)) return { family: 4, value: v4ToBigInt(text) };
  if (!isIPv6(text)) return undefined;
  const value = v6ToBigInt(text);
  if (value >> 32n === 0xffffn) return { family: 4, value: value - MAPPED_PREFIX };
  return { family: 6, value };
}

/** "10.0.0.0/8", "::1/128", or a bare address (a /32 or /128). Throws Error with a reason. */
export function parseCidr(text: string): Cidr {
  const slash = text.indexOf('/');
  const addr = slash === -1 ? text : text.slice(0, slash);
  const family = isIPv4(addr) ? 4 : isIPv6(addr) && !addr.includes('%') ? 6 : undefined;
  if (family === undefined) throw new Error(`"${text}" is not an IPv4 or IPv6 address or CIDR block`);
  const bits = family === 4 ? 32 : 128;
  const prefixText = slash === -1 ? String(bits) : text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) throw new Error(`"${text}": the prefix length must be 0..${bits}`);
  const prefix = Number(prefixText);
  const value = family === 4 ? v4ToBigInt(addr) : v6ToBigInt(addr);
  const mask = ((1n << BigInt(prefix)) - 1n) << BigInt(bits - prefix);
  return { family, network: value & mask, prefix, text };
}

export class AllowList {
  readonly blocks: readonly Cidr[];

  constructor(blocks: readonly Cidr[]) {
    this.blocks = blocks;
  }

  static parse(texts: readonly string[]): AllowList {
    return new AllowList(texts.map(parseCidr));
  }

  /** Whether a peer address (as node:net reports it) is inside some block. */
  allows(address: string | undefined): boolean {
    if (address === undefined) return false;
    const a = parseAddress(address);
    if (a === undefined) return false;
    return this.blocks.some((b) => {
      if (b.family !== a.family) return false;
      const bits = b.family === 4 ? 32 : 128;
      return a.value >> BigInt(bits - b.prefix) === b.network >> BigInt(bits - b.prefix);
    });
  }
}
