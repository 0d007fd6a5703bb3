/**
 * /proc/net/ip6_mr_cache — the IPv6 multicast forwarding cache of the default table,
 * printed by ipmr_mfc_seq_show in net/ipv6/ip6mr.c (CONFIG_IPV6_MROUTE):
 *   header "Group                            Origin                           Iif      Pkts  Bytes     Wrong  Oifs"
 *   "%pI6 %pI6 %-3hd" then " %8lu %8lu %8lu" then " %2d:%-3d" per output mif
 * The layout of ip_mr_cache, parsed by the same code (net-ip-mr-cache.ts); the
 * addresses are `%pI6` — eight colon-separated groups of four hex digits, uncompressed
 * (ff15:0000:...:1234), unlike the 32-digit `%pi6` of the other IPv6 files.
 */
import { ipv6FromColonHex } from '../text/hex-inet-address.js';
import type { ParseResult } from './parse-result.js';
import { parseMrCache, type NetMrCacheRow } from './net-ip-mr-cache.js';

export function parseNetIp6MrCache(text: string, file: string): ParseResult<NetMrCacheRow> {
  return parseMrCache(text, file, ipv6FromColonHex);
}
